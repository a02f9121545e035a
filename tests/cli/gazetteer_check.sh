# nergraph gazetteer check, where the library's findings meet the printer
# (the bundled files and a broken file are in bundled_gazetteers.sh): a
# path that loads nothing is an error, not a clean pass.
. "$ROOT/tests/cli/lib.sh"
mkdir -p "$T/empty"
"$NERGRAPH" gazetteer check --words none "$T/empty" >"$T/out" 2>"$T/err"; code=$?
cp "$T/out" "$T/report"
expect_err "gazetteer check: a directory without *.tsv files is an error" 1 "$T/report" \
    "error: $T/empty: directory holds no *.tsv gazetteer files" \
    "0 entities, 0 literal aliases, 0 patterns: 1 error, 0 warnings"
printf 'c:x\tcountry\tXland\n' >"$T/ok.tsv"
"$NERGRAPH" gazetteer check --words none "$T/ok.tsv" "$T/nope.tsv" >"$T/out" 2>"$T/err"; code=$?
cp "$T/out" "$T/report"
expect_err "gazetteer check: an unreadable file is an error with its name" 1 "$T/report" \
    "error: $T/nope.tsv: cannot open gazetteer: No such file or directory" \
    "1 entities, 1 literal aliases, 0 patterns: 1 error, 0 warnings"
"$NERGRAPH" gazetteer check --words none "$T/ok.tsv" >"$T/out" 2>"$T/err"; code=$?
cp "$T/out" "$T/report"
expect_err "gazetteer check: a clean file passes" 0 "$T/report" \
    "1 entities, 1 literal aliases, 0 patterns: 0 errors, 0 warnings, 0 ambiguous aliases, 0 common-word aliases (word list not used)"
