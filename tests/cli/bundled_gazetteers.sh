#!/bin/sh
# The bundled gazetteers on texts we wrote: every trap of gazetteers/README.md
# ("Known traps") in both of its senses, names in several languages and
# scripts, and ordinary prose that names no entity (precision).  Each
# tests/gazetteers/*/NAME.txt is one document; NAME.expect lists every
# mention the bundled gazetteers must find in it, "id<TAB>text" in text order.
# Also: `nergraph gazetteer check` passes on the bundled files and reports
# every problem of a broken file; `gazetteer stats` counts what it loads.
. "$ROOT/tests/cli/lib.sh"

# mentions TEXT: "id<TAB>text" per mention.  nergraph writes to a file
# first: in a pipe its exit status would be lost, and a binary that fails
# at once would pass every case that expects no mentions.
mentions() {
    "$NERGRAPH" -f mentions -o "$T/mentions.jsonl" "$1" || return 1
    "$PY" -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    print(d["id"] + "\t" + d["text"])' "$T/mentions.jsonl"
}

for txt in "$ROOT"/tests/gazetteers/cases/*.txt "$ROOT"/tests/gazetteers/precision/*.txt; do
    name=$(basename "$(dirname "$txt")")/$(basename "$txt" .txt)
    if mentions "$txt" >"$T/got" 2>"$T/err" && diff "${txt%.txt}.expect" "$T/got" >"$T/diff"; then
        pass "mentions $name"
    else
        fail "mentions $name" "$(cat "$T/err" "$T/diff" | head -c 1500)"
    fi
done

# The bundled gazetteers pass their own check.
"$NERGRAPH" gazetteer check >"$T/check" 2>"$T/err"; code=$?
if [ $code -eq 0 ] && tail -n 1 "$T/check" | grep -q ': 0 errors, 0 warnings,'; then
    pass "gazetteer check: bundled files clean"
else
    fail "gazetteer check: bundled files clean" "exit $code" "$(grep -E '^(error|warning)' "$T/check" | head -20)" "$(tail -n 1 "$T/check")"
fi
# Shared aliases on purpose are reported as such.
check "gazetteer check: lists the shared demonym Korean" grep -q "^ambiguous: .*'Korean' names 2 entities: country:KP .* country:KR" "$T/check"

# A broken file: every bad row is reported with its line, not only the first.
printf 'p:a\tperson\tAnn Lee\tLee\n' >"$T/bad.tsv"
printf 'p:b\tPerson\tBad Type\n' >>"$T/bad.tsv"
printf 'p:c\tperson\n' >>"$T/bad.tsv"
printf 'p:d\tperson\tDee\tre:(unclosed\n' >>"$T/bad.tsv"
printf 'p:a\tperson\tAnn Lee\tAnnie Lee\n' >>"$T/bad.tsv"
printf 'o:x\torganization\tLee Corp\tLee|i:shell\n' >>"$T/bad.tsv"
printf 'o:y\torganization\tTurkey Co\tTurkey\n' >>"$T/bad.tsv"
printf 'lee\nturkey\nshell\n' >"$T/words.txt"
"$NERGRAPH" gazetteer check --words "$T/words.txt" "$T/bad.tsv" >"$T/out" 2>"$T/err"; code=$?
cp "$T/out" "$T/err2"
expect_err "gazetteer check: every problem with file:line" 1 "$T/err2" \
    "error: $T/bad.tsv:2: type 'Person'" \
    "error: $T/bad.tsv:3: expected 3 to 5" \
    "error: $T/bad.tsv:4: pattern of 'p:d' does not compile" \
    "warning: $T/bad.tsv:5: id 'p:a' is already defined at line 1" \
    "ambiguous: $T/bad.tsv:1: 'Lee' names 2 entities: p:a ($T/bad.tsv:1) o:x ($T/bad.tsv:6)" \
    "warning: $T/bad.tsv:6: alias 'i:shell' of o:x matches the everyday word 'shell'" \
    "common word: $T/bad.tsv:7: 'Turkey' (o:y) is also the word 'turkey'" \
    ": 3 errors, 2 warnings, 1 ambiguous alias, 3 common-word aliases"
"$NERGRAPH" gazetteer check --words "$T/missing.txt" "$T/bad.tsv" >"$T/out" 2>"$T/err"; code=$?
expect_err "gazetteer check: unreadable word list is a usage error" 2 "$T/err" "cannot read word list"
"$NERGRAPH" gazetteer frobnicate >"$T/out" 2>"$T/err"; code=$?
expect_err "gazetteer: unknown command" 2 "$T/err" "unknown command 'frobnicate'"

# stats: per type and per script.
printf 'p:a\tperson\tAnn Lee\tАнна Ли|安妮\n' >"$T/stats.tsv"
printf 'c:x\tcountry\tXland\tXlandia\n' >>"$T/stats.tsv"
"$NERGRAPH" gazetteer stats "$T/stats.tsv" >"$T/out" 2>"$T/err"; code=$?
if [ $code -eq 0 ] && grep -q '^2 entities, 5 aliases' "$T/out" \
    && grep -Eq '^person +1 +3$' "$T/out" && grep -Eq '^country +1 +2$' "$T/out" \
    && grep -Eq '^Latin +3$' "$T/out" && grep -Eq '^Cyrillic +1$' "$T/out" && grep -Eq '^Han +1$' "$T/out"; then
    pass "gazetteer stats: types and scripts"
else
    fail "gazetteer stats: types and scripts" "exit $code" "$(cat "$T/out" "$T/err")"
fi

# --words none turns the common-word rule off: "Shell" opening a sentence of
# a text that names nothing else is the company again.
printf 'Shell the peas and set them aside.\n' >"$T/peas.txt"
"$NERGRAPH" -f mentions -o "$T/peas-default.jsonl" "$T/peas.txt"; st_default=$?
"$NERGRAPH" --words none -f mentions -o "$T/peas-none.jsonl" "$T/peas.txt"; st_none=$?
n_default=$(grep -c '"org:shell"' "$T/peas-default.jsonl" 2>/dev/null)
n_none=$(grep -c '"org:shell"' "$T/peas-none.jsonl" 2>/dev/null)
if [ $st_default -eq 0 ] && [ $st_none -eq 0 ] && [ "$n_default" = 0 ] && [ "$n_none" = 1 ]; then
    pass "--words none keeps common-word names"
else
    fail "--words none keeps common-word names" "default: exit $st_default, $n_default; none: exit $st_none, $n_none"
fi
