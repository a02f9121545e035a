#!/bin/sh
# Hostile text: invalid UTF-8 of every kind, NUL bytes before and after the
# binary-detection window, a BOM, CRLF and lone-CR line ends, one huge line,
# empty and white-space-only documents, a binary file, a directory that
# loops back to itself, an unreadable file and one that vanishes while the
# directory is walked.  Every warning is checked word for word and every
# mention against offsets computed by hand.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\t%s\n' 'p:t' person 'Donald Trump' 'Trump' >"$T/gaz.tsv"
printf '%s\t%s\t%s\n' 'c:ua' country 'Ukraine' >>"$T/gaz.tsv"

# mentions.py JSONL WANT: the mentions are exactly WANT, a space-separated
# list of id,start,end[,sentence,paragraph]; every record's bytes
# [start:end] of the ORIGINAL file (read in binary) equal its "text".
cat >"$T/mentions.py" <<'EOF'
import json, sys
path, want = sys.argv[1], sys.argv[2]
docs, got, full = {}, [], []
with open(path, "rb") as f:
    lines = f.read().split(b"\n")
assert lines[-1] == b"", "last line not terminated"
for i, line in enumerate(lines[:-1], 1):
    m = json.loads(line.decode("utf-8"))
    d = m["doc"]
    if d not in docs:
        with open(d, "rb") as fd:
            docs[d] = fd.read()
    raw = docs[d][m["start"]:m["end"]]
    assert raw == m["text"].encode("utf-8"), \
        "line %d: bytes %d..%d are %r, text says %r" % (i, m["start"], m["end"], raw, m["text"])
    got.append((m["id"], m["start"], m["end"], m["sentence"], m["paragraph"]))
exp = []
for w in want.split():
    parts = w.split(",")
    exp.append(tuple([parts[0]] + [int(x) for x in parts[1:]]))
cmp = [g[:len(e)] for g, e in zip(got, exp)]
assert len(got) == len(exp) and cmp == exp, "got  %r\nwant %r" % (got, exp)
EOF


# ---- invalid UTF-8, one file per kind ----
# invalid KIND N WANT FORMAT: the file printf FORMAT; first bad byte at N.
invalid() {
    kind=$1; n=$2; want=$3; fmt=$4
    f="$T/bad-$kind.txt"
    printf "$fmt" >"$f"
    timeout 20 "$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$f" >"$T/bad-$kind.jsonl" 2>"$T/bad-$kind.err"
    code=$?
    expect_err "invalid UTF-8 ($kind): exit 0, warning at byte $n" 0 "$T/bad-$kind.err" \
        "$f: invalid UTF-8 at byte $n; invalid bytes are read as separators"
    check "invalid UTF-8 ($kind): names next to the bad bytes found, offsets exact" \
        "$PY" "$T/mentions.py" "$T/bad-$kind.jsonl" "$want"
}
# "Trump" 0-5, bad byte 5, ...
invalid trunc2-mid 5 'p:t,0,5 c:ua,7,14' 'Trump\303 Ukraine.\n'
invalid trunc2-end 17 'p:t,0,5 c:ua,10,17' 'Trump met Ukraine\303'
invalid trunc3-mid 5 'p:t,0,5 c:ua,7,14' 'Trump\342\202Ukraine.\n'
invalid trunc3-end 21 'p:t,0,12 c:ua,14,21' 'Donald Trump, Ukraine\342\202'
invalid trunc4-mid 5 'p:t,0,5 c:ua,8,15' 'Trump\360\237\230Ukraine.\n'
invalid trunc4-end 17 'c:ua,0,7 p:t,12,17' 'Ukraine and Trump\360\237\230'
invalid overlong-2 5 'p:t,0,5 c:ua,7,14' 'Trump\300\257Ukraine.\n'
invalid overlong-3 5 'p:t,0,5 c:ua,8,15' 'Trump\340\200\257Ukraine.\n'
invalid surrogate 5 'p:t,0,5 c:ua,8,15' 'Trump\355\240\200Ukraine.\n'
invalid continuation 8 'c:ua,0,7 p:t,9,14' 'Ukraine \200Trump.\n'
# "Köln: " is 7 bytes (6 characters): the offset counts bytes.
invalid ff-after-utf8 12 'p:t,7,12 c:ua,13,20' 'K\303\266ln: Trump\377Ukraine.\n'
invalid fe-two-bad 28 'p:t,0,12 c:ua,21,28' 'Donald Trump visited Ukraine\376.\377\n'

