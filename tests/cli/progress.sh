#!/bin/sh
# The progress line: drawn on stderr when it is a terminal (a pseudo-
# terminal here), redrawn in place with \r, with bytes, documents, speed
# and time left; cleared before each warning; finished with a newline.
# Never drawn when stderr is redirected, nor with --quiet.
#
# The run is made slow without a timer: its mention records go to a pipe
# this test does not read for a while, so nergraph blocks writing them,
# and its next document comes well after the line's first-draw delay.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'person:alice-smith' person 'Alice Smith' \
    'person:bob-jones' person 'Bob Jones' >"$T/gaz.tsv"
# 2.9 MB of JSON Lines, a malformed line near the end (read after the
# pause, so its warning meets a drawn progress line).
"$PY" - "$T/in.jsonl" <<'EOF2'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(12000):
        f.write(json.dumps({"id": i, "text": "Alice Smith met Bob Jones. " * 8}) + "\n")
        if i == 11000:
            f.write("not json at all\n")
EOF2

# run.py MODE OUT ARGS...: run nergraph with stderr on a pseudo-terminal
# (MODE pty) or a file (MODE file), stdout a pipe read only after 1.5 s;
# or (MODE both) stdout and stderr on one pseudo-terminal, read only after
# 1.5 s.  What reached stderr (the terminal), as bytes, goes to OUT.
cat >"$T/run.py" <<'EOF2'
import os, pty, subprocess, sys, threading, time
mode, out_path, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
if mode in ("pty", "both"):
    master, slave = pty.openpty()
    err = slave
else:
    err = open(out_path, "wb")
out = slave if mode == "both" else subprocess.PIPE
p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
got = []
if mode == "both":
    os.close(slave)
    time.sleep(1.5)
if mode in ("pty", "both"):
    if mode == "pty":
        os.close(slave)
    def drain():
        while True:
            try:
                b = os.read(master, 65536)
            except OSError:
                break
            if not b:
                break
            got.append(b)
    t = threading.Thread(target=drain)
    t.start()
if mode != "both":
    time.sleep(1.5)
    p.stdout.read()
code = p.wait()
if mode in ("pty", "both"):
    t.join(10)
    open(out_path, "wb").write(b"".join(got))
else:
    err.close()
sys.exit(code)
EOF2

"$PY" "$T/run.py" pty "$T/tty.out" "$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/in.jsonl"
code=$?
check "on a terminal: the progress line is drawn and redrawn in place" "$PY" -c '
import re, sys
code = int(sys.argv[2])
assert code == 0, "exit %d" % code
s = open(sys.argv[1], "rb").read().decode()
draws = re.findall(r"\rnergraph: [0-9.]+ [kMG]?B of [0-9.]+ [kMG]?B \(\d+%\), [\d,]+ documents?, [0-9.]+ [kMG]?B/s(, [0-9hms]+ left)?", s)
assert draws, repr(s[:600])
assert len(draws) >= 2 and any(draws), "redrawn, with time left: %r" % draws
assert re.search(r"of 2\.9 MB", s), repr(s[:600])  # the file size, from stat
' "$T/tty.out" "$code"
check "on a terminal: the line is finished with a summary and a newline" "$PY" -c '
import re, sys
s = open(sys.argv[1], "rb").read().decode()
assert re.search(r"\rnergraph: read 2\.9 MB, 12,000 documents in [0-9hms]+ \([0-9.]+ [kMG]?B/s\)\r?\n$", s), repr(s[-300:])
' "$T/tty.out"
check "on a terminal: the warning is printed on a cleared line" "$PY" -c '
import re, sys
s = open(sys.argv[1], "rb").read().decode()
i = s.find("nergraph: warning: ")
assert i > 0, repr(s[-600:])
assert "in.jsonl:11002: not valid JSON" in s[i:], repr(s[i:i+200])
# Just before the warning: the line wiped (\r, spaces, \r), nothing else.
assert re.search(r"\r +\r$", s[:i]), repr(s[max(0, i - 200):i + 40])
line = s[i:s.index("\n", i)]
assert "documents" not in line and "MB/s" not in line, repr(line)
' "$T/tty.out"

"$PY" "$T/run.py" pty "$T/quiet.out" "$NERGRAPH" -g "$T/gaz.tsv" -f mentions --quiet "$T/in.jsonl"
code=$?
check "--quiet: no progress line, the warning still printed" "$PY" -c '
import sys
assert int(sys.argv[2]) == 0, "exit " + sys.argv[2]
s = open(sys.argv[1], "rb").read().decode()
assert "\r" not in s.replace("\r\n", "\n"), repr(s[:300])
assert "MB/s" not in s and "documents" not in s, repr(s[:300])
assert s.count("nergraph: warning: ") == 1 and "in.jsonl:11002: not valid JSON" in s, repr(s)
' "$T/quiet.out" "$code"
"$PY" "$T/run.py" pty "$T/q.out" "$NERGRAPH" -g "$T/gaz.tsv" -f mentions -q "$T/in.jsonl"
code=$?
check "-q: the same as --quiet" "$PY" -c '
import sys
assert int(sys.argv[2]) == 0, "exit " + sys.argv[2]
s = open(sys.argv[1], "rb").read().decode()
assert "MB/s" not in s and "in.jsonl:11002: not valid JSON" in s, repr(s)
' "$T/q.out" "$code"

"$PY" "$T/run.py" file "$T/file.out" "$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/in.jsonl"
code=$?
check "stderr redirected to a file: no progress line, only the warning" "$PY" -c '
import sys
assert int(sys.argv[2]) == 0, "exit " + sys.argv[2]
s = open(sys.argv[1], "rb").read().decode()
assert s == "nergraph: warning: %s:11002: not valid JSON (invalid token near \x27not\x27, at byte 3 of the line); line skipped\n" % sys.argv[3], repr(s)
' "$T/file.out" "$code" "$T/in.jsonl"

"$PY" "$T/run.py" both "$T/both.out" "$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/in.jsonl"
code=$?
check "-f mentions to the same terminal: records, the warning, no progress line" "$PY" -c '
import sys
assert int(sys.argv[2]) == 0, "exit " + sys.argv[2]
s = open(sys.argv[1], "rb").read().decode()
assert s.count("\"doc\": ") == 192000, s.count("\"doc\": ")
assert "in.jsonl:11002: not valid JSON" in s, s[-500:]
assert "MB/s" not in s and "documents" not in s, s[-500:]
' "$T/both.out" "$code"
