#!/bin/sh
# Association weights, the backbone and evidence, each checked against an
# independent computation in Python over `-f mentions` output (which
# sentence, paragraph and document each mention is in), never against an
# earlier nergraph output:
#   --weight count|dice|jaccard|pmi|npmi: every edge's weight within 1e-9,
#     count = shared windows, the graph's windows and the nodes' windows;
#   --min-weight on a measure, and on counts as before;
#   --backbone: the disparity filter recomputed on the unfiltered graph;
#   --evidence N: at most N snippets, the first N shared windows in input
#     order, offsets that slice the quoted text out of the input, the
#     surface forms, determinism, a bounded count on a larger corpus, and
#     the same snippets in DOT (read back with pygraphviz);
#   usage errors for what is not defined.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'p:ada' person 'Ada Nkem' \
    'p:tom' person 'Tom Reyes' \
    'p:mia' person 'Mia Sol' \
    'c:val' country 'Valdoria' \
    'o:kest' organization 'Kestrel Bank' >"$T/gaz.tsv"
mkdir "$T/corpus"
printf 'Ada Nkem met Tom Reyes in Valdoria. Tom Reyes flew home.\n\nKestrel Bank hired Ada Nkem. Rain fell all day.\nMia Sol and Tom Reyes stayed in Valdoria.\n' >"$T/corpus/a.txt"
printf 'Valdoria welcomed Ada Nkem. Nobody else came.\n\nAda Nkem and Tom Reyes argued. Kestrel Bank sued Valdoria.\nMia Sol left Valdoria with Ada Nkem.\n' >"$T/corpus/b.txt"
printf 'Tom Reyes met Ada Nkem again.\n\nThe weather was calm.\n' >"$T/corpus/c.txt"

run() {  # run OUT ARGS...: nergraph on the corpus; sets $code, clears $n and $out
    o=$1; shift
    n="" out=""
    "$NERGRAPH" -g "$T/gaz.tsv" "$@" -o "$o" "$T/corpus" >"$T/stdout" 2>"$T/err"
    code=$?
}

# The independent computation: windows per entity and shared windows from
# the mentions, N from the graph attribute "windows".
cat >"$T/measures.py" <<'EOF'
import json, math, sys

graph_path, mentions_path, window, measure = sys.argv[1:5]
min_weight = float(sys.argv[5]) if len(sys.argv) > 5 else None
g = json.load(open(graph_path, encoding="utf-8"))
key = {"sentence": lambda m: (m["doc"], m["sentence"]),
       "paragraph": lambda m: (m["doc"], m["paragraph"]),
       "document": lambda m: m["doc"]}[window]
wins = {}
for line in open(mentions_path, encoding="utf-8"):
    m = json.loads(line)
    wins.setdefault(m["id"], set()).add(key(m))
N = g["graph"]["windows"]
assert g["graph"]["measure"] == measure, g["graph"]
assert g["graph"]["window"] == window, g["graph"]
assert N >= len(set().union(*wins.values())), (N, "fewer windows than windows with mentions")

def value(c, a, b):
    if measure == "count": return c
    if measure == "dice": return 2 * c / (a + b)
    if measure == "jaccard": return c / (a + b - c)
    pmi = math.log2(c * N / (a * b))
    if measure == "pmi": return pmi
    return 1.0 if c == N else pmi / -math.log2(c / N)

want = {}
ids = sorted(wins)
for i, x in enumerate(ids):
    for y in ids[i + 1:]:
        c = len(wins[x] & wins[y])
        if c:
            v = value(c, len(wins[x]), len(wins[y]))
            if min_weight is None or v >= min_weight:
                want[frozenset((x, y))] = (v, c)
for n in g["nodes"]:
    assert n["windows"] == len(wins[n["id"]]), (n, len(wins[n["id"]]))
got = {}
for e in g["links"]:
    k = frozenset((e["source"], e["target"]))
    assert k in want, ("unexpected edge", e)
    v, c = want[k]
    assert e["count"] == c, (e, c)
    assert abs(e["weight"] - v) <= 1e-9, (e, v)
    # A count is an integer; a measure is a float, which JSON writes
    # without a fraction when it has none (0 for pmi at independence).
    if measure == "count":
        assert isinstance(e["weight"], int), e
    else:
        assert isinstance(e["weight"], float) or e["weight"] == v, e
    got[k] = e
