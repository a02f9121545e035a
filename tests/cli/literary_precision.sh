# Precision on long literary prose: Jane Austen's six novels (about 4 MB,
# from Debian's r-cran-janeaustenr) name no person or organization of the
# bundled gazetteers, save one newspaper, yet their chapter numerals,
# "Mrs. Philips", "the White House" and a shouted "US" once were.  At most
# one person or organization mention per MB, with the bundled gazetteers.
. "$ROOT/tests/cli/lib.sh"

if ! Rscript -e 'library(janeaustenr)' >/dev/null 2>&1; then
    fail "literary precision: Austen's novels (r-cran-janeaustenr) are installed" \
        "run scripts/install-deps.sh"
    exit 0
fi
mkdir -p "$T/austen"
Rscript -e 'library(janeaustenr); d <- commandArgs(TRUE)[1];
    for (b in c("prideprejudice", "sensesensibility", "emma", "mansfieldpark",
                "northangerabbey", "persuasion"))
        writeLines(get(b), file.path(d, paste0(b, ".txt")))' "$T/austen" >/dev/null 2>&1

"$NERGRAPH" -f mentions "$T/austen" >"$T/austen.jsonl" 2>"$T/austen.err"; code=$?
if [ $code -ne 0 ]; then
    fail "literary precision: the novels are read" "exit $code: $(head -c 600 "$T/austen.err")"
else
    check "literary precision: at most 1 person or organization per MB, countries still found" \
        "$PY" - "$T/austen" "$T/austen.jsonl" <<'EOF'
import json, os, sys
d, path = sys.argv[1], sys.argv[2]
mb = sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d)) / 1e6
assert mb > 3.5, "the novels are %.1f MB, expected about 4" % mb
kinds, hits = {}, []
for line in open(path, encoding="utf-8"):
    m = json.loads(line)
    kinds[m["type"]] = kinds.get(m["type"], 0) + 1
    if m["type"] in ("person", "organization"):
        hits.append("%s %r in %s" % (m["id"], m["text"], os.path.basename(m["doc"])))
# Ireland, France, Antigua, Gibraltar...: real places the novels name.
assert kinds.get("country", 0) >= 50, kinds
rate = len(hits) / mb
print("%d person/organization mentions in %.1f MB (%.2f per MB): %s" % (len(hits), mb, rate, hits))
assert rate <= 1.0, "%.2f per MB: %s" % (rate, hits[:20])
EOF
fi
