#!/bin/sh
# What a run reads: a directory walk never reads the run's own output (-o
# inside the walked directory) or the temporary files written beside it;
# the output file named as an INPUT is a usage error; a file reached twice
# (named twice, through a symlink, or named and walked) is read once with a
# warning that counts for --strict; --include/--exclude filter walks but
# never a file named on the command line.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'person:lena-odum' person 'Lena Odum' \
    'person:ravi-marsh' person 'Ravi Marsh' \
    'org:kestrel' organization 'Kestrel Works' \
    'country:VL' country 'Valdoria' >"$T/gaz.tsv"

# graph.py JSON DOCUMENTS NODE=MENTIONS...: the graph read DOCUMENTS
# documents and has exactly these nodes with these mention counts.
cat >"$T/graph.py" <<'EOF'
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
docs = g["graph"]["documents"]
assert docs == int(sys.argv[2]), "documents %r, expected %s" % (docs, sys.argv[2])
got = {n["id"]: n["mentions"] for n in g["nodes"]}
want = {k: int(v) for k, v in (a.split("=") for a in sys.argv[3:])}
assert got == want, "nodes %r, expected %r" % (got, want)
EOF
# docs.py JSONL ROOT WANT: the documents of the mentions, in order and
# relative to ROOT, are WANT (comma separated), each listed once.
cat >"$T/docs.py" <<'EOF'
import json, sys
root, want = sys.argv[2].rstrip("/") + "/", sys.argv[3].split(",")
seen = []
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)["doc"]
    d = d[len(root):] if d.startswith(root) else d
    if not seen or seen[-1] != d:
        seen.append(d)
assert seen == want, "documents %r, expected %r" % (seen, want)
EOF

# run NAME ARGS...: nergraph with the test gazetteer; sets $code, stderr
# in $T/err.
run() {
    "$NERGRAPH" -g "$T/gaz.tsv" "$@" >"$T/out" 2>"$T/err"
    code=$?
}
# ok NAME CHECK...: the last run exited 0 and CHECK passes.
ok() {
    name=$1; shift
    if [ "$code" -ne 0 ]; then fail "$name" "exit $code; $(head -c 600 "$T/err")"
    else check "$name" "$@"; fi
}
no_stderr() { [ ! -s "$T/err" ]; }

c="$T/corpus"
mkdir -p "$c"
printf 'Lena Odum met Ravi Marsh.\n' >"$c/a.txt"
printf 'Kestrel Works opened in Valdoria.\n' >"$c/b.txt"

# ---- the output inside the walked directory ----
run -o "$c/out.json" "$c"
ok "-o inside the walked directory: first run reads the two texts" \
    "$PY" "$T/graph.py" "$c/out.json" 2 \
    person:lena-odum=1 person:ravi-marsh=1 org:kestrel=1 country:VL=1
# The run's own temporary file existed while the directory was walked.
ok "-o inside the walked directory: no warning (its temporary file not read)" no_stderr
cp "$c/out.json" "$T/first.json" 2>/dev/null
run -o "$c/out.json" "$c"
ok "-o inside the walked directory: second run does not read the first's graph" \
    cmp "$T/first.json" "$c/out.json"
ok "-o inside the walked directory: second run prints nothing on stderr" no_stderr
# DOT names every entity by its label: read back, each would count again.
run -o "$c/graph.dot" "$c"
cp "$c/graph.dot" "$T/first.dot" 2>/dev/null
run -o "$c/graph.dot" "$c"
ok "-o graph.dot inside the walked directory: the same graph twice" \
    cmp "$T/first.dot" "$c/graph.dot"
rm -f "$c/graph.dot"
# Reached through a relative path and '.', the same file.
(cd "$c" && "$NERGRAPH" -g "$T/gaz.tsv" -o out.json . >"$T/out" 2>"$T/err")
code=$?
ok "-o out.json while walking '.': the graph is not read back" \
    cmp "$T/first.json" "$c/out.json"

