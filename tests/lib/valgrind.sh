#!/bin/sh
# Run nergraph under valgrind memcheck: any memory error or leak makes the
# run exit 99, which no end-to-end case expects.  PCRE2's JIT code is
# opaque to valgrind, so patterns use the interpreter here.
NERGRAPH_NO_JIT=1 exec valgrind --quiet --error-exitcode=99 --leak-check=full \
    --num-callers=30 --suppressions="$(dirname "$0")/graphviz.supp" --suppressions="$(dirname "$0")/pcre2-jit.supp" \
    --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible \
    "$NERGRAPH_BIN" "$@"
