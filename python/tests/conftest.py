"""Every test compares the package with the command-line tool ($NERGRAPH)
on the same input: the tool is the oracle, so a package that returned
nothing, or a tool that does nothing (NERGRAPH=/bin/false), fails."""
import json
import os
import subprocess

import networkx
import pytest

ROOT = os.environ.get("ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "samples", "news-sample.txt")

# A hostile gazetteer: shared aliases, case-folded and pattern aliases,
# non-Latin and accented names, attributes with quotes and backslashes, a
# one-word place that is also a person's first name.
HOSTILE_TSV = (
    "# hostile names\n"
    "org:acme\torg\tAcme \"Widgets\" Ltd\tAcme|i:acme corp\tcolor=#ff0000;note=a\"b\\c\n"
    "org:acme-bank\torg\tAcme Bank\tAcme\tprior=0.5\n"
    "person:jose\tperson\tJos\u00e9 \u00d1\u00fa\u00f1ez\tJos\u00e9|\u00d1\u00fa\u00f1ez\n"
    "place:zurich\tplace\tZ\u00fcrich\tZurich|Zuerich\n"
    "person:li\tperson\t\u674e\u660e\t\u674e\u660e\n"
    "person:jordan-pike\tperson\tJordan Pike\tJordan Pike\n"
    "place:jordan\tplace\tJordan\tJordan\n"
    "org:un\torg\tUnited Nations\tU.N.|UN\n"
)
HOSTILE_TEXT = (
    "ACME CORP SHARES JUMP AS UN WEIGHS IN\r\n\r\n"
    "Acme's chief Jos\u00e9 met \u674e\u660e in Z\u00fcrich \U0001F389 on Monday.\r\n"
    "Later, Zuerich hosted Jordan Pike and the U.N. \u2014 \u00d1\u00fa\u00f1ez spoke; "
    "Acme\u2019s rivals were absent.\n\n"
    "Jordan and Z\u00fcrich signed. Acme \"Widgets\" Ltd said nothing.\tJos\u00e9 left.\n"
)


def run_cli(*args, stdin=None):
    """(exit status, stdout bytes, stderr text) of $NERGRAPH ARGS."""
    exe = os.environ["NERGRAPH"]
    p = subprocess.run([exe, *args], input=stdin, capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def cli_ok(*args, stdin=None):
    code, out, err = run_cli(*args, stdin=stdin)
    assert code == 0, "nergraph %s: exit %d: %s" % (" ".join(args), code, err)
    return out


def nx_from_json(text):
    data = json.loads(text)
    data.pop("edges", None)
    return networkx.node_link_graph(data)


def same_graph(a, b):
    assert a.graph == b.graph
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    gz = d / "hostile.tsv"
    gz.write_text(HOSTILE_TSV, encoding="utf-8")
    text = d / "story.txt"
    text.write_bytes(HOSTILE_TEXT.encode("utf-8"))
    return str(gz), str(text)
