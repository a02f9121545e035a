#!/bin/sh
# Hostile names: ids, names and attribute values full of quotes,
# backslashes, markup, CDATA ends, braces, apostrophes, DOT keywords,
# HTML-like labels, U+2028, right-to-left text and emoji, all mentioned in
# one sentence.  The JSON round-trips every string exactly (and loads in
# networkx), every mentions line parses, and Graphviz reads the DOT.
. "$ROOT/tests/cli/lib.sh"

# The entities, shared by the generator and the checkers.
cat >"$T/ents.py" <<'EOF'
ENTS = [
    # id, type, name, attributes
    ('q"uote', "organization", 'Quoto "Q" Quux', {"say": 'he said "hi"'}),
    ("back\\slash", "person", "Endslash\\", {"path": "C:\\dir\\"}),
    ('esc\\"id', "person", 'Esc\\"Name', {"raw": '\\"x\\"'}),
    ("<a>&amp;", "organization", "Ampco & Sons", {"html": "<b>bold</b>", "amp": "a && b <c> &amp"}),
    ("]]>cdata", "organization", "Cdata ]]> Corp", {"x": "]]>", "y": "<![CDATA[x]]>"}),
    ("{brace}", "organization", "Brace {Inc}", {"json": '{"a": [1]}', "close": "}"}),
    ("it's", "person", "Zed O'Brien", {"q": "'single'"}),
    ("graph", "organization", "Graphco", {}),
    ("node", "organization", "Nodeco", {}),
    ("edge", "organization", "Edgeco", {}),
    ("subgraph", "organization", "Subco", {}),
    ("strict", "organization", "Strictco", {}),
    ("digraph", "organization", "Digraphco", {}),
    ("Graph", "organization", "Capgraphco", {}),
    ("NODE", "organization", "Capnodeco", {}),
    ("<b>bold</b>", "organization", "<b>Bold</b> Htmlco", {"label2": "<i>x</i>", "lt": "<"}),
    ("ls:\u2028", "organization", "Line\u2028Sepco", {"note": "a\u2028b\u2029c"}),
    ("rtl:\u05e9\u05dc\u05d5\u05dd", "person", "\u0645\u0631\u062d\u0628\u0627 \u0639\u0627\u0644\u0645",
     {"dir": "\u202eevil\u202c", "he": "\u05e9\u05dc\u05d5\u05dd"}),
    ("emoji:\U0001F680", "organization", "Rocket \U0001F680 Corp",
     {"icon": "\U0001F469\u200d\U0001F4BB", "flag": "\U0001F1FA\U0001F1E6"}),
]
EOF

"$PY" "$ROOT/tests/lib/ents_corpus.py" "$T"

# ---- JSON: parses, every string round-trips, networkx loads it ----
"$NERGRAPH" -g "$T/gaz.tsv" -f json "$T/story.txt" >"$T/g.json" 2>"$T/g.err"
code=$?
expect_err "hostile names: -f json exit 0" 0 "$T/g.err"
check "hostile names: JSON ids, labels, types and attributes round-trip exactly" "$PY" - "$T" <<'EOF'
import json, sys
sys.path.insert(0, sys.argv[1])
from ents import ENTS
g = json.load(open(sys.argv[1] + "/g.json", encoding="utf-8"))
nodes = {n["id"]: n for n in g["nodes"]}
want = {e[0] for e in ENTS}
assert set(nodes) == want, "ids differ:\n  extra %r\n  missing %r" % (
    sorted(set(nodes) - want), sorted(want - set(nodes)))
for i, ty, name, attrs in ENTS:
    n = nodes[i]
    assert n["label"] == name, "label of %r: %r, want %r" % (i, n["label"], name)
    assert n["type"] == ty, (i, n["type"])
    assert n["mentions"] == 1 and n["documents"] == 1, n
    for k, v in attrs.items():
        assert n.get(k) == v, "attribute %s of %r: %r, want %r" % (k, i, n.get(k), v)
    extra = set(n) - set(attrs) - {"id", "label", "type", "mentions", "documents", "windows"}
    assert not extra, "unexpected keys on %r: %r" % (i, extra)
k = len(ENTS)
assert len(g["links"]) == k * (k - 1) // 2, len(g["links"])
for l in g["links"]:
    assert l["source"] in want and l["target"] in want and l["source"] < l["target"], l
EOF
check "hostile names: networkx.node_link_graph loads it, all in one sentence" "$PY" - "$T" <<'EOF'
import json, sys
import networkx as nx
sys.path.insert(0, sys.argv[1])
from ents import ENTS
data = json.load(open(sys.argv[1] + "/g.json", encoding="utf-8"))
try:  # networkx >= 3.4 names the key; Debian's 2.8 reads "links" by default
    g = nx.node_link_graph(data, edges="links")
except TypeError:
    g = nx.node_link_graph(data)
k = len(ENTS)
assert g.number_of_nodes() == k and g.number_of_edges() == k * (k - 1) // 2, (
    g.number_of_nodes(), g.number_of_edges())
for i, ty, name, attrs in ENTS:
    assert g.nodes[i]["label"] == name, (i, g.nodes[i])
    for a, v in attrs.items():
        assert g.nodes[i][a] == v, (i, a, g.nodes[i][a])
assert all(d["weight"] == 1 for _, _, d in g.edges(data=True))
EOF

