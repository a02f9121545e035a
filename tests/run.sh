#!/bin/sh
# Run every test: cmocka unit tests, data-driven end-to-end cases
# (tests/e2e/*/) and command-line scripts (tests/cli/*.sh).
# Usage: tests/run.sh BUILD_DIR    Last line: "N passed, N failed".
set -u
LC_ALL=C
export LC_ALL
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
NERGRAPH="$ROOT/$BUILD/nergraph"
PY=/usr/bin/python3
# VALGRIND=1: unit tests and end-to-end cases under valgrind memcheck (the
# command-line scripts time signals and pipes, so they are left out).
VALGRIND=${VALGRIND:-}
RUN_UNIT=""
if [ -n "$VALGRIND" ]; then
    NERGRAPH_BIN=$NERGRAPH
    NERGRAPH="$ROOT/tests/lib/valgrind.sh"
    export NERGRAPH_BIN
    # Graphviz's own leaks are suppressed (tests/lib/graphviz.supp says why).
    RUN_UNIT="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --num-callers=30 --suppressions=$ROOT/tests/lib/graphviz.supp --suppressions=$ROOT/tests/lib/pcre2-jit.supp"
fi
export NERGRAPH PY ROOT
# Under ASan, LeakSanitizer skips Graphviz's own leaks (graphviz.lsan).
LSAN_OPTIONS="suppressions=$ROOT/tests/lib/graphviz.lsan${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
TMP=$(mktemp -d "${TMPDIR:-/tmp}/nergraph-tests.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
export TMP
passed=0
failed=0
failures=""

# Tests must not depend on a user's environment.
unset NERGRAPH_GAZETTEERS

record() {  # record NAME STATUS(0=pass)
    if [ "$2" -eq 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        failures="$failures
  $1"
    fi
}

echo "== unit tests"
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    out=$($RUN_UNIT "$t" 2>&1)
    status=$?
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    p=${p:-0}
    f=${f:-0}
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1   # crashed or failed before cmocka could count
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        printf '%s\n' "$out" | grep -E '^\[  (FAILED|  ERROR) \]|^\[  ERROR|Failure|ERROR' | head -20
        failures="$failures
  $(basename "$t") ($f)"
    fi
    echo "$(basename "$t"): $p passed, $f failed"
done

echo "== end-to-end cases"
for dir in tests/e2e/*/; do
    [ -d "$dir" ] || continue
    name=$(basename "$dir")
    msg=$(sh tests/lib/run_case.sh "$dir" 2>&1)
    st=$?
    record "e2e/$name" $st
    if [ $st -ne 0 ]; then
        echo "FAIL e2e/$name"
        printf '%s\n' "$msg" | head -30 | sed 's/^/    /'
    fi
done

echo "== command-line tests"
[ -n "$VALGRIND" ] && echo "(skipped under valgrind)"
for script in tests/cli/*.sh; do
    [ -n "$VALGRIND" ] && break
    [ "$(basename "$script")" = lib.sh ] && continue
    [ -f "$script" ] || continue
    out=$(sh "$script" 2>&1)
    st=$?
    p=$(printf '%s\n' "$out" | grep -c '^PASS ')
    f=$(printf '%s\n' "$out" | grep -c '^FAIL ')
    if [ $st -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        printf '%s\n' "$out" | tail -5
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    printf '%s\n' "$out" | grep -A8 '^FAIL ' | head -40
    [ "$f" -ne 0 ] && failures="$failures
  $script ($f)"
    echo "$(basename "$script"): $p passed, $f failed"
done

echo "== fuzz smoke (seeds, regressions, fixed-seed mutations)"
if [ -z "$VALGRIND" ]; then
    out=$(make --no-print-directory fuzz-smoke 2>&1)
    p=$(printf '%s\n' "$out" | grep -c '^PASS fuzz-smoke')
    f=$(printf '%s\n' "$out" | grep -c '^FAIL fuzz-smoke')
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        f=1   # the targets did not build
        printf '%s\n' "$out" | tail -20
    fi
    printf '%s\n' "$out" | grep -E '^(PASS|FAIL) fuzz-smoke'
    [ "$f" -ne 0 ] && failures="$failures
  fuzz-smoke ($f)"
    passed=$((passed + p))
    failed=$((failed + f))
fi

if [ "$failed" -ne 0 ]; then
    echo "failed:$failures"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