missing = set(want) - set(got)
assert not missing, ("missing edges", missing)
print(len(got))
EOF

run "$T/m-sentence.jsonl" -f mentions
run "$T/m-paragraph.jsonl" -f mentions -w paragraph
for window in sentence paragraph document; do
    [ $window = document ] && cp "$T/m-sentence.jsonl" "$T/m-document.jsonl"
    for measure in count dice jaccard pmi npmi; do
        name="--weight $measure -w $window: every edge as computed from the mentions"
        run "$T/g.json" -f json -w $window --weight $measure
        if [ $code -eq 0 ] && n=$("$PY" "$T/measures.py" "$T/g.json" "$T/m-$window.jsonl" \
                                  $window $measure 2>&1) && [ "$n" -ge 5 ]; then
            pass "$name ($n edges)"
        else
            fail "$name" "exit $code; $(cat "$T/err") $n"
        fi
    done
done

# --min-weight on the measure (a fraction for jaccard, negative for pmi).
for case in "jaccard 0.3" "npmi 0.25" "pmi -0.5" "dice 0.5"; do
    set -- $case
    name="--weight $1 --min-weight $2: the edges at or above it"
    run "$T/g.json" -f json --weight $1 --min-weight $2
    if [ $code -eq 0 ] && n=$("$PY" "$T/measures.py" "$T/g.json" "$T/m-sentence.jsonl" \
                              sentence $1 $2 2>&1) && [ "$n" -ge 1 ]; then
        pass "$name ($n edges)"
    else
        fail "$name" "exit $code; $(cat "$T/err") $n"
    fi
done
# Counts as before: --min-weight 2 keeps the pairs in two windows or more.
run "$T/g.json" -f json --min-weight 2
if [ $code -eq 0 ] && n=$("$PY" "$T/measures.py" "$T/g.json" "$T/m-sentence.jsonl" \
                          sentence count 2 2>&1) && [ "$n" -ge 1 ]; then
    pass "--min-weight 2 on counts: integer weights, pairs in 2+ windows ($n edges)"
else
    fail "--min-weight 2 on counts" "exit $code; $(cat "$T/err") $n"
fi

# ---- usage errors ----
usage() {  # usage NAME SUBSTRING ARGS...
    uname=$1 sub=$2; shift 2
    "$NERGRAPH" -g "$T/gaz.tsv" "$@" "$T/corpus" >"$T/stdout" 2>"$T/err"
    code=$?
    expect_err "$uname" 2 "$T/err" "$sub"
}
usage "--weight with tokens:N is refused" "tokens:N" --weight dice -w tokens:5
usage "--weight unknown" "unknown weight 'cosine'" --weight cosine
usage "--min-weight 0.5 with counts" "whole number" --min-weight 0.5
usage "--min-weight abc with a measure" "--weight jaccard, not 'abc'" --weight jaccard --min-weight abc
usage "--backbone 0" "--backbone" --backbone 0
usage "--backbone 1" "--backbone" --backbone 1
usage "--backbone abc" "'abc'" --backbone abc
usage "--backbone with pmi" "positive weights" --backbone 0.1 --weight pmi
usage "--backbone with npmi (either order)" "positive weights" --weight npmi --backbone 0.1
usage "--evidence 0" "--evidence" --evidence 0
usage "--evidence 1001" "--evidence" --evidence 1001

# ---- backbone ----
cat >"$T/backbone.py" <<'EOF'
import json, sys
full = json.load(open(sys.argv[1], encoding="utf-8"))
bb = json.load(open(sys.argv[2], encoding="utf-8"))
alpha = float(sys.argv[3])
strength, degree = {}, {}
for e in full["links"]:
    for n in (e["source"], e["target"]):
        strength[n] = strength.get(n, 0) + e["weight"]
        degree[n] = degree.get(n, 0) + 1
def a(e, n):
    k = degree[n]
    return 1.0 if k == 1 else (1 - e["weight"] / strength[n]) ** (k - 1)
want = sorted((e["source"], e["target"]) for e in full["links"]
              if a(e, e["source"]) < alpha or a(e, e["target"]) < alpha)
