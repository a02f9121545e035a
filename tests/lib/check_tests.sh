#!/bin/sh
# Can the tests fail?  Runs the command-line scripts (tests/cli/*.sh) and
# the end-to-end cases (tests/e2e/*/) with the binary replaced by
# /bin/false, a binary that does nothing and fails.  A check of a
# successful run that still passes cannot tell a working nergraph from a
# broken one: the run fails.  Only checks marked as failure checks
# ("PASS (failure check) NAME", see tests/cli/lib.sh) and checks of project
# files no run makes ("PASS (no binary) NAME") may pass, and an
# end-to-end case never may (an expected.exit case must name its message
# in expected.stderr).
#
# tests/cli/install.sh is left out: it checks what `make install` builds
# and installs, and runs the installed copy, never $NERGRAPH.
# Usage: tests/lib/check_tests.sh    Last line: "check-tests: ...".
set -u
LC_ALL=C
export LC_ALL
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
NERGRAPH=/bin/false
PY=/usr/bin/python3
export NERGRAPH PY ROOT
TMP=$(mktemp -d "${TMPDIR:-/tmp}/nergraph-check-tests.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
export TMP
unset NERGRAPH_GAZETTEERS

checks=0        # checks run
failed=0        # checks that failed, as they should
allowed=0       # failure checks that passed: allowed
cannot_fail=""  # checks of a successful run that passed: the bug

for script in tests/cli/*.sh; do
    case $(basename "$script") in lib.sh|install.sh) continue ;; esac
    out=$(sh "$script" 2>&1)
    n=$(printf '%s\n' "$out" | grep -c -E '^(PASS|FAIL) ')
    f=$(printf '%s\n' "$out" | grep -c '^FAIL ')
    a=$(printf '%s\n' "$out" | grep -c '^PASS (failure check) ')
    bad=$(printf '%s\n' "$out" | grep '^PASS ' | grep -v -e '^PASS (failure check) ' -e '^PASS (no binary) ')
    checks=$((checks + n))
    failed=$((failed + f))
    allowed=$((allowed + a))
    if [ -n "$bad" ]; then
        cannot_fail="$cannot_fail
$(printf '%s\n' "$bad" | sed "s|^PASS |  $script: |")"
    fi
    echo "$(basename "$script"): $n checks, $f failed, $a failure checks passed"
done

n=0
for dir in tests/e2e/*/; do
    [ -d "$dir" ] || continue
    n=$((n + 1))
    checks=$((checks + 1))
    if sh tests/lib/run_case.sh "$dir" >/dev/null 2>&1; then
        cannot_fail="$cannot_fail
  e2e/$(basename "$dir")"
    else
        failed=$((failed + 1))
    fi
done
echo "e2e: $n cases"

if [ -n "$cannot_fail" ]; then
    echo "these checks pass with NERGRAPH=/bin/false:$cannot_fail"
    echo "check-tests: $checks checks, $(printf '%s\n' "$cannot_fail" | grep -c .) cannot fail"
    exit 1
fi
echo "check-tests: $checks checks, $failed failed with /bin/false, $allowed failure checks passed, 0 cannot fail"
