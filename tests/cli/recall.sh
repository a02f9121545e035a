# Recall and precision on ten hand-annotated news items in the style of
# current wire copy (tests/recall/: the items, annotations.tsv, score.py),
# with the bundled gazetteers.  The figures are printed; the check fails
# when nodes fall below the floor measured when the items were written
# (recall 0.90, precision 1.00; edges 0.83 and 1.00), so a rule that costs
# recall on news shows here.
. "$ROOT/tests/cli/lib.sh"
if "$PY" "$ROOT/tests/recall/score.py" --min-node-recall 0.88 --min-node-precision 0.97 \
        "$NERGRAPH" >"$T/recall.out" 2>&1; then
    pass "recall: nodes and edges of ten annotated news items ($(grep -E '^(nodes|edges):' "$T/recall.out" | tr '\n' ' '))"
else
    fail "recall: nodes and edges of ten annotated news items" "$(tail -c 1500 "$T/recall.out")"
fi
