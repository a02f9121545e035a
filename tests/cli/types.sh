#!/bin/sh
# --types: keeps only the named types in every format (DOT, JSON,
# mentions); a type that no loaded entity has, and 'ignore' (whose rows
# never become mentions), are usage errors (exit 2) that list the types
# the gazetteers have, before any input is read or output written.
. "$ROOT/tests/cli/lib.sh"

printf '%s\t%s\t%s\n' \
    'person:lena-odum' person 'Lena Odum' \
    'org:kestrel' organization 'Kestrel Works' \
    'country:VL' country 'Valdoria' \
    'ignore:valdoria-bay' ignore 'Valdoria Bay' >"$T/gaz.tsv"
printf 'Lena Odum of Kestrel Works flew to Valdoria.\n' >"$T/in.txt"

run() {
    "$NERGRAPH" -g "$T/gaz.tsv" "$@" >"$T/out" 2>"$T/err"
    code=$?
}

: >"$T/py.err"
# ---- a known type, in every format ----
run --types person,country -f json "$T/in.txt"
if [ "$code" -eq 0 ] && "$PY" -c '
import json, sys
g = json.load(open(sys.argv[1]))
ids = sorted(n["id"] for n in g["nodes"])
assert ids == ["country:VL", "person:lena-odum"], ids
assert [(l["source"], l["target"]) for l in g["links"]] == [("country:VL", "person:lena-odum")], g["links"]
' "$T/out" 2>"$T/py.err"; then pass "--types person,country: JSON has those nodes only"
else fail "--types person,country: JSON has those nodes only" "exit $code; $(cat "$T/err" "$T/py.err")"; fi
run --types organization -f dot "$T/in.txt"
if [ "$code" -eq 0 ] && grep -q '"org:kestrel"' "$T/out" && ! grep -q 'person:\|country:' "$T/out"; then
    pass "--types organization: DOT has the organization only"
else
    fail "--types organization: DOT has the organization only" "exit $code; $(head -c 600 "$T/out" "$T/err")"
fi
run --types person -f mentions "$T/in.txt"
ids=$("$PY" -c '
import json, sys
print(",".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$T/out" 2>/dev/null)
if [ "$code" -eq 0 ] && [ "$ids" = "person:lena-odum" ]; then pass "--types person: mentions of persons only"
else fail "--types person: mentions of persons only" "exit $code, ids '$ids'; $(cat "$T/err")"; fi

# ---- an unknown type ----
run --types persn,country -o "$T/never.json" "$T/in.txt"
expect_err "--types with an unknown type: usage error that names it" 2 "$T/err" \
    "--types: no entity in the gazetteers has type 'persn'" \
    "the loaded types are: country, organization, person"
# The list is of types that can be kept: 'ignore' is not one.
if exited_with 2 "$T/err" "loaded types" && ! grep -q "ignore" "$T/err" && [ ! -e "$T/never.json" ]; then
    pass_failure "--types with an unknown type: 'ignore' not listed, no output file"
else
    fail "--types with an unknown type: 'ignore' not listed, no output file" "${why:-$(cat "$T/err")}"
fi
# Checked before any input is read: a missing input is not reached.
run --types Person "$T/no-such-file.txt"
expect_err "--types is case-sensitive, and checked before reading inputs" 2 "$T/err" \
    "has type 'Person'"
run --types ignore "$T/in.txt"
expect_err "--types ignore: usage error (ignore rows are never mentions)" 2 "$T/err" \
    "'ignore' rows mark phrases that are not names and never become mentions" \
    "the loaded types are: country, organization, person"
run --types person -f mentions --types orgnization "$T/in.txt"
expect_err "the last --types counts, and is checked" 2 "$T/err" "type 'orgnization'"
# With the bundled gazetteers: their own list.
printf 'Valdoria.\n' | "$NERGRAPH" --types countries >"$T/out" 2>"$T/err"
code=$?
expect_err "--types against the bundled gazetteers lists their types" 2 "$T/err" \
    "type 'countries'; the loaded types are: country, organization, person"
