#!/bin/sh
# Hostile gazetteers, through the command line: wrong column counts, empty
# columns, unusable aliases, an id with two types, a million rows, patterns
# that do not compile, backtrack without end or match the empty string, and
# --strict turning every such warning into a failure.
. "$ROOT/tests/cli/lib.sh"

printf 'Donald Trump met officials in Ukraine.\n' >"$T/story.txt"
GOOD='c:ua	country	Ukraine'

# run NAME ARGS...: run nergraph, stdout to $T/NAME.out, stderr to
# $T/NAME.err, exit status in $code.
run() {
    rn=$1; shift
    timeout 60 "$NERGRAPH" "$@" >"$T/$rn.out" 2>"$T/$rn.err"
    code=$?
}
# ids.py JSONL IDS: the mentions' ids, in order, are IDS (space separated);
# no mention is empty and every one slices its document to its text.
cat >"$T/ids.py" <<'EOF'
import json, sys
got, docs = [], {}
for line in open(sys.argv[1], encoding="utf-8"):
    m = json.loads(line)
    assert m["start"] < m["end"], "zero-length mention %r" % m
    d = docs.setdefault(m["doc"], open(m["doc"], "rb").read())
    assert d[m["start"]:m["end"]] == m["text"].encode("utf-8"), m
    got.append(m["id"])
want = sys.argv[2].split()
assert got == want, "ids %r, want %r" % (got, want)
EOF

# ---- column counts ----
printf '# id\ttype\tname\n%s\np:x\tperson\n' "$GOOD" >"$T/cols2.tsv"
run cols2 -g "$T/cols2.tsv" "$T/story.txt"
expect_err "2 columns: exit 1, FILE:LINE, found 2" 1 "$T/cols2.err" \
    "$T/cols2.tsv:3: expected 3 to 5 tab-separated columns" "found 2"
printf '%s\np:x person Donald Trump\n' "$GOOD" >"$T/cols1.tsv"
run cols1 -g "$T/cols1.tsv" "$T/story.txt"
expect_err "1 column (spaces, no tabs): exit 1, FILE:LINE, found 1" 1 "$T/cols1.err" \
    "$T/cols1.tsv:2: expected 3 to 5 tab-separated columns" "found 1"
printf '%s\np:x\tperson\tDonald Trump\tTrump\tk=v\textra\n' "$GOOD" >"$T/cols6.tsv"
run cols6 -g "$T/cols6.tsv" "$T/story.txt"
expect_err "6 columns: exit 1, FILE:LINE, found 6" 1 "$T/cols6.err" \
    "$T/cols6.tsv:2: expected 3 to 5 tab-separated columns" "found 6"

# ---- empty id / type / name ----
printf '%s\n\tperson\tDonald Trump\n' "$GOOD" >"$T/empty-id.tsv"
printf '%s\np:x\t\tDonald Trump\n' "$GOOD" >"$T/empty-type.tsv"
printf '%s\np:x\tperson\t\tTrump\n' "$GOOD" >"$T/empty-name.tsv"
for c in id type name; do
    run "empty-$c" -g "$T/empty-$c.tsv" "$T/story.txt"
    expect_err "empty $c column: exit 1, FILE:LINE" 1 "$T/empty-$c.err" \
        "$T/empty-$c.tsv:2: the $c column is empty"
done

# ---- unusable aliases: warnings, exit 0, the rest still matches ----
printf '%s\np:t\tperson\tDonald Trump\tTrump||POTUS\n' "$GOOD" >"$T/bars.tsv"
printf 'POTUS and Ukraine. Donald Trump.\n' >"$T/bars.txt"
run bars -g "$T/bars.tsv" -f mentions "$T/bars.txt"
expect_err "empty alias between '||': warning, exit 0" 0 "$T/bars.err" \
    "$T/bars.tsv:2: empty alias ignored (remove the extra '|')"
check "empty alias between '||': the other aliases still match" \
    "$PY" "$T/ids.py" "$T/bars.out" "p:t c:ua p:t"

printf '%s\np:t\tperson\tDonald Trump\t---|Trump\n' "$GOOD" >"$T/punct.tsv"
printf 'Trump --- Ukraine.\n' >"$T/punct.txt"
run punct -g "$T/punct.tsv" -f mentions "$T/punct.txt"
expect_err "punctuation-only alias: warning, exit 0" 0 "$T/punct.err" \
    "$T/punct.tsv:2: alias '---' has no letter or digit and would match punctuation; ignored"
check "punctuation-only alias: '---' in the text is not a mention" \
    "$PY" "$T/ids.py" "$T/punct.out" "p:t c:ua"

printf '%s\np:t\tperson\tDonald Trump\tTrump|   \n' "$GOOD" >"$T/spaces.tsv"
run spaces -g "$T/spaces.tsv" -f mentions "$T/story.txt"
expect_err "spaces-only alias: 'empty alias ignored', exit 0" 0 "$T/spaces.err" \
    "$T/spaces.tsv:2: empty alias ignored"
check "spaces-only alias: the names still match" "$PY" "$T/ids.py" "$T/spaces.out" "p:t c:ua"

