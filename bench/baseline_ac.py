#!/usr/bin/python3
"""The Python baseline of `make bench`: what a competent user would write
with Debian's python3-ahocorasick to do nergraph's job on a gazetteer.

    baseline_ac.py -g GAZ [-g GAZ...] [-f json|mentions] [-o OUT]
                   [--input-format text|jsonl] INPUT...

- Gazetteer: every .tsv of a directory (name order) or a file; each
  row's name and literal aliases (an i: prefix dropped, case kept; re:
  patterns and type ignore rows are matched but never reported, as
  nergraph does) go into one pyahocorasick automaton.  An alias several
  entities share resolves to the first of them in gazetteer order.
- Matching: every occurrence (Automaton.iter), kept if it starts and ends
  on a word boundary (str.isalnum or '_' outside), then leftmost-longest
  without overlaps.
- Sentences: a regex split after . ! ? (and closing quotes/brackets)
  followed by white space, and at blank lines.
- Co-occurrence: each pair of distinct entities in a sentence counts once.
- Output: networkx node-link JSON (nodes with mentions, links with
  weight), or JSON Lines mentions with byte offsets (for the agreement
  check in bench.py).
- Input: each file is a document, directories walked in sorted order; a
  big file is read in pieces of about 1 MB that end at a blank line
  (sentences and names never span one), so memory stays flat; JSON Lines:
  one {"id", "text"} document per line."""

import argparse
import bisect
import itertools
import json
import os
import re
import sys

import ahocorasick

SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+|\n[ \t]*\n\s*")
PIECE = 1 << 20


def load(paths):
    auto = ahocorasick.Automaton()
    entities = {}  # id -> [label, type]
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += [os.path.join(p, f) for f in sorted(os.listdir(p)) if f.endswith(".tsv")]
        else:
            files.append(p)
    for path in files:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                eid, etype, name = cols[0], cols[1], cols[2]
                if eid not in entities:
                    entities[eid] = [name, etype]
                names = [name]
                if len(cols) > 3 and cols[3] and not cols[3].startswith("re:"):
                    names += cols[3].split("|")
                for n in names:
                    n = (n[2:] if n.startswith("i:") else n).strip()
                    if not n:
                        continue
                    old = auto.get(n, None)
                    if old is None:
                        auto.add_word(n, (len(n), eid))
    auto.make_automaton()
    return auto, entities


def is_word(c):
    return c.isalnum() or c == "_"


def find(auto, text):
    """Leftmost-longest word-bounded matches: [(start, end, id)], str
    indices."""
    cands = []
    n = len(text)
    for end, (length, eid) in auto.iter(text):
        start = end - length + 1
        if start > 0 and is_word(text[start - 1]):
            continue
        if end + 1 < n and is_word(text[end + 1]):
            continue
        cands.append((start, -(end + 1), eid))
    cands.sort()
    out = []
    pos = 0
    for start, negend, eid in cands:
        if start >= pos:
            out.append((start, -negend, eid))
            pos = -negend
    return out


def pieces(path):
    """(text, byte offset) pieces of about PIECE bytes of a file, each
    ending at a blank line (or at the end)."""
    with open(path, "rb") as f:
        buf = []
        size = 0
        offset = 0
        for line in f:
            buf.append(line)
            size += len(line)
            if size >= PIECE and not line.strip():
                data = b"".join(buf)
                yield data.decode("utf-8", "replace"), offset
                offset += len(data)
                buf, size = [], 0
        if buf:
            yield b"".join(buf).decode("utf-8", "replace"), offset


def documents(inputs, fmt):
    """(doc name, iterator of (text, byte offset)) for every document."""
    for p in inputs:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    path = os.path.join(root, f)
                    yield path, pieces(path)
        elif fmt == "jsonl":
            with open(p, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        d = json.loads(line)
                        yield str(d.get("id")), iter([(d["text"], 0)])
        else:
            yield p, pieces(p)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-g", "--gazetteer", action="append", required=True)
    ap.add_argument("-f", "--format", choices=["json", "mentions"], default="json")
    ap.add_argument("-o", "--output")
    ap.add_argument("--input-format", choices=["text", "jsonl"], default="text")
    ap.add_argument("inputs", nargs="*")
    a = ap.parse_args()
    auto, entities = load(a.gazetteer)
    mentions = {}
    pairs = {}
    out = open(a.output, "w", encoding="utf-8") if a.output else sys.stdout
    for doc, parts in documents(a.inputs, a.input_format):
        for text, offset in parts:
            found = [m for m in find(auto, text) if entities[m[2]][1] != "ignore"]
            if not found:
                continue
            if a.format == "mentions":
                ascii_text = text.isascii()
                for start, end, eid in found:
                    bs = start if ascii_text else len(text[:start].encode("utf-8"))
                    be = end if ascii_text else bs + len(text[start:end].encode("utf-8"))
                    out.write(json.dumps({"doc": doc, "start": offset + bs, "end": offset + be,
                                          "text": text[start:end], "id": eid},
                                         ensure_ascii=False) + "\n")
                continue
            bounds = [m.end() for m in SENTENCE_END.finditer(text)]
            for _, sent in itertools.groupby(found, key=lambda m: bisect.bisect_right(bounds, m[0])):
                ids = set()
                for _, _, eid in sent:
                    mentions[eid] = mentions.get(eid, 0) + 1
                    ids.add(eid)
                for pair in itertools.combinations(sorted(ids), 2):
                    pairs[pair] = pairs.get(pair, 0) + 1
    if a.format == "json":
        graph = {
            "directed": False, "multigraph": False, "graph": {"name": "baseline"},
            "nodes": [{"id": e, "label": entities[e][0], "type": entities[e][1], "mentions": n}
                      for e, n in sorted(mentions.items())],
            "links": [{"source": s, "target": t, "weight": w} for (s, t), w in sorted(pairs.items())],
        }
        json.dump(graph, out, ensure_ascii=False, indent=1)
        out.write("\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
