#!/bin/sh
# Every graph format, read back by the clients analysts use (Debian's
# python3: networkx 2.8, python-igraph 0.10, the csv module): networkx
# reads the JSON with a plain node_link_graph(data), GraphML, GEXF and
# GML; igraph reads GraphML and GML; the CSVs parse.  Each must give the
# nodes, edges, weights and attributes of the JSON, with numbers as
# numbers, for names full of quotes, backslashes, markup, commas and
# non-Latin scripts.  Strings no gazetteer can hold (control characters,
# line breaks, bytes that are not UTF-8) and NaN/infinities come from the
# unit test's graph (test_export_formats --write).  Every output is
# deterministic, and the CSV directory is written as a set.
. "$ROOT/tests/cli/lib.sh"

cat >"$T/ents.py" <<'EOF'
ENTS = [
    # id, type, name, attributes (values hold no ';': the gazetteer's separator)
    ('q"uote\\', "person", 'Zorro "Z" Quill', {"say": 'he said "hi" \\o/'}),
    ("back\\slash", "person", "Vextor Lunk", {"path": "C:\\tmp\\"}),
    ("<tag>&amp;", "organization", "Ampwell & Sons", {"html": "<b>x</b> & y"}),
    ("apos'id", "organization", "O'Quirk Ltd", {"q": "'single'"}),
    ("ukr:\u041a\u0438\u0457\u0432", "country", "\u041a\u0438\u0457\u0432",
     {"\u043d\u0430\u0437\u0432\u0430": "\u0441\u0442\u043e\u043b\u0438\u0446\u044f"}),
    ("zh:\u5317\u4eac", "country", "\u5317\u4eac\u5e02", {"note": "\u9996\u90fd"}),
    ("emoji:\U0001F680", "organization", "Rocket \U0001F680 Works", {"my-key": "a,b"}),
    ("plain", "person", "Quentin Plain", {"Id": "clash", "name": "Q"}),
]
EOF

"$PY" "$ROOT/tests/lib/ents_corpus.py" "$T" "Later Vextor Lunk called Quentin Plain."

# The checker: read FORMAT's file(s) with CLIENT and compare with the JSON.
cat >"$T/check.py" <<'EOF'
import csv, html, json, math, sys, warnings
import networkx as nx

what, d = sys.argv[1], sys.argv[2]
# A warning from a reader is a failure; igraph's own are recorded instead
# (an exception raised inside igraph's warning callback crashes it).
if what.startswith("ig-"):
    caught = warnings.catch_warnings(record=True)
    igraph_warnings = caught.__enter__()
    warnings.simplefilter("always")
else:
    warnings.simplefilter("error")

def fail(msg):
    raise SystemExit(what + ": " + msg)

# The reference: the JSON, read as the README says.
with open(d + "/g.json", encoding="utf-8") as f:
    data = json.load(f)
if data.get("links") != data.get("edges"):
    fail("links and edges differ")
G = nx.node_link_graph(data)
NODES = {n: dict(a) for n, a in G.nodes(data=True)}
EDGES = {frozenset((u, v)): dict(a) for u, v, a in G.edges(data=True)}
GRAPH = dict(G.graph)

def same(a, b):
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b and type(a) is type(b)

def compare(nodes, edges, graph=None, fix_node=lambda a: a, fix_edge=lambda a: a):
    if set(nodes) != set(NODES):
        fail("nodes differ: extra %r missing %r" % (sorted(set(nodes) - set(NODES)),
                                                    sorted(set(NODES) - set(nodes))))
    for n, want in NODES.items():
        got = fix_node(dict(nodes[n]))
        for k in set(want) | set(got):
            if not same(got.get(k), want.get(k)):
                fail("node %r attribute %r: %r, want %r" % (n, k, got.get(k), want.get(k)))
    if set(edges) != set(EDGES):
        fail("edges differ: %r vs %r" % (sorted(map(sorted, edges)), sorted(map(sorted, EDGES))))
    for e, want in EDGES.items():
        got = fix_edge(dict(edges[e]))
        for k in set(want) | set(got):
            if not same(got.get(k), want.get(k)):
                fail("edge %r attribute %r: %r, want %r" % (sorted(e), k, got.get(k), want.get(k)))
    if graph is not None:
        for k, v in GRAPH.items():
            if not same(graph.get(k), v):
                fail("graph attribute %r: %r, want %r" % (k, graph.get(k), v))

def numeric_refs(s):
    """Decode &#N; (html.unescape would also drop control characters)."""
    import re
    return re.sub(r"&#([0-9]+);", lambda m: chr(int(m.group(1))), s)

