#!/bin/sh
# Diagrams: svg, png and pdf rendered in-process, the --layout, --color and
# --size flags, and the figures DOT carries on every element.  Expected
# figures come from -f json of the same run, read by Python, or from the
# text itself (mention counts).
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'person:ada-nkem' person 'Ada Nkem' \
    'person:tom-reyes' person 'Tom Reyes' \
    'person:lin-okoro' person 'Lin Okoro' \
    'country:VL' country 'Valdoria' \
    'organization:gcc' organization 'Grain Council' >"$T/gaz.tsv"
# Ada: 6 mentions, Lin: 1; Ada-Tom 4 windows, Ada-Valdoria 2, Tom-Lin 1.
cat >"$T/in.txt" <<'EOF'
Ada Nkem met Tom Reyes. Ada Nkem and Tom Reyes spoke.

Ada Nkem called Tom Reyes. Tom Reyes wrote to Ada Nkem.

Valdoria hosted Ada Nkem. Ada Nkem left Valdoria.

Tom Reyes saw Lin Okoro.
EOF

run() {  # run OUT [ARGS...]: sets $code
    o=$1; shift
    "$NERGRAPH" -g "$T/gaz.tsv" "$@" -o "$o" "$T/in.txt" >"$T/stdout" 2>"$T/err"
    code=$?
}
pycheck() {  # pycheck NAME SCRIPT ARGS...: a Python check that prints OK
    name=$1; shift
    out=""
    if [ "$code" -eq 0 ] && out=$("$PY" "$@" 2>&1) && [ "$out" = OK ]; then
        pass "$name"
    else
        fail "$name" "exit $code; $(head -c 600 "$T/err")" "$out"
    fi
}
run "$T/g.json"

cat >"$T/svg.py" <<'EOF'
# svg.py SVG JSON: well-formed XML, one node group per node and one edge
# group per link, node tooltips with the node's figures, a title.
import json, sys
import xml.etree.ElementTree as ET
svg, g = ET.parse(sys.argv[1]).getroot(), json.load(open(sys.argv[2]))
ns = "{http://www.w3.org/2000/svg}"
groups = [e for e in svg.iter(ns + "g")]
nodes = [e for e in groups if e.get("class") == "node"]
edges = [e for e in groups if e.get("class") == "edge"]
assert len(nodes) == len(g["nodes"]), (len(nodes), len(g["nodes"]))
assert len(edges) == len(g["links"]), (len(edges), len(g["links"]))
titles = []
for e in nodes + edges:
    for a in e.iter(ns + "a"):
        titles.append(a.get("{http://www.w3.org/1999/xlink}title"))
for n in g["nodes"]:
    want = "%s (%s)" % (n["label"], n["type"])
    tip = [t for t in titles if t and t.startswith(want + "\n")]
    assert len(tip) == 1, (want, titles)
    assert "mentions: %d" % n["mentions"] in tip[0], tip
    assert "documents: %d" % n["documents"] in tip[0], tip
label = {n["id"]: n["label"] for n in g["nodes"]}
for l in g["links"]:
    pair = [label[l["source"]] + " \u2014 " + label[l["target"]],
            label[l["target"]] + " \u2014 " + label[l["source"]]]
    tip = [t for t in titles if t and t.split("\n")[0] in pair]
    assert len(tip) == 1, (pair, titles)
    assert "weight: %s" % l["weight"] in tip[0], tip
text = " ".join(t.text or "" for t in svg.iter(ns + "text"))
assert "%d entities, %d links" % (len(g["nodes"]), len(g["links"])) in text, text
assert "documents read: 1" in text and "window: sentence" in text, text
print("OK")
EOF
run "$T/d.svg"
pycheck "svg: well-formed, one group per node and edge, tooltips with figures, title" \
    "$T/svg.py" "$T/d.svg" "$T/g.json"

cat >"$T/legend.py" <<'EOF'
# legend.py SVG TYPE... : the legend names exactly the given types.
import sys
import xml.etree.ElementTree as ET
svg = ET.parse(sys.argv[1]).getroot()
text = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")]
for kind, shape in [("person", "ellipse"), ("country", "box"), ("organization", "hexagon")]:
    entry = "%s (%s)" % (kind, shape)
    assert (entry in text) == (kind in sys.argv[2:]), (entry, text)
print("OK")
EOF
pycheck "legend lists the types present" "$T/legend.py" "$T/d.svg" person country
run "$T/p.svg" --types person
pycheck "legend lists only the types present (--types person)" "$T/legend.py" "$T/p.svg" person

run "$T/d2.svg"
if [ "$code" -eq 0 ] && [ -s "$T/d.svg" ] && cmp -s "$T/d.svg" "$T/d2.svg"; then
    pass "svg is byte-identical across runs"
else
    fail "svg is byte-identical across runs" "exit $code"
fi

