# make install honours PREFIX and DESTDIR, and the installed binary finds
# the installed gazetteers on its own.
. tests/cli/lib.sh
BUILD_DIR=$(basename "$(dirname "$NERGRAPH")")
check "make install into DESTDIR" \
    make --no-print-directory -C "$ROOT" install BUILD="$BUILD_DIR" DESTDIR="$T/root" PREFIX=/opt/ng
for f in bin/nergraph lib/libnergraph.a include/nergraph.h include/ng_tagger.h \
         share/nergraph/gazetteers/countries.tsv share/nergraph/gazetteers/people.tsv; do
    check "installed $f" test -s "$T/root/opt/ng/$f"
done
printf 'Ukraine and France signed.\n' > "$T/story.txt"
check "installed binary uses the installed gazetteers" \
    sh -c '"$1" -f mentions "$2" | grep -q "\"id\": \"country:UA\""' sh "$T/root/opt/ng/bin/nergraph" "$T/story.txt"
