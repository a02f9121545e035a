# make install honours PREFIX and DESTDIR, and the installed binary finds
# the installed gazetteers on its own.
. tests/cli/lib.sh
BUILD_DIR=$(basename "$(dirname "$NERGRAPH")")
# The build directory is taken from $NERGRAPH; one that is not a build of
# this tree (NERGRAPH=/bin/false gives "bin") would make `make install`
# build a whole new tree there.
if [ "$NERGRAPH" != "$ROOT/$BUILD_DIR/nergraph" ] || [ ! -f "$ROOT/$BUILD_DIR/libnergraph.a" ]; then
    fail "make install into DESTDIR" "NERGRAPH ($NERGRAPH) is not ROOT/BUILD/nergraph of a built tree"
    exit 0
fi
check "make install into DESTDIR" \
    make --no-print-directory -C "$ROOT" install BUILD="$BUILD_DIR" DESTDIR="$T/root" PREFIX=/opt/ng
for f in bin/nergraph lib/libnergraph.a include/nergraph.h include/ng_tagger.h \
         share/nergraph/gazetteers/countries.tsv share/nergraph/gazetteers/people.tsv; do
    check "installed $f" test -s "$T/root/opt/ng/$f"
done
printf 'Ukraine and France signed.\n' > "$T/story.txt"
check "installed binary uses the installed gazetteers" \
    sh -c '"$1" -f mentions "$2" | grep -q "\"id\": \"country:UA\""' sh "$T/root/opt/ng/bin/nergraph" "$T/story.txt"