got = sorted((e["source"], e["target"]) for e in bb["links"])
assert got == want, (got, want)
assert 0 < len(got) < len(full["links"]), ("the example should drop some edges", got)
assert bb["graph"]["filters"] == "backbone=%s" % sys.argv[3], bb["graph"]
assert [n["id"] for n in bb["nodes"]] == [n["id"] for n in full["nodes"]]
print(len(got), len(full["links"]))
EOF
for case in "count 0.5" "dice 0.3" "jaccard 0.4"; do
    set -- $case
    name="--backbone $2 --weight $1: the disparity filter recomputed in Python"
    run "$T/full.json" -f json --weight $1
    run "$T/bb.json" -f json --weight $1 --backbone $2
    if [ $code -eq 0 ] && n=$("$PY" "$T/backbone.py" "$T/full.json" "$T/bb.json" $2 2>&1); then
        pass "$name (kept $n)"
    else
        fail "$name" "exit $code; $(cat "$T/err") $n"
    fi
done

# With --min-weight, the graph's filters say both, in the order they ran.
run "$T/bb2.json" -f json --weight dice --min-weight 0.2 --backbone 0.9
if [ $code -eq 0 ] && out=$("$PY" -c 'import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
assert g["graph"]["filters"] == "min-weight=0.2; backbone=0.9", g["graph"]
assert g["links"] and all(e["weight"] >= 0.2 for e in g["links"]), g["links"]
print(len(g["links"]))' "$T/bb2.json" 2>&1); then
    pass "--min-weight 0.2 --backbone 0.9: filters lists both ($out edges)"
else
    fail "--min-weight with --backbone: filters" "exit $code; $(cat "$T/err") $out"
fi

# ---- evidence ----
cat >"$T/evidence.py" <<'EOF'
import json, sys
graph_path, mentions_path, cap = sys.argv[1], sys.argv[2], int(sys.argv[3])
g = json.load(open(graph_path, encoding="utf-8"))
docs, order, wins, texts = {}, [], {}, {}
for line in open(mentions_path, encoding="utf-8"):
    m = json.loads(line)
    if m["doc"] not in docs:
        docs[m["doc"]] = open(m["doc"], "rb").read()
        order.append(m["doc"])
    w = (order.index(m["doc"]), m["sentence_start"], m["sentence_end"])
    wins.setdefault(m["id"], set()).add(w)
    texts.setdefault((m["id"],) + w, []).append(m["text"])
seen = 0
for e in g["links"]:
    s, t = e["source"], e["target"]
    ev = e.get("evidence", [])
    shared = sorted(wins[s] & wins[t])
    assert len(ev) == min(cap, e["count"]) == min(cap, len(shared)), (e, len(shared))
    for snip, w in zip(ev, shared):     # the first shared windows, in input order
        assert (order.index(snip["doc"]), snip["start"], snip["end"]) == w, (snip, w)
        quoted = docs[snip["doc"]][snip["start"]:snip["end"]].decode("utf-8")
        assert len(quoted.encode()) <= 300 and snip["text"] == quoted, (snip, quoted)
        assert snip["source_text"] in texts[(s,) + w], snip
        assert snip["target_text"] in texts[(t,) + w], snip
        assert snip["source_text"] in quoted and snip["target_text"] in quoted, snip
        seen += 1
assert seen, "no evidence at all"
print(seen)
EOF
run "$T/ev.json" -f json --evidence 2
if [ $code -eq 0 ] && n=$("$PY" "$T/evidence.py" "$T/ev.json" "$T/m-sentence.jsonl" 2 2>&1); then
    pass "--evidence 2: first two shared sentences per edge, offsets slice the text ($n snippets)"
else
    fail "--evidence 2: snippets" "exit $code; $(cat "$T/err") $n"
fi
run "$T/ev1.json" -f json --evidence 1
if [ $code -eq 0 ] && n=$("$PY" "$T/evidence.py" "$T/ev1.json" "$T/m-sentence.jsonl" 1 2>&1); then
    pass "--evidence 1: one snippet per edge ($n)"
else
    fail "--evidence 1" "exit $code; $(cat "$T/err") $n"
fi
run "$T/ev-again.json" -f json --evidence 2
if [ $code -eq 0 ] && cmp -s "$T/ev.json" "$T/ev-again.json"; then
    pass "--evidence: the same bytes on a second run"
else
    fail "--evidence: deterministic" "exit $code; $(diff "$T/ev.json" "$T/ev-again.json" | head -5)"
fi

# networkx loads a graph with float weights and evidence lists as it is.
run "$T/nx.json" -f json --weight npmi --evidence 2
if [ $code -eq 0 ] && out=$("$PY" - "$T/nx.json" <<'EOF' 2>&1
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
try:
    g = nx.node_link_graph(data, edges="links")
except TypeError:
    g = nx.node_link_graph(data)
assert g.number_of_edges() == len(data["links"]) >= 5
for u, v, d in g.edges(data=True):
    assert isinstance(d["evidence"], list) and d["evidence"], d
    assert -1 <= d["weight"] <= 1 and d["count"] >= 1, d
assert g.graph["measure"] == "npmi" and g.graph["windows"] > 0, g.graph
print(g.number_of_edges())
EOF
); then
    pass "networkx reads npmi weights and evidence lists ($out edges)"
else
    fail "networkx reads npmi weights and evidence lists" "exit $code; $(cat "$T/err") $out"
fi

# Paragraph windows: the range runs from the first mention's sentence to
# the second's, and still slices the input.
cat >"$T/paragraph.py" <<'EOF'
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
n = 0
for e in g["links"]:
    for s in e["evidence"]:
        data = open(s["doc"], "rb").read()
        quoted = data[s["start"]:s["end"]].decode("utf-8")
        assert s["text"] == quoted, s
        assert s["source_text"] in quoted and s["target_text"] in quoted, s
        assert "\n\n" not in quoted, ("a paragraph window quoted across paragraphs", s)
        n += 1
assert n
print(n)
EOF
run "$T/evp.json" -f json -w paragraph --evidence 3
if [ $code -eq 0 ] && n=$("$PY" "$T/paragraph.py" "$T/evp.json" 2>&1); then
    pass "--evidence -w paragraph: sentence ranges inside the paragraph ($n)"
else
    fail "--evidence -w paragraph" "exit $code; $(cat "$T/err") $n"
fi

# DOT carries the same snippets as one string per edge, "DOC:START-END: TEXT"
# lines (pygraphviz reads it back).
cat >"$T/dot.py" <<'EOF'
import json, re, sys
import pygraphviz as pgv
g = json.load(open(sys.argv[1], encoding="utf-8"))
d = pgv.AGraph(sys.argv[2])
n = 0
for e in g["links"]:
    want = "\n".join("%s:%d-%d: %s" % (s["doc"], s["start"], s["end"],
                                       re.sub(r"\s+", " ", s["text"]))
                     for s in e["evidence"])
    got = d.get_edge(e["source"], e["target"]).attr["evidence"]
    assert got == want, (got, want)
    n += 1
print(n)
EOF
run "$T/ev.dot" -f dot --evidence 2
if [ $code -eq 0 ] && n=$("$PY" "$T/dot.py" "$T/ev.json" "$T/ev.dot" 2>&1); then
    pass "--evidence in DOT: the edge attribute evidence lists the snippets ($n edges)"
else
    fail "--evidence in DOT" "exit $code; $(cat "$T/err") $n"
fi

# A larger generated corpus: 300 documents, each pair shares hundreds of
# sentences, and no edge keeps more than N snippets.
mkdir "$T/big"
"$PY" - "$T/big" <<'EOF'
import sys
names = ["Ada Nkem", "Tom Reyes", "Mia Sol", "Valdoria", "Kestrel Bank"]
for d in range(300):
    with open("%s/doc%03d.txt" % (sys.argv[1], d), "w") as f:
        for s in range(20):
            a, b = names[(d + s) % 5], names[(d * 3 + s * 2 + 1) % 5]
            f.write("%s spoke with %s on day %d. " % (a, b, s))
        f.write("\n")
EOF
"$NERGRAPH" -g "$T/gaz.tsv" -f json --evidence 3 -o "$T/big.json" "$T/big" 2>"$T/err"
code=$? n=""
if [ $code -eq 0 ] && n=$("$PY" - "$T/big.json" <<'EOF' 2>&1
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(g["links"]) >= 5
for e in g["links"]:
    assert e["count"] > 100 and len(e["evidence"]) == 3, (e["count"], len(e["evidence"]))
    keys = [(s["doc"], s["start"]) for s in e["evidence"]]
    assert keys == sorted(keys) and len(set(keys)) == 3, keys  # input order
print(sum(e["count"] for e in g["links"]))
EOF
); then
    pass "--evidence 3 on 300 documents: 3 snippets per edge out of $n shared sentences"
else
    fail "--evidence 3 on a larger corpus" "exit $code; $(cat "$T/err") $n"
fi
