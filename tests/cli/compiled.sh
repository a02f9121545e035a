# Compiled gazetteers: `nergraph gazetteer compile` writes one .ngz file,
# `-g FILE.ngz` gives output byte-identical to the sources in every format
# (the bundled gazetteers and a hostile one), the file is known by its
# first bytes whatever its name, and a truncated, foreign or misused file
# is refused with its name, what is wrong and what to do.
. "$ROOT/tests/cli/lib.sh"

G=$ROOT/gazetteers
inputs="$ROOT/samples/news-sample.txt $ROOT/tests/gazetteers/cases/*.txt"

"$NERGRAPH" gazetteer compile -o "$T/b.ngz" "$G" >"$T/out" 2>"$T/err"; code=$?
expect_err "compile: the bundled gazetteers compile" 0 "$T/err"
if [ "$(head -c 4 "$T/b.ngz" 2>/dev/null | od -An -c | tr -d ' ')" = '211NGZ' ]; then
    pass "compile: the file starts with the .ngz magic"
else
    fail "compile: the file starts with the .ngz magic" "$(head -c 8 "$T/b.ngz" | od -c)"
fi
"$NERGRAPH" gazetteer compile -o "$T/b2.ngz" "$G" 2>/dev/null
check "compile: the same sources give the same bytes" cmp "$T/b.ngz" "$T/b2.ngz"

# same_output NAME GAZ_A GAZ_B ARGS...: both runs exit 0 with non-empty,
# identical output.
same_output() {
    name=$1; ga=$2; gb=$3; shift 3
    "$NERGRAPH" -g "$ga" "$@" >"$T/a.out" 2>"$T/a.err"; ca=$?
    "$NERGRAPH" -g "$gb" "$@" >"$T/b.out" 2>"$T/b.err"; cb=$?
    if [ "$ca" -ne 0 ] || [ "$cb" -ne 0 ]; then
        fail "$name" "exit $ca and $cb: $(head -c 400 "$T/a.err") $(head -c 400 "$T/b.err")"
    elif [ ! -s "$T/a.out" ]; then
        fail "$name" "no output"
    elif ! cmp -s "$T/a.out" "$T/b.out"; then
        fail "$name" "$(diff "$T/a.out" "$T/b.out" | head -20)"
    elif ! cmp -s "$T/a.err" "$T/b.err"; then
        fail "$name" "warnings differ: $(diff "$T/a.err" "$T/b.err" | head -10)"
    else
        pass "$name"
    fi
}

for f in json dot graphml gml gexf mentions; do
    # shellcheck disable=SC2086
    same_output "bundled: -g DIR and -g DIR.ngz give the same $f" "$G" "$T/b.ngz" -f "$f" $inputs
done
# shellcheck disable=SC2086
same_output "bundled: the same with sentence windows and --types" "$G" "$T/b.ngz" \
    -f json --window sentence --types person,country $inputs
# shellcheck disable=SC2086
same_output "bundled: --words none in place of the stored word list" "$G" "$T/b.ngz" \
    -f mentions --words none $inputs
printf 'turkey\nchad\n' >"$T/words.txt"
# shellcheck disable=SC2086
same_output "bundled: --words FILE in place of the stored word list" "$G" "$T/b.ngz" \
    -f mentions --words "$T/words.txt" $inputs
# shellcheck disable=SC2086
same_output "bundled: --given-names none in place of the stored given-name list" "$G" \
    "$T/b.ngz" -f mentions --given-names none $inputs
printf 'Nigerian\nGoogle\n' >"$T/given.txt"
# shellcheck disable=SC2086
same_output "bundled: --given-names FILE in place of the stored given-name list" "$G" \
    "$T/b.ngz" -f mentions --given-names "$T/given.txt" $inputs
"$NERGRAPH" gazetteer compile --given-names none -o "$T/nogiven.ngz" "$G" 2>"$T/err"
# The stored (empty) list is used as it is, with no option at run time.
# shellcheck disable=SC2086
"$NERGRAPH" -g "$G" --given-names none -f mentions $inputs >"$T/a.out" 2>&1
# shellcheck disable=SC2086
"$NERGRAPH" -g "$T/nogiven.ngz" -f mentions $inputs >"$T/b.out" 2>&1
if [ -s "$T/a.out" ] && cmp -s "$T/a.out" "$T/b.out"; then
    pass "bundled: compiled with --given-names none, run as the sources with it"
else
    fail "bundled: compiled with --given-names none, run as the sources with it" \
        "$(diff "$T/a.out" "$T/b.out" | head -10)"
fi
if [ -s "$T/b.ngz" ] && [ -s "$T/nogiven.ngz" ] && ! cmp -s "$T/b.ngz" "$T/nogiven.ngz"; then
    pass "compile: the given-name list is stored (the files differ without it)"
else
    fail "compile: the given-name list is stored (the files differ without it)" "same bytes"
fi
cp "$T/b.ngz" "$T/compiled-gazetteer.data"
# shellcheck disable=SC2086
same_output "bundled: known by its magic, not its name" "$G" "$T/compiled-gazetteer.data" \
    -f json $inputs

