#!/bin/sh
# Run one end-to-end case folder (see tests/e2e/README.md); exit 0 on pass.
set -u
dir=${1%/}
out="$TMP/$(basename "$dir")"
mkdir -p "$out"
set --
[ -f "$dir/gazetteer.tsv" ] && set -- -g "$dir/gazetteer.tsv"
# shellcheck disable=SC2046
[ -f "$dir/args" ] && set -- "$@" $(cat "$dir/args")
if [ -d "$dir/inputs" ]; then input="$dir/inputs"; else input="$dir/input.txt"; fi

if [ -f "$dir/expected.exit" ]; then
    # The message is part of the expectation: an exit status alone is what
    # any binary that fails at once would give.
    if [ ! -s "$dir/expected.stderr" ]; then
        echo "$dir has expected.exit but no expected.stderr"
        exit 1
    fi
    "$NERGRAPH" "$@" -f json -o "$out/graph.json" "$input" >"$out/stdout" 2>"$out/stderr"
    code=$?
    want=$(cat "$dir/expected.exit")
    if [ "$code" != "$want" ]; then
        echo "exit code $code, expected $want; stderr:"
        cat "$out/stderr"
        exit 1
    fi
    want_err=$(cat "$dir/expected.stderr")
    if ! grep -qF -- "$want_err" "$out/stderr"; then
        echo "stderr lacks '$want_err'; it was:"
        cat "$out/stderr"
        exit 1
    fi
    exit 0
fi

if [ ! -f "$dir/expected.graph" ] && [ ! -f "$dir/expected.mentions" ]; then
    echo "$dir has no expected.graph, expected.mentions or expected.exit"
    exit 1
fi
status=0
if [ -f "$dir/expected.graph" ]; then
    if ! "$NERGRAPH" "$@" -f json -o "$out/graph.json" "$input" 2>"$out/stderr"; then
        echo "nergraph failed:"; cat "$out/stderr"; exit 1
    fi
    "$PY" tests/lib/summarize.py graph "$out/graph.json" >"$out/graph.txt" || exit 1
    if ! diff -u "$dir/expected.graph" "$out/graph.txt"; then status=1; fi
fi
if [ -f "$dir/expected.mentions" ]; then
    if ! "$NERGRAPH" "$@" -f mentions -o "$out/mentions.jsonl" "$input" 2>"$out/stderr"; then
        echo "nergraph failed:"; cat "$out/stderr"; exit 1
    fi
    "$PY" tests/lib/summarize.py mentions "$out/mentions.jsonl" >"$out/mentions.txt" || exit 1
    if ! diff -u "$dir/expected.mentions" "$out/mentions.txt"; then status=1; fi
fi
exit $status
