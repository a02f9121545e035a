#!/usr/bin/python3
"""Node and edge precision and recall of nergraph on the hand-annotated
news items of this folder (annotations.tsv says how they were marked).

Usage: score.py NERGRAPH [NERGRAPH ARGS...]   e.g. --discover, -g DIR
Prints per-item misses and false hits, then the totals; exits 0.  With
--min-node-recall R / --min-node-precision P (given before NERGRAPH)
it exits 1 when a total falls below them.

Nodes are (item, entity) pairs; edges are (item, a, b) for entities
named in one sentence, credits ("(Reuters)") left out.  An entity the
gazetteers lack (new:TYPE:Name) counts as found when nergraph reports a
mention whose text is that name (discovery).
"""
import itertools
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read_gold():
    sentences = {}  # (item, sentence) -> set of entities (no credits)
    nodes = set()
    for line in open(os.path.join(HERE, "annotations.tsv"), encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        item, sent, ent = cols[0], int(cols[1]), cols[2]
        role = cols[3] if len(cols) > 3 else ""
        nodes.add((item, ent))
        if role != "credit":
            sentences.setdefault((item, sent), set()).add(ent)
    return nodes, pairs(sentences)


def pairs(sentences):
    edges = set()
    for (item, _), ents in sentences.items():
        for a, b in itertools.combinations(sorted(ents), 2):
            edges.add((item, a, b))
    return edges


def run(nergraph, args, items):
    out = subprocess.run([nergraph, "-f", "mentions"] + args + items,
                         capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def main(argv):
    limits = {}
    while argv and argv[0].startswith("--min-"):
        limits[argv[0][6:]] = float(argv[1])
        argv = argv[2:]
    nergraph, args = argv[0], argv[1:]
    items = sorted(f for f in os.listdir(HERE) if f.endswith(".txt"))
    gold_nodes, gold_edges = read_gold()
    # Names of the entities the gazetteers lack, to recognise discoveries.
    new_names = {(i, e.split(":", 2)[2]): e for i, e in gold_nodes if e.startswith("new:")}
    mentions = run(nergraph, args, [os.path.join(HERE, f) for f in items])
    sentences, nodes = {}, set()
    for m in mentions:
        item = os.path.basename(m["doc"])[:-4]
        ent = new_names.get((item, m["text"]), m["id"])
        nodes.add((item, ent))
        if not m.get("credit"):  # credits get no edges, as in the graph
            sentences.setdefault((item, m["sentence"]), set()).add(ent)
    edges = pairs(sentences)

    def score(got, gold):
        hit = len(got & gold)
        return (hit / len(got) if got else 1.0), (hit / len(gold) if gold else 1.0)

    for item in [f[:-4] for f in items]:
        miss = sorted(e for i, e in gold_nodes - nodes if i == item)
        extra = sorted(e for i, e in nodes - gold_nodes if i == item)
        if miss or extra:
            print("%s: missed %s; not in the annotation %s" % (item, miss or "-", extra or "-"))
    np_, nr = score(nodes, gold_nodes)
    ep, er = score(edges, gold_edges)
    print("nodes: precision %.3f recall %.3f (%d found, %d annotated)"
          % (np_, nr, len(nodes), len(gold_nodes)))
    print("edges: precision %.3f recall %.3f (%d found, %d annotated)"
          % (ep, er, len(edges), len(gold_edges)))
    got = {"node-recall": nr, "node-precision": np_, "edge-recall": er, "edge-precision": ep}
    low = [k for k, v in limits.items() if got.get(k, 0) < v]
    if low:
        print("below the minimum: " + ", ".join("%s %.3f < %.3f" % (k, got[k], limits[k]) for k in low))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
