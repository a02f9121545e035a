#!/usr/bin/python3
"""Summaries of nergraph output for the end-to-end cases (stdlib only).

graph FILE.json      -> "node ID mentions=N documents=N" and
                        "edge A B weight=N documents=N" lines, byte-sorted
mentions FILE.jsonl  -> "ID<TAB>TEXT<TAB>SENTENCE" lines in output order,
                        after checking that start/end slice exactly TEXT
                        out of the document's bytes
"""
import json
import sys


def graph(path):
    with open(path, encoding="utf-8") as f:
        g = json.load(f)
    lines = []
    for n in g["nodes"]:
        lines.append("node %s mentions=%d documents=%d" % (n["id"], n["mentions"], n["documents"]))
    for e in g["links"]:
        a, b = sorted([e["source"], e["target"]], key=lambda s: s.encode())
        lines.append("edge %s %s weight=%d documents=%d" % (a, b, e["weight"], e["documents"]))
    for line in sorted(lines, key=lambda s: s.encode()):
        print(line)


def mentions(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            m = json.loads(line)
            doc = m["doc"]
            if doc not in docs:
                with open(doc, "rb") as d:
                    docs[doc] = d.read()
            got = docs[doc][m["start"]:m["end"]].decode("utf-8", "replace")
            if got != m["text"]:
                sys.exit("%s:%d: bytes %d..%d of %s are %r, not %r"
                         % (path, lineno, m["start"], m["end"], doc, got, m["text"]))
            print("%s\t%s\t%d" % (m["id"], m["text"], m["sentence"]))


if __name__ == "__main__":
    {"graph": graph, "mentions": mentions}[sys.argv[1]](sys.argv[2])
