#!/bin/sh
# JSON Lines and gzip input: one document per line named by its id (or
# FILE:LINE), field names chosen with --text-field/--id-field, malformed
# lines warned about with file:line and skipped (and counted by --strict),
# *.gz decompressed while streaming (text and JSON Lines, concatenated
# members, damaged files reported), and the graph of a .jsonl.gz equal to
# the graph of the same documents as separate files.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'person:alice-smith' person 'Alice Smith' \
    'person:bob-jones' person 'Bob Jones' \
    'org:acme' organization 'Acme Corp' \
    'country:FR' country 'France' >"$T/gaz.tsv"
G="-g $T/gaz.tsv"

# The documents, written once as Python data: separate text files,
# JSON Lines, JSON Lines with other member names.
cat >"$T/make.py" <<'EOF2'
import json, os, sys
d = sys.argv[1]
docs = [
    ("story-1", "Alice Smith met Bob Jones in France.\n\nAcme Corp said nothing."),
    ("story-2", "Bob Jones left Acme Corp.\nFrance was \"quiet\" \u2014 caf\u00e9 closed."),
    (7, "Alice Smith and Acme Corp.\tTabs, \\ backslashes."),
    ("story-4", "Nobody here."),
]
os.makedirs(d + "/files", exist_ok=True)
with open(d + "/docs.jsonl", "w", encoding="utf-8") as f:
    for i, (ident, text) in enumerate(docs):
        f.write(json.dumps({"id": ident, "text": text, "meta": {"n": i}}) + "\n")
        open("%s/files/%02d.txt" % (d, i), "w", encoding="utf-8").write(text)
with open(d + "/fields.jsonl", "w", encoding="utf-8") as f:
    for ident, text in docs:
        f.write(json.dumps({"url": "http://example.org/%s" % ident, "body": text,
                            "text": "France and Bob Jones."}) + "\n")
EOF2
"$PY" "$T/make.py" "$T"

# mentions.py JSONL DOCS WANT: the records' documents, in order of first
# appearance, are WANT (comma separated), and every record slices the text
# of its document (from the JSON Lines file DOCS, by id) back to its text.
cat >"$T/mentions.py" <<'EOF2'
import json, sys
path, docs_path, want = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
texts = {}
for line in open(docs_path, encoding="utf-8"):
    if line.strip():
        d = json.loads(line)
        texts[str(d.get("url", d.get("id")))] = d.get("body", d.get("text")).encode("utf-8")
seen = []
for line in open(path, encoding="utf-8"):
    m = json.loads(line)
    if m["doc"] not in seen:
        seen.append(m["doc"])
    if m["doc"] in texts:
        span = texts[m["doc"]][m["start"]:m["end"]].decode("utf-8")
        assert span == m["text"], (m, span)
if seen != want:
    raise SystemExit("documents %r, expected %r" % (seen, want))
EOF2

# ---- JSON Lines: ids name the documents ----
"$NERGRAPH" $G -f mentions "$T/docs.jsonl" >"$T/m.jsonl" 2>"$T/m.err"
code=$?
if [ $code -eq 0 ] && [ ! -s "$T/m.err" ]; then pass "jsonl: exit 0, no warning"
else fail "jsonl: exit 0, no warning" "exit $code: $(head -c 500 "$T/m.err")"; fi
check "jsonl: mentions named by id (string and number), offsets into each text" \
    "$PY" "$T/mentions.py" "$T/m.jsonl" "$T/docs.jsonl" "story-1,story-2,7"
# --evidence snippets carry the id too.
"$NERGRAPH" $G -f json --evidence 5 "$T/docs.jsonl" >"$T/ev.json" 2>/dev/null
check "jsonl: --evidence snippets name the document by id" "$PY" -c '
import json, sys
g = json.load(open(sys.argv[1]))
docs = sorted({e["doc"] for l in g["links"] for e in l["evidence"]})
assert docs == ["7", "story-1", "story-2"], docs
assert g["graph"]["documents"] == 4, g["graph"]
' "$T/ev.json"

# ---- --input-format and inference by name ----
cp "$T/docs.jsonl" "$T/docs-as.txt"
"$NERGRAPH" $G -f mentions --input-format jsonl "$T/docs-as.txt" >"$T/forced.jsonl" 2>/dev/null
check "--input-format jsonl reads a *.txt file as JSON Lines" \
    "$PY" "$T/mentions.py" "$T/forced.jsonl" "$T/docs.jsonl" "story-1,story-2,7"
