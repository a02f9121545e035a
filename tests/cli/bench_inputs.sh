#!/bin/sh
# make bench's inputs (bench/inputs.py) and its Python baseline
# (bench/baseline_ac.py), on a written story instead of the Debian prose:
# the generated gazetteer is deterministic, has the entity count its name
# says, loads in nergraph, and its names are found; the baseline reports
# the same spans as nergraph on plain text (only where Debian's
# python3-ahocorasick is installed: it is a `make bench` dependency, not a
# `make test` one).  Speed is never checked here.
. "$ROOT/tests/cli/lib.sh"

cat > "$T/story.txt" <<'EOF'
The harbour board met on Tuesday to discuss the new quays.

Several members asked about dredging costs, and the chairman promised a
report before the spring tides.  Lady Ashcombe said the town could not wait.
Lady Ashcombe also asked whether Lady Ashcombe's plan would be read aloud.
EOF

# Two builds of the 1k gazetteer from the same written prose.
gen() {  # gen DIR: the 1k gazetteer under DIR, its info as JSON on stdout
    "$PY" -B - "$ROOT" "$1" "$T/story.txt" <<'PYEOF'
import json, sys
sys.path.insert(0, sys.argv[1] + "/bench")
import inputs
text = open(sys.argv[3], encoding="utf-8").read()
info = inputs.gazetteer(sys.argv[2], sys.argv[1] + "/gazetteers", [("written/story", text)], "1k")
print(json.dumps({k: info[k] for k in ("dir", "names", "entities_made", "bigrams", "literals")}))
PYEOF
}
gen "$T/a" > "$T/a.json" 2>"$T/a.err"
gen "$T/b" > "$T/b.json" 2>"$T/b.err"
if cmp -s "$T/a/gaz-1k/generated.tsv" "$T/b/gaz-1k/generated.tsv" \
   && cmp -s "$T/a/gaz-1k.names.txt" "$T/b/gaz-1k.names.txt" \
   && [ -s "$T/a/gaz-1k.names.txt" ]; then
    pass_static "bench gazetteer: the same prose gives the same generated names"
else
    fail "bench gazetteer: the same prose gives the same generated names" "$(cat "$T/a.err" "$T/b.err")"
fi
# 1000 entities: distinct ids of every type but ignore; the capitalised
# bigram of the story is one of them.
count=$(awk -F'\t' '!/^#/ && NF >= 3 && $2 != "ignore" { print $1 }' "$T"/a/gaz-1k/*.tsv | sort -u | wc -l)
if [ "$count" -eq 1000 ] && grep -q "	person	Lady Ashcombe	" "$T/a/gaz-1k/generated.tsv"; then
    pass_static "bench gazetteer: 1k means 1000 entities, corpus bigrams among them"
else
    fail "bench gazetteer: 1k means 1000 entities, corpus bigrams among them" "count=$count" \
        "$(head -3 "$T/a/gaz-1k/generated.tsv")"
fi

# nergraph loads it and finds a generated person, a generated organization
# and the bigram written into the story.
gaz=$T/a/gaz-1k
person=$(awk -F'\t' '$1 == "bench:p0" { print $3 }' "$gaz/generated.tsv")
org=$(awk -F'\t' '$1 == "bench:o0" { print $3 }' "$gaz/generated.tsv")
printf '\nOn Friday the delegation of %s visited %s in Lyon, France.\n' "$person" "$org" >> "$T/story.txt"
"$NERGRAPH" -g "$gaz" -f mentions -o "$T/ng.jsonl" "$T/story.txt" 2>"$T/ng.err"
code=$?
if [ "$code" -eq 0 ] && grep -q '"id": "bench:p0"' "$T/ng.jsonl" && grep -q '"id": "bench:o0"' "$T/ng.jsonl" \
   && grep -q '"id": "country:FR"' "$T/ng.jsonl" && grep -q '"text": "Lady Ashcombe"' "$T/ng.jsonl"; then
    pass "bench gazetteer: nergraph finds generated names ($person, $org)"
else
    fail "bench gazetteer: nergraph finds generated names ($person, $org)" "exit $code" "$(cat "$T/ng.err" "$T/ng.jsonl" | head -20)"
fi

# The Python baseline agrees with nergraph on this plain story: the same
# byte spans (no sentence-start names, headlines or surnames alone).
if /usr/bin/python3 -c 'import ahocorasick' 2>/dev/null; then
    /usr/bin/python3 "$ROOT/bench/baseline_ac.py" -g "$gaz" -f mentions -o "$T/py.jsonl" "$T/story.txt" 2>"$T/py.err"
    spans() { "$PY" -c 'import json, sys
print(sorted((m["start"], m["end"], m["id"]) for m in map(json.loads, open(sys.argv[1], encoding="utf-8"))))' "$1"; }
    if [ -s "$T/ng.jsonl" ] && [ "$(spans "$T/py.jsonl")" = "$(spans "$T/ng.jsonl")" ]; then
        pass "bench baseline: the Python baseline and nergraph report the same spans"
    else
        fail "bench baseline: the Python baseline and nergraph report the same spans" \
            "python: $(spans "$T/py.jsonl" 2>&1)" "nergraph: $(spans "$T/ng.jsonl" 2>&1)" "$(cat "$T/py.err")"
    fi
else
    echo "SKIP bench baseline: python3-ahocorasick is not installed (sh scripts/install-deps.sh bench)"
fi
