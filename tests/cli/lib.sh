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
