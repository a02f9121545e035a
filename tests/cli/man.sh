# The man pages: nergraph(1) and nergraph-gazetteer(5) render without a
# groff warning, nergraph(1) documents every long option and subcommand
# that --help lists, and both carry the library's version.
. "$ROOT/tests/cli/lib.sh"
for page in "$ROOT/man/nergraph.1" "$ROOT/man/nergraph-gazetteer.5"; do
    name=$(basename "$page")
    MANWIDTH=80 man --warnings -l "$page" >"$T/rendered" 2>"$T/warnings"
    code=$?
    if [ $code -eq 0 ] && [ ! -s "$T/warnings" ] && [ -s "$T/rendered" ]; then
        pass_static "man $name renders without warnings"
    else
        fail "man $name renders without warnings" "exit $code" "$(head -20 "$T/warnings")"
    fi
done

# The page source with roff escapes dropped: \-\-min\-weight reads --min-weight.
sed 's/\\//g' "$ROOT/man/nergraph.1" >"$T/page"
"$NERGRAPH" --help >"$T/help" 2>&1
"$NERGRAPH" gazetteer --help >>"$T/help" 2>&1
opts=$(grep -oE -- '--[a-z][a-z-]*[a-z]' "$T/help" | sort -u)
n=$(printf '%s\n' "$opts" | grep -c .)
missing=""
for o in $opts; do
    grep -Eq -- "$o([^a-z-]|\$)" "$T/page" || missing="$missing $o"
done
if [ "$n" -ge 10 ] && [ -z "$missing" ]; then
    pass "nergraph.1 documents every long option of --help ($n)"
else
    fail "nergraph.1 documents every long option of --help ($n)" "missing:$missing"
fi
# Short options too ("-g, --gazetteer" in --help: "-g" must be in the page).
shorts=$(grep -oE '^  -[a-zA-Z],' "$T/help" | tr -d ' ,' | sort -u)
missing=""
for o in $shorts; do
    grep -Eq -- "(^|[^a-z-])$o([^a-z-]|\$)" "$T/page" || missing="$missing $o"
done
if [ -n "$shorts" ] && [ -z "$missing" ]; then pass "nergraph.1 documents every short option"
else fail "nergraph.1 documents every short option" "found: $shorts" "missing:$missing"; fi
for sub in "gazetteer check" "gazetteer stats"; do
    if grep -qF "$sub" "$T/help" && grep -qF "$sub" "$T/page"; then
        pass "nergraph.1 documents '$sub'"
    else
        fail "nergraph.1 documents '$sub'"
    fi
done
for v in NERGRAPH_GAZETTEERS NERGRAPH_NO_JIT; do
    if grep -qF "$v" "$T/help" && grep -qF "$v" "$T/page"; then pass "nergraph.1 documents $v"
    else fail "nergraph.1 documents $v"; fi
done

ver=$(sed -n 's/^#define NG_VERSION "\(.*\)"/\1/p' "$ROOT/include/nergraph/nergraph.h")
"$NERGRAPH" --version >"$T/version" 2>&1
for page in "$ROOT/man/nergraph.1" "$ROOT/man/nergraph-gazetteer.5"; do
    name=$(basename "$page")
    if grep -qF "$ver" "$T/version" && grep -q "^\.TH .*\"nergraph $ver\"" "$page"; then
        pass "$name carries version $ver"
    else
        fail "$name carries version $ver" "$(grep '^\.TH' "$page")" "$(cat "$T/version")"
    fi
done