# ---- mentions: every line parses, ids round-trip, offsets slice ----
"$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/story.txt" >"$T/m.jsonl" 2>"$T/m.err"
code=$?
expect_err "hostile names: -f mentions exit 0" 0 "$T/m.err"
check "hostile names: every mentions line parses, ids and texts round-trip" "$PY" - "$T" <<'EOF'
import json, sys
sys.path.insert(0, sys.argv[1])
from ents import ENTS
raw = open(sys.argv[1] + "/story.txt", "rb").read()
lines = open(sys.argv[1] + "/m.jsonl", "rb").read().split(b"\n")
assert lines[-1] == b"", "last line not terminated"
ms = [json.loads(l.decode("utf-8")) for l in lines[:-1]]
got = [(m["id"], m["text"]) for m in ms]
want = [(e[0], e[2]) for e in ENTS]
assert got == want, "got  %r\nwant %r" % (got, want)
for m in ms:
    assert raw[m["start"]:m["end"]] == m["text"].encode("utf-8"), m
    assert m["sentence"] == 0, m
EOF

# ---- DOT: Graphviz reads it ----
"$NERGRAPH" -g "$T/gaz.tsv" -f dot -o "$T/g.dot" "$T/story.txt" 2>"$T/dot.err"
code=$?
expect_err "hostile names: -f dot exit 0" 0 "$T/dot.err"
if command -v dot >/dev/null 2>&1; then
    if timeout 120 dot -Tsvg "$T/g.dot" -o "$T/g.svg" 2>"$T/svg.err" && [ -s "$T/g.svg" ]; then
        pass "hostile names: dot -Tsvg succeeds"
    else
        fail "hostile names: dot -Tsvg succeeds" "$(head -c 800 "$T/svg.err")"
    fi
    # Graphviz's own reading of the file: node names are the ids, labels
    # the names, attribute values exact, one edge per pair.
    if timeout 120 dot -Tjson "$T/g.dot" >"$T/g.dot.json" 2>"$T/dotjson.err"; then
        check "hostile names: Graphviz reads back every node name, label and attribute" "$PY" - "$T" <<'EOF'
import json, sys
sys.path.insert(0, sys.argv[1])
from ents import ENTS
d = json.load(open(sys.argv[1] + "/g.dot.json", encoding="utf-8"))
objs = {o["name"]: o for o in d.get("objects", [])}
want = {e[0] for e in ENTS}
assert set(objs) == want, "names differ:\n  extra %r\n  missing %r" % (
    sorted(set(objs) - want), sorted(want - set(objs)))
for i, ty, name, attrs in ENTS:
    assert objs[i].get("label") == name, "label of %r: %r, want %r" % (i, objs[i].get("label"), name)
    for k, v in attrs.items():
        assert objs[i].get(k) == v, "attribute %s of %r: %r, want %r" % (k, i, objs[i].get(k), v)
k = len(ENTS)
assert len(d.get("edges", [])) == k * (k - 1) // 2, len(d.get("edges", []))
EOF
    else
        fail "hostile names: Graphviz reads back every node name, label and attribute" \
            "dot -Tjson failed: $(head -c 600 "$T/dotjson.err")"
    fi
else
    echo "SKIP dot -Tsvg (Graphviz's dot is not installed)"
fi

# ---- a trailing backslash together with '&', an open tag or a quote ----
# Such a label cannot be written as a plain DOT string; whatever form the
# exporter picks, Graphviz must still draw the file.
{
    printf 'x:amp\torganization\tAmp & Tail\\\t\tv=a & b\\\n'
    printf 'x:tag\torganization\t<i>Tail\\\n'
    printf 'x:quote\torganization\tQuote"Tail\\\n'
} >"$T/tail.tsv"
printf 'Amp & Tail\\ met <i>Tail\\ and Quote"Tail\\ today.\n' >"$T/tail.txt"
"$NERGRAPH" -g "$T/tail.tsv" -f json "$T/tail.txt" >"$T/tail.json" 2>"$T/tail.err"
check "trailing backslash with & / tag / quote: JSON labels round-trip" "$PY" -c '
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
n = {x["id"]: x for x in g["nodes"]}
assert n["x:amp"]["label"] == "Amp & Tail\\" and n["x:amp"]["v"] == "a & b\\", n.get("x:amp")
assert n["x:tag"]["label"] == "<i>Tail\\", n.get("x:tag")
assert n["x:quote"]["label"] == "Quote\"Tail\\", n.get("x:quote")
' "$T/tail.json"
"$NERGRAPH" -g "$T/tail.tsv" -f dot -o "$T/tail.dot" "$T/tail.txt" 2>"$T/tail.err"
code=$?
if [ $code -ne 0 ]; then
    fail "trailing backslash with & / tag / quote: dot -Tsvg succeeds" "nergraph exit $code" "$(cat "$T/tail.err")"
elif command -v dot >/dev/null 2>&1; then
    if timeout 60 dot -Tsvg "$T/tail.dot" -o "$T/tail.svg" 2>"$T/tail-svg.err" && [ -s "$T/tail.svg" ] \
       && ! grep -q '^Error' "$T/tail-svg.err"; then
        pass "trailing backslash with & / tag / quote: dot -Tsvg succeeds"
    else
        fail "trailing backslash with & / tag / quote: dot -Tsvg succeeds" \
            "$(head -c 600 "$T/tail-svg.err")" "$(grep -F 'label=' "$T/tail.dot")"
    fi
else
    echo "SKIP dot -Tsvg on trailing backslashes (Graphviz's dot is not installed)"
fi