"$NERGRAPH" $G -f json --input-format text "$T/docs.jsonl" >"$T/astext.json" 2>/dev/null
check "--input-format text reads a *.jsonl file as one text document" "$PY" -c '
import json, sys
g = json.load(open(sys.argv[1]))
assert g["graph"]["documents"] == 1, g["graph"]
' "$T/astext.json"
cp "$T/docs.jsonl" "$T/docs.ndjson"
"$NERGRAPH" $G -f mentions "$T/docs.ndjson" >"$T/nd.jsonl" 2>/dev/null
check "*.ndjson is JSON Lines by name" \
    "$PY" "$T/mentions.py" "$T/nd.jsonl" "$T/docs.jsonl" "story-1,story-2,7"
"$NERGRAPH" $G -f mentions --input-format jsonl - <"$T/docs.jsonl" >"$T/stdin.jsonl" 2>/dev/null
check "standard input as JSON Lines with --input-format jsonl" \
    "$PY" "$T/mentions.py" "$T/stdin.jsonl" "$T/docs.jsonl" "story-1,story-2,7"
printf '{"text": "Alice Smith."}\n\n{"text": "Bob Jones."}\n' |
    "$NERGRAPH" $G -f mentions --input-format jsonl >"$T/noid.jsonl" 2>/dev/null
check "no id: the document is named FILE:LINE" \
    "$PY" "$T/mentions.py" "$T/noid.jsonl" /dev/null "<stdin>:1,<stdin>:3"
"$NERGRAPH" $G --input-format yaml "$T/docs.jsonl" >/dev/null 2>"$T/badfmt.err"
code=$?
expect_err "--input-format with an unknown value: usage error" 2 "$T/badfmt.err" \
    "--input-format takes text, jsonl or auto, not 'yaml'"
"$NERGRAPH" $G --text-field '' "$T/docs.jsonl" >/dev/null 2>"$T/badfield.err"
code=$?
expect_err "--text-field with an empty name: usage error" 2 "$T/badfield.err" "--text-field needs"

# ---- chosen member names ----
"$NERGRAPH" $G -f mentions --text-field body --id-field url "$T/fields.jsonl" >"$T/f.jsonl" 2>"$T/f.err"
check "--text-field/--id-field: the chosen members are read" "$PY" "$T/mentions.py" "$T/f.jsonl" \
    "$T/fields.jsonl" "http://example.org/story-1,http://example.org/story-2,http://example.org/7"

# ---- malformed lines: file:line, skipped, counted by --strict ----
{
    printf '{"id": "ok-1", "text": "Alice Smith met Bob Jones."}\n'
    printf 'this is not json\n'
    printf '["an", "array"]\n'
    printf '{"id": "no-text"}\n'
    printf '{"id": "num", "text": 12}\n'
    printf '\n'
    printf '{"id": "ok-2", "text": "Acme Corp in France."}\n'
    printf '{"id": "blank-doc", "text": "   "}\n'
} >"$T/bad.jsonl"
"$NERGRAPH" $G -f mentions "$T/bad.jsonl" >"$T/bad.out" 2>"$T/bad.err"
code=$?
if exited_with 0 "$T/bad.err" \
    "warning: $T/bad.jsonl:2: not valid JSON (" \
    "warning: $T/bad.jsonl:3: not a JSON object but an array; line skipped" \
    "warning: $T/bad.jsonl:4: no \"text\" member (name the member that holds the text with --text-field); line skipped" \
    "warning: $T/bad.jsonl:5: \"text\" is a number, not a string; line skipped" \
    "warning: blank-doc: empty document"; then
    pass "malformed lines: a warning each with file:line, exit 0"
else
    fail "malformed lines: a warning each with file:line, exit 0" "$why"
fi
if [ "$(grep -c 'warning' "$T/bad.err")" -eq 5 ]; then pass "malformed lines: the blank line is skipped silently"
else fail "malformed lines: the blank line is skipped silently" "$(cat "$T/bad.err")"; fi
check "malformed lines: the good lines are read" \
    "$PY" "$T/mentions.py" "$T/bad.out" "$T/docs.jsonl" "ok-1,ok-2"
