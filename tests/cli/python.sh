# The Python package (python/nergraph) against the tool: pytest runs
# python/tests, whose every test compares the package's graphs, mention
# records, errors and warnings with what $NERGRAPH gives for the same
# input; each test becomes one PASS or FAIL line.  The package is imported
# from the source tree and opens the shared library of the build tree the
# tool comes from.
. "$ROOT/tests/cli/lib.sh"
if [ -n "${SANITIZER:-}" ]; then
    lib_dir=$ROOT/build-san
    # The instrumented library needs its runtimes loaded before Python;
    # the interpreter's own allocations are not ours to check for leaks.
    LD_PRELOAD=$(cc -print-file-name=libasan.so):$(cc -print-file-name=libubsan.so)
    ASAN_OPTIONS=detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
    export LD_PRELOAD ASAN_OPTIONS
else
    lib_dir=$ROOT/build
fi
NERGRAPH_LIB=$lib_dir/libnergraph.so.0 PYTHONPATH=$ROOT/python NERGRAPH=$NERGRAPH \
    "$PY" -m pytest -p no:cacheprovider -v --tb=short "$ROOT/python/tests" \
    >"$T/pytest.out" 2>&1
code=$?
sed -n 's/^[^:]*::\(.*\) PASSED.*/PASS python: \1/p' "$T/pytest.out"
sed -n 's/^[^:]*::\(.*\) \(FAILED\|ERROR\).*/FAIL python: \1/p' "$T/pytest.out"
passed=$(grep -c ' PASSED' "$T/pytest.out")
if [ $code -ne 0 ] || [ "$passed" -eq 0 ]; then
    fail "pytest python/tests (exit $code)" "$(grep -E '^E |Error|error' "$T/pytest.out" | head -20)"
fi
