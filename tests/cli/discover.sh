# nergraph discover (the listing of names the gazetteers lack) and
# --discover (those names in a run's graph), on texts written here, with a
# small gazetteer of our own beside the bundled given-name list.
. "$ROOT/tests/cli/lib.sh"
mkdir -p "$T/gz" "$T/in"
printf 'person:ana-lopes\tperson\tAna Lopes\norg:acme\torganization\tAcme Holdings\n' >"$T/gz/entities.tsv"
printf 'will\ngrace\nthe\ncompany\n' >"$T/gz/english-words.txt"
printf '# given names for this test\nRenata\nDaniel\nWill\nGrace\n' >"$T/gz/given-names.txt"
cat >"$T/in/a.txt" <<'TXT'
Mr. Daniel Roe, a partner at Baker Holt & Reyes, met officials of the Ministry of Fisheries on a visit to the coast.
Renata Moura, an analyst at Acme Holdings, said the deal with Ana Lopes would close in the spring. Roe disagreed with her.
Will the talks succeed before the end of the month? Grace said nothing, and the Company declined to comment on it.
TXT
cat >"$T/in/b.txt" <<'TXT'
Investors at Northwind Capital said that Renata Moura had been right about the deal all along, and few of them argued.
TXT

# The listing: most frequent first, ties by name; columns as --help says.
"$NERGRAPH" discover -g "$T/gz" "$T/in" >"$T/list.tsv" 2>"$T/list.err"; code=$?
cat >"$T/list.want" <<'TXT'
# count	type	name	context	# id	type	name	aliases	attributes
2	person	Renata Moura	Renata Moura, an analyst at Acme Holdings, said the deal with Ana Lopes would close in the spring.	person:~renata-moura	person	Renata Moura		source=discovered
1	organization	Baker Holt & Reyes	Mr. Daniel Roe, a partner at Baker Holt & Reyes, met officials of the Ministry of Fisheries on a visit to the coast.	organization:~baker-holt-reyes	organization	Baker Holt & Reyes		source=discovered
1	person	Daniel Roe	Mr. Daniel Roe, a partner at Baker Holt & Reyes, met officials of the Ministry of Fisheries on a visit to the coast.	person:~daniel-roe	person	Daniel Roe		source=discovered
1	organization	Ministry of Fisheries	Mr. Daniel Roe, a partner at Baker Holt & Reyes, met officials of the Ministry of Fisheries on a visit to the coast.	organization:~ministry-of-fisheries	organization	Ministry of Fisheries		source=discovered
1	organization	Northwind Capital	Investors at Northwind Capital said that Renata Moura had been right about the deal all along, and few of them argued.	organization:~northwind-capital	organization	Northwind Capital		source=discovered
TXT
if [ "$code" -eq 0 ] && cmp -s "$T/list.want" "$T/list.tsv"; then
    pass "discover: listing of names, counts, contexts and gazetteer rows, most frequent first"
else
    fail "discover: listing" "exit $code" "$(diff "$T/list.want" "$T/list.tsv" | head -20)" "$(head -c 400 "$T/list.err")"
fi

# The rows paste into a gazetteer that loads.
cut -f5- "$T/list.tsv" >"$T/pasted.tsv"
if [ -s "$T/pasted.tsv" ] && "$NERGRAPH" gazetteer check "$T/pasted.tsv" >"$T/check.out" 2>&1 &&
        grep -q 'Renata Moura' "$T/pasted.tsv" && head -1 "$T/pasted.tsv" | grep -q '^# id' &&
        grep -q '0 errors, 0 warnings' "$T/check.out"; then
    pass "discover: the rows (cut -f5-) are a gazetteer that checks clean"
else
    fail "discover: pasted rows" "$(head -c 600 "$T/check.out")"
fi

"$NERGRAPH" discover -g "$T/gz" --min-count 2 "$T/in" >"$T/min.tsv" 2>&1; code=$?
if [ "$code" -eq 0 ] && [ "$(grep -vc '^#' "$T/min.tsv")" -eq 1 ] && grep -q '^2	person	Renata Moura	' "$T/min.tsv"; then
    pass "discover: --min-count 2 keeps the name seen twice"
else
    fail "discover: --min-count" "exit $code" "$(head -c 600 "$T/min.tsv")"
fi

