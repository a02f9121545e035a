#!/bin/sh
# Errors: usage errors exit 2 with a message; data and I/O errors exit 1
# with a message naming the file (and line); problems the run survives are
# warnings with exit 0.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'person:alice-smith' person 'Alice Smith' \
    'person:bob-jones' person 'Bob Jones' \
    'country:FR' country 'France' >"$T/gaz.tsv"
printf 'Alice Smith met Bob Jones.\n' >"$T/good.txt"

# expect NAME CODE STDERR_SUBSTRING ARGS...: exit status CODE and stderr
# containing the substring (empty substring: stderr must not be empty).
expect() {
    name=$1; want=$2; msg=$3; shift 3
    "$NERGRAPH" "$@" >"$T/out" 2>"$T/err"
    code=$?
    if [ "$code" -ne "$want" ]; then
        fail "$name" "exit $code, expected $want" "stderr: $(head -c 600 "$T/err")"
    elif [ ! -s "$T/err" ]; then
        fail "$name" "nothing on stderr"
    elif [ -n "$msg" ] && ! grep -qF -- "$msg" "$T/err"; then
        fail "$name" "stderr lacks '$msg':" "$(head -c 600 "$T/err")"
    elif [ "$want" -ne 0 ]; then
        pass_failure "$name"
    else
        pass "$name"
    fi
}

# ---- usage errors: exit 2, a message naming what was wrong ----
expect "unknown long option" 2 "--bogus" -g "$T/gaz.tsv" --bogus "$T/good.txt"
expect "unknown short option" 2 "-x" -g "$T/gaz.tsv" -x "$T/good.txt"
expect "bad --window tokens:0" 2 "tokens:0" -g "$T/gaz.tsv" --window tokens:0 "$T/good.txt"
expect "bad --window tokens:" 2 "tokens:" -g "$T/gaz.tsv" -w tokens: "$T/good.txt"
expect "bad --window word" 2 "sentences" -g "$T/gaz.tsv" -w sentences "$T/good.txt"
expect "bad --format" 2 "xml" -g "$T/gaz.tsv" --format xml "$T/good.txt"
expect "bad -f" 2 "xlsx" -g "$T/gaz.tsv" -f xlsx "$T/good.txt"
expect "--min-weight 0" 2 "min-weight" -g "$T/gaz.tsv" --min-weight 0 "$T/good.txt"
expect "--min-weight abc" 2 "abc" -g "$T/gaz.tsv" --min-weight abc "$T/good.txt"
expect "--min-weight -1" 2 "min-weight" -g "$T/gaz.tsv" --min-weight -1 "$T/good.txt"
expect "--min-weight 2x" 2 "2x" -g "$T/gaz.tsv" --min-weight 2x "$T/good.txt"
expect "missing value for -w" 2 "-w" -g "$T/gaz.tsv" "$T/good.txt" -w
expect "missing value for --window" 2 "--window" -g "$T/gaz.tsv" "$T/good.txt" --window
expect "missing value for --min-weight" 2 "--min-weight" -g "$T/gaz.tsv" "$T/good.txt" --min-weight
expect "missing value for -o" 2 "-o" -g "$T/gaz.tsv" "$T/good.txt" -o
expect "missing value for --types" 2 "--types" -g "$T/gaz.tsv" "$T/good.txt" --types
expect "empty --types" 2 "types" -g "$T/gaz.tsv" --types , "$T/good.txt"
expect "value given to a flag" 2 "no-isolates" -g "$T/gaz.tsv" --no-isolates=yes "$T/good.txt"
# A usage error creates no output file.
"$NERGRAPH" -g "$T/gaz.tsv" -o "$T/usage-out.json" -f json --bogus "$T/good.txt" >"$T/out" 2>"$T/err"
code=$?
if ! exited_with 2 "$T/err" "--bogus"; then fail "usage error writes no output" "$why"
elif [ -e "$T/usage-out.json" ]; then fail "usage error writes no output"
else pass_failure "usage error writes no output"; fi

# ---- a missing input: exit 1, named, the others still processed ----
printf 'France welcomed Bob Jones.\n' >"$T/good2.txt"
"$NERGRAPH" -g "$T/gaz.tsv" -f json -o "$T/partial.json" \
    "$T/good.txt" "$T/no-such-file.txt" "$T/good2.txt" >"$T/out" 2>"$T/err"
code=$?
expect_err "missing input: exit 1" 1 "$T/err" "no-such-file.txt"
if grep -qF "no-such-file.txt" "$T/err"; then pass "missing input: stderr names it"
else fail "missing input: stderr names it" "$(cat "$T/err")"; fi
cat >"$T/partial.py" <<'EOF'
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
ids = sorted(n["id"] for n in g["nodes"])
assert ids == ["country:FR", "person:alice-smith", "person:bob-jones"], ids
links = sorted((l["source"], l["target"], l["weight"]) for l in g["links"])
# good.txt: Alice-Bob; good2.txt: France-Bob
assert len(links) == 2, links
EOF
if [ -f "$T/partial.json" ]; then
    check "missing input: the other inputs are in the output" "$PY" "$T/partial.py" "$T/partial.json"
