"""DataFrames of a graph's nodes and edges and of mention records, for
users who have pandas; importing nergraph does not need it."""


def _pandas():
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the system
        raise ImportError("nergraph's DataFrame helpers need pandas") from exc
    return pandas


def nodes_frame(G):
    """One row per node, indexed by entity id, one column per node column."""
    pd = _pandas()
    return pd.DataFrame.from_dict({n: d for n, d in G.nodes(data=True)}, orient="index")


def edges_frame(G):
    """One row per edge: source, target, then the edge columns."""
    pd = _pandas()
    return pd.DataFrame([{"source": u, "target": v, **d} for u, v, d in G.edges(data=True)])


def mentions_frame(records):
    """The records of nergraph.mentions() as a DataFrame."""
    return _pandas().DataFrame(list(records))
