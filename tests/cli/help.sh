#!/bin/sh
# --help documents every long option (names taken from the longopts table
# in src/cli_options.c, so a new option without help text fails here); --version
# prints the library version.
. "$ROOT/tests/cli/lib.sh"

opts=$(sed -n '/struct option longopts\[\] *= *{/,/};/p' "$ROOT/src/cli_options.c" |
       sed -n 's/^[[:space:]]*{[[:space:]]*"\([^"]*\)".*/\1/p')
n=$(printf '%s\n' "$opts" | grep -c .)
# Not a check of nergraph, so no PASS line: only a FAIL when the table the
# check below relies on cannot be read.
[ "$n" -ge 5 ] || fail "longopts table found in src/cli_options.c" "found: $opts"

"$NERGRAPH" --help >"$T/help" 2>"$T/help.err"
code=$?
if [ $code -eq 0 ]; then pass "--help exits 0"; else fail "--help exits 0" "exit $code"; fi
if [ $code -eq 0 ] && [ -s "$T/help" ] && [ ! -s "$T/help.err" ]; then pass "--help: nothing on stderr"
else fail "--help: nothing on stderr" "exit $code" "$(cat "$T/help.err")"; fi
if grep -q '^Usage: nergraph' "$T/help"; then pass "--help starts with a usage line"
else fail "--help starts with a usage line" "$(head -3 "$T/help")"; fi
missing=""
for o in $opts; do
    grep -Eq -e "--$o([^a-z-]|\$)" "$T/help" || missing="$missing --$o"
done
if [ -z "$missing" ]; then pass "--help mentions every long option"
else fail "--help mentions every long option" "missing:$missing"; fi

"$NERGRAPH" -h >"$T/h" 2>/dev/null
code=$?
if [ $code -eq 0 ] && cmp -s "$T/h" "$T/help"; then pass "-h is --help"
else fail "-h is --help" "exit $code"; fi

ver=$(sed -n 's/^#define NG_VERSION "\(.*\)"/\1/p' "$ROOT/include/nergraph/nergraph.h")
"$NERGRAPH" --version >"$T/version" 2>"$T/version.err"
code=$?
if [ $code -eq 0 ]; then pass "--version exits 0"; else fail "--version exits 0" "exit $code"; fi
if grep -Eq '[0-9]+\.[0-9]+' "$T/version" && grep -qF "$ver" "$T/version"; then
    pass "--version prints the version ($ver)"
else
    fail "--version prints the version ($ver)" "$(cat "$T/version")"
fi
if [ "$(wc -l <"$T/version")" -eq 1 ]; then pass "--version prints one line"
else fail "--version prints one line" "$(cat "$T/version")"; fi