# ---- temporary files of the output ----
# One left by a killed run (the writer's name pattern): skipped.
printf 'Lena Odum, Ravi Marsh and Kestrel Works.\n' >"$c/out.json.tmp.Q7xk2A"
run -o "$c/out.json" "$c"
ok "a leftover temporary file of the output is not read" \
    "$PY" "$T/graph.py" "$c/out.json" 2 \
    person:lena-odum=1 person:ravi-marsh=1 org:kestrel=1 country:VL=1
# It is only the output's: written elsewhere, the same file is an input.
rm -f "$c/out.json"
run -o "$T/elsewhere.json" "$c"
ok "the same file is read when the output is elsewhere" \
    "$PY" "$T/graph.py" "$T/elsewhere.json" 3 \
    person:lena-odum=2 person:ravi-marsh=2 org:kestrel=2 country:VL=1
# A name that merely starts like one is an input.
mv "$c/out.json.tmp.Q7xk2A" "$c/out.json.tmp.notes"
run -o "$c/out.json" "$c"
ok "a file named like the output but not a temporary one is read" \
    "$PY" "$T/graph.py" "$c/out.json" 3 \
    person:lena-odum=2 person:ravi-marsh=2 org:kestrel=2 country:VL=1
rm -f "$c/out.json.tmp.notes" "$T/elsewhere.json"

# ---- the output named as an input ----
cp "$T/first.json" "$c/out.json" 2>/dev/null || echo '{}' >"$c/out.json"
run -o "$c/out.json" "$c/a.txt" "$c/out.json"
expect_err "the output file named as an input: usage error" 2 "$T/err" \
    "$c/out.json: the output file is also an input"
if exited_with 2 "$T/err" "also an input" && cmp -s "$T/first.json" "$c/out.json"; then
    pass_failure "the output file named as an input: the old output is untouched"
else
    fail "the output file named as an input: the old output is untouched" "$why"
fi
ln -s out.json "$c/alias.json"
run -o "$c/out.json" "$c/alias.json"
expect_err "the output file named through a symlink: usage error" 2 "$T/err" \
    "alias.json: the output file is also an input"
rm -f "$c/alias.json"

# ---- a file reached twice is read once ----
rm -f "$c/out.json"
run -o "$T/twice.json" "$c/a.txt" "$c/a.txt"
ok "a file named twice is one document" \
    "$PY" "$T/graph.py" "$T/twice.json" 1 person:lena-odum=1 person:ravi-marsh=1
expect_err "a file named twice: warning" 0 "$T/err" \
    "warning: $c/a.txt: named twice; read once"
run -o "$T/twice.json" "$c" "$c/b.txt"
ok "a file named and also met in a walked directory is one document" \
    "$PY" "$T/graph.py" "$T/twice.json" 2 \
    person:lena-odum=1 person:ravi-marsh=1 org:kestrel=1 country:VL=1
expect_err "a file named and walked: warning" 0 "$T/err" \
    "warning: $c/b.txt: named twice; read once"
ln -s "$c/a.txt" "$T/link-to-a.txt"
run -o "$T/twice.json" "$c/a.txt" "$T/link-to-a.txt"
ok "a symlink to a file already named is one document" \
    "$PY" "$T/graph.py" "$T/twice.json" 1 person:lena-odum=1 person:ravi-marsh=1
expect_err "a symlink to a file already named: warning" 0 "$T/err" \
    "$T/link-to-a.txt: named twice (first read as $c/a.txt); read once"
# Inside a walk: a link beside its target.
s="$T/with-link"
mkdir -p "$s"
printf 'Ravi Marsh visited Valdoria.\n' >"$s/a.txt"
ln -s a.txt "$s/z-link.txt"
run -o "$T/link.json" "$s"
ok "a symlink beside its target in a walked directory: one document" \
    "$PY" "$T/graph.py" "$T/link.json" 1 person:ravi-marsh=1 country:VL=1
expect_err "a symlink beside its target: warning" 0 "$T/err" "z-link.txt: named twice"
run -o "$T/dir-twice.json" "$c" "$c/"
ok "a directory named twice: its files are read once" \
    "$PY" "$T/graph.py" "$T/dir-twice.json" 2 \
    person:lena-odum=1 person:ravi-marsh=1 org:kestrel=1 country:VL=1