# A hostile gazetteer: quotes, markup, right-to-left text, emoji, a
# pattern, an ignored phrase, an alias shared by two entities, a prior.
mkdir -p "$T/hostile"
cat >"$T/hostile/a.tsv" <<'TSV'
q"uote	organization	Quoto "Q" Quux	i:quoto	say=he said "hi"
<b>x</b>	organization	<b>Bold</b> Htmlco	Bold|Htmlco	html=<i>x</i>&lt
rtl:שלום	person	مرحبا عالم	عالم	dir=‮evil‬
emoji:🚀	organization	Rocket 🚀 Corp	re:Rocket\s*🚀	icon=👩‍💻
p:jordan	person	Michael Jordan	Jordan	prior=1
c:jordan	country	Jordan	Hashemite Kingdom	prior=5
x:newjordan	ignore	New Jordan
TSV
printf 'p:jordan\tperson\tMichael Jordan\tMJ\n' >"$T/hostile/b.tsv"
printf 'htmlco\n' >"$T/hostile/english-words.txt"
cat >"$T/story.txt" <<'TXT'
Quoto "Q" Quux and QUOTO met <b>Bold</b> Htmlco in Jordan. Michael Jordan
said "hi" to مرحبا عالم; Rocket 🚀 Corp and Rocket🚀 flew to New Jordan.

Htmlco rose. MJ left Jordan, and Jordan's team won.
TXT
"$NERGRAPH" gazetteer compile -o "$T/h.ngz" "$T/hostile" >"$T/out" 2>"$T/err"; code=$?
expect_err "hostile: compiles" 0 "$T/err"
for f in json dot graphml mentions; do
    same_output "hostile: -g DIR and -g DIR.ngz give the same $f" "$T/hostile" "$T/h.ngz" \
        -f "$f" "$T/story.txt"
done
"$NERGRAPH" gazetteer compile -o "$T/hf.ngz" "$T/hostile/a.tsv" "$T/hostile/b.tsv" \
    >"$T/out" 2>"$T/err"; code=$?
expect_err "hostile: files compile as -g takes them" 0 "$T/err"
"$NERGRAPH" -g "$T/hostile/a.tsv" -g "$T/hostile/b.tsv" -f mentions "$T/story.txt" >"$T/a.out" 2>&1
"$NERGRAPH" -g "$T/hf.ngz" -f mentions "$T/story.txt" >"$T/b.out" 2>&1
if [ -s "$T/a.out" ] && grep -q '"p:jordan"' "$T/a.out" && cmp -s "$T/a.out" "$T/b.out"; then
    pass "hostile: -g FILE -g FILE and the files compiled together give the same mentions"
else
    fail "hostile: -g FILE -g FILE and the files compiled together give the same mentions" \
        "$(diff "$T/a.out" "$T/b.out" | head -10)"
fi

# ---- refusals ---------------------------------------------------------
size=$(wc -c <"$T/h.ngz")
head -c $((size / 2)) "$T/h.ngz" >"$T/cut.ngz"
"$NERGRAPH" -g "$T/cut.ngz" -f json "$T/story.txt" >"$T/out" 2>"$T/err"; code=$?
expect_err "refused: a truncated file, with what to do" 1 "$T/err" \
    "nergraph: $T/cut.ngz: truncated" "compile it again with 'nergraph gazetteer compile'"
if [ -s "$T/out" ]; then fail "refused: nothing written on stdout"
else pass_failure "refused: nothing written on stdout"; fi
# The version field (16 bytes at offset 16) of another release.
{ head -c 16 "$T/h.ngz"; printf '9.9.9\000\000\000\000\000\000\000\000\000\000\000'
  tail -c +33 "$T/h.ngz"; } >"$T/old.ngz"
"$NERGRAPH" -g "$T/old.ngz" -f json "$T/story.txt" >"$T/out" 2>"$T/err"; code=$?
expect_err "refused: a file from another nergraph version" 1 "$T/err" \
    "$T/old.ngz: compiled by nergraph 9.9.9, this is nergraph" "nergraph gazetteer compile"
"$NERGRAPH" -g "$T/h.ngz" -g "$T/hostile/b.tsv" -f json "$T/story.txt" >"$T/out" 2>"$T/err"; code=$?
expect_err "refused: a compiled gazetteer with another -g" 1 "$T/err" \
    "cannot be added to a compiled gazetteer" "compile all the gazetteers into one file"
"$NERGRAPH" -g "$T/hostile/b.tsv" -g "$T/h.ngz" -f json "$T/story.txt" >"$T/out" 2>"$T/err"; code=$?
expect_err "refused: a compiled gazetteer after another -g" 1 "$T/err" \
    "$T/h.ngz: a compiled gazetteer must be loaded alone"
"$NERGRAPH" gazetteer compile "$T/hostile" >"$T/out" 2>"$T/err"; code=$?
expect_err "compile: -o is required" 2 "$T/err" "name the file to write with -o FILE.ngz"
printf 'p:x\tperson\n' >"$T/broken.tsv"
"$NERGRAPH" gazetteer compile -o "$T/broken.ngz" "$T/broken.tsv" >"$T/out" 2>"$T/err"; code=$?
expect_err "compile: a malformed row is reported with its line" 1 "$T/err" \
    "$T/broken.tsv:1: expected 3 to 5 tab-separated columns"
if [ -e "$T/broken.ngz" ]; then fail "compile: no file written after an error"
else pass_failure "compile: no file written after an error"; fi
"$NERGRAPH" gazetteer compile -o "$T/w.ngz" --words "$T/nope.txt" "$T/hostile" >"$T/out" 2>"$T/err"; code=$?
expect_err "compile: an unreadable --words file" 1 "$T/err" "$T/nope.txt: cannot open word list"