def gml_key(name, taken):
    """The key nergraph's GML writer uses for a column (see export_gml.c)."""
    ok = name[:1].isascii() and name[:1].isalpha() and all(
        c.isascii() and (c.isalnum() or c == "_") for c in name)
    if not ok:
        key = "" if name[:1].isascii() and name[:1].isalpha() else "x"
        for b in name.encode("utf-8"):
            c = chr(b)
            key += c if c.isascii() and (c.isalnum() or c == "_") else "_%02X" % b
    else:
        key = name
    base, n = key, 2
    while key in taken:
        key, n = "%s_%d" % (base, n), n + 1
    taken.add(key)
    return key

def node_columns():
    """Node column names in file order (the JSON keeps it)."""
    cols = []
    for n in data["nodes"]:
        for k in n:
            if k != "id" and k not in cols:
                cols.append(k)
    return cols

if what == "json":
    compare(NODES, EDGES)  # loads, and without a warning
elif what == "nx-graphml":
    H = nx.read_graphml(d + "/g.graphml")
    compare(dict(H.nodes(data=True)), {frozenset((u, v)): a for u, v, a in H.edges(data=True)},
            H.graph)
elif what == "nx-gexf":
    H = nx.read_gexf(d + "/g.gexf")
    def fix_edge(a):  # GEXF's weight is a double; its edge id is not ours
        a.pop("id")
        if not isinstance(a["weight"], float):
            fail("GEXF weight %r is not a float" % a["weight"])
        a["weight"] = int(a["weight"]) if a["weight"].is_integer() else a["weight"]
        return a
    compare(dict(H.nodes(data=True)), {frozenset((u, v)): a for u, v, a in H.edges(data=True)},
            fix_edge=fix_edge)
elif what == "nx-gml":
    H = nx.read_gml(d + "/g.gml")  # label (the entity id) names the nodes
    taken = {"id", "label"}
    keys = {c: gml_key("name" if c == "label" else c, taken) for c in node_columns()}
    back = {v: k for k, v in keys.items()}
    compare(dict(H.nodes(data=True)), {frozenset((u, v)): a for u, v, a in H.edges(data=True)},
            H.graph, fix_node=lambda a: {back[k]: v for k, v in a.items()})
elif what.startswith("ig-"):
    import igraph
    fmt = what[3:]
    g = (igraph.Graph.Read_GraphML if fmt == "graphml" else igraph.Graph.Read_GML)(d + "/g." + fmt)
    if fmt == "graphml":
        unesc, idkey, keys = (lambda s: s), "id", {c: c for c in node_columns()}
        # igraph 0.10's GraphML reader returns a '&' in an XML attribute
        # (the node id) as "&#38;"; element text (every column) is exact.
        ids = [html.unescape(v["id"]) for v in g.vs]
    else:
        # igraph decodes only the five XML entities; the numeric ones come
        # back as written, for the reader to decode.
        taken = {"id", "label"}
        unesc, idkey = numeric_refs, "label"
        keys = {c: gml_key("name" if c == "label" else c, taken) for c in node_columns()}
        ids = [unesc(v[idkey]) for v in g.vs]
    def norm(a, want):  # igraph: every number a float, absent strings ""
        out = {}
        for k, v in want.items():
            x = a.get(keys.get(k, k))
            if isinstance(v, int):
                if not isinstance(x, float) or x != v:
                    fail("%r: %r, want the number %r" % (k, x, v))
                x = v
            elif isinstance(x, str):
                x = unesc(x)
            out[k] = x
        for k, x in a.items():
            if x not in ("", None) and not (isinstance(x, float) and math.isnan(x)):
                if k not in [keys.get(w, w) for w in want] + [idkey, "id"]:
                    fail("unexpected attribute %r=%r" % (k, x))
        return out
    names = ids
    nodes = {names[v.index]: norm(v.attributes(), NODES[names[v.index]]) for v in g.vs}
    edges = {}
    for e in g.es:
        key = frozenset((names[e.source], names[e.target]))
        edges[key] = norm(e.attributes(), EDGES.get(key, {}))
    compare(nodes, edges)
    for w in igraph_warnings:
        if "unknown entities will be returned verbatim" not in str(w.message) or fmt != "gml":
            fail("igraph warned: %s" % w.message)
