#!/bin/sh
# Output: -o writes the file whole or not at all; failures exit 1 with a
# message and leave an existing file as it was; no temporary files are left
# behind; a reader that goes away early ends the run quietly.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'person:alice-smith' person 'Alice Smith' \
    'person:bob-jones' person 'Bob Jones' \
    'country:FR' country 'France' >"$T/gaz.tsv"
printf 'Alice Smith met Bob Jones in France.\n' >"$T/in.txt"
printf 'person:alice-smith\tperson\n' >"$T/bad.tsv"
mkdir "$T/o"

no_tmp_left() {  # no_tmp_left NAME DIR
    left=$(find "$2" -name '*.tmp.*' 2>/dev/null)
    if [ -z "$left" ]; then pass "$1"; else fail "$1" "left behind: $left"; fi
}

# ---- into a directory that does not exist ----
"$NERGRAPH" -g "$T/gaz.tsv" -o "$T/o/missing/sub/out.dot" "$T/in.txt" >"$T/out" 2>"$T/err"
code=$?
expect_err "-o into a missing directory: exit 1" 1 "$T/err" "cannot create output"
if grep -qF "missing/sub/out.dot" "$T/err"; then pass_failure "-o into a missing directory: message names the path"
else fail "-o into a missing directory: message names the path" "stderr: $(cat "$T/err")"; fi
# What the failed run leaves behind, once it is known to have failed so.
if ! exited_with 1 "$T/err" "missing/sub/out.dot"; then fail "-o into a missing directory: nothing created" "$why"
elif [ -e "$T/o/missing" ]; then fail "-o into a missing directory: nothing created"
else pass_failure "-o into a missing directory: nothing created"; fi
if ! exited_with 1 "$T/err" "missing/sub/out.dot"; then fail "-o into a missing directory: nothing on stdout" "$why"
elif [ -s "$T/out" ]; then fail "-o into a missing directory: nothing on stdout" "$(head -c 300 "$T/out")"
else pass_failure "-o into a missing directory: nothing on stdout"; fi

# ---- a device that is always full ----
# Writing to /dev/full fails with ENOSPC; the run must say so and exit 1.
# As root, -o /dev/full itself is not tried: an implementation that writes a
# temporary file beside the target and renames it would replace the device
# node.  A symlink in $T to /dev/full asks the same question safely.
if [ -c /dev/full ]; then
    if [ "$(id -u)" -ne 0 ]; then
        "$NERGRAPH" -g "$T/gaz.tsv" -o /dev/full "$T/in.txt" >"$T/out" 2>"$T/err"
        code=$?
        if [ $code -eq 1 ] && [ -s "$T/err" ]; then pass "-o /dev/full: exit 1 with a message"
        else fail "-o /dev/full: exit 1 with a message" "exit $code; $(cat "$T/err")"; fi
    else
        echo "SKIP -o /dev/full as root (would risk replacing the device node)"
    fi
    ln -s /dev/full "$T/o/full"
    "$NERGRAPH" -g "$T/gaz.tsv" -o "$T/o/full" "$T/in.txt" >"$T/out" 2>"$T/err"
    code=$?
    if [ $code -eq 1 ] && [ -s "$T/err" ]; then pass "-o symlink to /dev/full: exit 1 with a message"
    else fail "-o symlink to /dev/full: exit 1 with a message" "exit $code; stderr: $(cat "$T/err")" \
        "$(ls -l "$T/o/full")"; fi
    if ! exited_with 1 "$T/err" "$T/o/full"; then fail "-o symlink to /dev/full: the symlink is still a symlink" "$why"
    elif [ -L "$T/o/full" ]; then pass_failure "-o symlink to /dev/full: the symlink is still a symlink"
    else fail "-o symlink to /dev/full: the symlink is still a symlink" "$(ls -l "$T/o/full")"; fi
    rm -f "$T/o/full"
    if ! exited_with 1 "$T/err" "$T/o/full"; then fail "/dev/full is still a device" "$why"
    elif [ -c /dev/full ]; then pass_failure "/dev/full is still a device"
    else fail "/dev/full is still a device"; fi
fi

# ---- a read-only directory (root writes anyway: skipped) ----
mkdir "$T/ro"
chmod 555 "$T/ro"
if [ "$(id -u)" -eq 0 ]; then
    echo "SKIP -o into a read-only directory (running as root)"
else
    "$NERGRAPH" -g "$T/gaz.tsv" -o "$T/ro/out.dot" "$T/in.txt" >"$T/out" 2>"$T/err"
    code=$?
    if [ $code -eq 1 ] && grep -qF "ro/out.dot" "$T/err"; then pass "-o into a read-only directory: exit 1, named"
    else fail "-o into a read-only directory: exit 1, named" "exit $code; $(cat "$T/err")"; fi
    if [ -z "$(ls -A "$T/ro")" ]; then pass "-o into a read-only directory: nothing created"
    else fail "-o into a read-only directory: nothing created" "$(ls -A "$T/ro")"; fi
fi
chmod 755 "$T/ro"

# ---- an existing output survives a failed run, and is replaced whole ----
printf 'OLD CONTENT\n' >"$T/o/keep.json"
cp "$T/o/keep.json" "$T/old.json"
"$NERGRAPH" -g "$T/bad.tsv" -f json -o "$T/o/keep.json" "$T/in.txt" >/dev/null 2>"$T/err"
code=$?
if exited_with 1 "$T/err" "bad.tsv:1:" && cmp -s "$T/o/keep.json" "$T/old.json"; then
    pass_failure "failed run (bad gazetteer) leaves the existing output untouched"