"$NERGRAPH" $G --strict -o "$T/strict.json" "$T/bad.jsonl" >/dev/null 2>"$T/strict.err"
code=$?
if exited_with 1 "$T/strict.err" "--strict: 5 warnings; no output written" && [ ! -e "$T/strict.json" ]; then
    pass_failure "malformed lines with --strict: exit 1, no file"
else
    fail "malformed lines with --strict: exit 1, no file" "$why"
fi

# ---- gzip ----
gzip -c "$T/docs.jsonl" >"$T/docs.jsonl.gz"
"$NERGRAPH" $G -f mentions "$T/docs.jsonl.gz" >"$T/gz.jsonl" 2>"$T/gz.err"
check "jsonl.gz: read as JSON Lines, decompressed" \
    "$PY" "$T/mentions.py" "$T/gz.jsonl" "$T/docs.jsonl" "story-1,story-2,7"
gzip -c "$T/files/00.txt" >"$T/one.txt.gz"
"$NERGRAPH" $G -f mentions "$T/one.txt.gz" >"$T/gzt.jsonl" 2>/dev/null
check "txt.gz: one text document, offsets into the decompressed text" "$PY" -c '
import json, sys
text = open(sys.argv[2], "rb").read()
ms = [json.loads(l) for l in open(sys.argv[1])]
assert [m["text"] for m in ms] == ["Alice Smith", "Bob Jones", "France", "Acme Corp"], ms
assert all(m["doc"] == sys.argv[3] for m in ms), ms
assert all(text[m["start"]:m["end"]].decode() == m["text"] for m in ms), ms
' "$T/gzt.jsonl" "$T/files/00.txt" "$T/one.txt.gz"
gzip -c "$T/docs.jsonl" | "$NERGRAPH" $G -f mentions --input-format jsonl >"$T/gzin.jsonl" 2>/dev/null
check "gzip data on standard input is recognised and decompressed" \
    "$PY" "$T/mentions.py" "$T/gzin.jsonl" "$T/docs.jsonl" "story-1,story-2,7"

# The graph of the .jsonl.gz equals the graph of the same documents as
# separate files, byte for byte.
"$NERGRAPH" $G -o "$T/g-files.json" "$T/files" 2>"$T/g1.err"
"$NERGRAPH" $G -o "$T/g-gz.json" "$T/docs.jsonl.gz" 2>"$T/g2.err"
if [ -s "$T/g-files.json" ] && cmp -s "$T/g-files.json" "$T/g-gz.json" &&
   grep -q '"documents": 4' "$T/g-gz.json"; then
    pass "graph of docs.jsonl.gz == graph of the documents as separate files"
else
    fail "graph of docs.jsonl.gz == graph of the documents as separate files" \
        "$(diff "$T/g-files.json" "$T/g-gz.json" 2>&1 | head -20)" "$(cat "$T/g1.err" "$T/g2.err")"
fi
for w in paragraph document tokens:3; do
    "$NERGRAPH" $G -w $w -f json "$T/files" >"$T/w-files.json" 2>/dev/null
    "$NERGRAPH" $G -w $w -f json "$T/docs.jsonl.gz" >"$T/w-gz.json" 2>/dev/null
    if [ -s "$T/w-files.json" ] && cmp -s "$T/w-files.json" "$T/w-gz.json"; then
        pass "graph equality with -w $w"
    else
        fail "graph equality with -w $w" "$(diff "$T/w-files.json" "$T/w-gz.json" 2>&1 | head -10)"
    fi
done

# Concatenated members (cat a.gz b.gz) are one stream, as gzip -dc reads it.
head -c 100 "$T/docs.jsonl" | gzip -c >"$T/multi.jsonl.gz"
tail -c +101 "$T/docs.jsonl" | gzip -c >>"$T/multi.jsonl.gz"
"$NERGRAPH" $G -o "$T/g-multi.json" "$T/multi.jsonl.gz" 2>"$T/multi.err"
if [ -s "$T/g-multi.json" ] && cmp -s "$T/g-gz.json" "$T/g-multi.json"; then
    pass "multi-member gzip (cut mid-line): the same graph"
else
    fail "multi-member gzip (cut mid-line): the same graph" "$(cat "$T/multi.err")"
