#!/bin/sh
# `make bench`: builds the Hyperscan peer (bench/hs_scan.c, against
# pkg-config libhs, if present) and runs bench/bench.py, which prints the
# table.  Settings are environment variables (NERGRAPH, BENCH_MB,
# BENCH_SIZES, BENCH_RUNS, ...): see bench/README.md.
set -eu
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-build/bench}
mkdir -p "$dir"
if pkg-config --exists libhs 2>/dev/null; then
    # shellcheck disable=SC2046
    cc -O2 -std=c11 -Wall -Wextra $(pkg-config --cflags libhs) bench/hs_scan.c \
        -o "$dir/hs_scan" $(pkg-config --libs libhs)
else
    echo "bench: libhs not found (libhyperscan-dev): no Hyperscan rows" >&2
    rm -f "$dir/hs_scan"
fi
exec /usr/bin/python3 -B bench/bench.py
