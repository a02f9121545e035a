# The README's notebook example (examples/notebook.py) runs as printed on
# the bundled sample: networkx loads the JSON, the PageRank ranking, the
# communities' modularity and one edge's evidence are there.
. "$ROOT/tests/cli/lib.sh"
cd "$T" || exit 1
"$NERGRAPH" --analyze --evidence 2 -o story.json "$ROOT/samples/news-sample.txt" 2>"$T/err"
code=$?
"$PY" -W error "$ROOT/examples/notebook.py" >"$T/out" 2>"$T/py.err"
pycode=$?
if [ $code -ne 0 ] || [ $pycode -ne 0 ]; then
    fail "examples/notebook.py runs on the sample" "nergraph exit $code: $(head -c 300 "$T/err")" \
        "python exit $pycode: $(head -c 600 "$T/py.err")"
else
    pass "examples/notebook.py runs on the sample, without warnings"
fi
first=$(head -1 "$T/out" | cut -c1-24 | sed 's/ *$//')
if [ "$first" = "Ukraine" ]; then pass "the most central entity of the sample is Ukraine"
else fail "the most central entity of the sample is Ukraine" "$(cat "$T/out")"; fi
if grep -q '^modularity 0\.[0-9]' "$T/out"; then pass "the modularity is printed"
else fail "the modularity is printed" "$(cat "$T/out")"; fi
# Two evidence lines, each quoting a sentence of the sample at its offset.
n=$(grep -c '^  .*news-sample.txt [0-9]' "$T/out")
ok=1
grep '^  .*news-sample.txt [0-9]' "$T/out" | while read -r doc start text; do
    got=$(tail -c +"$((start + 1))" "$ROOT/samples/news-sample.txt" | head -c "${#text}")
    [ "$got" = "$text" ] || { echo "bad offset $start: '$got' vs '$text'"; exit 1; }
done >"$T/offsets" || ok=0
if [ "$n" -eq 2 ] && [ $ok -eq 1 ] && [ ! -s "$T/offsets" ]; then
    pass "two evidence sentences, each at its offset in the sample"
else
    fail "two evidence sentences, each at its offset in the sample" "$n lines" "$(cat "$T/offsets" "$T/out")"
fi
