#!/bin/sh
# -j N: documents tagged in parallel give the bytes of -j 1 in every format
# (graph formats, --evidence, --analyze, mentions, every window), and the
# same warnings on stderr in the same order; a bad -j is a usage error.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\t%s\n' \
    'person:alice-smith' person 'Alice Smith' 'A. Smith' \
    'person:bob-jones' person 'Bob Jones' '' \
    'person:jane-jones' person 'Jane Jones' '' \
    'org:acme' organization 'Acme Corp' 'Acme' \
    'country:TR' country 'Turkey' '' \
    'country:FR' country 'France' 'French Republic' \
    'country:DE' country 'Germany' '' >"$T/gaz.tsv"

# Many short documents, three long ones (about 1 MB), and three that are
# warned about: empty, invalid UTF-8, binary.
"$PY" - "$T/corpus" <<'EOF'
import os, sys
root = sys.argv[1]
os.makedirs(os.path.join(root, "sub"))
lines = [
    "Alice Smith met Bob Jones in France. Jones said Germany agreed.",
    "Turkey was roasted for the feast; we ate turkey.",
    "ACME CORP SHOUTS\n\nJane Jones and Bob Jones argued. Jones left for Germany.",
    "The French Republic and Turkey signed. Acme paid A. Smith.",
    "Nothing to see here, only words and more words.",
]
for i in range(90):
    parts = [lines[(i * 3 + k) % len(lines)] for k in range(1 + i % 4)]
    sub = "sub/" if i % 7 == 0 else ""
    with open(os.path.join(root, "%sd%03d.txt" % (sub, i)), "w") as f:
        f.write("\n\n".join(parts) + "\n")
for i in range(3):
    with open(os.path.join(root, "big%d.txt" % i), "w") as f:
        n = 0
        while n < 1000000:
            para = " ".join(lines[(n // 97 + k + i) % len(lines)] for k in range(3)) + "\n\n"
            f.write(para)
            n += len(para)
with open(os.path.join(root, "e-empty.txt"), "w") as f:
    f.write("   \n\n")
with open(os.path.join(root, "u-invalid.txt"), "wb") as f:
    f.write(b"France \xff and Bob Jones.\n")
with open(os.path.join(root, "z-binary.txt"), "wb") as f:
    f.write(b"Bob\0Jones in France\n")
EOF

# run OUT ERR ARGS...: a failed or silent run is remembered in $bad, and
# the next `same` fails.
bad=""
run() {
    out=$1 err=$2; shift 2
    "$NERGRAPH" -g "$T/gaz.tsv" "$@" >"$out" 2>"$err"
    st=$?
    if [ $st -ne 0 ]; then
        bad="$bad
exit $st: $*: $(head -c 300 "$err")"
    elif [ ! -s "$out" ]; then
        bad="$bad
no output: $*"
    fi
}
same() {  # same NAME FILE1 FILE2...: every run succeeded, every file equal to the first
    what=$1 first=$2; shift 2
    diffs=""
    for f in "$@"; do
        cmp -s "$first" "$f" || diffs="$diffs $(basename "$f")"
    done
    if [ -n "$bad" ]; then fail "$what" "$bad"
    elif [ -n "$diffs" ]; then fail "$what" "differ from $(basename "$first"):$diffs"
    else pass "$what"; fi
}

for case in json:-f:json dot:-f:dot mentions:-f:mentions evidence:--evidence=3:-fjson \
            analyze:--analyze:-fgml paragraph:-wparagraph:-fmentions tokens:-wtokens:3:-fjson; do
    name=${case%%:*}
    args=$(echo "${case#*:}" | tr ':' ' ')
    [ "$name" = tokens ] && args="-w tokens:3 -f json"
    bad=""
    for j in 1 2 4; do
        # shellcheck disable=SC2086
        run "$T/$name.j$j" "$T/$name.j$j.err" -j $j $args "$T/corpus"
    done
    same "-j 1, 2 and 4 give the same $name output" "$T/$name.j1" "$T/$name.j2" "$T/$name.j4"
    same "-j 1, 2 and 4 give the same warnings, in order ($name)" \
        "$T/$name.j1.err" "$T/$name.j2.err" "$T/$name.j4.err"
done

# The outputs above hold what the corpus says, and the warnings come in
# document order.
if grep -q '"id": "person:jane-jones"' "$T/mentions.j2" &&
   grep -q 'big2.txt' "$T/mentions.j2" &&
   grep -q 'evidence' "$T/evidence.j4"; then
    pass "-j 2 output names the corpus's entities and documents"
else
    fail "-j 2 output names the corpus's entities and documents" "$(head -c 300 "$T/mentions.j2")"
fi
if grep -o '[a-z]-[a-z]*\.txt' "$T/json.j4.err" | tr '\n' ' ' |
       grep -q 'e-empty.txt u-invalid.txt z-binary.txt' &&
   [ "$(grep -c warning "$T/json.j4.err")" -eq 3 ]; then
    pass "-j 4 warnings: one per document, in document order"
else
    fail "-j 4 warnings: one per document, in document order" "$(cat "$T/json.j4.err")"
fi

# Standard input, and the default (every online core).
bad=""
cat "$T/corpus/big0.txt" | "$NERGRAPH" -g "$T/gaz.tsv" -j 1 -f mentions - >"$T/stdin.j1" 2>"$T/stdin.err" || bad="stdin -j 1 failed"
cat "$T/corpus/big0.txt" | "$NERGRAPH" -g "$T/gaz.tsv" --jobs 3 -f mentions - >"$T/stdin.j3" 2>>"$T/stdin.err" || bad="stdin -j 3 failed"
[ -s "$T/stdin.j1" ] || bad="$bad; stdin: no mentions"
same "--jobs 3 on standard input gives the mentions of -j 1" "$T/stdin.j1" "$T/stdin.j3"
bad=""
run "$T/default.json" "$T/default.err" -f json "$T/corpus"
same "no -j (every core) gives the output of -j 1" "$T/json.j1" "$T/default.json"

# A bad count is a usage error that says what -j takes.
for v in 0 -1 abc 257 2x ''; do
    "$NERGRAPH" -g "$T/gaz.tsv" -j "$v" "$T/corpus/d001.txt" >"$T/bad.out" 2>"$T/bad.err"
    code=$?
    expect_err "-j '$v' is a usage error" 2 "$T/bad.err" "-j/--jobs takes a whole number from 1 to 256"
done
"$NERGRAPH" -g "$T/gaz.tsv" "$T/corpus/d001.txt" -j >"$T/bad.out" 2>"$T/bad.err"
code=$?
expect_err "-j without a value is a usage error" 2 "$T/bad.err" "needs a value"
