#!/bin/sh
# Analytics and structural filters on a small hand-written corpus.
# --analyze: every figure is recomputed independently with networkx
# (degree, strength, PageRank, betweenness on distance 1/weight,
# eigenvector, components, the modularity of the returned partition).
# Filters (--exclude-id, --ego/--depth, --top/--top-by) are checked
# against node sets counted by hand, alone and composed with --types,
# --min-weight and --no-isolates; the graph's "filters" attribute says
# what was applied; bad values are usage errors.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'p:ada' person 'Ada Nkem' 'p:tom' person 'Tom Reyes' 'p:lin' person 'Lin Okafor' \
    'p:raj' person 'Raj Petrov' 'p:eva' person 'Eva Lund' 'p:ivo' person 'Ivo Brandt' \
    'p:oma' person 'Oma Diaz' 'p:never' person 'Never Named' \
    'c:VL' country Valdoria 'c:KR' country Korvia \
    'o:zen' organization 'Zenith Mills' 'o:gild' organization 'Gild Works' >"$T/gaz.tsv"
# Sentence windows.  By hand: mentions tom 4; ada, lin, raj, VL, KR, zen 3;
# eva 2; ivo, oma, gild 1.  Edges (weight): ada-tom 2, ada-VL 1, tom-VL 3,
# ada-lin 1, tom-lin 1, lin-VL 1, lin-raj 1, raj-zen 1, raj-KR 2, zen-KR 2,
# eva-zen 1, eva-KR 1, eva-raj 1, oma-gild 1; ivo alone.
cat >"$T/in.txt" <<'EOF'
Ada Nkem met Tom Reyes in Valdoria. Ada Nkem and Tom Reyes spoke again.
Ada Nkem called Lin Okafor. Tom Reyes wrote to Lin Okafor from Valdoria.
Lin Okafor visited Raj Petrov. Raj Petrov runs Zenith Mills in Korvia.
Eva Lund joined Zenith Mills. Eva Lund left Korvia with Raj Petrov.
Zenith Mills sold grain to Korvia. Ivo Brandt slept. Oma Diaz founded Gild Works.
Tom Reyes praised Valdoria.
EOF

run() {  # run OUT [ARGS...]: JSON of in.txt into OUT; sets $code
    o=$1; shift
    : >"$T/py.out"
    "$NERGRAPH" -g "$T/gaz.tsv" -f json "$@" -o "$o" "$T/in.txt" 2>"$T/err"
    code=$?
}

# ---- --analyze against networkx ---------------------------------------------
cat >"$T/check_analyze.py" <<'EOF'
import json, sys
import networkx as nx
from networkx.algorithms.community import modularity
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

d = json.load(open(sys.argv[1], encoding="utf-8"))
EDGES = {("p:ada", "p:tom"): 2, ("c:VL", "p:ada"): 1, ("c:VL", "p:tom"): 3,
         ("p:ada", "p:lin"): 1, ("p:lin", "p:tom"): 1, ("c:VL", "p:lin"): 1,
         ("p:lin", "p:raj"): 1, ("o:zen", "p:raj"): 1, ("c:KR", "p:raj"): 2,
         ("c:KR", "o:zen"): 2, ("o:zen", "p:eva"): 1, ("c:KR", "p:eva"): 1,
         ("p:eva", "p:raj"): 1, ("o:gild", "p:oma"): 1}
NODES = sorted({"p:ivo"} | {v for e in EDGES for v in e})
got_edges = {(l["source"], l["target"]): l["weight"] for l in d["links"]}
assert got_edges == EDGES, ("edges", got_edges)
nodes = {n["id"]: n for n in d["nodes"]}
assert sorted(nodes) == NODES, ("nodes", sorted(nodes))

G = nx.Graph()
G.add_nodes_from(NODES)
for (u, v), w in EDGES.items():
    G.add_edge(u, v, weight=w, distance=1.0 / w)
n = len(NODES)

def close(name, want, tol=1e-6):
    for v in NODES:
        got = nodes[v][name]
        assert abs(got - want[v]) <= tol, (name, v, got, want[v])

close("degree", dict(G.degree()), 0)
close("weighted_degree", dict(G.degree(weight="weight")), 0)
for v in NODES:
    assert isinstance(nodes[v]["degree"], int), "degree is an int"
close("pagerank", _pagerank_python(G, alpha=0.85, weight="weight", tol=1e-13, max_iter=10000))
close("betweenness", nx.betweenness_centrality(G, weight="distance", normalized=True), 1e-9)

# Eigenvector: per component, only the component(s) with the largest
# leading eigenvalue keep values, scaled to max 1.
eig, lam = {v: 0.0 for v in NODES}, {}
comps = [sorted(c) for c in nx.connected_components(G) if len(c) > 1]
for c in comps:
    S = G.subgraph(c)
    x = nx.eigenvector_centrality(S, weight="weight", max_iter=100000, tol=1e-14)
    Ax = {v: sum(S[v][u]["weight"] * x[u] for u in S[v]) for v in S}
    lam[c[0]] = sum(x[v] * Ax[v] for v in S) / sum(x[v] ** 2 for v in S)
