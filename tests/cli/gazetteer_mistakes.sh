# Mistakes people make when they write a gazetteer in a spreadsheet or
# by hand: a header row, quoted fields, ';' or ',' between aliases, an
# empty file.  Each one is named with its file and line and what to write
# instead; what can be read as meant still is.
. "$ROOT/tests/cli/lib.sh"

printf 'Quux Corporation and Zorba Ltd signed with Block, Inc. on Monday.\n' >"$T/story.txt"

# A header row saved with the data.
printf 'id\ttype\tname\taliases\nacme:quux\torganization\tQuux Corporation\n' >"$T/header.tsv"
"$NERGRAPH" -g "$T/header.tsv" --words none -f mentions "$T/story.txt" >"$T/out" 2>"$T/err"; code=$?
if exited_with 0 "$T/err" "$T/header.tsv:1: looks like a header row" "start it with '#'" &&
    grep -q '"id": "acme:quux"' "$T/out" && ! grep -q '"id": "id"' "$T/out" &&
    [ "$(wc -l <"$T/out")" -eq 1 ]; then
    pass "gazetteer: a header row is skipped with a warning naming its line"
else
    fail "gazetteer: a header row is skipped with a warning naming its line" "${why:-}" "$(cat "$T/out")"
fi
"$NERGRAPH" -g "$T/header.tsv" --words none --strict -f mentions "$T/story.txt" >"$T/out" 2>"$T/err"; code=$?
expect_err "gazetteer: a header row counts as a warning for --strict" 1 "$T/err" \
    "looks like a header row" "--strict: 1 warning"

# Quoted fields, as a spreadsheet saves names with commas.
printf 'acme:block\torganization\t"Block, Inc."\nacme:zorba\torganization\tZorba Holdings\t"Zorba Ltd"|ZH\n' >"$T/quoted.tsv"
"$NERGRAPH" -g "$T/quoted.tsv" --words none -f mentions "$T/story.txt" >"$T/out" 2>"$T/err"; code=$?
if exited_with 0 "$T/err" "$T/quoted.tsv:1: name \"Block, Inc.\" is wrapped in double quotes" \
        "$T/quoted.tsv:2: alias \"Zorba Ltd\" is wrapped in double quotes" "write Zorba Ltd" &&
    grep -q '"text": "Block, Inc."' "$T/out" && grep -q '"text": "Zorba Ltd"' "$T/out"; then
    pass "gazetteer: quoted fields are read without their quotes, with a warning"
else
    fail "gazetteer: quoted fields are read without their quotes, with a warning" "${why:-}" "$(cat "$T/out")"
fi
"$NERGRAPH" -g "$T/quoted.tsv" --words none -f json "$T/story.txt" >"$T/out" 2>"$T/err"; code=$?
if exited_with 0 "$T/err" "wrapped in double quotes" && grep -q '"label": "Block, Inc."' "$T/out"; then
    pass "gazetteer: a quoted name becomes the node label without quotes"
else
    fail "gazetteer: a quoted name becomes the node label without quotes" "${why:-}" "$(head -c 600 "$T/out")"
fi

# ';' and ',' between aliases.
printf 'acme:quux\torganization\tQuux\tQuux Corporation; QX\nacme:zorba\torganization\tZorba\tZorba Ltd, Zorba Group, ZG\nacme:bee\torganization\tBee Corp\tBee Corporation, BC\nacme:block\torganization\tBlock\tBlock, Inc.\n' >"$T/lists.tsv"
"$NERGRAPH" gazetteer check --words none "$T/lists.tsv" >"$T/out" 2>"$T/err"; code=$?
cp "$T/out" "$T/report"
if exited_with 0 "$T/report" \
        "warning: $T/lists.tsv:1: alias 'Quux Corporation; QX' contains ';'; aliases are separated by '|' (write 'A|B')" \
        "warning: $T/lists.tsv:2: aliases 'Zorba Ltd, Zorba Group, ZG' look like a comma-separated list" \
        "warning: $T/lists.tsv:3: aliases 'Bee Corporation, BC' look like a comma-separated list" \
        "0 errors, 3 warnings" &&
    ! grep -q "lists.tsv:4" "$T/report"; then
    pass "gazetteer check: ';' and comma lists between aliases are warnings; 'Block, Inc.' is a name"
else
    fail "gazetteer check: ';' and comma lists between aliases are warnings; 'Block, Inc.' is a name" "${why:-}" "$(cat "$T/report")"
fi

# The bundled gazetteers make none of these mistakes.
"$NERGRAPH" gazetteer check "$ROOT/gazetteers" >"$T/out" 2>"$T/err"; code=$?
cp "$T/out" "$T/report"
if exited_with 0 "$T/report" "0 errors, 0 warnings" && ! grep -q "^warning:" "$T/report"; then
    pass "gazetteer check: the bundled gazetteers have no warnings"
else
    fail "gazetteer check: the bundled gazetteers have no warnings" "${why:-}" "$(grep -m5 ^warning "$T/report")"
fi

# An empty file named on its own is an error; inside a directory, a warning.
: >"$T/empty.tsv"
"$NERGRAPH" -g "$T/empty.tsv" --words none -f json "$T/story.txt" >"$T/out" 2>"$T/err"; code=$?
expect_err "gazetteer: an empty file given with -g is an error" 1 "$T/err" \
    "$T/empty.tsv: no entity rows (the file is empty or all comments)"
"$NERGRAPH" gazetteer check --words none "$T/empty.tsv" >"$T/out" 2>"$T/err"; code=$?
cp "$T/out" "$T/report"
expect_err "gazetteer check: an empty file is an error" 1 "$T/report" \
    "error: $T/empty.tsv: no entity rows" "1 error"
mkdir -p "$T/dir"
printf '# only comments\n\n' >"$T/dir/a.tsv"
printf 'acme:quux\torganization\tQuux Corporation\n' >"$T/dir/b.tsv"
"$NERGRAPH" -g "$T/dir" --words none -f mentions "$T/story.txt" >"$T/out" 2>"$T/err"; code=$?
if exited_with 0 "$T/err" "$T/dir/a.tsv: no entity rows" && grep -q '"id": "acme:quux"' "$T/out"; then
    pass "gazetteer: an empty file in a -g directory is a warning, the others load"
else
    fail "gazetteer: an empty file in a -g directory is a warning, the others load" "${why:-}"
fi
if exited_with 0 "$T/err" "$T/dir/a.tsv" && ! grep -q "$T/dir//" "$T/err"; then
    pass "gazetteer: a -g directory's files are named without a doubled slash"
else
    fail "gazetteer: a -g directory's files are named without a doubled slash" "${why:-}" "$(cat "$T/err")"
fi
"$NERGRAPH" -g "$T/dir/" --words none -f mentions "$T/story.txt" >"$T/out" 2>"$T/err"; code=$?
if exited_with 0 "$T/err" "$T/dir/a.tsv: no entity rows" && ! grep -q "dir//" "$T/err"; then
    pass "gazetteer: a -g directory given with a trailing slash names its files with one slash"
else
    fail "gazetteer: a -g directory given with a trailing slash names its files with one slash" "${why:-}" "$(cat "$T/err")"
fi
