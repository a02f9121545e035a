#!/usr/bin/python3
"""Write a gazetteer and a story from an entity list (tests/cli hostile names).

ents_corpus.py DIR [LINE...]: DIR/ents.py holds ENTS, a list of
(id, type, name, {attribute: value}); writes DIR/gaz.tsv with one row per
entity and DIR/story.txt naming them all in one sentence, then each LINE.
"""
import sys

t = sys.argv[1]
sys.path.insert(0, t)
from ents import ENTS  # noqa: E402

with open(t + "/gaz.tsv", "w", encoding="utf-8", newline="\n") as f:
    for i, ty, n, a in ENTS:
        f.write("%s\t%s\t%s\t\t%s\n" % (i, ty, n, ";".join("%s=%s" % kv for kv in a.items())))
names = [e[2] for e in ENTS]
with open(t + "/story.txt", "w", encoding="utf-8", newline="\n") as f:
    f.write("Today " + ", ".join(names[:-1]) + " and " + names[-1] + " met.\n")
    for line in sys.argv[2:]:
        f.write(line + "\n")