cat >"$T/png.py" <<'EOF'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
assert data[12:16] == b"IHDR"
w, h = struct.unpack(">II", data[16:24])
assert w > 100 and h > 100, (w, h)
print("OK")
EOF
run "$T/d.png"
pycheck "png: PNG signature, IHDR with a real size" "$T/png.py" "$T/d.png"
run "$T/d2.png"
if [ "$code" -eq 0 ] && [ -s "$T/d.png" ] && cmp -s "$T/d.png" "$T/d2.png"; then
    pass "png is byte-identical across runs"
else
    fail "png is byte-identical across runs" "exit $code"
fi

run "$T/d.pdf"
if [ "$code" -eq 0 ] && [ "$(head -c 5 "$T/d.pdf")" = "%PDF-" ] && grep -aq '%%EOF' "$T/d.pdf"; then
    pass "pdf starts with %PDF- and ends with %%EOF"
else
    fail "pdf starts with %PDF- and ends with %%EOF" "exit $code; $(head -c 300 "$T/err")"
fi
sleep 1 # a second later: a creation date would differ
run "$T/d2.pdf"
if [ "$code" -eq 0 ] && cmp -s "$T/d.pdf" "$T/d2.pdf" && grep -aq 'CreationDate (D:19700101000000' "$T/d.pdf"; then
    pass "pdf is byte-identical across runs (fixed creation date)"
else
    fail "pdf is byte-identical across runs (fixed creation date)" "exit $code"
fi

for layout in dot neato fdp sfdp circo; do
    run "$T/l.svg" --layout "$layout"
    pycheck "--layout $layout renders every node and edge" "$T/svg.py" "$T/l.svg" "$T/g.json"
    run "$T/l.dot" --layout "$layout"
    if [ "$code" -eq 0 ] && grep -q "layout=$layout," "$T/l.dot"; then
        pass "--layout $layout is recorded in the DOT"
    else
        fail "--layout $layout is recorded in the DOT" "exit $code"
    fi
done
run "$T/bad.svg" --layout spring
expect_err "unknown --layout is a usage error" 2 "$T/err" "--layout takes dot, neato, fdp, sfdp or circo, not 'spring'"
[ "$code" -eq 2 ] && [ ! -e "$T/bad.svg" ] && pass_failure "no file after an unknown layout" || fail "no file after an unknown layout"
run "$T/bad.svg" --color community
expect_err "--color community without communities is a usage error" 2 "$T/err" "--color community needs" "--analyze"
[ "$code" -eq 2 ] && [ ! -e "$T/bad.svg" ] && pass_failure "no file after --color community" || fail "no file after --color community"
run "$T/bad.svg" --color shade
expect_err "--color takes type or community" 2 "$T/err" "--color takes type or community, not 'shade'"
run "$T/bad.svg" --size label
expect_err "--size must name a numeric column" 2 "$T/err" "--size label:" "mentions, documents"

cat >"$T/dot.py" <<'EOF'
# dot.py DOT JSON: pygraphviz and networkx (through pygraphviz) read the
# DOT; every edge carries weight and documents, every node its columns;
# node width grows with mentions; edge width grows with weight.
import json, sys
import networkx as nx
import pygraphviz
g = json.load(open(sys.argv[2]))
a = pygraphviz.AGraph(sys.argv[1])
assert a.number_of_nodes() == len(g["nodes"]) and a.number_of_edges() == len(g["links"])
# The figures are on each element, not only in default blocks.
assert a.edge_attr.get("weight") in (None, ""), a.edge_attr
assert a.node_attr.get("mentions") in (None, ""), a.node_attr
d = nx.nx_agraph.read_dot(sys.argv[1])
byid = {n["id"]: n for n in g["nodes"]}
for v, attrs in d.nodes(data=True):
    for col in ("label", "type", "mentions", "documents"):
        assert str(byid[v][col]) == attrs.get(col), (v, col, attrs)
links = {frozenset((l["source"], l["target"])): l for l in g["links"]}
widths = []
for u, v, attrs in d.edges(data=True):
    l = links[frozenset((u, v))]
    assert attrs.get("weight") == str(l["weight"]), (u, v, attrs)
    assert attrs.get("documents") == str(l["documents"]), (u, v, attrs)
    widths.append((l["weight"], float(attrs["penwidth"])))
widths.sort()
for (w1, p1), (w2, p2) in zip(widths, widths[1:]):
    assert (w1 < w2) == (p1 < p2 - 0.3), widths  # visibly apart
size = {v: float(a.get_node(v).attr["width"]) for v in a.nodes()}
font = {v: float(a.get_node(v).attr["fontsize"]) for v in a.nodes()}
ada, lin = "person:ada-nkem", "person:lin-okoro"
assert byid[ada]["mentions"] > byid[lin]["mentions"]
assert size[ada] > size[lin] and font[ada] > font[lin], (size, font)
print("OK")
EOF
run "$T/d.dot"
pycheck "pygraphviz and networkx read the DOT: every element has its figures, size and width grow" \
    "$T/dot.py" "$T/d.dot" "$T/g.json"
