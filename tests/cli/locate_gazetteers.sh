#!/bin/sh
# Where a binary finds its bundled gazetteers without -g: a copy that finds
# none says where it looked and how to point at them (-g,
# NERGRAPH_GAZETTEERS) and exits 1; a copy in an install layout
# (bin/ beside share/nergraph/gazetteers) finds them; NERGRAPH_GAZETTEERS
# naming nothing is reported as such.
. "$ROOT/tests/cli/lib.sh"

# A copy of the binary where no gazetteers are: $T/copy/bin/nergraph looks
# in $T/copy/gazetteers and $T/copy/share/nergraph/gazetteers.
mkdir -p "$T/copy/bin"
cp "$NERGRAPH" "$T/copy/bin/nergraph"
x="$T/copy/bin/nergraph"
# The binary knows its place without symlinks (/proc/self/exe).
copy=$(cd "$T/copy" && pwd -P)
printf 'Valdoria.\n' >"$T/in.txt"
printf '%s\t%s\t%s\n' 'country:VL' country 'Valdoria' >"$T/gaz.tsv"

env -u NERGRAPH_GAZETTEERS "$x" "$T/in.txt" >"$T/out" 2>"$T/err"
code=$?
if [ "$code" -eq 0 ] && [ -s "$T/out" ]; then
    # Only when this machine has an installed copy at the compiled-in path.
    echo "SKIP a copied binary without gazetteers (it found an installed copy)"
else
    expect_err "a copied binary without gazetteers says where it looked and what to do" 1 "$T/err" \
        "nergraph: cannot find the bundled gazetteers (NERGRAPH_GAZETTEERS is not set; looked for $copy/gazetteers, $copy/share/nergraph/gazetteers, " \
        "); name them with -g PATH or set NERGRAPH_GAZETTEERS=DIR"
    if exited_with 1 "$T/err" "cannot find" && [ ! -s "$T/out" ] && \
       [ "$(grep -c . "$T/err")" -eq 1 ]; then
        pass_failure "a copied binary without gazetteers: one line, no output"
    else
        fail "a copied binary without gazetteers: one line, no output" "${why:-$(cat "$T/err")}"
    fi
fi

# Pointed at them: -g, or the variable.
env -u NERGRAPH_GAZETTEERS "$x" -g "$T/gaz.tsv" -f mentions "$T/in.txt" >"$T/out" 2>"$T/err"
code=$?
if [ "$code" -eq 0 ] && grep -q '"country:VL"' "$T/out"; then pass "a copied binary with -g runs"
else fail "a copied binary with -g runs" "exit $code; $(cat "$T/err")"; fi
mkdir -p "$T/gz"
cp "$T/gaz.tsv" "$T/gz/"
NERGRAPH_GAZETTEERS="$T/gz" "$x" -f mentions "$T/in.txt" >"$T/out" 2>"$T/err"
code=$?
if [ "$code" -eq 0 ] && grep -q '"country:VL"' "$T/out"; then pass "a copied binary with NERGRAPH_GAZETTEERS runs"
else fail "a copied binary with NERGRAPH_GAZETTEERS runs" "exit $code; $(cat "$T/err")"; fi
NERGRAPH_GAZETTEERS="$T/nowhere" "$x" "$T/in.txt" >"$T/out" 2>"$T/err"
code=$?
expect_err "NERGRAPH_GAZETTEERS naming nothing is reported as such" 1 "$T/err" \
    "NERGRAPH_GAZETTEERS=$T/nowhere: No such file or directory" "-g PATH"

# An install layout: bin/nergraph finds ../share/nergraph/gazetteers.
mkdir -p "$T/copy/share/nergraph/gazetteers"
cp "$T/gaz.tsv" "$T/copy/share/nergraph/gazetteers/"
env -u NERGRAPH_GAZETTEERS "$x" -f mentions "$T/in.txt" >"$T/out" 2>"$T/err"
code=$?
if [ "$code" -eq 0 ] && grep -q '"country:VL"' "$T/out"; then
    pass "a binary in bin/ finds ../share/nergraph/gazetteers"
else
    fail "a binary in bin/ finds ../share/nergraph/gazetteers" "exit $code; $(cat "$T/err")"
fi
