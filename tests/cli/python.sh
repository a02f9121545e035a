# The Python package (python/nergraph) against the tool: pytest runs
# python/tests, whose every test compares the package's graphs, mention
# records, errors and warnings with what $NERGRAPH gives for the same
# input; each test becomes one PASS or FAIL line.  The package is imported
# from the source tree and opens the shared library of the build tree the
# tool comes from.
. "$ROOT/tests/cli/lib.sh"
use_built_library
NERGRAPH_LIB=$lib_dir/libnergraph.so.0 PYTHONPATH=$ROOT/python NERGRAPH=$NERGRAPH PYTHONDONTWRITEBYTECODE=1 \
    "$PY" -m pytest -p no:cacheprovider -v --tb=short "$ROOT/python/tests" \
    >"$T/pytest.out" 2>&1
code=$?
sed -n 's/^[^:]*::\(.*\) PASSED.*/PASS python: \1/p' "$T/pytest.out"
sed -n 's/^[^:]*::\(.*\) \(FAILED\|ERROR\).*/FAIL python: \1/p' "$T/pytest.out"
passed=$(grep -c ' PASSED' "$T/pytest.out")
if [ $code -ne 0 ] || [ "$passed" -eq 0 ]; then
    fail "pytest python/tests (exit $code)" "$(grep -E '^E |Error|error' "$T/pytest.out" | head -20)"
fi

# `pip install` as the README gives it: offline, no compiler, into a venv
# that sees Debian's packages; the installed copy, run outside the
# checkout (the library and gazetteers named by the environment), writes
# the tool's JSON byte for byte.
cp -R "$ROOT/python" "$T/src"
rm -rf "$T/src/build" "$T/src"/*.egg-info
if "$PY" -m venv --system-site-packages "$T/venv" >"$T/venv.out" 2>&1 &&
   "$T/venv/bin/python" -m pip install --quiet --no-build-isolation --no-deps --no-index \
       "$T/src" >>"$T/venv.out" 2>&1; then
    (cd "$T" && NERGRAPH_LIB=$lib_dir/libnergraph.so.0 NERGRAPH_GAZETTEERS=$ROOT/gazetteers \
        "$T/venv/bin/python" -c 'import sys, nergraph; sys.stdout.write(nergraph.graph_json([sys.argv[1]], analyze=True))' \
        "$ROOT/samples/news-sample.txt") >"$T/py.json" 2>"$T/py.err"
    "$NERGRAPH" -f json --analyze "$ROOT/samples/news-sample.txt" >"$T/cli.json" 2>"$T/cli.err"
    if [ -s "$T/cli.json" ] && cmp -s "$T/py.json" "$T/cli.json"; then
        pass "pip install ./python into a venv: the installed package gives the tool's JSON"
    else
        fail "pip install ./python into a venv: the installed package gives the tool's JSON" \
            "$(head -c 600 "$T/py.err")" "$(head -c 300 "$T/cli.err")"
    fi
else
    fail "pip install ./python into a venv" "$(tail -c 1000 "$T/venv.out")"
fi