# ---- NUL bytes ----
# Text or binary is decided by content: a few stray NUL bytes (a scraped
# page) are read as separators, with a warning; a file whose bytes are
# largely NUL, control or invalid UTF-8 (an image, UTF-16) is skipped.
printf 'Trump met Ukraine.\n' >"$T/good.txt"
printf 'Trump and Ukraine.\n\000more Trump\n' >"$T/nul-early.txt"
"$NERGRAPH" -g "$T/gaz.tsv" -f json "$T/good.txt" "$T/nul-early.txt" >"$T/nul-early.json" 2>"$T/nul-early.err"
code=$?
expect_err "a stray NUL early in a text file: read, with a warning naming its offset" 0 "$T/nul-early.err" \
    "$T/nul-early.txt: 1 NUL byte (the first at offset 19) read as separators"
check "a stray NUL early in a text file: the file counts and its names are found" "$PY" -c '
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
assert g["graph"]["documents"] == 2, g["graph"]
n = {x["id"]: x["mentions"] for x in g["nodes"]}
assert n == {"p:t": 3, "c:ua": 2}, n
' "$T/nul-early.json"
if ! exited_with 0 "$T/nul-early.err" "NUL byte"; then fail "a stray NUL early in a text file: not called binary" "$why"
elif grep -q "binary" "$T/nul-early.err"; then fail "a stray NUL early in a text file: not called binary" "$(cat "$T/nul-early.err")"
else pass "a stray NUL early in a text file: not called binary"; fi
"$NERGRAPH" --strict -g "$T/gaz.tsv" -f json -o "$T/strict-out.json" "$T/good.txt" "$T/nul-early.txt" \
    >"$T/strict.out" 2>"$T/strict.err"
code=$?
expect_err "NUL, --strict: exit 1, '--strict: 1 warning; no output written'" 1 "$T/strict.err" \
    "1 NUL byte (the first at offset 19)" "--strict: 1 warning; no output written"
if ! exited_with 1 "$T/strict.err" "no output written"; then fail "NUL, --strict: -o target not created" "$why"
elif [ -e "$T/strict-out.json" ]; then fail "NUL, --strict: -o target not created" "$(ls -l "$T/strict-out.json")"
else pass_failure "NUL, --strict: -o target not created"; fi

# UTF-16, with and without a byte order mark, and a file of NULs and
# text in equal parts: binary, skipped, not counted.
"$PY" - "$T" <<'EOF'
import sys
t = sys.argv[1]
story = "Trump visited Ukraine on Monday.\n" * 20
open(t + "/utf16-bom.txt", "wb").write(story.encode("utf-16"))
open(t + "/utf16-nobom.txt", "wb").write(story.encode("utf-16-le"))
open(t + "/nul-heavy.txt", "wb").write(b"Trump\0\0\0\0 Ukraine\0\0\0\0 " * 100)
EOF
"$NERGRAPH" -g "$T/gaz.tsv" -f json "$T/good.txt" "$T/utf16-bom.txt" "$T/utf16-nobom.txt" "$T/nul-heavy.txt" \
    >"$T/utf16.json" 2>"$T/utf16.err"
code=$?
expect_err "UTF-16 and NUL-heavy files: skipped with a warning each" 0 "$T/utf16.err" \
    "$T/utf16-bom.txt: UTF-16 text (byte order mark); skipped" "iconv -f UTF-16 -t UTF-8" \
    "$T/utf16-nobom.txt: looks like a binary file (" \
    "$T/nul-heavy.txt: looks like a binary file ("
check "UTF-16 and NUL-heavy files: not counted, no names from them" "$PY" -c '
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
assert g["graph"]["documents"] == 1, g["graph"]
n = {x["id"]: x["mentions"] for x in g["nodes"]}
assert n == {"p:t": 1, "c:ua": 1}, n
' "$T/utf16.json"

# NULs at the last byte of the probe window (offset 8191), the first after
# it (8192) and deep in the file: all text, each NUL a separator.
"$PY" - "$T" <<'EOF'
import sys
t = sys.argv[1]
fill = lambda n: (b"lorem ipsum dolor. " * 5000)[:n - 1] + b" "
open(t + "/nul-8191.txt", "wb").write(fill(8191) + b"\0Trump\n")
# Trump 8187-8192, NUL 8192, Ukraine 8193-8200
open(t + "/nul-8192.txt", "wb").write(fill(8187) + b"Trump\0Ukraine.\n")
# Trump 20000-20005, NUL NUL, Ukraine 20007-20014, NUL
open(t + "/nul-deep.txt", "wb").write(fill(20000) + b"Trump\0\0Ukraine\0.\n")
EOF
"$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/nul-8191.txt" >"$T/nul-8191.jsonl" 2>"$T/nul-8191.err"
code=$?
expect_err "NUL at offset 8191: text, with a warning" 0 "$T/nul-8191.err" \
    "$T/nul-8191.txt: 1 NUL byte (the first at offset 8191) read as separators"
