#!/bin/sh
# Determinism: the same input gives the same bytes, in every format; the
# order of documents read from a directory is the sorted order of names,
# whatever order the files were created in.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'person:alice-smith' person 'Alice Smith' \
    'person:bob-jones' person 'Bob Jones' \
    'org:acme' organization 'Acme Corp' \
    'country:FR' country 'France' \
    'country:DE' country 'Germany' >"$T/gaz.tsv"

mk_corpus() {  # mk_corpus DIR NAME... : files created in the order given
    dir=$1; shift
    rm -rf "$dir"
    mkdir -p "$dir/sub"
    for f in "$@"; do
        case $f in
        a.txt) printf 'Alice Smith met Bob Jones in France.\n' >"$dir/$f" ;;
        b.txt) printf 'Acme Corp sued Alice Smith.\n\nGermany and France agreed.\n' >"$dir/$f" ;;
        c.txt) printf 'Bob Jones, Acme Corp and Germany.\n' >"$dir/$f" ;;
        sub/d.txt) printf 'France. Germany. Alice Smith and Bob Jones.\n' >"$dir/$f" ;;
        esac
    done
}

same() {  # same NAME FILE1 FILE2
    if cmp -s "$2" "$3"; then pass "$1"; else fail "$1" "$(diff "$2" "$3" | head -20)"; fi
}

mk_corpus "$T/corpus" a.txt b.txt c.txt sub/d.txt
for fmt in dot json mentions; do
    for w in sentence tokens:4; do
        ok=1
        "$NERGRAPH" -g "$T/gaz.tsv" -f $fmt -w $w "$T/corpus" >"$T/run1.$fmt" 2>"$T/err1" || ok=0
        "$NERGRAPH" -g "$T/gaz.tsv" -f $fmt -w $w "$T/corpus" >"$T/run2.$fmt" 2>"$T/err2" || ok=0
        if [ $ok -eq 0 ]; then
            fail "same input twice: $fmt, $w" "$(cat "$T/err1" "$T/err2")"
        elif [ ! -s "$T/run1.$fmt" ]; then
            fail "same input twice: $fmt, $w" "empty output"
        else
            same "same input twice: $fmt, $w" "$T/run1.$fmt" "$T/run2.$fmt"
        fi
    done
done

# -o gives the same bytes as standard output.
"$NERGRAPH" -g "$T/gaz.tsv" -f json "$T/corpus" >"$T/stdout.json" 2>/dev/null
"$NERGRAPH" -g "$T/gaz.tsv" -f json -o "$T/file.json" "$T/corpus" 2>/dev/null
same "-o file equals stdout" "$T/stdout.json" "$T/file.json"

# Documents in sorted order although created in reverse: a.txt, b.txt,
# c.txt, sub/d.txt (sub sorts after c.txt).
cat >"$T/docs.py" <<'EOF'
import json, sys
root = sys.argv[1].rstrip("/") + "/"
seen = []
for line in open(sys.argv[2], encoding="utf-8"):
    d = json.loads(line)["doc"]
    if not seen or seen[-1] != d:
        seen.append(d)
rel = [d[len(root):] if d.startswith(root) else d for d in seen]
want = sys.argv[3].split(",")
if rel != want:
    raise SystemExit("document order %r, expected %r" % (rel, want))
EOF
mk_corpus "$T/corpus" sub/d.txt c.txt b.txt a.txt
"$NERGRAPH" -g "$T/gaz.tsv" -f mentions "$T/corpus" >"$T/rev.jsonl" 2>"$T/rev.err"
check "directory read in sorted order, not creation order" \
    "$PY" "$T/docs.py" "$T/corpus" "$T/rev.jsonl" a.txt,b.txt,c.txt,sub/d.txt

for fmt in dot json mentions; do
    mk_corpus "$T/corpus" a.txt b.txt c.txt sub/d.txt
    "$NERGRAPH" -g "$T/gaz.tsv" -f $fmt "$T/corpus" >"$T/fwd.$fmt" 2>/dev/null
    mk_corpus "$T/corpus" sub/d.txt c.txt b.txt a.txt
    "$NERGRAPH" -g "$T/gaz.tsv" -f $fmt "$T/corpus" >"$T/rev.$fmt" 2>/dev/null
    same "$fmt output independent of file creation order" "$T/fwd.$fmt" "$T/rev.$fmt"
done

# Gazetteer row order decides ids' entity numbers, never the output order:
# the same gazetteer with rows reversed gives the same graph bytes.
sed -n '1!G;h;$p' "$T/gaz.tsv" >"$T/gaz-rev.tsv"
"$NERGRAPH" -g "$T/gaz.tsv" -f json "$T/corpus" >"$T/g1.json" 2>/dev/null
"$NERGRAPH" -g "$T/gaz-rev.tsv" -f json "$T/corpus" >"$T/g2.json" 2>/dev/null
same "json independent of gazetteer row order" "$T/g1.json" "$T/g2.json"
"$NERGRAPH" -g "$T/gaz.tsv" -f dot "$T/corpus" >"$T/g1.dot" 2>/dev/null
"$NERGRAPH" -g "$T/gaz-rev.tsv" -f dot "$T/corpus" >"$T/g2.dot" 2>/dev/null
same "dot independent of gazetteer row order" "$T/g1.dot" "$T/g2.dot"
