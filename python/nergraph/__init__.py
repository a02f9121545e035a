"""nergraph for notebooks: text in, a networkx graph (or mention records)
out, computed by libnergraph.

    import nergraph
    G = nergraph.graph(["story1.txt", "story2.txt"])
    G = nergraph.graph(texts=bodies, window="paragraph", weight="npmi", evidence=2)
    ms = nergraph.mentions("Zelenskyy met Trump.")
    gz = nergraph.Gazetteer(["gazetteers/", "mine.tsv"])   # load once, reuse

Every figure comes from the C library: graph() returns what `nergraph -f
json` writes for the same input and options, mentions() what `-f mentions`
writes.  Library errors raise nergraph.Error with the library's message;
warnings go through Python's warnings module (category NergraphWarning).
The C calls run without the GIL, so a thread pool over documents runs in
parallel; a Gazetteer is read-only once loaded and may be shared.
"""
from ._core import (Error, Gazetteer, NergraphWarning, default_gazetteer_dir, graph,
                    graph_json, mentions)
from ._pandas import edges_frame, mentions_frame, nodes_frame

__version__ = "0.1.0"
__all__ = ["Error", "Gazetteer", "NergraphWarning", "default_gazetteer_dir", "graph",
           "graph_json", "mentions", "nodes_frame", "edges_frame", "mentions_frame"]