"$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/nul-deep.txt" >/dev/null 2>"$T/nul-deep.err"
code=$?
expect_err "NULs deep in a file: counted in one warning" 0 "$T/nul-deep.err" \
    "$T/nul-deep.txt: 3 NUL bytes (the first at offset 20005) read as separators"
for k in 8192 deep; do
    "$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/nul-$k.txt" >"$T/nul-$k.jsonl" 2>"$T/nul-$k.err"
    code=$?
    if [ $code -eq 0 ] && ! grep -q "binary" "$T/nul-$k.err"; then pass "NUL after the first 8192 bytes ($k): exit 0, no binary warning"
    else fail "NUL after the first 8192 bytes ($k): exit 0, no binary warning" "exit $code" "$(head -c 500 "$T/nul-$k.err")"; fi
done
check "NUL at offset 8192: a separator, both names found, offsets exact" \
    "$PY" "$T/mentions.py" "$T/nul-8192.jsonl" 'p:t,8187,8192 c:ua,8193,8200'
check "NUL deep in the file: a separator, both names found, offsets exact" \
    "$PY" "$T/mentions.py" "$T/nul-deep.jsonl" 'p:t,20000,20005 c:ua,20007,20014'

# ---- a UTF-8 BOM ----
printf '\357\273\277Ukraine and Trump.\n' >"$T/bom.txt"
"$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/bom.txt" >"$T/bom.jsonl" 2>"$T/bom.err"
code=$?
if [ $code -eq 0 ] && [ ! -s "$T/bom.err" ]; then pass "BOM: exit 0, no warning"
else fail "BOM: exit 0, no warning" "exit $code" "$(head -c 500 "$T/bom.err")"; fi
check "BOM: the name right after it starts at byte 3" \
    "$PY" "$T/mentions.py" "$T/bom.jsonl" 'c:ua,3,10,0,0 p:t,15,20,0,0'

# ---- CRLF and lone CR ----
# P0 = S0 {Trump, Ukraine}; P1 = S1 {Trump} S2 {Ukraine}; P2 = S3 {Ukraine}
# sentence window: weight 1; paragraph window: weight 2.
printf 'Trump met Ukraine.\r\n\r\nDonald Trump spoke.\r\nUkraine agreed.\r\n\r\nUkraine alone.\r\n' >"$T/crlf.txt"
printf 'Trump met Ukraine.\r\rDonald Trump spoke.\rUkraine agreed.\r\rUkraine alone.\r' >"$T/cr.txt"
cat >"$T/weight.py" <<'EOF'
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
w = [(l["source"], l["target"], l["weight"]) for l in g["links"]]
assert w == [("c:ua", "p:t", int(sys.argv[2]))], w
EOF
for k in crlf cr; do
    if [ $k = crlf ]; then
        want='p:t,0,5,0,0 c:ua,10,17,0,0 p:t,22,34,1,1 c:ua,43,50,2,1 c:ua,62,69,3,2'
    else
        want='p:t,0,5,0,0 c:ua,10,17,0,0 p:t,20,32,1,1 c:ua,40,47,2,1 c:ua,57,64,3,2'
    fi
    "$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/$k.txt" >"$T/$k.jsonl" 2>"$T/$k.err"
    check "$k line ends: offsets, sentences and paragraphs" "$PY" "$T/mentions.py" "$T/$k.jsonl" "$want"
    "$NERGRAPH" -g "$T/gaz.tsv" -f json -w paragraph "$T/$k.txt" >"$T/$k-p.json" 2>>"$T/$k.err"
    check "$k line ends: -w paragraph weight 2 (blank lines split)" "$PY" "$T/weight.py" "$T/$k-p.json" 2
    "$NERGRAPH" -g "$T/gaz.tsv" -f json -w sentence "$T/$k.txt" >"$T/$k-s.json" 2>>"$T/$k.err"
    check "$k line ends: -w sentence weight 1" "$PY" "$T/weight.py" "$T/$k-s.json" 1
done

# ---- one huge line ----
MB=${NERGRAPH_TEST_BIG_MB:-200}
n=$("$PY" - "$T/huge.txt" "$MB" <<'EOF'
import sys
s = b"Donald Trump visited Ukraine, then Trump left. "
n = int(sys.argv[2]) * 1024 * 1024 // len(s)
with open(sys.argv[1], "wb") as f:
    f.write(s * n)
print(n)
EOF
)
t0=$(date +%s)
timeout 600 "$NERGRAPH" -g "$T/gaz.tsv" -f json "$T/huge.txt" >"$T/huge.json" 2>"$T/huge.err"
code=$?
t1=$(date +%s)
echo "NOTE one ${MB} MB line: $((t1 - t0)) s"
if [ $code -eq 0 ]; then pass "a single ${MB} MB line: completes, exit 0"
else fail "a single ${MB} MB line: completes, exit 0" "status $code (124 = timed out)" "$(head -c 500 "$T/huge.err")"; fi
check "a single ${MB} MB line: mention counts and weight" "$PY" -c '
import json, sys
n = int(sys.argv[2])
g = json.load(open(sys.argv[1], encoding="utf-8"))
m = {x["id"]: x["mentions"] for x in g["nodes"]}
assert m == {"p:t": 2 * n, "c:ua": n}, "mentions %r, want p:t %d, c:ua %d" % (m, 2 * n, n)
w = [(l["source"], l["target"], l["weight"]) for l in g["links"]]
assert w == [("c:ua", "p:t", n)], w
' "$T/huge.json" "$n"
rm -f "$T/huge.txt"

