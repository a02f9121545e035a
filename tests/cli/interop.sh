#!/bin/sh
# Interoperability: the JSON graph loads with networkx (Debian's python3),
# with the counts the contract predicts; every mentions line is JSON whose
# offsets slice the input bytes back to the mention text.
# (DOT is checked by parsing it back with cgraph in tests/unit/test_export.c;
# there is no pydot here.)
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'person:alice-smith' person 'Alice Smith' \
    'person:bob-jones' person 'Bob Jones' \
    'org:acme' organization 'Acme Corp' >"$T/gaz.tsv"
printf 'country:FR\tcountry\tFrance\t\tiso2=FR;motto=Libert\303\251 "\303\251galit\303\251"\n' >>"$T/gaz.tsv"

# Sentences: S0 {Alice, Bob, France}  S1 {Bob, France}  (blank line)  S2 {Acme, Alice}
printf 'Alice Smith met Bob Jones in France. Bob Jones left France.\n\nAcme Corp hired Alice Smith.\n' >"$T/one.txt"
mkdir "$T/two"
cp "$T/one.txt" "$T/two/a.txt"
printf 'Bob Jones flew to France.\n' >"$T/two/b.txt"

cat >"$T/nx.py" <<'EOF'
import json, sys
import networkx as nx

path, expect = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    data = json.load(f)
try:  # networkx >= 3.4 names the key; Debian's 2.8 reads "links" by default
    g = nx.node_link_graph(data, edges="links")
except TypeError:
    g = nx.node_link_graph(data)
assert not g.is_directed() and not g.is_multigraph(), "graph should be undirected, simple"

A, B, F, C = "person:alice-smith", "person:bob-jones", "country:FR", "org:acme"

def edge(u, v):
    assert g.has_edge(u, v), "missing edge %s -- %s; edges: %r" % (u, v, list(g.edges(data=True)))
    return g.edges[u, v]

def check(cond, msg):
    if not cond:
        raise AssertionError(msg)

if expect == "sentence":
    check(g.number_of_nodes() == 4, "nodes: %r" % list(g.nodes))
    check(g.number_of_edges() == 4, "edges: %r" % list(g.edges(data=True)))
    check(edge(B, F)["weight"] == 2, "Bob-France weight %r" % edge(B, F))
    for u, v in ((A, B), (A, F), (A, C)):
        check(edge(u, v)["weight"] == 1, "%s-%s %r" % (u, v, edge(u, v)))
    check(not g.has_edge(B, C) and not g.has_edge(F, C), "Acme shares no sentence with Bob/France")
    n = g.nodes
    check(n[A]["mentions"] == 2 and n[B]["mentions"] == 2 and n[F]["mentions"] == 2
          and n[C]["mentions"] == 1, "mentions %r" % dict(n(data="mentions")))
    check(all(d == 1 for _, d in n(data="documents")), "documents %r" % dict(n(data="documents")))
    check(n[A]["label"] == "Alice Smith" and n[A]["type"] == "person", repr(n[A]))
    check(n[C]["type"] == "organization" and n[F]["type"] == "country", repr(n[F]))
    check(n[F]["iso2"] == "FR", repr(n[F]))
    check(n[F]["motto"] == 'Libert\u00e9 "\u00e9galit\u00e9"', repr(n[F]))
    check(edge(B, F)["documents"] == 1, repr(edge(B, F)))
elif expect == "paragraph":
    # P0 = S0 + S1 {Alice, Bob, France}; P1 {Acme, Alice}
    check(g.number_of_edges() == 4, "edges: %r" % list(g.edges(data=True)))
    check(all(edge(u, v)["weight"] == 1 for u, v in ((A, B), (A, F), (B, F), (A, C))),
          "paragraph weights %r" % list(g.edges(data=True)))
elif expect == "document":
    # one window: all 6 pairs, weight 1
    check(g.number_of_edges() == 6, "edges: %r" % list(g.edges(data=True)))
    check(all(d["weight"] == 1 for _, _, d in g.edges(data=True)), repr(list(g.edges(data=True))))
elif expect == "two-docs":
    # a.txt as above; b.txt: S0 {Bob, France}
    check(edge(B, F)["weight"] == 3 and edge(B, F)["documents"] == 2, repr(edge(B, F)))
    check(edge(A, B)["weight"] == 1 and edge(A, B)["documents"] == 1, repr(edge(A, B)))
    check(g.nodes[B]["mentions"] == 3 and g.nodes[B]["documents"] == 2, repr(g.nodes[B]))
    check(g.nodes[A]["documents"] == 1, repr(g.nodes[A]))
    check(data["graph"].get("documents") in (None, 2), "graph documents %r" % data["graph"])
elif expect == "min-weight-2":
    check(g.number_of_edges() == 1 and g.has_edge(B, F), repr(list(g.edges(data=True))))
    check(g.number_of_nodes() == 4, "isolates stay: %r" % list(g.nodes))
elif expect == "min-weight-2-no-isolates":
    check(set(g.nodes) == {B, F} and g.number_of_edges() == 1, repr(list(g.nodes)))
elif expect == "types":
    check(set(g.nodes) == {A, B}, repr(list(g.nodes)))
    check(g.number_of_edges() == 1 and edge(A, B)["weight"] == 1, repr(list(g.edges(data=True))))