# ---- one id, two types ----
printf 'x:1\tperson\tXavier One\n%s\nx:1\tcountry\tXland\n' "$GOOD" >"$T/types.tsv"
run types -g "$T/types.tsv" "$T/story.txt"
expect_err "id with two types in one file: exit 1, both places named" 1 "$T/types.err" \
    "$T/types.tsv:3: id 'x:1' has type 'country' here but 'person' at $T/types.tsv:1"
printf '%s\nx:1\tperson\tXavier One\n' "$GOOD" >"$T/types-a.tsv"
printf 'x:1\torganization\tXcorp\n' >"$T/types-b.tsv"
run types2 -g "$T/types-a.tsv" -g "$T/types-b.tsv" "$T/story.txt"
expect_err "id with two types in two files: exit 1, the first file named" 1 "$T/types2.err" \
    "$T/types-b.tsv:1: id 'x:1' has type 'organization' here but 'person' at $T/types-a.tsv:2"

# ---- a million rows ----
"$PY" - "$T/million.tsv" <<'EOF'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for base in range(0, 1000000, 100000):
        f.write("".join("g:%d\tperson\tPerson%d Name%d\tAlias%d\n" % (i, i, i, i)
                        for i in range(base, base + 100000)))
EOF
printf 'Yesterday Person999999 Name999999 met Alias500000 and Alias0.\n' >"$T/million.txt"
t0=$(date +%s)
timeout 300 "$NERGRAPH" -g "$T/million.tsv" -f mentions "$T/million.txt" >"$T/million.out" 2>"$T/million.err"
code=$?
t1=$(date +%s)
echo "NOTE 1M-row gazetteer: $((t1 - t0)) s"
if [ $code -eq 0 ]; then pass "1M-row gazetteer: loads and tags within 300 s, exit 0"
else fail "1M-row gazetteer: loads and tags within 300 s, exit 0" "status $code (124 = timed out)" \
    "$(head -c 500 "$T/million.err")"; fi
check "1M-row gazetteer: last row's name, a middle alias and the first alias found" \
    "$PY" "$T/ids.py" "$T/million.out" "g:999999 g:500000 g:0"
rm -f "$T/million.tsv"

# ---- patterns ----
printf '%s\norg:broken\torganization\tBroken Org\tre:(unclosed\n' "$GOOD" >"$T/unclosed.tsv"
run unclosed -g "$T/unclosed.tsv" "$T/story.txt"
expect_err "pattern that does not compile: exit 1, id and offset" 1 "$T/unclosed.err" \
    "pattern of 'org:broken' does not compile:" "at offset"

printf 're:bt\torganization\tBacktrack Org\tre:(a+)+$\n' >"$T/bt.tsv"
"$PY" -c 'print("a" * 40 + "!")' >"$T/bt.txt"
for jit in jit nojit; do
    if [ $jit = jit ]; then
        timeout 20 "$NERGRAPH" -g "$T/bt.tsv" -f mentions "$T/bt.txt" >"$T/bt-$jit.out" 2>"$T/bt-$jit.err"
    else
        NERGRAPH_NO_JIT=1 timeout 20 "$NERGRAPH" -g "$T/bt.tsv" -f mentions "$T/bt.txt" \
            >"$T/bt-$jit.out" 2>"$T/bt-$jit.err"
    fi
    code=$?
    expect_err "catastrophic backtracking ($jit): ends within 20 s, exit 0, warning" 0 "$T/bt-$jit.err" \
        "pattern of 're:bt' ($T/bt.tsv:1) stopped: match limit exceeded"
done

printf '%s\nre:empty\torganization\tEmpty Org\tre:x*\n' "$GOOD" >"$T/emptyre.tsv"
printf 'Ukraine, xxx and Empty Org.\n' >"$T/emptyre.txt"
run emptyre -g "$T/emptyre.tsv" -f mentions "$T/emptyre.txt"
expect_err "pattern matching the empty string: warning, exit 0" 0 "$T/emptyre.err" \
    "pattern of 're:empty' can match the empty string; empty matches are ignored"
check "pattern matching the empty string: no zero-length mentions" "$PY" -c '
import json, sys
ms = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert ms, "no mentions at all"
for m in ms:
    assert m["end"] > m["start"], "zero-length mention %r" % m
' "$T/emptyre.out"

# ---- --strict: every warning above is an error, no output written ----
strict() {  # strict NAME GAZ TEXT
    rm -f "$T/strict.json"
    timeout 20 "$NERGRAPH" --strict -g "$2" -f json -o "$T/strict.json" "$3" >"$T/strict.out" 2>"$T/strict.err"
    code=$?
    expect_err "--strict, $1: exit 1, 'no output written'" 1 "$T/strict.err" "--strict: " "no output written"
    if ! exited_with 1 "$T/strict.err" "no output written"; then fail "--strict, $1: no output file" "$why"
    elif [ -e "$T/strict.json" ]; then fail "--strict, $1: no output file" "$(ls -l "$T/strict.json")"
    else pass_failure "--strict, $1: no output file"; fi
}
strict "empty alias '||'" "$T/bars.tsv" "$T/bars.txt"
strict "punctuation-only alias" "$T/punct.tsv" "$T/punct.txt"
strict "spaces-only alias" "$T/spaces.tsv" "$T/story.txt"
strict "match limit exceeded" "$T/bt.tsv" "$T/bt.txt"
strict "empty-string pattern" "$T/emptyre.tsv" "$T/emptyre.txt"
