#!/bin/sh
# Compile the fuzz_compiled seeds (fuzz/corpus/fuzz_compiled/*.ngz) from
# their sources in fuzz/seeds/fuzz_compiled/, with build/nergraph.  Run
# after every change of the compiled format (NGZ_FORMAT in src/ngz.h).
set -eu
cd "$(dirname "$0")/.."
src=fuzz/seeds/fuzz_compiled
out=fuzz/corpus/fuzz_compiled
build/nergraph gazetteer compile --words none --given-names none -o "$out/one.ngz" "$src/one.tsv"
build/nergraph gazetteer compile --words "$src/words.txt" --given-names "$src/given-names.txt" \
    -o "$out/mixed.ngz" "$src/mixed.tsv"
