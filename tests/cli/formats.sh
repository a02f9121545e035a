#!/bin/sh
# Formats: -f is inferred from -o's extension through the library's
# registry (.dot/.gv DOT, .json JSON, .jsonl/.ndjson mentions, any case);
# an unknown extension keeps the default, DOT; an -f that contradicts the
# extension is a usage error naming both; --help lists every format with
# its extensions; mentions carry their sentence's byte range and obey
# --types.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'person:ada-nkem' person 'Ada Nkem' \
    'person:tom-reyes' person 'Tom Reyes' \
    'country:VL' country 'Valdoria' >"$T/gaz.tsv"
printf 'Ada Nkem met Tom Reyes. They flew on.\n\nValdoria welcomed Ada Nkem.\n' >"$T/in.txt"

run() {  # run OUT [ARGS...]: nergraph on in.txt with -o OUT; sets $code
    o=$1; shift
    "$NERGRAPH" -g "$T/gaz.tsv" "$@" -o "$o" "$T/in.txt" >"$T/stdout" 2>"$T/err"
    code=$?
}

# is_kind FILE: prints dot, json, mentions or other
is_kind() {
    "$PY" - "$1" <<'EOF'
import json, sys
data = open(sys.argv[1], encoding="utf-8").read()
if data.startswith("graph nergraph {"):
    print("dot"); sys.exit()
try:
    g = json.loads(data)
    print("json" if set(g) >= {"nodes", "links", "graph"} else "other"); sys.exit()
except ValueError:
    pass
try:
    lines = [json.loads(l) for l in data.splitlines()]
    print("mentions" if lines and all("id" in r and "sentence" in r for r in lines) else "other")
except ValueError:
    print("other")
EOF
}

# ---- inference from -o ----
for case in "g.dot dot" "g.gv dot" "g.json json" "G.JSON json" "m.jsonl mentions" \
            "m.NDJSON mentions" "g.txt dot" "noext dot"; do
    set -- $case
    run "$T/$1"
    kind=$( [ -f "$T/$1" ] && is_kind "$T/$1")
    if [ $code -eq 0 ] && [ "$kind" = "$2" ]; then pass "-o $1 without -f writes $2"
    else fail "-o $1 without -f writes $2" "exit $code, wrote '$kind'; stderr: $(cat "$T/err")"; fi
done

# An -f that agrees with the extension, or an extension that names nothing.
run "$T/agree.gv" -f dot
kind=$( [ -f "$T/agree.gv" ] && is_kind "$T/agree.gv")
if [ $code -eq 0 ] && [ "$kind" = dot ]; then pass "-f dot -o x.gv: DOT"
else fail "-f dot -o x.gv: DOT" "exit $code, '$kind'; $(cat "$T/err")"; fi
run "$T/free.txt" -f json
kind=$( [ -f "$T/free.txt" ] && is_kind "$T/free.txt")
if [ $code -eq 0 ] && [ "$kind" = json ]; then pass "-f json -o x.txt: JSON"
else fail "-f json -o x.txt: JSON" "exit $code, '$kind'; $(cat "$T/err")"; fi

# ---- contradictions ----
for case in "json g.dot dot" "dot g.json json" "mentions g.json json" "json m.jsonl mentions"; do
    set -- $case
    run "$T/c-$2" -f "$1"
    expect_err "-f $1 -o $2: usage error naming both" 2 "$T/err" "-f $1" "c-$2" "$3 format"
    if [ $code -eq 2 ] && [ ! -e "$T/c-$2" ]; then pass_failure "-f $1 -o $2: no file written"
    else fail "-f $1 -o $2: no file written" "exit $code; $(ls -l "$T/c-$2" 2>&1)"; fi
done
"$NERGRAPH" -g "$T/gaz.tsv" -f xlsx "$T/in.txt" >"$T/stdout" 2>"$T/err"
code=$?
expect_err "-f xlsx: usage error listing the formats" 2 "$T/err" \
    "unknown format 'xlsx'" "dot, json, mentions, graphml, gml, gexf, csv, svg, png or pdf"

# ---- --help lists the registry ----
"$NERGRAPH" --help >"$T/help" 2>&1
# The -f paragraph: from "--format" to the next option.
sed -n '/--format/,/--min-weight/p' "$T/help" | sed '$d' >"$T/fmt"
flat=$(tr '\n' ' ' <"$T/fmt" | tr -s ' ')
for f in "dot Graphviz DOT (.dot .gv)" "json networkx node-link JSON (.json)" \
         "mentions JSON Lines, one line per mention (.jsonl .ndjson)" \
         "graphml GraphML, typed attributes (.graphml)" "gml GML, ASCII (.gml)" \
         "gexf GEXF 1.2, for Gephi (.gexf)" \
         "csv CSV for Gephi: nodes.csv, edges.csv (-o DIR)"; do
    case $flat in
    *" $f"*) pass "--help lists format: $f" ;;
    *) fail "--help lists format: $f" "$(cat "$T/fmt")" ;;
    esac
done
if [ -s "$T/fmt" ] && [ "$(awk 'length > 79' "$T/fmt" | wc -l)" -eq 0 ]; then
    pass "--help: the format lines fit in 79 columns"
else
    fail "--help: the format lines fit in 79 columns" "$(cat "$T/fmt")"
fi

# ---- mentions: the sentence's byte range, and --types ----
run "$T/m.jsonl"
"$PY" - "$T/m.jsonl" "$T/in.txt" >"$T/check" 2>&1 <<'EOF'
import json, sys
text = open(sys.argv[2], "rb").read()
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
want = [("person:ada-nkem", 0, b"Ada Nkem met Tom Reyes."),
        ("person:tom-reyes", 0, b"Ada Nkem met Tom Reyes."),
        ("country:VL", 2, b"Valdoria welcomed Ada Nkem."),
        ("person:ada-nkem", 2, b"Valdoria welcomed Ada Nkem.")]
got = [(r["id"], r["sentence"], text[r["sentence_start"]:r["sentence_end"]]) for r in rows]
ok = got == want and all(list(r)[-2:] == ["sentence_start", "sentence_end"] for r in rows)
ok = ok and all(r["sentence_start"] <= r["start"] < r["end"] <= r["sentence_end"] for r in rows)
print("ok" if ok else "got %r" % (got,))
EOF
if [ $code -eq 0 ] && [ "$(cat "$T/check")" = ok ]; then
    pass "mentions: sentence_start/sentence_end are the sentence, last in each record"
else
    fail "mentions: sentence_start/sentence_end are the sentence, last in each record" \
        "exit $code; $(cat "$T/check")"
fi
run "$T/typed.jsonl" --types country
ids=$( [ -f "$T/typed.jsonl" ] && "$PY" -c '
import json, sys
print(" ".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$T/typed.jsonl")
if [ $code -eq 0 ] && [ "$ids" = "country:VL" ]; then pass "mentions: --types country keeps only countries"
else fail "mentions: --types country keeps only countries" "exit $code, ids '$ids'; $(cat "$T/err")"; fi
