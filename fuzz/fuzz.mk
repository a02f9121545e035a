# libFuzzer targets for nergraph (see docs/fuzzing.md).  Included from the
# top Makefile; every variable here starts with FUZZ_ so nothing clashes.
#
#   make fuzz                          build every target into build-fuzz/
#   make fuzz-smoke                    short fixed run of each target over its
#                                      seeds and tests/fuzz-regressions/
#   make fuzz-run FUZZ_TARGET=fuzz_tagger [FUZZ_SECONDS=600] [FUZZ_ARGS=...]
#                                      a real campaign on one target
#   make fuzz-clean                    remove build-fuzz/
#
# The library is compiled again with clang, coverage instrumentation and
# ASan/UBSan into build-fuzz/obj; the gcc-built libnergraph.a is not used.

# Including this file must not change the top Makefile's default goal.
FUZZ_SAVED_GOAL := $(.DEFAULT_GOAL)

FUZZ_CC       ?= clang
FUZZ_DIR      ?= build-fuzz
FUZZ_PKGS      = igraph libpcre2-8 libgvc libcgraph libutf8proc jansson zlib libexttextcat
FUZZ_TARGETS   = fuzz_gazetteer fuzz_tagger fuzz_segment fuzz_export fuzz_input fuzz_partial fuzz_compiled fuzz_discover
FUZZ_SAN       = -fsanitize=address,undefined -fno-sanitize-recover=all \
                 -fno-omit-frame-pointer
FUZZ_CFLAGS    = -std=c11 -O1 -g -Wall -Wextra -D_POSIX_C_SOURCE=200809L -MMD -MP \
                 -Iinclude/nergraph -Isrc $(shell pkg-config --cflags $(FUZZ_PKGS) 2>/dev/null) \
                 $(if $(TEXTCAT_DIR),-DNG_TEXTCAT_DIR='"$(TEXTCAT_DIR)"')
FUZZ_LIBS      = $(shell pkg-config --libs $(FUZZ_PKGS) 2>/dev/null) -lm -pthread
FUZZ_LIB_SRCS  = $(filter-out src/main.c $(wildcard src/cli_*.c),$(wildcard src/*.c))
FUZZ_LIB_OBJS  = $(FUZZ_LIB_SRCS:src/%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_BINS      = $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)
FUZZ_OBJS      = $(FUZZ_TARGETS:%=$(FUZZ_DIR)/obj/fuzz/%.o)
# The JSON validator the unit tests use too (tests/lib/json_check.c).
FUZZ_TESTLIB_OBJS = $(FUZZ_DIR)/obj/testlib/json_check.o

# fuzz-smoke: executions per target after the seeds and regressions.
FUZZ_SMOKE_RUNS ?= 2000
# fuzz-run: one target, for FUZZ_SECONDS, extra libFuzzer flags in FUZZ_ARGS.
FUZZ_TARGET   ?=
FUZZ_SECONDS  ?= 600
FUZZ_ARGS     ?=
# Extra -D flags for the target sources only (a variant build, e.g. one that
# steers around a finding not fixed yet); use a separate FUZZ_DIR with it.
FUZZ_DEFS     ?=
FUZZ_RUN_FLAGS = -timeout=10 -rss_limit_mb=2048 -print_final_stats=1

.PHONY: fuzz fuzz-smoke fuzz-run fuzz-clean
# Keep the objects (make would delete them as intermediate files).
.SECONDARY: $(FUZZ_LIB_OBJS) $(FUZZ_OBJS) $(FUZZ_TESTLIB_OBJS)

fuzz: $(FUZZ_BINS)

$(FUZZ_DIR)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/obj/testlib/%.o: tests/lib/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/obj/fuzz/%.o: fuzz/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Itests/lib $(FUZZ_DEFS) $(FUZZ_SAN) -fsanitize=fuzzer -c $< -o $@

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/fuzz/fuzz_%.o $(FUZZ_LIB_OBJS) $(FUZZ_TESTLIB_OBJS)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LIBS)

# Seeds and regressions first, then FUZZ_SMOKE_RUNS mutations with a fixed
# seed.  New corpus entries go to a scratch directory, never to fuzz/corpus.
fuzz-smoke: $(FUZZ_BINS)
	@fail=0; \
	for t in $(FUZZ_TARGETS); do \
	    scratch=$(FUZZ_DIR)/smoke/$$t; rm -rf $$scratch; mkdir -p $$scratch; \
	    dirs=""; \
	    for d in fuzz/corpus/$$t tests/fuzz-regressions/$$t; do \
	        [ -d $$d ] && dirs="$$dirs $$d"; \
	    done; \
	    dict=""; [ -f fuzz/$$t.dict ] && dict="-dict=fuzz/$$t.dict"; \
	    if $(FUZZ_DIR)/$$t -runs=$(FUZZ_SMOKE_RUNS) -seed=1 -timeout=10 \
	           -rss_limit_mb=2048 $$dict -artifact_prefix=$$scratch/ \
	           $$scratch $$dirs > $(FUZZ_DIR)/smoke/$$t.log 2>&1; then \
	        echo "PASS fuzz-smoke $$t"; \
	    else \
	        tail -n 40 $(FUZZ_DIR)/smoke/$$t.log; \
	        echo "FAIL fuzz-smoke $$t (log: $(FUZZ_DIR)/smoke/$$t.log)"; \
	        fail=1; \
	    fi; \
	done; \
	exit $$fail

# A campaign on one target: the scratch corpus build-fuzz/corpus/<target>
# starts from fuzz/corpus/<target> and keeps growing across runs; crashes,
# leaks and timeouts are written to build-fuzz/crashes/<target>/.
fuzz-run: $(FUZZ_BINS)
	@case " $(FUZZ_TARGETS) " in *" $(FUZZ_TARGET) "*) ;; \
	    *) echo "fuzz-run: set FUZZ_TARGET to one of: $(FUZZ_TARGETS)" >&2; exit 2;; esac
	@mkdir -p $(FUZZ_DIR)/corpus/$(FUZZ_TARGET) $(FUZZ_DIR)/crashes/$(FUZZ_TARGET)
	@if [ -d fuzz/corpus/$(FUZZ_TARGET) ]; then \
	    cp -n fuzz/corpus/$(FUZZ_TARGET)/* $(FUZZ_DIR)/corpus/$(FUZZ_TARGET)/ 2>/dev/null || true; fi
	$(FUZZ_DIR)/$(FUZZ_TARGET) -max_total_time=$(FUZZ_SECONDS) $(FUZZ_RUN_FLAGS) \
	    $(if $(wildcard fuzz/$(FUZZ_TARGET).dict),-dict=fuzz/$(FUZZ_TARGET).dict) \
	    -artifact_prefix=$(FUZZ_DIR)/crashes/$(FUZZ_TARGET)/ $(FUZZ_ARGS) \
	    $(FUZZ_DIR)/corpus/$(FUZZ_TARGET)

fuzz-clean:
	rm -rf $(FUZZ_DIR)

-include $(wildcard $(FUZZ_DIR)/obj/*.d $(FUZZ_DIR)/obj/fuzz/*.d $(FUZZ_DIR)/obj/testlib/*.d)

.DEFAULT_GOAL := $(FUZZ_SAVED_GOAL)