else
    fail "failed run (bad gazetteer) leaves the existing output untouched" "exit $code" \
        "$(head -c 300 "$T/o/keep.json")"
fi
"$NERGRAPH" -g "$T/gaz.tsv" -f json -o "$T/o/keep.json" --window tokens:0 "$T/in.txt" >/dev/null 2>"$T/err"
code=$?
if exited_with 2 "$T/err" "tokens:0" && cmp -s "$T/o/keep.json" "$T/old.json"; then
    pass_failure "usage error leaves the existing output untouched"
else
    fail "usage error leaves the existing output untouched" "exit $code" "$(head -c 300 "$T/o/keep.json")"
fi
"$NERGRAPH" -g "$T/gaz.tsv" -f json "$T/in.txt" >"$T/want.json" 2>/dev/null
"$NERGRAPH" -g "$T/gaz.tsv" -f json -o "$T/o/keep.json" "$T/in.txt" >"$T/out" 2>"$T/err"
code=$?
if [ $code -eq 0 ] && cmp -s "$T/o/keep.json" "$T/want.json"; then
    pass "successful run replaces the output whole"
else
    fail "successful run replaces the output whole" "exit $code; $(cat "$T/err")" \
        "$(head -c 300 "$T/o/keep.json")"
fi
if [ $code -ne 0 ]; then fail "-o: nothing on stdout" "exit $code"
elif [ -s "$T/out" ]; then fail "-o: nothing on stdout" "$(head -c 300 "$T/out")"
else pass "-o: nothing on stdout"; fi
# A longer file is replaced, not overwritten in place (no old tail left).
awk 'BEGIN { for (i = 0; i < 20000; i++) print "OLD OLD OLD OLD OLD OLD" }' >"$T/o/long.json"
"$NERGRAPH" -g "$T/gaz.tsv" -f json -o "$T/o/long.json" "$T/in.txt" 2>/dev/null
if cmp -s "$T/o/long.json" "$T/want.json"; then pass "a longer old file is replaced whole"
else fail "a longer old file is replaced whole" "$(wc -c <"$T/o/long.json") bytes"; fi
# New files get the usual permissions (umask applied), not mkstemp's 0600.
(umask 022 && "$NERGRAPH" -g "$T/gaz.tsv" -o "$T/o/mode.dot" "$T/in.txt" 2>/dev/null)
mode=$(ls -l "$T/o/mode.dot" | cut -c1-10)
if [ "$mode" = "-rw-r--r--" ]; then pass "new output file mode follows umask"
else fail "new output file mode follows umask" "mode $mode"; fi

# Only meaningful after runs that wrote files: a binary that writes nothing
# leaves no temporary file either.
if [ -s "$T/o/mode.dot" ] && cmp -s "$T/o/long.json" "$T/want.json"; then
    no_tmp_left "no *.tmp.* files left behind" "$T"
else
    fail "no *.tmp.* files left behind" "the runs above wrote no output"
fi

# ---- stdout closed early ----
# ~5 MB, six mentions a line.
awk 'BEGIN { for (i = 0; i < 65000; i++)
    print "Alice Smith met Bob Jones in France; France hosted Bob Jones and Alice Smith." }' >"$T/big.txt"
timeout 60 sh -c '"$1" -g "$2" -f mentions "$3" 2>"$4" | head -1 >"$5"' sh \
    "$NERGRAPH" "$T/gaz.tsv" "$T/big.txt" "$T/pipe.err" "$T/pipe.out"
code=$?
# The status is head's; that nergraph wrote is seen in the line head read.
if [ $code -eq 0 ] && [ -s "$T/pipe.out" ]; then pass "-f mentions | head -1 ends"
else fail "-f mentions | head -1 ends" "status $code (124 = timed out)" "read: $(head -c 300 "$T/pipe.out")"; fi
if [ ! -s "$T/pipe.out" ]; then fail "-f mentions | head -1: nothing on stderr" "nothing was written to the pipe"
elif [ -s "$T/pipe.err" ]; then fail "-f mentions | head -1: nothing on stderr" "$(head -c 500 "$T/pipe.err")"
else pass "-f mentions | head -1: nothing on stderr"; fi
check "-f mentions | head -1: the line is a whole JSON record" \
    "$PY" -c 'import json,sys; m=json.loads(open(sys.argv[1]).read()); assert m["start"]==0 and m["end"]==11, m' \
    "$T/pipe.out"
# The same with SIGPIPE ignored (as under some CI runners and daemons): the
# write fails with EPIPE instead of killing the process; the run must still
# end at once, and at most one line of diagnostics is acceptable.
timeout 60 sh -c 'trap "" PIPE; "$1" -g "$2" -f mentions "$3" 2>"$4" | head -1 >"$5"' sh \
    "$NERGRAPH" "$T/gaz.tsv" "$T/big.txt" "$T/pipe2.err" "$T/pipe2.out"
code=$?
lines=$(wc -l <"$T/pipe2.err")
if [ $code -ne 124 ] && [ "$lines" -le 1 ] && [ -s "$T/pipe2.out" ]; then pass "SIGPIPE ignored: ends, at most one line on stderr"
else fail "SIGPIPE ignored: ends, at most one line on stderr" "status $code" "$(head -c 500 "$T/pipe2.err")"; fi
