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

# run OUT ARGS...: nergraph ARGS with standard output into OUT.  A run that
# fails or writes nothing is remembered in $bad, and the next `same` fails:
# two empty outputs of two failed runs are equal, but prove nothing.
bad=""
run() {
    out=$1; shift
    "$NERGRAPH" "$@" >"$out" 2>"$T/run.err"
    st=$?
    if [ $st -ne 0 ]; then
        bad="$bad
exit $st: $*: $(head -c 300 "$T/run.err")"
    elif [ ! -s "$out" ]; then
        bad="$bad
no output: $*"
    fi
}

same() {  # same NAME FILE1 FILE2: both runs succeeded, same bytes
    if [ -n "$bad" ]; then fail "$1" "$bad"
    elif cmp -s "$2" "$3"; then pass "$1"
    else fail "$1" "$(diff "$2" "$3" | head -20)"; fi
    bad=""
}

mk_corpus "$T/corpus" a.txt b.txt c.txt sub/d.txt
for fmt in dot json mentions; do
    for w in sentence tokens:4; do
        run "$T/run1.$fmt" -g "$T/gaz.tsv" -f $fmt -w $w "$T/corpus"
        run "$T/run2.$fmt" -g "$T/gaz.tsv" -f $fmt -w $w "$T/corpus"
        same "same input twice: $fmt, $w" "$T/run1.$fmt" "$T/run2.$fmt"
    done
done

# -o gives the same bytes as standard output.
run "$T/stdout.json" -g "$T/gaz.tsv" -f json "$T/corpus"
"$NERGRAPH" -g "$T/gaz.tsv" -f json -o "$T/file.json" "$T/corpus" 2>"$T/run.err" ||
    bad="$bad
exit $?: -o run: $(head -c 300 "$T/run.err")"
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
run "$T/rev.jsonl" -g "$T/gaz.tsv" -f mentions "$T/corpus"
if [ -n "$bad" ]; then fail "directory read in sorted order, not creation order" "$bad"; bad=""
else check "directory read in sorted order, not creation order" \
    "$PY" "$T/docs.py" "$T/corpus" "$T/rev.jsonl" a.txt,b.txt,c.txt,sub/d.txt; fi

for fmt in dot json mentions; do
    mk_corpus "$T/corpus" a.txt b.txt c.txt sub/d.txt
    run "$T/fwd.$fmt" -g "$T/gaz.tsv" -f $fmt "$T/corpus"
    mk_corpus "$T/corpus" sub/d.txt c.txt b.txt a.txt
    run "$T/rev.$fmt" -g "$T/gaz.tsv" -f $fmt "$T/corpus"
    same "$fmt output independent of file creation order" "$T/fwd.$fmt" "$T/rev.$fmt"
done

# Gazetteer row order decides ids' entity numbers, never the output order:
# the same gazetteer with rows reversed gives the same graph bytes.
sed -n '1!G;h;$p' "$T/gaz.tsv" >"$T/gaz-rev.tsv"
run "$T/g1.json" -g "$T/gaz.tsv" -f json "$T/corpus"
run "$T/g2.json" -g "$T/gaz-rev.tsv" -f json "$T/corpus"
same "json independent of gazetteer row order" "$T/g1.json" "$T/g2.json"
run "$T/g1.dot" -g "$T/gaz.tsv" -f dot "$T/corpus"
run "$T/g2.dot" -g "$T/gaz-rev.tsv" -f dot "$T/corpus"
same "dot independent of gazetteer row order" "$T/g1.dot" "$T/g2.dot"