if [ "$code" -eq 0 ] && dot -Tsvg "$T/d.dot" -o "$T/dotcli.svg" 2>"$T/doterr" && [ -s "$T/dotcli.svg" ]; then
    pass "Graphviz's dot reads the DOT"
else
    fail "Graphviz's dot reads the DOT" "$(head -c 300 "$T/doterr" 2>/dev/null)"
fi

cat >"$T/size.py" <<'EOF'
# size.py DOT: --size documents ties two nodes that mentions tells apart.
import sys, pygraphviz
a = pygraphviz.AGraph(sys.argv[1])
ada, lin = a.get_node("person:ada-nkem").attr, a.get_node("person:lin-okoro").attr
assert ada["documents"] == lin["documents"] == "1", (ada, lin)
assert ada["width"] == lin["width"], (ada["width"], lin["width"])
print("OK")
EOF
run "$T/s.dot" --size documents
pycheck "--size documents sizes by that column" "$T/size.py" "$T/s.dot"

# A big graph: a warning that suggests --top, and still a picture.
"$PY" "$ROOT/tests/lib/gen_powerlaw.py" 320 "$T/big"
"$NERGRAPH" -g "$T/big/made-up.tsv" -o "$T/big.svg" "$T/big/text.txt" 2>"$T/err"
code=$?
expect_err "past 300 entities the diagram warns and suggests --top" 0 "$T/err" "320 entities" "--top N"
if [ "$code" -eq 0 ] && [ "$(grep -c '<g id="node[0-9]*" class="node">' "$T/big.svg")" -eq 320 ]; then
    pass "a 320-entity diagram renders"
else
    fail "a 320-entity diagram renders" "exit $code"
fi

# Hostile names in the picture: the SVG stays well-formed, every node is
# drawn, and tooltips show the names (a backslash as U+29F5).
printf '%s\t%s\t%s\n' \
    'q"id' organization 'Quoto "Q" Corp' \
    'b\"s' person 'Esc\"Name' \
    '<b>x</b>' organization '<b>Bold</b> & ]]> Co' \
    'tail\' person 'Endslash\' >"$T/hostile.tsv"
printf 'Today Quoto "Q" Corp, Esc\\"Name, <b>Bold</b> & ]]> Co and Endslash\\ met.\n' >"$T/hostile.txt"
"$NERGRAPH" -g "$T/hostile.tsv" -o "$T/h.svg" "$T/hostile.txt" 2>"$T/err"
code=$?
cat >"$T/hostile.py" <<'EOF'
import sys
import xml.etree.ElementTree as ET
svg = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
assert sum(1 for g in svg.iter(ns + "g") if g.get("class") == "node") == 4
tips = [a.get("{http://www.w3.org/1999/xlink}title") for a in svg.iter(ns + "a")]
for want in ['Quoto "Q" Corp (organization)', 'Esc\u29f5"Name (person)',
             '<b>Bold</b> & ]]> Co (organization)', 'Endslash\u29f5 (person)']:
    assert any(t.startswith(want + "\n") for t in tips), (want, tips)
print("OK")
EOF
pycheck "hostile names: the SVG is well-formed, with every node and its tooltip" \
    "$T/hostile.py" "$T/h.svg"

# With --analyze: --color community gives each community its own fill and
# one legend cell; --size pagerank orders widths by pagerank; the title
# names the filters applied.
run "$T/a.json" --analyze --top 4
run "$T/a.dot" --analyze --top 4 --color community --size pagerank
cat >"$T/community.py" <<'EOF'
import json, sys
import pygraphviz
a, g = pygraphviz.AGraph(sys.argv[1]), json.load(open(sys.argv[2]))
fill = {n: a.get_node(n).attr["fillcolor"] for n in a.nodes()}
com = {n["id"]: n["community"] for n in g["nodes"]}
assert len(fill) == len(com) == 4, (fill, com)
for u in com:
    for v in com:
        assert (com[u] == com[v]) == (fill[u] == fill[v]), (com, fill)
label = a.graph_attr["label"]
for c in set(com.values()):
    assert label.count("community %d<" % c) == 1, label
assert "filters: top=4 by" in label, label
rank = sorted(g["nodes"], key=lambda n: n["pagerank"])
widths = [float(a.get_node(n["id"]).attr["width"]) for n in rank]
assert widths == sorted(widths) and widths[0] < widths[-1], (rank, widths)
print("OK")
EOF
pycheck "--analyze --color community --size pagerank: fills by community, legend, widths by pagerank, filters in the title" \
    "$T/community.py" "$T/a.dot" "$T/a.json"
