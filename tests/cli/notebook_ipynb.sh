# examples/notebook.ipynb runs top to bottom under jupyter nbconvert
# --execute, over the Python package, and shows what the tool computes for
# the same texts: the same five most central entities (the same PageRank),
# the same modularity, a drawing.
. "$ROOT/tests/cli/lib.sh"
use_built_library
if ! command -v jupyter-nbconvert >/dev/null 2>&1; then
    fail "jupyter nbconvert is installed (scripts/install-deps.sh installs it)"
    exit 0
fi
# The notebook's texts, one paragraph of the sample each, as files for the tool.
"$PY" - "$ROOT/samples/news-sample.txt" "$T" <<'PYEOF'
import sys
story = open(sys.argv[1], encoding="utf-8").read()
texts = [p for p in story.split("\n\n") if p.strip()]
for i, t in enumerate(texts):
    open("%s/text-%02d.txt" % (sys.argv[2], i), "w", encoding="utf-8").write(t)
PYEOF
"$NERGRAPH" -f json --analyze -o "$T/cli.json" "$T"/text-*.txt 2>"$T/cli.err"
NERGRAPH_LIB=$lib_dir/libnergraph.so.0 PYTHONPATH=$ROOT/python PYTHONDONTWRITEBYTECODE=1 \
    jupyter-nbconvert --to notebook --execute --output-dir "$T" \
    --output executed "$ROOT/examples/notebook.ipynb" >"$T/nb.log" 2>&1
code=$?
if [ $code -ne 0 ] || [ ! -s "$T/executed.ipynb" ]; then
    fail "examples/notebook.ipynb runs under jupyter nbconvert --execute" "$(tail -c 1500 "$T/nb.log")"
    exit 0
fi
"$PY" - "$T/executed.ipynb" "$T/cli.json" "$ROOT/examples/notebook.ipynb" >"$T/check.out" 2>&1 <<'PYEOF'
import json, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
cli = json.load(open(sys.argv[2], encoding="utf-8"))
repo = json.load(open(sys.argv[3], encoding="utf-8"))
text = "".join("".join(o.get("text", "")) for c in nb["cells"] if c["cell_type"] == "code"
               for o in c["outputs"] if o.get("output_type") == "stream")
nodes = sorted(cli["nodes"], key=lambda n: (-n["pagerank"], n["id"]))[:5]
want = ["%d. %-24s pagerank %.3f" % (i, n["label"], n["pagerank"]) for i, n in enumerate(nodes, 1)]
want.append("modularity %s" % round(cli["graph"]["modularity"], 3))
missing = [w for w in want if w not in text]
images = sum(1 for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]
             if "image/png" in o.get("data", {}))
stripped = all(not c.get("outputs") and c.get("execution_count") is None
               for c in repo["cells"] if c["cell_type"] == "code")
print("missing:", missing, "images:", images, "stripped:", stripped)
print(text[:1500])
sys.exit(0 if not missing and images == 1 and stripped and len(cli["nodes"]) > 5 else 1)
PYEOF
if [ $? -eq 0 ]; then
    pass "examples/notebook.ipynb runs under nbconvert --execute and shows the tool's top five by PageRank, its modularity, a drawing; the repository copy has no outputs"
else
    fail "examples/notebook.ipynb runs under nbconvert --execute and shows the tool's top five by PageRank, its modularity, a drawing; the repository copy has no outputs" \
        "$(head -c 1500 "$T/check.out")" "$(head -c 300 "$T/cli.err")"
fi
