import json
import os
import resource
import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest

import nergraph
from conftest import (HOSTILE_TEXT, SAMPLE, cli_ok, nx_from_json, run_cli, same_graph)

# (keyword arguments of nergraph.graph, the same as command-line flags)
OPTIONS = [
    ({}, []),
    ({"window": "paragraph"}, ["-w", "paragraph"]),
    ({"window": "document", "weight": "npmi"}, ["-w", "document", "--weight", "npmi"]),
    ({"window": "tokens:8"}, ["-w", "tokens:8"]),
    ({"weight": "dice", "min_weight": 0.3}, ["--weight", "dice", "--min-weight", "0.3"]),
    ({"analyze": True}, ["--analyze"]),
    ({"evidence": 2}, ["--evidence", "2"]),
    ({"analyze": True, "evidence": 1, "weight": "jaccard"},
     ["--analyze", "--evidence", "1", "--weight", "jaccard"]),
    ({"types": ["person", "country"]}, ["--types", "person,country"]),
    ({"top": 5, "top_by": "pagerank"}, ["--top", "5", "--top-by", "pagerank"]),
    ({"min_weight": 2, "no_isolates": True}, ["--min-weight", "2", "--no-isolates"]),
    ({"backbone": 0.5}, ["--backbone", "0.5"]),
]


@pytest.mark.parametrize("kwargs,flags", OPTIONS, ids=["_".join(f) or "defaults" for _, f in OPTIONS])
def test_sample_graph_equals_cli_json(kwargs, flags):
    want = cli_ok("-f", "json", *flags, SAMPLE).decode("utf-8")
    assert nergraph.graph_json([SAMPLE], **kwargs) == want
    G = nergraph.graph([SAMPLE], **kwargs)
    same_graph(G, nx_from_json(want))
    assert G.number_of_nodes() > 0


def test_sample_evidence_is_a_list_of_dicts():
    want = nx_from_json(cli_ok("-f", "json", "--evidence", "2", SAMPLE))
    G = nergraph.graph([SAMPLE], evidence=2)
    some = [d["evidence"] for _, _, d in G.edges(data=True) if "evidence" in d]
    assert some and all(isinstance(e, list) and isinstance(e[0], dict) for e in some)
    assert set(some[0][0]) == {"doc", "start", "end", "text", "source_text", "target_text"}
    same_graph(G, want)


def test_exclude_and_ego_equal_cli():
    full = nx_from_json(cli_ok("-f", "json", SAMPLE))
    hub = max(full.degree, key=lambda nd: (nd[1], nd[0]))[0]
    other = sorted(n for n in full if n != hub)[0]
    want = cli_ok("-f", "json", "--ego", hub, "--depth", "1", "--exclude-id", other, SAMPLE)
    got = nergraph.graph([SAMPLE], ego=hub, depth=1, exclude_ids=[other])
    same_graph(got, nx_from_json(want))
    assert other not in got and hub in got


def test_texts_equal_files(tmp_path):
    text = open(SAMPLE, encoding="utf-8").read()
    from_text = nergraph.graph(texts=[text], evidence=1)
    want = nx_from_json(cli_ok("-f", "json", "--evidence", "1", "-", stdin=text.encode()))
    for _, _, d in want.edges(data=True):
        for snippet in d.get("evidence", []):
            snippet["doc"] = "<text 0>"
    same_graph(from_text, want)


def test_sample_mentions_equal_cli():
    want = [json.loads(l) for l in cli_ok("-f", "mentions", SAMPLE).decode().splitlines()]
    got = nergraph.mentions(paths=[SAMPLE])
    assert got == want and len(got) > 10
    text = open(SAMPLE, encoding="utf-8").read()
    assert nergraph.mentions(text, names=[SAMPLE]) == want


def test_mentions_types_equal_cli():
    want = [json.loads(l) for l in
            cli_ok("-f", "mentions", "--types", "person", SAMPLE).decode().splitlines()]
    got = nergraph.mentions(paths=[SAMPLE], types=["person"])
    assert got == want and got and all(m["type"] == "person" for m in got)


