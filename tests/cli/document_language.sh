# Translated country names count only in their language, and the mentions
# records of a document whose language was asked carry it as "lang": the
# bundled gazetteers, texts written for this test.
. "$ROOT/tests/cli/lib.sh"

mkdir -p "$T/docs"
cat >"$T/docs/a-de.txt" <<'EOF'
Deutschland und Frankreich wollen ihre Zusammenarbeit in der Verteidigungspolitik
vertiefen. Die beiden Regierungen kündigten am Dienstag ein gemeinsames Programm an.
EOF
cat >"$T/docs/b-en.txt" <<'EOF'
Salomon Inc said on Tuesday that quarterly profit at its investment bank rose
sharply as bond trading revenue climbed. The firm said Salomon would open a
larger office in Japan next year.
EOF
cat >"$T/docs/c-plain.txt" <<'EOF'
Germany and France will deepen their defence cooperation, the two governments
said on Tuesday.
EOF

"$NERGRAPH" -f mentions -o "$T/j1.jsonl" "$T/docs" 2>"$T/err"; code=$?
if [ $code -ne 0 ]; then
    fail "document language: the run succeeds" "exit $code: $(head -c 600 "$T/err")"
else
    check "document language: German names in German, none in English, lang per record" \
        "$PY" - "$T/j1.jsonl" <<'EOF'
import json, os, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
got = [(os.path.basename(r["doc"]), r["id"], r["text"], r.get("lang")) for r in recs]
want = [("a-de.txt", "country:DE", "Deutschland", "de"),
        ("a-de.txt", "country:FR", "Frankreich", "de"),
        ("b-en.txt", "country:JP", "Japan", "en"),
        # no translated name hit: the language was never asked
        ("c-plain.txt", "country:DE", "Germany", None),
        ("c-plain.txt", "country:FR", "France", None)]
assert got == want, got
EOF
fi

"$NERGRAPH" -j 2 -f mentions -o "$T/j2.jsonl" "$T/docs" 2>"$T/err2"; code=$?
check "document language: -j 2 writes the same records" cmp "$T/j1.jsonl" "$T/j2.jsonl"

"$NERGRAPH" gazetteer compile -o "$T/all.ngz" >"$T/c.out" 2>&1
"$NERGRAPH" -g "$T/all.ngz" -f mentions -o "$T/ngz.jsonl" "$T/docs" 2>"$T/err3"; code=$?
check "document language: a compiled gazetteer writes the same records" \
    cmp "$T/j1.jsonl" "$T/ngz.jsonl"