expect_err "a directory named twice: one warning" 0 "$T/err" "$c/: named twice"
n=$(grep -c "named twice" "$T/err")
if [ "$code" -eq 0 ] && [ "$n" -eq 1 ]; then pass "a directory named twice: one warning, not one per file"
else fail "a directory named twice: one warning, not one per file" "exit $code, $n warnings"; fi
run -f mentions "$c/a.txt" "$c/a.txt"
ok "mentions: a file named twice is written once" \
    "$PY" "$T/docs.py" "$T/out" "$c" "a.txt"
n=$(grep -c . "$T/out")
if [ "$code" -eq 0 ] && [ "$n" -eq 2 ]; then pass "mentions: two mentions, not four"
else fail "mentions: two mentions, not four" "exit $code, $n lines"; fi
run --strict -o "$T/strict.json" "$c/a.txt" "$c/a.txt"
expect_err "--strict: a file named twice is a warning that fails the run" 1 "$T/err" \
    "named twice; read once" "--strict: 1 warning"
if exited_with 1 "$T/err" "--strict" && [ ! -e "$T/strict.json" ]; then
    pass_failure "--strict: no output written"
else
    fail "--strict: no output written" "$why"
fi
printf 'Lena Odum.\n' | "$NERGRAPH" -g "$T/gaz.tsv" -f mentions - - >"$T/out" 2>"$T/err"
code=$?
expect_err "standard input named twice: read once, warning" 0 "$T/err" \
    "<stdin>: named twice; read once"
n=$(grep -c '"person:lena-odum"' "$T/out")
if [ "$code" -eq 0 ] && [ "$n" -eq 1 ]; then pass "standard input named twice: one mention"
else fail "standard input named twice: one mention" "exit $code, $n mentions"; fi

# ---- --include / --exclude ----
w="$T/filtered"
mkdir -p "$w/notes" "$w/drafts"
printf 'Lena Odum.\n' >"$w/a.txt"
printf 'Ravi Marsh.\n' >"$w/b.md"
printf 'Kestrel Works.\n' >"$w/notes/c.txt"
printf 'Valdoria.\n' >"$w/notes/d.log"
printf 'Lena Odum and Ravi Marsh.\n' >"$w/drafts/e.txt"
filtered() {  # filtered NAME WANT ARGS...
    name=$1; want=$2; shift 2
    run -f mentions "$@"
    ok "$name" "$PY" "$T/docs.py" "$T/out" "$w" "$want"
}
filtered "no filter: every file" "a.txt,b.md,drafts/e.txt,notes/c.txt,notes/d.log" "$w"
filtered "--include '*.txt': only .txt files, in every directory" \
    "a.txt,drafts/e.txt,notes/c.txt" --include '*.txt' "$w"
filtered "two --include: files matching either" \
    "a.txt,b.md,drafts/e.txt,notes/c.txt" --include '*.txt' --include '*.md' "$w"
filtered "--exclude DIR: the directory is not walked" \
    "a.txt,b.md,notes/c.txt,notes/d.log" --exclude drafts "$w"
filtered "--exclude and --include together" \
    "a.txt,notes/c.txt" --exclude drafts --exclude '*.log' --include '*.txt' "$w"
filtered "--exclude with a character class" \
    "a.txt,b.md,drafts/e.txt" --exclude '[cd].*' "$w"
filtered "--include: a file named on the command line is read anyway" \
    "a.txt,drafts/e.txt,notes/c.txt,b.md" --include '*.txt' "$w" "$w/b.md"
filtered "--exclude: a file named on the command line is read anyway" \
    "a.txt,notes/d.log" --exclude '*.log' "$w/a.txt" "$w/notes/d.log"
filtered "--exclude: a directory named on the command line is walked" \
    "notes/c.txt,notes/d.log" --exclude notes "$w/notes"
run --include '' "$w"
expect_err "--include with an empty pattern: usage error" 2 "$T/err" "--include needs a pattern"
run "$w" --exclude
expect_err "--exclude without a value: usage error" 2 "$T/err" "option '--exclude' needs a value"