@pytest.mark.parametrize("flags,kwargs", [
    ([], {}),
    (["-w", "paragraph", "--analyze", "--evidence", "3"],
     {"window": "paragraph", "analyze": True, "evidence": 3}),
    (["--no-auto-aliases", "-w", "document"], {"auto_aliases": False, "window": "document"}),
])
def test_hostile_graph_equals_cli(hostile, flags, kwargs):
    tsv, story = hostile
    gz = nergraph.Gazetteer([tsv])
    want = cli_ok("-g", tsv, "-f", "json", *flags, story).decode("utf-8")
    assert nergraph.graph_json([story], gazetteer=gz, **kwargs) == want
    G = nergraph.graph([story], gazetteer=gz, **kwargs)
    same_graph(G, nx_from_json(want))
    assert G.nodes["org:acme"]["note"] == 'a"b\\c'


def test_hostile_mentions_equal_cli(hostile):
    tsv, story = hostile
    gz = nergraph.Gazetteer([tsv])
    want = [json.loads(l) for l in cli_ok("-g", tsv, "-f", "mentions", story).decode().splitlines()]
    assert nergraph.mentions(paths=[story], gazetteer=gz) == want
    assert nergraph.mentions(HOSTILE_TEXT, names=[story], gazetteer=[tsv]) == want
    assert any("candidates" in m for m in want)
    assert {m["id"] for m in want} >= {"person:li", "place:zurich", "person:jose"}


def test_given_names_as_the_cli(tmp_path):
    """The first-name rule reads the given-name list as --given-names does:
    the bundled list by default ("Jordan Pike" is a person, not Jordan),
    none on request."""
    tsv = tmp_path / "c.tsv"
    tsv.write_text("c:jo\tcountry\tJordan\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("The coach said Jordan Pike would start, and the team flew to Jordan "
                     "on Monday.\n", encoding="utf-8")
    for given, flags in ((None, []), ("none", ["--given-names", "none"])):
        gz = nergraph.Gazetteer([str(tsv)], given_names=given)
        want = [json.loads(l) for l in
                cli_ok("-g", str(tsv), "-f", "mentions", *flags, str(story)).decode().splitlines()]
        assert nergraph.mentions(paths=[str(story)], gazetteer=gz) == want
        assert len(want) == (1 if given is None else 2)


def test_bad_gazetteer_row_raises_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("person:a\tperson\tAnn Ray\n# fine\nperson:b\tperson\n", encoding="utf-8")
    code, _, err = run_cli("-g", str(bad), "-f", "json", SAMPLE)
    assert code == 1 and "bad.tsv:3" in err
    with pytest.raises(nergraph.Error) as exc:
        nergraph.Gazetteer([str(bad)])
    assert "%s:3" % bad in exc.value.message
    assert err.strip() == "nergraph: " + exc.value.message


def test_unknown_type_raises_like_cli():
    code, _, err = run_cli("-f", "json", "--types", "spaceship", SAMPLE)
    assert code == 2 and "spaceship" in err
    with pytest.raises(nergraph.Error) as exc:
        nergraph.graph([SAMPLE], types=["spaceship"])
    assert "'spaceship'" in str(exc.value)
    assert err.splitlines()[0].endswith(str(exc.value).split(": ", 1)[1])
    with pytest.raises(nergraph.Error):
        nergraph.mentions("x", types=["spaceship"])


@pytest.mark.parametrize("kwargs,flags", [
    ({"window": "fortnight"}, ["-w", "fortnight"]),
    ({"weight": "npmi", "window": "tokens:3"}, ["--weight", "npmi", "-w", "tokens:3"]),
    ({"ego": "person:nobody-at-all"}, ["--ego", "person:nobody-at-all"]),
    ({"top": 3, "top_by": "charisma"}, ["--top", "3", "--top-by", "charisma"]),
])
def test_bad_options_raise_the_cli_message(kwargs, flags):
    code, _, err = run_cli("-f", "json", *flags, SAMPLE)
    assert code == 2
    with pytest.raises(nergraph.Error) as exc:
        nergraph.graph([SAMPLE], **kwargs)
    assert exc.value.status == 3
    # The tool may name the flag before the library's message.
    assert exc.value.message in err