fi
cat "$T/files/00.txt" "$T/files/01.txt" >"$T/cat.txt"
{ gzip -c "$T/files/00.txt"; gzip -c "$T/files/01.txt"; } >"$T/cat.txt.gz"
"$NERGRAPH" $G -f json "$T/cat.txt" >"$T/cat-plain.json" 2>/dev/null
"$NERGRAPH" $G -f json "$T/cat.txt.gz" >"$T/cat-gz.json" 2>/dev/null
if [ -s "$T/cat-plain.json" ] && cmp -s "$T/cat-plain.json" "$T/cat-gz.json"; then
    pass "multi-member gzip of text: one document, as decompressed"
else
    fail "multi-member gzip of text: one document, as decompressed"
fi

# Damaged gzip files: a clear error naming the file, exit 1, the other
# inputs still read and the output written.
head -c 60 "$T/docs.jsonl.gz" >"$T/cut.jsonl.gz"
"$NERGRAPH" $G -o "$T/cut.json" "$T/cut.jsonl.gz" "$T/files/03.txt" 2>"$T/cut.err"
code=$?
if exited_with 1 "$T/cut.err" "nergraph: $T/cut.jsonl.gz: unexpected end of file (truncated gzip data)" \
    "gzip -t" && [ -s "$T/cut.json" ]; then
    pass "truncated gzip: error with the path, exit 1, the output still written"
else
    fail "truncated gzip: error with the path, exit 1, the output still written" "$why"
fi
printf 'plain text, not gzip\n' >"$T/fake.txt.gz"
"$NERGRAPH" $G -f json "$T/fake.txt.gz" >/dev/null 2>"$T/fake.err"
code=$?
expect_err "a *.gz file that is not gzip: error, exit 1" 1 "$T/fake.err" \
    "nergraph: $T/fake.txt.gz: not gzip data (no gzip header)"
"$PY" -c '
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[len(b) // 2] ^= 0xFF
open(sys.argv[2], "wb").write(b)
' "$T/docs.jsonl.gz" "$T/corrupt.jsonl.gz"
"$NERGRAPH" $G -f json "$T/corrupt.jsonl.gz" >/dev/null 2>"$T/corrupt.err"
code=$?
expect_err "corrupt gzip: error naming the file, exit 1" 1 "$T/corrupt.err" \
    "nergraph: $T/corrupt.jsonl.gz: corrupt gzip data ("

# ---- directory walks: *.gz read by the name inside ----
w="$T/walk"
mkdir -p "$w"
cp "$T/docs.jsonl.gz" "$w/a.jsonl.gz"
cp "$T/one.txt.gz" "$w/b.txt.gz"
cp "$T/files/03.txt" "$w/c.txt"
"$NERGRAPH" $G -f mentions "$w" >"$T/walk.jsonl" 2>"$T/walk.err"
check "walk: a.jsonl.gz as JSON Lines, b.txt.gz as text" \
    "$PY" "$T/mentions.py" "$T/walk.jsonl" "$T/docs.jsonl" "story-1,story-2,7,$w/b.txt.gz"
"$NERGRAPH" $G -f mentions --include '*.jsonl.gz' "$w" >"$T/walk2.jsonl" 2>/dev/null
check "walk: --include '*.jsonl.gz' applies to the full name" \
    "$PY" "$T/mentions.py" "$T/walk2.jsonl" "$T/docs.jsonl" "story-1,story-2,7"

# ---- streaming: memory does not grow with the JSON Lines file ----
if [ -z "${SANITIZER:-}" ]; then
    "$PY" - "$T/big.jsonl" <<'EOF2'
import json, sys
with open(sys.argv[1], "w") as f:
    line = "Alice Smith met Bob Jones. " * 30
    for i in range(60000):
        f.write(json.dumps({"id": i, "text": line}) + "\n")
EOF2
    check "a 50 MB JSON Lines file is streamed (peak RSS well below its size)" "$PY" -c '
import os, resource, subprocess, sys
size = os.path.getsize(sys.argv[3])
assert size > 45e6, size
r = subprocess.run([sys.argv[1], "-g", sys.argv[2], "-f", "json", sys.argv[3]],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
assert r.returncode == 0, r.stderr
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
assert rss < 25e6, "peak RSS %d for a %d byte file" % (rss, size)
' "$NERGRAPH" "$T/gaz.tsv" "$T/big.jsonl"
fi
