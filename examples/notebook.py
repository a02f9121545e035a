# The README's notebook example: run it beside story.json made by
#   nergraph --analyze --evidence 2 -o story.json story.txt
import json
import networkx as nx

with open("story.json", encoding="utf-8") as f:
    G = nx.node_link_graph(json.load(f))

# The five most central entities, with their community.
for node, d in sorted(G.nodes(data=True), key=lambda n: -n[1]["pagerank"])[:5]:
    print(f'{d["label"]:24} pagerank {d["pagerank"]:.3f}  community {d["community"]}')
print("modularity", round(G.graph["modularity"], 3))

# Why are the two most often linked entities linked?
u, v, d = max(G.edges(data=True), key=lambda e: (e[2]["weight"], e[0], e[1]))
print(G.nodes[u]["label"], "--", G.nodes[v]["label"], "in", d["weight"], "sentences, e.g.:")
for snippet in d["evidence"]:
    print(" ", snippet["doc"], snippet["start"], snippet["text"])
