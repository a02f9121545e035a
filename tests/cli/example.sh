# examples/edges.c, the 20-line C program of the README, built against an
# installed copy (make install PREFIX=...) through pkg-config, once with
# the shared library and once with the static one, and run on a sentence:
# it must print the edges the installed nergraph tool finds in it.
. "$ROOT/tests/cli/lib.sh"
BUILD_DIR=$(basename "$(dirname "$NERGRAPH")")
if [ "$NERGRAPH" != "$ROOT/$BUILD_DIR/nergraph" ]; then
    fail "example: \$NERGRAPH is a build tree's nergraph" "$NERGRAPH"
    exit 0   # make install would build into the source tree
fi
P="$T/prefix"
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
check "make install PREFIX=\$T/prefix" \
    make --no-print-directory -C "$ROOT" install BUILD="$BUILD_DIR" SANITIZER="${SANITIZER:-}" PREFIX="$P"

# A library built with sanitizers needs its runtime in the program too.
san=""
if readelf -d "$P/lib/libnergraph.so" 2>/dev/null | grep -q 'libasan'; then
    san="-fsanitize=address,undefined"
fi
GZ="$P/share/nergraph/gazetteers"
TEXT="President Macron of France flew to Kyiv to meet the leaders of Ukraine."
printf '%s\n' "$TEXT" >"$T/story.txt"
# What the tool finds, as "source<TAB>target<TAB>weight" lines.
"$P/bin/nergraph" -f json "$T/story.txt" 2>"$T/tool.err" | "$PY" -c '
import json, sys
g = json.load(sys.stdin)
for e in g["links"]:
    print("%s\t%s\t%d" % (e["source"], e["target"], e["weight"]))' >"$T/tool.edges"
printf 'country:FR\tcountry:UA\t1\ncountry:FR\tperson:emmanuel-macron\t1\ncountry:UA\tperson:emmanuel-macron\t1\n' >"$T/expected"
check "the installed tool finds the three edges of the sentence" diff "$T/expected" "$T/tool.edges"

# Shared: the headers and flags come from pkg-config alone; the program
# compiles warning-free as C11 and runs against lib/libnergraph.so.0.
flags=$(pkg-config --cflags --libs nergraph 2>"$T/pc.err")
check "pkg-config knows nergraph" test -n "$flags"
check "examples/edges.c compiles with pkg-config's flags" \
    sh -c 'cc -std=c11 -Wall -Wextra -Werror $1 "$2"/examples/edges.c $3 -o "$4"' sh \
    "$san" "$ROOT" "$flags" "$T/edges"
check "the program links the shared library" \
    sh -c 'readelf -d "$1" | grep -q "NEEDED.*libnergraph\.so\.0"' sh "$T/edges"
LD_LIBRARY_PATH="$P/lib" "$T/edges" "$GZ" "$TEXT" >"$T/shared.out" 2>"$T/shared.err"
code=$?
if [ $code -eq 0 ] && diff "$T/tool.edges" "$T/shared.out" >"$T/diff" && [ -s "$T/shared.out" ]; then
    pass "shared: edges.c prints the same edges as the tool"
else
    fail "shared: edges.c prints the same edges as the tool" "exit $code" "$(cat "$T/shared.err" "$T/diff")"
fi

# Static: only libnergraph.a in the library directory, so -lnergraph can
# only mean the archive, and pkg-config --static must name everything it
# needs (Requires.private, Libs.private).
mkdir -p "$T/static-lib"
cp "$P/lib/libnergraph.a" "$T/static-lib/"
sflags=$(pkg-config --define-variable=libdir="$T/static-lib" --static --cflags --libs nergraph)
check "examples/edges.c links statically with pkg-config --static" \
    sh -c 'cc -std=c11 -Wall -Wextra -Werror $1 "$2"/examples/edges.c $3 -o "$4"' sh \
    "$san" "$ROOT" "$sflags" "$T/edges-static"
if readelf -d "$T/edges-static" 2>/dev/null | grep -q 'libnergraph'; then
    fail "the static program does not need libnergraph.so"
else
    pass "the static program does not need libnergraph.so"
fi
"$T/edges-static" "$GZ" "$TEXT" >"$T/static.out" 2>"$T/static.err"
code=$?
if [ $code -eq 0 ] && diff "$T/tool.edges" "$T/static.out" >"$T/diff" && [ -s "$T/static.out" ]; then
    pass "static: edges.c prints the same edges as the tool"
else
    fail "static: edges.c prints the same edges as the tool" "exit $code" "$(cat "$T/static.err" "$T/diff")"
fi
# No arguments: the gazetteers from the environment, the built-in sentence.
NERGRAPH_GAZETTEERS="$GZ" "$T/edges-static" >"$T/env.out" 2>"$T/env.err"
code=$?
printf 'country:FR\tcountry:UA\t1\n' >"$T/env.expected"
if [ $code -eq 0 ] && diff "$T/env.expected" "$T/env.out" >"$T/diff"; then
    pass "edges.c finds its gazetteers through NERGRAPH_GAZETTEERS"
else
    fail "edges.c finds its gazetteers through NERGRAPH_GAZETTEERS" "exit $code" "$(cat "$T/env.err" "$T/diff")"
fi

# Without a gazetteer directory: a message and exit 1, not a crash.
env -u NERGRAPH_GAZETTEERS "$T/edges-static" >"$T/out" 2>"$T/err"
code=$?
expect_err "edges.c without gazetteers says how to give them" 1 "$T/err" "NERGRAPH_GAZETTEERS"
