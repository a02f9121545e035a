#!/bin/sh
# Inputs: directories are read recursively in sorted order with hidden
# entries skipped; standard input with no INPUT and with '-'; symlink loops
# are reported and cut; fifos and sockets met in a directory are skipped.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'person:alice-smith' person 'Alice Smith' \
    'person:bob-jones' person 'Bob Jones' \
    'org:acme' organization 'Acme Corp' \
    'country:FR' country 'France' >"$T/gaz.tsv"

# docs.py JSONL ROOT WANT: the documents of the mentions, in order of first
# appearance and relative to ROOT, are WANT (comma separated); every record
# slices its document back to its text.
cat >"$T/docs.py" <<'EOF'
import json, sys
path, root, want = sys.argv[1], sys.argv[2].rstrip("/") + "/", sys.argv[3]
seen, data = [], {}
for line in open(path, encoding="utf-8"):
    m = json.loads(line)
    d = m["doc"]
    if d not in data:
        data[d] = open(d, "rb").read()
        seen.append(d)
    span = data[d][m["start"]:m["end"]].decode("utf-8")
    assert span == m["text"], (d, m)
rel = [d[len(root):] if d.startswith(root) else d for d in seen]
want = want.split(",") if want else []
if rel != want:
    raise SystemExit("documents %r, expected %r" % (rel, want))
EOF

# ---- a directory: recursive, sorted, hidden entries skipped ----
# Created in reverse order of the expected reading order.
c="$T/corpus"
mkdir -p "$c/sub/deeper" "$c/.hidden-dir"
printf 'France.\n' >"$c/z.txt"
printf 'Bob Jones.\n' >"$c/sub/deeper/b.txt"
printf 'Acme Corp.\n' >"$c/sub/b.txt"
printf 'Alice Smith.\n' >"$c/sub/a.txt"
printf 'Acme Corp and France.\n' >"$c/a.txt"
printf 'Alice Smith and Bob Jones.\n' >"$c/.hidden.txt"
printf 'Alice Smith and Bob Jones.\n' >"$c/.hidden-dir/x.txt"
printf 'Alice Smith and Bob Jones.\n' >"$c/sub/.also-hidden.txt"
"$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$c" >"$T/dir.jsonl" 2>"$T/dir.err"
code=$?
if [ $code -eq 0 ]; then pass "directory input: exit 0"
else fail "directory input: exit 0" "exit $code; $(cat "$T/dir.err")"; fi
check "directory input: recursive, sorted, hidden skipped" \
    "$PY" "$T/docs.py" "$T/dir.jsonl" "$c" "a.txt,sub/a.txt,sub/b.txt,sub/deeper/b.txt,z.txt"
# The same directory given with a trailing slash reads the same documents.
"$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$c/" >"$T/dir2.jsonl" 2>/dev/null
check "directory input with a trailing slash" \
    "$PY" "$T/docs.py" "$T/dir2.jsonl" "$c" "a.txt,sub/a.txt,sub/b.txt,sub/deeper/b.txt,z.txt"
# An explicit hidden file is read (only entries met while walking are skipped).
"$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$c/.hidden.txt" >"$T/hid.jsonl" 2>/dev/null
check "a hidden file named on the command line is read" \
    "$PY" "$T/docs.py" "$T/hid.jsonl" "$c" ".hidden.txt"
# Several inputs: in the order given, each directory sorted inside.
"$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$c/z.txt" "$c/sub" "$c/a.txt" >"$T/multi.jsonl" 2>/dev/null
check "several inputs in command-line order" \
    "$PY" "$T/docs.py" "$T/multi.jsonl" "$c" "z.txt,sub/a.txt,sub/b.txt,sub/deeper/b.txt,a.txt"

