# make install honours PREFIX and DESTDIR and lays out the binary, the
# headers under include/nergraph/, both libraries (the shared one with its
# soname links), the pkg-config file, the man pages, the licence and the
# gazetteers; the installed binary finds the installed gazetteers on its
# own; make uninstall removes every file it installed.
. "$ROOT/tests/cli/lib.sh"
BUILD_DIR=$(basename "$(dirname "$NERGRAPH")")
# The build directory is taken from $NERGRAPH; one that is not a build of
# this tree (NERGRAPH=/bin/false gives "bin") would make `make install`
# build a whole new tree there.
if [ "$NERGRAPH" != "$ROOT/$BUILD_DIR/nergraph" ] || [ ! -f "$ROOT/$BUILD_DIR/libnergraph.a" ]; then
    fail "install: \$NERGRAPH is a built tree's nergraph" "$NERGRAPH"
    exit 0
fi
MAKE_ARGS="BUILD=$BUILD_DIR SANITIZER=${SANITIZER:-} DESTDIR=$T/root PREFIX=/opt/ng"
check "make install into DESTDIR" \
    make --no-print-directory -C "$ROOT" install $MAKE_ARGS
I="$T/root/opt/ng"
version=$(sed -n 's/^#define NG_VERSION "\(.*\)"/\1/p' "$ROOT/include/nergraph/nergraph.h")
for f in bin/nergraph lib/libnergraph.a "lib/libnergraph.so.$version" \
         lib/pkgconfig/nergraph.pc share/man/man1/nergraph.1 \
         share/man/man5/nergraph-gazetteer.5 share/doc/nergraph/LICENSE \
         share/nergraph/gazetteers/countries.tsv share/nergraph/gazetteers/people.tsv; do
    check "installed $f" test -s "$I/$f"
done
for h in "$ROOT"/include/nergraph/*.h; do
    check "installed include/nergraph/$(basename "$h")" cmp "$h" "$I/include/nergraph/$(basename "$h")"
done
check "no header installed flat into include/" \
    sh -c '! ls "$1"/include/*.h 2>/dev/null | grep -q .' sh "$I"
check "lib/libnergraph.so.0 -> libnergraph.so.$version" \
    test "$(readlink "$I/lib/libnergraph.so.0")" = "libnergraph.so.$version"
check "lib/libnergraph.so -> libnergraph.so.0" \
    test "$(readlink "$I/lib/libnergraph.so")" = "libnergraph.so.0"
check "the shared library's soname is libnergraph.so.0" \
    sh -c 'readelf -d "$1" | grep -q "SONAME.*\[libnergraph\.so\.0\]"' sh "$I/lib/libnergraph.so.$version"
# The .pc names the install PREFIX, not DESTDIR (a staging directory).
check "nergraph.pc: prefix is PREFIX" grep -qx 'prefix=/opt/ng' "$I/lib/pkgconfig/nergraph.pc"
check "nergraph.pc: version $version" grep -qx "Version: $version" "$I/lib/pkgconfig/nergraph.pc"
PKG_CONFIG_PATH="$I/lib/pkgconfig" pkg-config --cflags --libs nergraph >"$T/pc" 2>&1
check "pkg-config: -I/opt/ng/include and -lnergraph" \
    sh -c 'grep -q -- "-I/opt/ng/include" "$1" && grep -q -- "-L/opt/ng/lib -lnergraph" "$1"' sh "$T/pc"
PKG_CONFIG_PATH="$I/lib/pkgconfig" pkg-config --print-requires-private nergraph >"$T/req" 2>&1
check "pkg-config: the libraries libnergraph uses are private requirements" \
    sh -c 'for p in igraph libpcre2-8 libgvc libcgraph libutf8proc; do grep -qx "$p" "$1" || exit 1; done' sh "$T/req"

printf 'Ukraine and France signed.\n' > "$T/story.txt"
check "installed binary uses the installed gazetteers" \
    sh -c '"$1" -f mentions "$2" | grep -q "\"id\": \"country:UA\""' sh "$I/bin/nergraph" "$T/story.txt"

check "make uninstall" make --no-print-directory -C "$ROOT" uninstall $MAKE_ARGS
find "$T/root" ! -type d >"$T/left"
if [ ! -s "$T/left" ]; then pass "make uninstall leaves no file behind"
else fail "make uninstall leaves no file behind" "$(head -20 "$T/left")"; fi