"$NERGRAPH" discover -g "$T/gz" --json "$T/in" >"$T/list.json" 2>&1; code=$?
if [ "$code" -eq 0 ] && "$PY" - "$T/list.json" "$T/list.tsv" <<'PY' >"$T/json.out" 2>&1
import json, sys
got = json.load(open(sys.argv[1], encoding="utf-8"))
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8") if not l.startswith("#")]
assert [(g["count"], g["type"], g["name"], g["context"], g["id"]) for g in got] == \
       [(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows], got
assert all(g["row"] == "\t".join(r[4:]) for g, r in zip(got, rows))
PY
then
    pass "discover: --json holds the same candidates in the same order"
else
    fail "discover: --json" "exit $code" "$(head -c 600 "$T/json.out")"
fi

# --discover: discovered entities in the graph, with their own ids, the
# attribute source=discovered, and a later bare surname resolved to them;
# the gazetteer's entities keep their ids.
"$NERGRAPH" -g "$T/gz" --discover -f mentions "$T/in" >"$T/mentions.jsonl" 2>"$T/m.err"; code=$?
if [ "$code" -eq 0 ] && "$PY" - "$T/mentions.jsonl" <<'PY' >"$T/m.out" 2>&1
import json, sys
ms = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
got = {(m["text"], m["id"]) for m in ms}
want = {("Daniel Roe", "person:~daniel-roe"), ("Roe", "person:~daniel-roe"),
        ("Renata Moura", "person:~renata-moura"), ("Acme Holdings", "org:acme"),
        ("Ana Lopes", "person:ana-lopes"), ("Baker Holt & Reyes", "organization:~baker-holt-reyes"),
        ("Northwind Capital", "organization:~northwind-capital")}
assert want <= got, sorted(want - got)
assert not any(m["text"] in ("Will", "Grace", "Company") for m in ms), ms
PY
then
    pass "--discover: discovered ids in the mentions, a later 'Roe' is Daniel Roe, gazetteer ids kept"
else
    fail "--discover: mentions" "exit $code" "$(head -c 800 "$T/m.out")" "$(head -c 300 "$T/m.err")"
fi

"$NERGRAPH" -g "$T/gz" --discover -f json -o "$T/g1.json" "$T/in" 2>"$T/g.err"; code=$?
"$NERGRAPH" -g "$T/gz" --discover -f json -o "$T/g2.json" "$T/in" 2>>"$T/g.err"
if [ "$code" -eq 0 ] && cmp -s "$T/g1.json" "$T/g2.json" && "$PY" - "$T/g1.json" <<'PY' >"$T/g.out" 2>&1
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
nodes = {n["id"]: n for n in g["nodes"]}
assert nodes["person:~daniel-roe"]["source"] == "discovered", nodes
assert nodes["person:~daniel-roe"]["mentions"] == 2, nodes["person:~daniel-roe"]
assert nodes["person:~renata-moura"]["documents"] == 2
assert "source" not in nodes["org:acme"], nodes["org:acme"]
assert not any(i.startswith("organization:~acme") for i in nodes), sorted(nodes)
ends = {tuple(sorted((e["source"], e["target"]))) for e in g["links"]} if "links" in g else \
       {tuple(sorted((e["source"], e["target"]))) for e in g["edges"]}
assert ("org:acme", "person:~renata-moura") in ends, ends
PY
then
    pass "--discover: graph nodes with source=discovered, edges to gazetteer entities, byte-identical runs"
else
    fail "--discover: graph" "exit $code" "$(head -c 800 "$T/g.out")" "$(head -c 300 "$T/g.err")"
fi

# Without --discover, none of it.
"$NERGRAPH" -g "$T/gz" -f mentions "$T/in" >"$T/plain.jsonl" 2>&1; code=$?
if [ "$code" -eq 0 ] && grep -q '"org:acme"' "$T/plain.jsonl" && ! grep -q '~' "$T/plain.jsonl"; then
    pass "no --discover: only gazetteer entities"
else
    fail "no --discover" "exit $code" "$(head -c 600 "$T/plain.jsonl")"
fi

# Standard input is read twice too: rewound when it is a file, copied to a
# temporary file when it is a pipe; the same mentions as the named file.
"$NERGRAPH" -g "$T/gz" --discover -f mentions "$T/in/a.txt" >"$T/file.jsonl" 2>&1
sed 's/"doc": "[^"]*"//' "$T/file.jsonl" >"$T/file.nodoc"
"$NERGRAPH" -g "$T/gz" --discover -f mentions <"$T/in/a.txt" >"$T/redir.jsonl" 2>"$T/redir.err"; c1=$?
cat "$T/in/a.txt" | "$NERGRAPH" -g "$T/gz" --discover -f mentions >"$T/pipe.jsonl" 2>"$T/pipe.err"; c2=$?
if [ "$c1" -eq 0 ] && [ "$c2" -eq 0 ] && grep -q '~' "$T/file.jsonl" &&
    sed 's/"doc": "[^"]*"//' "$T/redir.jsonl" | cmp -s - "$T/file.nodoc" &&
    sed 's/"doc": "[^"]*"//' "$T/pipe.jsonl" | cmp -s - "$T/file.nodoc"; then
    pass "--discover on standard input (a file, a pipe): the mentions of the named file"
else
    fail "--discover on standard input" "exit $c1 $c2" "$(head -c 400 "$T/pipe.jsonl")" \
        "$(head -c 300 "$T/pipe.err")"
fi

"$NERGRAPH" discover --min-count 0 "$T/in" >"$T/bad.out" 2>"$T/bad.err"; code=$?
expect_err "discover: --min-count 0 is a usage error" 2 "$T/bad.err" "--min-count takes a whole number"

"$NERGRAPH" discover --help >"$T/help.out" 2>&1; code=$?
if [ "$code" -eq 0 ] && grep -q 'count, type (person or' "$T/help.out" && "$NERGRAPH" --help | grep -q -- '--discover'; then
    pass "discover --help says the columns; nergraph --help lists --discover"
else
    fail "help" "exit $code" "$(head -c 400 "$T/help.out")"
fi