# ---- standard input ----
cat >"$T/stdin.py" <<'EOF'
import json, sys
ms = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
got = [(m["id"], m["start"], m["end"], m["text"]) for m in ms]
want = [("person:alice-smith", 0, 11, "Alice Smith"), ("person:bob-jones", 16, 25, "Bob Jones")]
assert got == want, got
assert len({m["doc"] for m in ms}) == 1, ms
EOF
printf 'Alice Smith met Bob Jones.\n' >"$T/s.txt"
"$NERGRAPH" -g "$T/gaz.tsv" -f mentions <"$T/s.txt" >"$T/stdin1.jsonl" 2>"$T/stdin1.err"
code=$?
if [ $code -eq 0 ]; then check "stdin with no INPUT" "$PY" "$T/stdin.py" "$T/stdin1.jsonl"
else fail "stdin with no INPUT" "exit $code; $(cat "$T/stdin1.err")"; fi
"$NERGRAPH" -g "$T/gaz.tsv" -f mentions - <"$T/s.txt" >"$T/stdin2.jsonl" 2>"$T/stdin2.err"
code=$?
if [ $code -eq 0 ]; then check "stdin as '-'" "$PY" "$T/stdin.py" "$T/stdin2.jsonl"
else fail "stdin as '-'" "exit $code; $(cat "$T/stdin2.err")"; fi
printf 'Alice Smith met Bob Jones.\n' | "$NERGRAPH" -g "$T/gaz.tsv" -f mentions >"$T/stdin3.jsonl" 2>/dev/null
check "stdin from a pipe" "$PY" "$T/stdin.py" "$T/stdin3.jsonl"
# '-' among files: two documents, stdin's in its place.
"$NERGRAPH" -g "$T/gaz.tsv" -f json "$c/a.txt" - <"$T/s.txt" >"$T/mixed.json" 2>/dev/null
check "'-' among files: both read" "$PY" -c '
import json, sys
g = json.load(open(sys.argv[1]))
ids = sorted(n["id"] for n in g["nodes"])
assert ids == ["country:FR", "org:acme", "person:alice-smith", "person:bob-jones"], ids
assert g["graph"].get("documents", 2) == 2, g["graph"]
' "$T/mixed.json"

# ---- a symlink loop: reported, skipped, no hang ----
l="$T/loop"
mkdir -p "$l/sub"
printf 'Alice Smith.\n' >"$l/real.txt"
ln -s .. "$l/sub/up"
ln -s "$l" "$l/sub/self"
timeout 20 "$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$l" >"$T/loop.jsonl" 2>"$T/loop.err"
code=$?
if [ $code -eq 0 ] && [ -s "$T/loop.jsonl" ]; then pass "symlink loop: the run ends"
else fail "symlink loop: the run ends" "status $code (124 = timed out)" "$(head -c 500 "$T/loop.err")"; fi
if grep -qF "sub/up" "$T/loop.err" && grep -qF "sub/self" "$T/loop.err"; then
    pass "symlink loop: reported on stderr"
else
    fail "symlink loop: reported on stderr" "$(head -c 500 "$T/loop.err")"
fi
check "symlink loop: each real file read once" "$PY" "$T/docs.py" "$T/loop.jsonl" "$l" "real.txt"

# ---- a fifo and a socket inside a directory: skipped, no hang ----
f="$T/special"
mkdir -p "$f"
printf 'Bob Jones.\n' >"$f/b.txt"
if mkfifo "$f/a-fifo" 2>/dev/null; then
    "$PY" -c 'import socket, sys; s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$f/a-sock" 2>/dev/null
    timeout 20 "$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$f" >"$T/special.jsonl" 2>"$T/special.err"
    code=$?
    if [ $code -eq 0 ]; then pass "fifo and socket in a directory: skipped, exit 0"
    else fail "fifo and socket in a directory: skipped, exit 0" "status $code (124 = hung)" "$(cat "$T/special.err")"; fi
    check "fifo and socket in a directory: the regular file is read" \
        "$PY" "$T/docs.py" "$T/special.jsonl" "$f" "b.txt"
    [ -S "$f/a-sock" ] || echo "NOTE socket could not be created; only the fifo was tried"
else
    echo "SKIP fifo test (mkfifo failed)"
fi
