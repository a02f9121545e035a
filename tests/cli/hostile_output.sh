#!/bin/sh
# Hostile output conditions not covered by output.sh: the exact messages
# for a missing directory and a full device, a reader that goes away while
# SIGPIPE is ignored (no diagnostics at all), and Ctrl-C in the middle of a
# run (the old -o file stays byte for byte, no temporary file is left).
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\t%s\n' 'p:t' person 'Donald Trump' 'Trump' >"$T/gaz.tsv"
printf '%s\t%s\t%s\n' 'c:ua' country 'Ukraine' >>"$T/gaz.tsv"
printf 'Donald Trump visited Ukraine.\n' >"$T/in.txt"

# ---- -o into a missing directory: the exact message ----
"$NERGRAPH" -g "$T/gaz.tsv" -f json -o "$T/nodir/out.json" "$T/in.txt" >"$T/out" 2>"$T/err"
code=$?
if [ $code -eq 1 ] && grep -qF "$T/nodir/out.json: cannot create output: No such file or directory" "$T/err" \
   && [ ! -e "$T/nodir" ]; then
    pass "-o into a missing directory: 'PATH: cannot create output: No such file or directory'"
else
    fail "-o into a missing directory: 'PATH: cannot create output: No such file or directory'" \
        "exit $code; stderr: $(cat "$T/err")" "$(ls -la "$T/nodir" 2>&1)"
fi

# ---- a full device: the exact message ----
# full_dev NAME TARGET: exit 1 and "TARGET: cannot write output: No space
# left on device"; TARGET is still a character device (or a symlink to one).
full_dev() {
    "$NERGRAPH" -g "$T/gaz.tsv" -f json -o "$2" "$T/in.txt" >"$T/out" 2>"$T/err"
    code=$?
    if [ $code -eq 1 ] && grep -qF "$2: cannot write output: No space left on device" "$T/err" \
       && [ -c "$2" ]; then
        pass "$1"
    else
        fail "$1" "exit $code; stderr: $(cat "$T/err")" "$(ls -l "$2")"
    fi
}
if [ -c /dev/full ]; then
    if [ "$(id -u)" -ne 0 ]; then
        full_dev "-o /dev/full: exit 1, 'cannot write output: No space left on device'" /dev/full
    elif mknod "$T/full" c 1 7 2>/dev/null && ! printf x 2>/dev/null >"$T/full"; then
        # As root, a private node with /dev/full's numbers asks the same
        # question without risking the real device node.
        full_dev "-o a full device (private /dev/full node): exit 1, 'No space left on device'" "$T/full"
    else
        echo "SKIP -o /dev/full as root (no private device node could be made)"
    fi
    ln -s /dev/full "$T/full-link"
    full_dev "-o symlink to /dev/full: exit 1, 'No space left on device'" "$T/full-link"
    if ! exited_with 1 "$T/err" "cannot write output"; then
        fail "-o symlink to /dev/full: link and device intact" "$why"
    elif [ -L "$T/full-link" ] && [ -c /dev/full ]; then pass_failure "-o symlink to /dev/full: link and device intact"
    else fail "-o symlink to /dev/full: link and device intact" "$(ls -l "$T/full-link" /dev/full)"; fi
else
    echo "SKIP /dev/full checks (no /dev/full)"
fi

# ---- stdout closed early, SIGPIPE ignored: nothing on stderr ----
"$PY" - "$T/big.txt" <<'EOF'
import sys
line = b"Donald Trump visited Ukraine; Ukraine hosted Trump again.\n"
open(sys.argv[1], "wb").write(line * 200000)   # ~11 MB, 600000 mentions
EOF
for sig in default ignored; do
    if [ $sig = ignored ]; then tr="trap '' PIPE;"; else tr=""; fi
    timeout 60 sh -c "$tr"' "$1" -g "$2" -f mentions "$3" 2>"$4" | head -1 >"$5"' sh \
        "$NERGRAPH" "$T/gaz.tsv" "$T/big.txt" "$T/pipe-$sig.err" "$T/pipe-$sig.out"
    code=$?
    if [ $code -eq 0 ] && [ ! -s "$T/pipe-$sig.err" ] && [ "$(wc -l <"$T/pipe-$sig.out")" -eq 1 ]; then
        pass "-f mentions | head -1, SIGPIPE $sig: ends, one line, nothing on stderr"
    else
        fail "-f mentions | head -1, SIGPIPE $sig: ends, one line, nothing on stderr" \
            "status $code (124 = timed out)" "stderr: $(head -c 500 "$T/pipe-$sig.err")"
    fi