# ---- empty and white-space-only documents ----
: >"$T/empty.txt"
# BOM, spaces, tabs, newlines, NBSP, CRLF
printf '\357\273\277 \t\n\302\240\n  \t\r\n\302\240 \n' >"$T/white.txt"
for k in empty white; do
    "$NERGRAPH" -g "$T/gaz.tsv" -f json "$T/$k.txt" >"$T/$k.json" 2>"$T/$k.err"
    code=$?
    expect_err "$k document: 'empty document (no text)', exit 0" 0 "$T/$k.err" \
        "$T/$k.txt: empty document (no text)"
    check "$k document: zero nodes, \"documents\": 1" "$PY" -c '
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
assert g["nodes"] == [] and g["links"] == [], g
assert g["graph"]["documents"] == 1, g["graph"]
' "$T/$k.json"
done

# ---- a binary file ----
"$PY" - "$T/image.png" <<'EOF'
import random, sys
r = random.Random(7)
body = bytes(r.randrange(256) for _ in range(20000))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + body + b" Trump and Ukraine.\n")
EOF
timeout 20 "$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/image.png" >"$T/image.jsonl" 2>"$T/image.err"
code=$?
expect_err "PNG-like binary file: binary warning, exit 0" 0 "$T/image.err" \
    "$T/image.png: looks like a binary file (" "bytes are NUL or control bytes, "
if ! exited_with 0 "$T/image.err" "looks like a binary file"; then fail "PNG-like binary file: no mentions" "$why"
elif [ -s "$T/image.jsonl" ]; then fail "PNG-like binary file: no mentions" "$(head -c 300 "$T/image.jsonl")"
else pass "PNG-like binary file: no mentions"; fi

# ---- a directory with a symlink back to itself ----
mkdir -p "$T/loopd"
printf 'Donald Trump.\n' >"$T/loopd/a.txt"
ln -s . "$T/loopd/me"
timeout 20 "$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/loopd" >"$T/loopd.jsonl" 2>"$T/loopd.err"
code=$?
if [ $code -eq 124 ] || [ $code -ge 128 ]; then
    fail "symlink to itself: no hang, reported" "status $code (124 = timed out)"
else
    code=0 # the exit status is not specified here
    expect_err "symlink to itself: no hang, reported" 0 "$T/loopd.err" \
        "$T/loopd/me: directory loop (a symlink back to a parent); skipped"
fi
check "symlink to itself: the real file read once" \
    "$PY" "$T/mentions.py" "$T/loopd.jsonl" 'p:t,0,12'

# ---- an unreadable file ----
if [ "$(id -u)" -eq 0 ]; then
    echo "SKIP unreadable file (running as root: chmod 000 does not stop root)"
else
    printf 'Trump.\n' >"$T/secret.txt"
    chmod 000 "$T/secret.txt"
    "$NERGRAPH" -g "$T/gaz.tsv" -f json "$T/secret.txt" >"$T/secret.json" 2>"$T/secret.err"
    code=$?
    expect_err "unreadable file: 'cannot open: Permission denied', exit 1" 1 "$T/secret.err" \
        "$T/secret.txt: cannot open: Permission denied"
    chmod 644 "$T/secret.txt"
fi

# ---- a file that vanishes while the directory is walked ----
mkdir -p "$T/gone"
printf 'Donald Trump.\n' >"$T/gone/a.txt"
ln -s "$T/gone/no-such-target" "$T/gone/b.txt"
printf 'Ukraine.\n' >"$T/gone/c.txt"
timeout 20 "$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/gone" >"$T/gone.jsonl" 2>"$T/gone.err"
code=$?
expect_err "vanished file (dangling symlink): 'cannot open: No such file or directory', exit 1" 1 \
    "$T/gone.err" "$T/gone/b.txt: cannot open: No such file or directory"
check "vanished file: the other files of the directory are processed" \
    "$PY" "$T/mentions.py" "$T/gone.jsonl" 'p:t,0,12 c:ua,0,7'