elif what == "csv":
    def rows(name):
        with open(d + "/" + name, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    def text(v):  # what CSV makes of a value
        return "" if v is None else str(v)
    nrows, erows = rows("nodes.csv"), rows("edges.csv")
    with open(d + "/nodes.csv", encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    if header[:3] != ["Id", "Label", "Type"]:
        fail("nodes header %r" % header)
    taken = {"id", "label", "type"}
    names = {}
    for c in node_columns():
        if c in ("label", "type"):
            continue
        k = c
        n = 2
        while k.lower() in taken:
            k, n = "%s_%d" % (c, n), n + 1
        taken.add(k.lower())
        names[c] = k
    if header[3:] != list(names.values()):
        fail("nodes header %r, want %r" % (header, ["Id", "Label", "Type"] + list(names.values())))
    got = {r["Id"]: r for r in nrows}
    if set(got) != set(NODES):
        fail("ids differ: %r" % sorted(got))
    for n, want in NODES.items():
        r = got[n]
        if r["Label"] != want["label"] or r["Type"] != want["type"]:
            fail("node %r: %r" % (n, r))
        for c, k in names.items():
            if r[k] != text(want.get(c)):
                fail("node %r column %r: %r, want %r" % (n, k, r[k], text(want.get(c))))
    if set(erows[0]) != {"Source", "Target", "Type", "Weight"} | {
            k for k in next(iter(EDGES.values())) if k != "weight"}:
        fail("edges header %r" % list(erows[0]))
    edges = {frozenset((r["Source"], r["Target"])): r for r in erows}
    if set(edges) != set(EDGES):
        fail("edges differ")
    for e, want in EDGES.items():
        r = edges[e]
        if r["Type"] != "Undirected" or r["Weight"] != text(want["weight"]):
            fail("edge %r: %r" % (sorted(e), r))
        for k, v in want.items():
            if k != "weight" and r[k] != text(v):
                fail("edge %r column %r: %r" % (sorted(e), k, r[k]))
else:
    fail("unknown check")
EOF

# ---- the hostile gazetteer through the command line ----
# $T/h gets g.json, g.graphml, g.gml, g.gexf and csv/; the checker finds
# the CSVs beside the others.
mkdir "$T/h"
ok=true
for f in json graphml gml gexf; do
    "$NERGRAPH" -g "$T/gaz.tsv" -o "$T/h/g.$f" "$T/story.txt" 2>"$T/err.$f" || ok=false
done
"$NERGRAPH" -g "$T/gaz.tsv" -f csv -o "$T/h/csv" "$T/story.txt" 2>"$T/err.csv" || ok=false
if $ok && [ -s "$T/h/g.json" ] && cp "$T/h/csv/nodes.csv" "$T/h/csv/edges.csv" "$T/h/"; then
    pass "hostile names: every format written (-o picks it by extension)"
else
    fail "hostile names: every format written (-o picks it by extension)" "$(cat "$T"/err.*)"
fi
# the story mentions every entity; one more sentence gives a weight of 2
check "hostile names: the JSON holds every entity and the weight-2 edge" "$PY" -c '
import json, sys
sys.path.insert(0, sys.argv[2])
from ents import ENTS
g = json.load(open(sys.argv[1], encoding="utf-8"))
assert {n["id"] for n in g["nodes"]} == {e[0] for e in ENTS}, sorted(n["id"] for n in g["nodes"])
w = {(l["source"], l["target"]): l["weight"] for l in g["links"]}
assert w[("back\\slash", "plain")] == 2 and len(w) == 28, w
' "$T/h/g.json" "$T"
for c in json nx-graphml nx-gexf nx-gml ig-graphml ig-gml csv; do
    check "hostile names: $c reads what the JSON holds" "$PY" "$T/check.py" "$c" "$T/h"
done

# ---- strings no gazetteer can hold, NaN and infinities (unit test graph) ----
BUILD_DIR=$(dirname "$NERGRAPH")
mkdir "$T/u"
if "$BUILD_DIR/tests/test_export_formats" --write "$T/u" >"$T/u.err" 2>&1; then
    check "control characters, NaN, infinities: what each reader gets back" "$PY" - "$T/u" <<'EOF'
import csv, html, json, math, re, sys, warnings
import networkx as nx
d = sys.argv[1]
exact = "x\x01y\tz\nw\r<&>\"'\ufffd\ufffe"  # the 0xFF byte is U+FFFD everywhere
xml = "x\ufffdy\tz\nw\r<&>\"'\ufffd\ufffd"  # XML 1.0 cannot hold U+0001, U+FFFE
A, B, K = "a&<\"'>", "b", "\u041a"
nan, inf = float("nan"), float("inf")
with warnings.catch_warnings(record=True):
    import igraph
    ig_graphml = igraph.Graph.Read_GraphML(d + "/g.graphml")
    ig_gml = igraph.Graph.Read_GML(d + "/g.gml")

def same(a, b):
    return (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)) or (
        a == b and type(a) is type(b))

def alike(a, b):
    if isinstance(a, (list, tuple)):
        return isinstance(b, type(a)) and len(a) == len(b) and all(alike(x, y) for x, y in zip(a, b))
    return same(a, b)

def nx_view(H):
    n = H.nodes
    return (n[A]["bad"], [n[v]["score"] for v in (A, B, K)], n[B]["ID"],
            sorted(d["f"] for _, _, d in H.edges(data=True)))

def numeric_refs(s):
    return re.sub(r"&#([0-9]+);", lambda m: chr(int(m.group(1))), s)

def ig_view(g, key, unesc):
    v = {unesc(x[key]): x for x in g.vs}
    return (unesc(v[A]["bad"]), [v[x]["score"] for x in (A, B, K)], v[B]["ID"],
            sorted(g.es["f"]))

J = json.load(open(d + "/g.json", encoding="utf-8"))
jn = {n["id"]: n for n in J["nodes"]}
rows = {r["Id"]: r for r in csv.DictReader(open(d + "/nodes.csv", encoding="utf-8", newline=""))}
erows = list(csv.DictReader(open(d + "/edges.csv", encoding="utf-8", newline="")))
got = {
    # JSON has no NaN or infinity: null
    "json": (jn[A]["bad"], [jn[v]["score"] for v in (A, B, K)], jn[B]["ID"],
             [l["f"] for l in J["links"]]),
    "nx graphml": nx_view(nx.read_graphml(d + "/g.graphml")),
    "nx gexf": nx_view(nx.read_gexf(d + "/g.gexf")),
    "nx gml": nx_view(nx.read_gml(d + "/g.gml")),
    "igraph graphml": ig_view(ig_graphml, "id", html.unescape),  # & in ids: see check.py
    "igraph gml": ig_view(ig_gml, "label", numeric_refs),
    "csv": (rows[A]["bad"], [float(rows[v]["score"]) for v in (A, B, K)], int(rows[B]["ID_2"]),
            sorted(float(r["f"]) for r in erows)),
}
want = {
    "json": (exact, [1e20, None, None], -7, [2.0, None]),
    "nx graphml": (xml, [1e20, nan, -inf], -7, [2.0, inf]),
    "nx gexf": (xml, [1e20, nan, -inf], -7, [2.0, inf]),
    "nx gml": (exact, [1e20, nan, -inf], -7, [2.0, inf]),
    "igraph graphml": (xml, [1e20, nan, -inf], -7.0, [2.0, inf]),
    "igraph gml": (exact, [1e20, nan, -inf], -7.0, [2.0, inf]),
    "csv": (exact, [1e20, nan, -inf], -7, [2.0, inf]),
}
bad = ["%s: %r\n    want %r" % (k, got[k], want[k]) for k in want if not alike(got[k], want[k])]
assert not bad, "\n".join(bad)
EOF
else
    fail "test_export_formats --write" "$(cat "$T/u.err")"
fi

# ---- determinism: twice the same bytes ----
for f in graphml gml gexf json; do
    "$NERGRAPH" -g "$T/gaz.tsv" -f "$f" "$T/story.txt" >"$T/again.$f" 2>/dev/null
    if [ -s "$T/again.$f" ] && cmp -s "$T/again.$f" "$T/h/g.$f"; then pass "$f: the same bytes twice"
    else fail "$f: the same bytes twice"; fi
done
"$NERGRAPH" -g "$T/gaz.tsv" -f csv -o "$T/again-csv" "$T/story.txt" 2>/dev/null
if [ -s "$T/again-csv/nodes.csv" ] && cmp -s "$T/again-csv/nodes.csv" "$T/h/csv/nodes.csv" \
   && cmp -s "$T/again-csv/edges.csv" "$T/h/csv/edges.csv"; then pass "csv: the same bytes twice"
else fail "csv: the same bytes twice"; fi

# ---- the CSV directory ----
printf 'Later Vextor Lunk called Quentin Plain.\n' >"$T/small.txt"
csvrun() {  # csvrun ARGS...: sets $code, stderr in $T/cerr
    "$NERGRAPH" -g "$T/gaz.tsv" "$@" "$T/small.txt" >"$T/cout" 2>"$T/cerr"
    code=$?
}
csvrun -f csv
expect_err "csv without -o: usage error" 2 "$T/cerr" "the csv format writes a directory" "-o DIR"
csvrun -o "$T/graph.csv"
expect_err "-o graph.csv: usage error, it names a file" 2 "$T/cerr" "-f csv -o DIR" "graph.csv"
if [ $code -eq 2 ] && [ ! -e "$T/graph.csv" ]; then pass_failure "-o graph.csv: nothing written"
else fail "-o graph.csv: nothing written" "exit $code"; fi

# Over the previous output: replaced as a whole, nothing left beside it.
csvrun -f csv -o "$T/h/csv/"
lines=$(cat "$T/h/csv/edges.csv" 2>/dev/null | wc -l)
left=$(ls -a "$T/h" | grep -c '\.tmp\.\|\.old\.')
if [ $code -eq 0 ] && [ "$lines" -eq 2 ] && [ "$left" -eq 0 ] \
   && [ "$(ls "$T/h/csv" | tr '\n' ' ')" = "edges.csv nodes.csv " ]; then
    pass "csv over a previous output: replaced, no temporary left"
else
    fail "csv over a previous output: replaced, no temporary left" \
        "exit $code, $lines lines, $left left: $(ls -a "$T/h" "$T/h/csv")" "$(cat "$T/cerr")"
fi

# A directory holding anything else, or a file, is never replaced.
mkdir "$T/mine"
printf 'keep\n' >"$T/mine/notes.txt"
csvrun -f csv -o "$T/mine"
expect_err "csv into a directory holding other files: refused" 1 "$T/cerr" \
    "will not replace this directory" "notes.txt"
if [ $code -eq 1 ] && grep -q "will not replace" "$T/cerr" && [ "$(ls "$T/mine")" = notes.txt ] && [ "$(cat "$T/mine/notes.txt")" = keep ] \
   && [ "$(ls "$T" | grep -c 'mine\.')" -eq 0 ]; then
    pass_failure "csv refused: the directory untouched, no temporary left"
else
    fail "csv refused: the directory untouched, no temporary left" "$(ls -a "$T" "$T/mine")"
fi
printf 'x\n' >"$T/afile"
csvrun -f csv -o "$T/afile"
expect_err "csv onto a file: refused" 1 "$T/cerr" "not a directory"
# A previous output of other files (say, an older version's) is not ours.
mkdir "$T/other"
printf 'a\n' >"$T/other/nodes.csv"
printf 'b\n' >"$T/other/extra.csv"
csvrun -f csv -o "$T/other"
expect_err "csv over a directory with a file this output would not write: refused" 1 \
    "$T/cerr" "extra.csv"
if [ $code -eq 1 ] && grep -q "will not replace" "$T/cerr" && [ "$(cat "$T/other/nodes.csv")" = a ] && [ "$(ls "$T/other" | wc -l)" -eq 2 ] \
   && [ "$(ls "$T" | grep -c 'other\.')" -eq 0 ]; then
    pass_failure "csv refused at the end: the old files untouched"
else
    fail "csv refused at the end: the old files untouched" "$(ls -l "$T/other")"
fi
# An empty directory is fine (mkdir out && nergraph -f csv -o out).
mkdir "$T/empty"
csvrun -f csv -o "$T/empty"
if [ $code -eq 0 ] && [ -s "$T/empty/nodes.csv" ] && [ -s "$T/empty/edges.csv" ]; then
    pass "csv into an empty directory"
else
    fail "csv into an empty directory" "exit $code: $(cat "$T/cerr")"
fi

# Interrupted while reading: the temporary directory goes, nothing else
# appears.  The input is a fifo that a writer holds open for a while.
mkfifo "$T/fifo"
timeout 10 sh -c 'sleep 4 >"$1"' sh "$T/fifo" &
holder=$!
"$NERGRAPH" -g "$T/gaz.tsv" -f csv -o "$T/sig" "$T/fifo" 2>"$T/sigerr" &
pid=$!
sleep 1
during=$(ls "$T" | grep -c '^sig\.tmp\.')
kill -TERM $pid 2>/dev/null
wait $pid
code=$?
wait $holder
after=$(ls "$T" | grep -c '^sig$\|^sig\.')
if [ $code -eq 143 ] && [ "$during" -eq 1 ] && [ "$after" -eq 0 ]; then
    pass "csv: SIGTERM while reading removes the temporary directory"
else
    fail "csv: SIGTERM while reading removes the temporary directory" \
        "exit $code, $during temporary during, $after left: $(ls "$T")"
fi