done

# ---- Ctrl-C during a run with -o over an existing file ----
# ~150 MB: many seconds of work, so the run is still going at 0.3 s.
"$PY" - "$T/huge.txt" <<'EOF'
import sys
s = b"Donald Trump visited Ukraine, then Trump left.\n"
open(sys.argv[1], "wb").write(s * (150 * 1024 * 1024 // len(s)))
EOF
# sigint.py OUT ARGS...: start ARGS with SIGINT at its default action (a
# background job of a script would inherit it ignored), send SIGINT after
# 0.3 s, wait at most 30 s.  Prints whether it was still running and
# whether a temporary file existed when the signal was sent.
cat >"$T/sigint.py" <<'EOF'
import glob, os, signal, subprocess, sys, time
out, args = sys.argv[1], sys.argv[2:]
p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
time.sleep(0.3)
running = p.poll() is None
tmp = glob.glob(out + ".tmp.*")
p.send_signal(signal.SIGINT)
try:
    _, err = p.communicate(timeout=30)
except subprocess.TimeoutExpired:
    p.kill()
    p.wait()
    print("hung")
    sys.exit(1)
print("running=%s tmp_at_signal=%s status=%s stderr=%r"
      % (running, bool(tmp), p.returncode, err.decode("utf-8", "replace")[:300]))
sys.exit(0 if running else 2)
EOF
for fmt in json mentions; do
    ext=json; [ $fmt = mentions ] && ext=jsonl  # -o's extension must not contradict -f
    printf 'OLD CONTENT, must survive\n' >"$T/out-$fmt.$ext"
    cp "$T/out-$fmt.$ext" "$T/before-$fmt.json"
    "$PY" "$T/sigint.py" "$T/out-$fmt.$ext" \
        "$NERGRAPH" -g "$T/gaz.tsv" -f $fmt -o "$T/out-$fmt.$ext" "$T/huge.txt" >"$T/sigint-$fmt.log" 2>&1
    st=$?
    echo "NOTE Ctrl-C, -f $fmt: $(cat "$T/sigint-$fmt.log")"
    if [ $st -eq 2 ]; then
        fail "Ctrl-C (-f $fmt): the run was still going at 0.3 s" "$(cat "$T/sigint-$fmt.log")"
    elif [ $st -ne 0 ]; then
        fail "Ctrl-C (-f $fmt): the run ends" "$(cat "$T/sigint-$fmt.log")"
    else
        pass "Ctrl-C (-f $fmt): the run ends"
    fi
    # What an interrupted run leaves behind; a run that was not interrupted
    # in the middle (st != 0) proves nothing about it.
    if [ $st -ne 0 ]; then
        fail "Ctrl-C (-f $fmt): old -o file byte-identical" "the run was not interrupted while working"
    elif cmp -s "$T/out-$fmt.$ext" "$T/before-$fmt.json"; then pass_failure "Ctrl-C (-f $fmt): old -o file byte-identical"
    else fail "Ctrl-C (-f $fmt): old -o file byte-identical" "$(head -c 200 "$T/out-$fmt.$ext")"; fi
    left=$(ls -A "$T" | grep -F "out-$fmt.$ext.tmp." || true)
    if [ $st -ne 0 ]; then
        fail "Ctrl-C (-f $fmt): no out-$fmt.$ext.tmp.* left" "the run was not interrupted while working"
    elif [ -z "$left" ]; then pass_failure "Ctrl-C (-f $fmt): no out-$fmt.$ext.tmp.* left"
    else fail "Ctrl-C (-f $fmt): no out-$fmt.$ext.tmp.* left" "left: $left"; fi
done
rm -f "$T/huge.txt" "$T/big.txt"
