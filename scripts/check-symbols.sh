#!/bin/sh
# The shared library's exports are exactly its public API, and the tool
# uses nothing else.  Fails, listing the names, when
#   - the library exports a symbol that no public header declares (an
#     internal helper leaking: a missing `static` or a stray visibility),
#   - a public header declares a function the library does not export,
#   - an exported symbol does not start with ng_ (every public name does),
#   - one of the tool's objects calls an ng_ function the library does not
#     export (the tool must use the public API only).
# Usage: check-symbols.sh LIBRARY.so HEADER... -- CLI_OBJECT...
set -eu
LC_ALL=C
export LC_ALL
lib=$1
shift
headers=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    headers="$headers $1"
    shift
done
[ $# -gt 0 ] && shift
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-symbols.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# Defined, exported symbols (the dynamic symbol table), code and data.
# The linker's own section markers are left out: GNU ld exports them from
# a library linked with one that exports them (libexttextcat does).
nm -D --defined-only "$lib" | awk 'NF == 3 && $2 ~ /^[TDBRVWiu]$/ { print $3 }' |
    grep -vxE '__bss_start|_edata|_end' |
    sort -u >"$tmp/exported"
# Declared functions: an ng_ name followed by '(' once comments are gone
# (gcc -fpreprocessed strips them without expanding includes or macros).
# Function-pointer typedefs read "(*ng_x_fn)(", so they do not match;
# preprocessor lines are dropped.
for h in $headers; do
    ${CC:-cc} -fpreprocessed -dD -E -P -x c "$h" 2>/dev/null
done | grep -v '^[[:space:]]*#' | tr '\n' ' ' |
    grep -oE '\bng_[A-Za-z0-9_]+[[:space:]]*\(' | sed 's/[[:space:]]*($//' |
    sort -u >"$tmp/declared"
# Data the headers declare extern, if any ever is.
for h in $headers; do
    ${CC:-cc} -fpreprocessed -dD -E -P -x c "$h" 2>/dev/null
done | sed -n 's/^[[:space:]]*extern[^;(]*\b\(ng_[A-Za-z0-9_]*\)[][0-9]*[[:space:]]*;.*/\1/p' |
    sort -u >>"$tmp/declared"
sort -u -o "$tmp/declared" "$tmp/declared"

status=0
report() {  # report FILE MESSAGE: the names in FILE, if any, are a failure
    if [ -s "$1" ]; then
        echo "check-symbols: $2:"
        sed 's/^/    /' "$1"
        status=1
    fi
}
comm -23 "$tmp/exported" "$tmp/declared" >"$tmp/undeclared"
report "$tmp/undeclared" "exported by $lib but declared in no public header"
comm -13 "$tmp/exported" "$tmp/declared" >"$tmp/missing"
report "$tmp/missing" "declared in a public header but not exported by $lib"
grep -v '^ng_' "$tmp/exported" >"$tmp/unprefixed" || true
report "$tmp/unprefixed" "exported without the ng_ prefix"
if [ $# -gt 0 ]; then
    nm -u "$@" | awk '$1 == "U" && $2 ~ /^ng_/ { print $2 }' | sort -u >"$tmp/used"
    comm -23 "$tmp/used" "$tmp/exported" >"$tmp/internal"
    report "$tmp/internal" "used by the tool but not part of the public API"
fi
if [ $status -eq 0 ]; then
    echo "check-symbols: $(wc -l <"$tmp/exported") exported symbols, all declared in the public headers, all ng_*; the tool uses only them"
fi
exit $status