best = max(lam.values())
for c in comps:
    if lam[c[0]] >= best * (1 - 1e-9):
        S = G.subgraph(c)
        x = nx.eigenvector_centrality(S, weight="weight", max_iter=100000, tol=1e-14)
        top = max(x.values())
        for v in c:
            eig[v] = x[v] / top
close("eigenvector", eig)
assert max(nodes[v]["eigenvector"] for v in NODES) == 1.0, "eigenvector max is exactly 1"
assert nodes["p:oma"]["eigenvector"] == 0 and nodes["p:ivo"]["eigenvector"] == 0

# Components: numbered by their first node in id order.
first = sorted(nx.connected_components(G), key=lambda c: min(c))
for i, c in enumerate(first):
    for v in c:
        assert nodes[v]["component"] == i, ("component", v, nodes[v]["component"], i)

# Communities: a partition whose networkx modularity is the graph's, numbered
# by first node in id order.
parts = {}
for v in NODES:
    parts.setdefault(nodes[v]["community"], set()).add(v)
assert sorted(parts) == list(range(len(parts))), ("community numbers", sorted(parts))
seen = []
for v in NODES:
    c = nodes[v]["community"]
    if c not in seen:
        seen.append(c)
assert seen == sorted(seen), ("community numbering follows id order", seen)
q = modularity(G, list(parts.values()), weight="weight")
assert abs(q - d["graph"]["modularity"]) < 1e-9, ("modularity", q, d["graph"]["modularity"])
# The two clusters joined by lin-raj are found as such.
assert nodes["p:ada"]["community"] == nodes["p:tom"]["community"] == nodes["c:VL"]["community"]
assert nodes["p:raj"]["community"] == nodes["o:zen"]["community"] == nodes["c:KR"]["community"]
assert nodes["p:ada"]["community"] != nodes["p:raj"]["community"]
assert q > 0.3, q
print("ok")
EOF
run "$T/a.json" --analyze
if [ "$code" -eq 0 ] && "$PY" "$T/check_analyze.py" "$T/a.json" >"$T/py.out" 2>&1; then
    pass "analyze: every figure matches networkx"
else
    fail "analyze: every figure matches networkx" "exit $code" "$(cat "$T/err" "$T/py.out" 2>/dev/null | tail -n 5)"
fi

run "$T/b.json" --analyze
if [ "$code" -eq 0 ] && cmp -s "$T/a.json" "$T/b.json" && [ -s "$T/a.json" ]; then
    pass "analyze: two runs write the same bytes"
else
    fail "analyze: two runs write the same bytes" "exit $code"
fi

if "$NERGRAPH" -g "$T/gaz.tsv" --analyze "$T/in.txt" >"$T/a.dot" 2>"$T/err" &&
    grep -q 'pagerank=' "$T/a.dot" && grep -q 'community=' "$T/a.dot"; then
    pass "analyze: DOT carries the columns too"
else
    fail "analyze: DOT carries the columns too" "$(head -c 400 "$T/a.dot")"
fi

run "$T/plain.json"
if [ "$code" -eq 0 ] && "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert "modularity" not in d["graph"] and "filters" not in d["graph"], d["graph"]
assert all("pagerank" not in n and "community" not in n for n in d["nodes"])
assert len(d["nodes"]) == 11
' "$T/plain.json" >"$T/py.out" 2>&1; then
    pass "without --analyze or filters: no analytic columns, no filters attribute"
else
    fail "without --analyze or filters: no analytic columns, no filters attribute" "$(cat "$T/py.out")"
fi

# ---- filters against hand-counted node sets ---------------------------------
# nodes_are NAME WANT_IDS WANT_FILTERS ARGS...: the run keeps exactly
# WANT_IDS (space separated) and the graph's filters attribute is
# WANT_FILTERS.
nodes_are() {
    name=$1 want=$2 wantf=$3; shift 3
    run "$T/f.json" "$@"
    if [ "$code" -eq 0 ] && "$PY" - "$T/f.json" "$want" "$wantf" >"$T/py.out" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
got = sorted(n["id"] for n in d["nodes"])
want = sorted(sys.argv[2].split())
assert got == want, ("nodes", got, "want", want)
ids = set(got)
assert all(l["source"] in ids and l["target"] in ids for l in d["links"])
assert d["graph"].get("filters") == sys.argv[3], ("filters", d["graph"].get("filters"))
EOF
    then
        pass "$name"
    else
        fail "$name" "exit $code" "$(cat "$T/err" "$T/py.out" | tail -n 3)"
    fi
}

nodes_are "ego depth 1: the ego and its neighbours" \
    "p:ada p:tom c:VL p:lin" "ego=p:ada depth=1" --ego p:ada
nodes_are "ego depth 2: one hop further, across the bridge" \
    "p:ada p:tom c:VL p:lin p:raj" "ego=p:ada depth=2" --ego p:ada --depth 2
