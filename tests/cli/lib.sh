# Shared helpers for tests/cli/*.sh: each check prints PASS or FAIL.
# Scripts get $NERGRAPH, $PY, $ROOT and a scratch directory $TMP.
set -u
T=$(mktemp -d "$TMP/cli.XXXXXX")
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1"; shift; [ $# -gt 0 ] && printf '    %s\n' "$@"; }
# check NAME CMD...: passes when CMD exits 0
check() {
    name=$1; shift
    if "$@" >"$T/check.out" 2>&1; then pass "$name"; else fail "$name" "$(head -c 2000 "$T/check.out")"; fi
}
# expect_err NAME CODE ERRFILE SUBSTRING...: the last run's exit status
# ($code) was CODE and the stderr file contains every SUBSTRING (fixed
# strings).
expect_err() {
    name=$1; wcode=$2; errf=$3; shift 3
    if [ "$code" -ne "$wcode" ]; then
        fail "$name" "exit $code, expected $wcode" "stderr: $(head -c 600 "$errf")"
        return
    fi
    for s in "$@"; do
        if ! grep -qF -- "$s" "$errf"; then
            fail "$name" "stderr lacks '$s':" "$(head -c 600 "$errf")"
            return
        fi
    done
    pass "$name"
}