elif expect == "tokens3":
    # Alice(0) Smith met Bob(3) ... only Alice-Bob 3 tokens apart
    check(g.has_edge(A, B), repr(list(g.edges())))
elif expect == "tokens2":
    check(not g.has_edge(A, B), repr(list(g.edges())))
elif expect == "hostile":
    ids = {'q"uote\\', "back\\slash", "\u041a\u0438\u0457\u0432", "<b>x</b>", "graph"}
    check(set(g.nodes) == ids, repr(sorted(g.nodes)))
    check(g.number_of_edges() == 10, repr(list(g.edges())))
    check(g.nodes['q"uote\\']["label"] == 'Zorblax "the" \\ Great', repr(g.nodes['q"uote\\']))
else:
    raise SystemExit("unknown expectation " + expect)
EOF

cat >"$T/jsonl.py" <<'EOF'
import json, sys
path, want = sys.argv[1], int(sys.argv[2])
docs = {}
n = 0
with open(path, "rb") as f:
    raw = f.read()
assert raw.endswith(b"\n"), "last line not terminated"
for i, line in enumerate(raw.split(b"\n")[:-1], 1):
    m = json.loads(line.decode("utf-8"))
    for k in ("doc", "sentence", "start", "end", "text", "id", "type"):
        assert k in m, "line %d lacks %s: %r" % (i, k, m)
    assert isinstance(m["start"], int) and isinstance(m["end"], int) and m["start"] < m["end"]
    assert isinstance(m["sentence"], int) and m["sentence"] >= 0
    if m["doc"] not in docs:
        with open(m["doc"], "rb") as d:
            docs[m["doc"]] = d.read()
    span = docs[m["doc"]][m["start"]:m["end"]].decode("utf-8")
    assert span == m["text"], "line %d: bytes %d..%d are %r, text says %r" % (
        i, m["start"], m["end"], span, m["text"])
    assert "candidates" not in m, "nothing is ambiguous here: %r" % m
    n += 1
assert n == want, "%d mentions, expected %d" % (n, want)
EOF

run() {  # run OUT ARGS...: nergraph with the test gazetteer, exit 0 required
    o=$1; shift
    "$NERGRAPH" -g "$T/gaz.tsv" "$@" >"$T/$o" 2>"$T/$o.err"
}

graph_check() {  # graph_check NAME EXPECT ARGS...: -f json output checked by nx.py
    name=$1; expect=$2; shift 2
    if run "$expect.json" -f json "$@"; then
        check "$name" "$PY" "$T/nx.py" "$T/$expect.json" "$expect"
    else
        fail "$name" "nergraph exited $?" "$(cat "$T/$expect.json.err")"
    fi
}

for w in sentence paragraph document; do
    graph_check "networkx loads json ($w window)" "$w" -w "$w" "$T/one.txt"
done
graph_check "networkx: two documents, edge and node document counts" two-docs "$T/two"
graph_check "networkx: --min-weight 2" min-weight-2 --min-weight 2 "$T/one.txt"
graph_check "networkx: --min-weight 2 --no-isolates" min-weight-2-no-isolates \
    --min-weight 2 --no-isolates "$T/one.txt"
graph_check "networkx: --types person" types --types person "$T/one.txt"
graph_check "networkx: tokens:3 links mentions 3 tokens apart" tokens3 -w tokens:3 "$T/one.txt"
printf 'Alice Smith met Bob Jones.\n' >"$T/short.txt"
graph_check "networkx: tokens:2 does not link mentions 3 tokens apart" tokens2 \
    -w tokens:2 "$T/short.txt"

if run one.jsonl -f mentions "$T/one.txt"; then
    check "mentions: every line is JSON, offsets slice the input" "$PY" "$T/jsonl.py" "$T/one.jsonl" 7
else
    fail "mentions: every line is JSON, offsets slice the input" "$(cat "$T/one.jsonl.err")"
fi
if run two.jsonl -f mentions "$T/two"; then
    check "mentions over a directory: every line parses" "$PY" "$T/jsonl.py" "$T/two.jsonl" 9
else
    fail "mentions over a directory: every line parses" "$(cat "$T/two.jsonl.err")"
fi

# Hostile ids (quotes, backslashes, UTF-8, markup, a DOT keyword) survive the
# JSON round trip exactly.  Names are plain words so that they are matched.
{
    printf '%s\tperson\t%s\n' 'q"uote\' 'Zorblax "the" \ Great'
    printf '%s\tperson\tZorblax\n' 'q"uote\'
    printf '%s\tperson\tQuuxo\n' 'back\slash'
    printf '\320\232\320\270\321\227\320\262\tcountry\t\320\232\320\270\321\227\320\262\n'
    printf '<b>x</b>\torganization\tBlorp\n'
    printf 'graph\torganization\tGraphco\n'
} >"$T/hostile.tsv"
printf 'Zorblax met Quuxo in \320\232\320\270\321\227\320\262 at Blorp and Graphco.\n' >"$T/hostile.txt"
if "$NERGRAPH" -g "$T/hostile.tsv" -f json "$T/hostile.txt" >"$T/hostile.json" 2>"$T/hostile.err"; then
    check "networkx: hostile ids round-trip" "$PY" "$T/nx.py" "$T/hostile.json" hostile
else
    fail "nergraph on hostile ids" "$(cat "$T/hostile.err")"
fi