else
    fail "missing input: the other inputs are in the output" "no output file"
fi

# ---- gazetteer rows: FILE:LINE: ----
printf '# comment\nperson:alice-smith\tperson\tAlice Smith\nbad:row\tperson\n' >"$T/two-cols.tsv"
expect "gazetteer row with 2 columns: exit 1, FILE:LINE:" 1 "two-cols.tsv:3:" \
    -g "$T/two-cols.tsv" "$T/good.txt"
printf 'person:x\tperson\tX Person\nperson:x\tcountry\tX Person\n' >"$T/type-clash.tsv"
expect "gazetteer id with two types: exit 1, FILE:LINE:" 1 "type-clash.tsv:2:" \
    -g "$T/type-clash.tsv" "$T/good.txt"
expect "missing gazetteer file: exit 1, named" 1 "no-such.tsv" -g "$T/no-such.tsv" "$T/good.txt"

# ---- a pattern PCRE2 rejects: entity id and offset ----
printf 'person:alice-smith\tperson\tAlice Smith\norg:broken\torganization\tBroken Org\tre:(unclosed\n' >"$T/bad-re.tsv"
expect "bad PCRE2 pattern: exit 1, names the entity" 1 "org:broken" -g "$T/bad-re.tsv" "$T/good.txt"
if grep -q "offset" "$T/err"; then pass "bad PCRE2 pattern: says the offset"
else fail "bad PCRE2 pattern: says the offset" "$(cat "$T/err")"; fi
if grep -qF "bad-re.tsv:2" "$T/err"; then pass "bad PCRE2 pattern: FILE:LINE"
else fail "bad PCRE2 pattern: FILE:LINE" "$(cat "$T/err")"; fi

# ---- invalid UTF-8 in the text: a warning, exit 0, later offsets right ----
# line 1: "Alice Smith " (0-11), \377\376 (12-13), " went to " (14-22),
#         "France" (23-28), "." (29), "\n" (30)
# line 2: "Bob Jones" (31-39), \377 (40), "France" (41-46), "." "\n"
printf 'Alice Smith \377\376 went to France.\nBob Jones\377France.\n' >"$T/latin.txt"
"$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/latin.txt" >"$T/latin.jsonl" 2>"$T/latin.err"
code=$?
if [ $code -eq 0 ]; then pass "invalid UTF-8: exit 0"; else fail "invalid UTF-8: exit 0" "exit $code; $(cat "$T/latin.err")"; fi
if grep -q "warning" "$T/latin.err" && grep -qF "latin.txt" "$T/latin.err"; then
    pass "invalid UTF-8: warning naming the file"
else
    fail "invalid UTF-8: warning naming the file" "stderr: $(cat "$T/latin.err")"
fi
cat >"$T/latin.py" <<'EOF'
import json, sys
got = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
got = [(m["id"], m["start"], m["end"]) for m in got]
want = [("person:alice-smith", 0, 11), ("country:FR", 23, 29),
        ("person:bob-jones", 31, 40), ("country:FR", 41, 47)]
assert got == want, "got %r\nwant %r" % (got, want)
EOF
check "invalid UTF-8: mentions after the bad bytes, byte offsets" "$PY" "$T/latin.py" "$T/latin.jsonl"

# ---- an empty input: a warning, exit 0, a valid empty graph ----
: >"$T/empty.txt"
printf '  \n\n \n' >"$T/blank.txt"
cat >"$T/empty.py" <<'EOF'
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
assert g["nodes"] == [] and g["links"] == [], g
EOF
for f in empty blank; do
    "$NERGRAPH" -g "$T/gaz.tsv" -f json "$T/$f.txt" >"$T/$f.json" 2>"$T/$f.err"
    code=$?
    if [ $code -eq 0 ] && grep -q "warning" "$T/$f.err" && grep -qF "$f.txt" "$T/$f.err"; then
        pass "$f input: warning naming it, exit 0"
    else
        fail "$f input: warning naming it, exit 0" "exit $code; stderr: $(cat "$T/$f.err")"
    fi
    check "$f input: valid empty graph" "$PY" "$T/empty.py" "$T/$f.json"
done
"$NERGRAPH" -g "$T/gaz.tsv" -f dot "$T/empty.txt" >"$T/empty.dot" 2>/dev/null
if grep -q '^graph' "$T/empty.dot" && grep -q '}' "$T/empty.dot"; then pass "empty input: DOT graph written"
else fail "empty input: DOT graph written" "$(cat "$T/empty.dot")"; fi