nodes_are "ego after min-weight: hops over the edges left" \
    "p:ada p:tom c:VL" "min-weight=2; ego=p:ada depth=2" --ego p:ada --depth 2 --min-weight 2
nodes_are "ego after exclude-id: the bridge is gone" \
    "p:ada p:tom c:VL" "exclude-id=p:lin; ego=p:ada depth=3" --ego p:ada --depth 3 --exclude-id p:lin
nodes_are "ego never mentioned: an empty graph" \
    "" "ego=p:never depth=1" --ego p:never
nodes_are "top 3 by mentions: ties go to the smaller id" \
    "p:tom c:KR c:VL" "top=3 by mentions" --top 3
nodes_are "top 3 by mentions within --types person" \
    "p:tom p:ada p:lin" "types=person; top=3 by mentions" --top 3 --types person
nodes_are "exclude-id: two ids, repeated flag" \
    "c:KR c:VL o:zen p:ada p:eva p:lin p:raj p:tom" "exclude-id=o:gild,p:oma,p:ivo" \
    --exclude-id o:gild,p:oma --exclude-id p:ivo
nodes_are "exclude-id, top, min-weight and no-isolates composed" \
    "c:KR o:zen" "exclude-id=p:tom; min-weight=2; top=4 by mentions; no-isolates" \
    --exclude-id p:tom --top 4 --min-weight 2 --no-isolates
nodes_are "types, min-weight and no-isolates" \
    "p:ada p:tom" "types=person; min-weight=2; no-isolates" --types person --min-weight 2 --no-isolates

# --top-by pagerank: the expected set from networkx's PageRank of the
# graph the cut sees (here the whole graph), ties by id.
run "$T/pr.json" --top 3 --top-by pagerank --analyze
if [ "$code" -eq 0 ] && "$PY" - "$T/pr.json" >"$T/py.out" 2>&1 <<'EOF'
import json, sys
import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
E = [("p:ada", "p:tom", 2), ("c:VL", "p:ada", 1), ("c:VL", "p:tom", 3), ("p:ada", "p:lin", 1),
     ("p:lin", "p:tom", 1), ("c:VL", "p:lin", 1), ("p:lin", "p:raj", 1), ("o:zen", "p:raj", 1),
     ("c:KR", "p:raj", 2), ("c:KR", "o:zen", 2), ("o:zen", "p:eva", 1), ("c:KR", "p:eva", 1),
     ("p:eva", "p:raj", 1), ("o:gild", "p:oma", 1)]
G = nx.Graph()
G.add_node("p:ivo")
G.add_weighted_edges_from(E)
pr = _pagerank_python(G, weight="weight", tol=1e-13, max_iter=10000)
want = sorted(sorted(pr, key=lambda v: (-round(pr[v], 9), v))[:3])
d = json.load(open(sys.argv[1], encoding="utf-8"))
got = sorted(n["id"] for n in d["nodes"])
assert got == want, (got, want)
assert d["graph"]["filters"] == "top=3 by pagerank", d["graph"]
# --analyze runs on the graph that is written: three nodes, PageRank sums to 1.
assert abs(sum(n["pagerank"] for n in d["nodes"]) - 1) < 1e-9
EOF
then
    pass "top 3 by pagerank: networkx's three strongest"
else
    fail "top 3 by pagerank: networkx's three strongest" "exit $code" "$(cat "$T/err" "$T/py.out" | tail -n 3)"
fi

# Strengths: tom 6; VL, KR, raj 5: the tie goes to c:KR.
nodes_are "top 2 by weighted_degree" "c:KR p:tom" "top=2 by weighted_degree" \
    --top 2 --top-by weighted_degree

# ---- usage errors ------------------------------------------------------------
usage() {  # usage NAME SUBSTRING ARGS...: exit 2 naming SUBSTRING, no output
    name=$1 sub=$2; shift 2
    rm -f "$T/u.json"
    run "$T/u.json" "$@"
    if exited_with 2 "$T/err" "$sub" && [ ! -e "$T/u.json" ]; then
        pass_failure "$name"
    else
        fail "$name" "$why"
    fi
}
usage "exclude-id: unknown id named" "no entity in the gazetteers has id 'p:nobody'" \
    --exclude-id p:ada,p:nobody
usage "ego: unknown id named" "--ego: no entity in the gazetteers has id 'x:y'" --ego x:y
usage "ego also excluded" "--ego p:ada is also given to --exclude-id" --ego p:ada --exclude-id p:ada
usage "ego of a type --types drops" "which --types leaves out" --ego c:VL --types person
usage "top-by: unknown measure" "cannot rank by 'community'" --top 2 --top-by community
usage "top-by without top" "--top-by pagerank needs --top N" --top-by pagerank
usage "depth without ego" "--depth needs --ego ID" --depth 2
usage "top 0" "--top takes a whole number of 1 or more, not '0'" --top 0
usage "depth not a number" "--depth takes a whole number of 1 or more, not 'two'" --ego p:ada --depth two
