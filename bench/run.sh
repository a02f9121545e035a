#!/bin/sh
# Throughput and memory benchmark.  Prints ratios against a peer measured in
# the same run on the same machine, so the numbers survive a noisy host:
#   - time of nergraph (tag + segment + count + JSON) against GNU grep -F
#     searching the same literal aliases (a tuned multi-pattern matcher that
#     does nothing but find them);
#   - peak memory on a corpus and on four times that corpus (should be ~1:
#     memory must not grow with the corpus).
# Usage: sh bench/run.sh [MB] [SYNTHETIC_NAMES]   (defaults: 40 MB, 200000)
set -eu
cd "$(dirname "$0")/.."
MB=${1:-40}
NAMES=${2:-200000}
NG=build/nergraph
[ -x "$NG" ] || make --no-print-directory all >/dev/null
W=$(mktemp -d "${TMPDIR:-/tmp}/nergraph-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM

# A synthetic gazetteer of made-up people (deterministic), plus the bundled one.
/usr/bin/python3 - "$NAMES" > "$W/synthetic.tsv" <<'PY'
import random, sys
rng = random.Random(42)
syl = ["ka", "lo", "mi", "ra", "zen", "vo", "tri", "sha", "ne", "dor", "bel", "qu", "ix", "an", "ter", "us"]
def word():
    return "".join(rng.choice(syl) for _ in range(rng.randint(2, 4))).capitalize()
for i in range(int(sys.argv[1])):
    first, last = word(), word()
    print("bench:%d\tperson\t%s %s\t%s. %s" % (i, first, last, first[0], last))
PY
cp gazetteers/*.tsv "$W/"

# Corpus: the sample story and every end-to-end input, repeated to size, as
# one big document and as a directory of 4x as many documents.
cat samples/news-sample.txt tests/e2e/*/input.txt > "$W/unit.txt"
: > "$W/corpus.txt"
while [ "$(wc -c < "$W/corpus.txt")" -lt $((MB * 1024 * 1024)) ]; do
    cat "$W/unit.txt" >> "$W/corpus.txt"
done
mkdir -p "$W/x4"
for i in 1 2 3 4; do
    split -b 1m -d -a 4 "$W/corpus.txt" "$W/x4/part$i-"
done
size=$(wc -c < "$W/corpus.txt")

# The literal aliases, for the peer.
/usr/bin/python3 - "$W"/*.tsv > "$W/literals.txt" <<'PY'
import sys
seen = set()
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        names = [f[2]] + ([] if len(f) < 4 or f[3].startswith("re:") else f[3].split("|"))
        for n in names:
            n = n[2:] if n.startswith("i:") else n
            n = n.strip()
            if n and n not in seen:
                seen.add(n)
                print(n)
PY

now() { date +%s.%N; }
best_of_3() {  # best_of_3 CMD... -> prints the fastest wall time in seconds
    best=""
    for _ in 1 2 3; do
        t0=$(now); "$@" > /dev/null; t1=$(now)
        t=$(echo "$t1 - $t0" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    echo "$best"
}
rss_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

aliases=$(wc -l < "$W/literals.txt")
echo "corpus: $((size / 1048576)) MB; gazetteer: $aliases literal aliases ($NAMES synthetic names + bundled)"
t_load=$(best_of_3 "$NG" -g "$W" -f json /dev/null 2>/dev/null)
t_ng=$(best_of_3 "$NG" -g "$W" -f json "$W/corpus.txt")
t_grep=$(best_of_3 sh -c "LC_ALL=C grep -F -o -f '$W/literals.txt' '$W/corpus.txt' | wc -l")
scan=$(echo "$t_ng - $t_load" | bc -l)
printf 'gazetteer load + automaton build: %.2f s\n' "$t_load"
printf 'dense text (every test input, one document): nergraph %.2f s (%.1f MB/s after load)\n' "$t_ng" "$(echo "$size / 1048576 / $scan" | bc -l)"
printf 'grep -F -o, same literals: %.2f s\n' "$t_grep"
printf 'ratio nergraph / grep -F: %.2f (lower is better; nergraph also segments, resolves and counts)\n' \
    "$(echo "$t_ng / $t_grep" | bc -l)"
# News-like density: the sample story alone, in 1 MB documents.
mkdir -p "$W/news"
: > "$W/news.txt"
while [ "$(wc -c < "$W/news.txt")" -lt $((MB * 1024 * 1024)) ]; do
    cat samples/news-sample.txt >> "$W/news.txt"
done
split -b 1m -d -a 4 "$W/news.txt" "$W/news/part-"
t_news=$(best_of_3 "$NG" -g "$W" -f json "$W/news")
t_news_grep=$(best_of_3 sh -c "LC_ALL=C grep -F -o -f '$W/literals.txt' '$W/news.txt' | wc -l")
printf 'news-like text (sample story, 1 MB documents): %.2f s, %.1f MB/s after load; grep -F %.2f s; ratio %.2f\n' \
    "$t_news" "$(echo "$size / 1048576 / ($t_news - $t_load)" | bc -l)" "$t_news_grep" \
    "$(echo "$t_news / $t_news_grep" | bc -l)"
r1=$(rss_kb "$NG" -g "$W" -f json "$W/corpus.txt")
r4=$(rss_kb "$NG" -g "$W" -f json "$W/x4")
r0=$(rss_kb "$NG" -g "$W" -f json /dev/null)
printf 'peak RSS: gazetteer only %d MB; 1x corpus (one document) %d MB; 4x corpus (1 MB documents) %d MB\n' \
    $((r0 / 1024)) $((r1 / 1024)) $((r4 / 1024))
printf 'ratio RSS 4x corpus / gazetteer only: %.2f (about 1: memory does not grow with the corpus)\n' \
    "$(echo "$r4 / $r0" | bc -l)"