def test_invalid_utf8_warns(tmp_path):
    data = "Zelenskyy spoke in Kyiv.\n".encode() + b"\xff\xfe broken \xc3\n"
    path = tmp_path / "broken.txt"
    path.write_bytes(data)
    code, out, err = run_cli("-f", "json", str(path))
    assert code == 0
    cli_warnings = [l[len("nergraph: warning: "):] for l in err.splitlines()
                    if l.startswith("nergraph: warning: ")]
    assert cli_warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        G = nergraph.graph([str(path)])
    got = [str(w.message) for w in caught if issubclass(w.category, nergraph.NergraphWarning)]
    assert got == cli_warnings
    same_graph(G, nx_from_json(out))
    with warnings.catch_warnings():
        warnings.simplefilter("error", nergraph.NergraphWarning)
        with pytest.raises(nergraph.NergraphWarning):
            nergraph.mentions(data)


def test_unreadable_path_raises():
    code, _, err = run_cli("-f", "json", "/nonexistent/story.txt")
    assert code == 1 and "/nonexistent/story.txt" in err
    with pytest.raises(nergraph.Error, match="/nonexistent/story.txt"):
        nergraph.graph(["/nonexistent/story.txt"])


def _paragraph_texts():
    paragraphs = open(SAMPLE, encoding="utf-8").read().split("\n\n")
    return [p for p in paragraphs if p.strip()]


def test_thread_pool_equals_sequential_and_cli():
    texts = _paragraph_texts() * 4
    gz = nergraph.Gazetteer()
    sequential = [nergraph.graph_json(texts=[t], gazetteer=gz, analyze=True) for t in texts]
    # Several rounds: a race (igraph's process-wide state) shows in some.
    for _ in range(5):
        with ThreadPoolExecutor(max_workers=4) as pool:
            threaded = list(pool.map(
                lambda t: nergraph.graph_json(texts=[t], gazetteer=gz, analyze=True,
                                              evidence=1), texts))
        assert threaded == [nergraph.graph_json(texts=[t], gazetteer=gz, analyze=True,
                                                evidence=1) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(
            lambda t: nergraph.graph_json(texts=[t], gazetteer=gz, analyze=True), texts))
    assert threaded == sequential
    with ThreadPoolExecutor(max_workers=4) as pool:
        ms = list(pool.map(lambda t: nergraph.mentions(t, gazetteer=gz), texts))
    assert ms == [nergraph.mentions(t, gazetteer=gz) for t in texts]
    want = cli_ok("-f", "json", "--analyze", "-", stdin=texts[0].encode()).decode()
    assert sequential[0] == want


def _rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (resource.getpagesize() // 1024)


def test_repeated_calls_do_not_grow_memory():
    # AddressSanitizer holds freed memory in quarantine (256 MB by default),
    # so RSS grows by design there; leaks are its own checks' business.
    if "libasan" in os.environ.get("LD_PRELOAD", ""):
        pytest.skip("RSS is no measure of leaks under AddressSanitizer")
    text = open(SAMPLE, encoding="utf-8").read()
    want = [json.loads(l) for l in cli_ok("-f", "mentions", "-", stdin=text.encode())
            .decode().splitlines()]
    for m in want:
        m["doc"] = "<text 0>"
    gz = nergraph.Gazetteer()
    for _ in range(50):
        assert nergraph.mentions(text, gazetteer=gz) == want
        nergraph.graph_json(texts=[text], gazetteer=gz, evidence=2)
    before = _rss_kib()
    for _ in range(1000):
        got = nergraph.mentions(text, gazetteer=gz)
    for _ in range(200):
        nergraph.graph_json(texts=[text], gazetteer=gz, evidence=2, analyze=True)
    grown = _rss_kib() - before
    assert got == want
    assert grown < 4096, "RSS grew by %d KiB over 1,200 calls" % grown


def test_pandas_frames_hold_the_cli_figures():
    pd = pytest.importorskip("pandas")
    want = nx_from_json(cli_ok("-f", "json", SAMPLE))
    G = nergraph.graph([SAMPLE])
    nodes = nergraph.nodes_frame(G)
    assert list(nodes.index) == list(want.nodes)
    assert nodes["mentions"].tolist() == [d["mentions"] for _, d in want.nodes(data=True)]
    edges = nergraph.edges_frame(G)
    assert len(edges) == want.number_of_edges()
    assert isinstance(nergraph.mentions_frame(nergraph.mentions("x")), pd.DataFrame)
