# Shared helpers for tests/cli/*.sh: each check prints PASS or FAIL.
# Scripts get $NERGRAPH, $PY, $ROOT and a scratch directory $TMP.
#
# Two kinds of check.  A check of a successful run must fail when the
# binary does nothing: `make check-tests` runs every script with
# NERGRAPH=/bin/false and fails if one of them passes.  A failure check
# asserts what a failed run does or leaves behind (no output file, an old
# file untouched); such a check can hold for a binary that does nothing,
# so it prints "PASS (failure check) NAME" and check-tests lets it pass.
# Even so, make failure checks strict: assert the exit status and the
# message first (exited_with), and they fail under /bin/false too.
# A third kind checks a file of the project that no run produces (a man
# page renders): it prints "PASS (no binary) NAME", and check-tests lets it
# pass, since no binary is involved.
set -u
T=$(mktemp -d "$TMP/cli.XXXXXX")
pass() { echo "PASS $1"; }
pass_failure() { echo "PASS (failure check) $1"; }
pass_static() { echo "PASS (no binary) $1"; }
fail() { echo "FAIL $1"; shift; [ $# -gt 0 ] && printf '    %s\n' "$@"; }
# check NAME CMD...: passes when CMD exits 0
check() {
    name=$1; shift
    if "$@" >"$T/check.out" 2>&1; then pass "$name"; else fail "$name" "$(head -c 2000 "$T/check.out")"; fi
}
# exited_with CODE ERRFILE SUBSTRING...: true when the last run's exit
# status ($code) was CODE and ERRFILE contains every SUBSTRING (fixed
# strings); otherwise false, with the reason in $why.
exited_with() {
    wcode=$1; errf=$2; shift 2
    if [ "$code" -ne "$wcode" ]; then
        why="exit $code, expected $wcode; stderr: $(head -c 600 "$errf")"
        return 1
    fi
    for s in "$@"; do
        if ! grep -qF -- "$s" "$errf"; then
            why="stderr lacks '$s': $(head -c 600 "$errf")"
            return 1
        fi
    done
    why=""
    return 0
}
# expect_err NAME CODE ERRFILE SUBSTRING...: the last run's exit status
# ($code) was CODE and the stderr file contains every SUBSTRING.  With a
# non-zero CODE it is a failure check, and must name at least one
# SUBSTRING: "it failed" alone is what /bin/false does.
expect_err() {
    name=$1; shift
    if [ "$1" -ne 0 ] && [ $# -lt 3 ]; then
        fail "$name" "expect_err with exit $1 needs a stderr substring"
    elif ! exited_with "$@"; then
        fail "$name" "$why"
    elif [ "$1" -ne 0 ]; then
        pass_failure "$name"
    else
        pass "$name"
    fi
}

# use_built_library: lib_dir is the build tree the tool comes from (build-san
# under SANITIZER); an instrumented library needs its runtimes loaded before
# the Python interpreter, whose own allocations are not ours to check.
use_built_library() {
    if [ -n "${SANITIZER:-}" ]; then
        lib_dir=$ROOT/build-san
        LD_PRELOAD=$(cc -print-file-name=libasan.so):$(cc -print-file-name=libubsan.so)
        ASAN_OPTIONS=detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
        export LD_PRELOAD ASAN_OPTIONS
    else
        lib_dir=$ROOT/build
    fi
}
