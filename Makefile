# nergraph: one plain Makefile.  `make demo` and `make test` install what
# they need (see scripts/install-deps.sh); every other target only builds.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
CFLAGS  ?= -O2 -g
# make SANITIZER=address,undefined builds an instrumented copy in build-san/
SANITIZER ?=

PKGS      = igraph libpcre2-8 libgvc libcgraph libutf8proc
DATADIR   = $(PREFIX)/share/nergraph
NG_CFLAGS = -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -MMD -MP \
            -Iinclude -Isrc -DNG_DATADIR='"$(DATADIR)"' \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
NG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
TEST_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

ifneq ($(SANITIZER),)
BUILD     = build-san
NG_CFLAGS += -fsanitize=$(SANITIZER) -fno-omit-frame-pointer -fno-sanitize-recover=all
NG_LIBS   += -fsanitize=$(SANITIZER)
endif

CLI_SRCS  = src/main.c $(wildcard src/cli_*.c)
LIB_SRCS  = $(filter-out $(CLI_SRCS),$(wildcard src/*.c))
LIB_OBJS  = $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJS  = $(CLI_SRCS:src/%.c=$(BUILD)/obj/%.o)
TEST_SRCS = $(wildcard tests/unit/test_*.c)
TEST_BINS = $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
# Test helpers shared with the fuzz targets (tests/lib/*.c; not in the library).
TESTLIB_OBJS = $(BUILD)/obj/testlib/json_check.o

.PHONY: all deps demo test check check-sanitize check-valgrind check-tests install uninstall clean
.DELETE_ON_ERROR:

all: $(BUILD)/nergraph $(BUILD)/libnergraph.a

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(NG_CFLAGS) -c $< -o $@

$(BUILD)/libnergraph.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/nergraph: $(CLI_OBJS) $(BUILD)/libnergraph.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libnergraph.a $(NG_LIBS)

$(BUILD)/obj/testlib/%.o: tests/lib/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(NG_CFLAGS) -c $< -o $@

$(BUILD)/tests/%: tests/unit/%.c $(TESTLIB_OBJS) $(BUILD)/libnergraph.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(NG_CFLAGS) -Itests/lib -o $@ $< $(TESTLIB_OBJS) $(BUILD)/libnergraph.a $(NG_LIBS) $(TEST_LIBS)

deps:
	@sh scripts/install-deps.sh

# The main job on the bundled sample story.
demo: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p output
	$(BUILD)/nergraph -f dot  -o output/sample.dot  samples/news-sample.txt
	$(BUILD)/nergraph -f json -o output/sample.json samples/news-sample.txt
	@echo "wrote output/sample.dot and output/sample.json"
	@echo "render it: dot -Tsvg output/sample.dot -o output/sample.svg"

# Every test; the last line reads "N passed, N failed".
test: deps
	@$(MAKE) --no-print-directory check

check: all $(TEST_BINS)
	@sh tests/run.sh $(BUILD)

# The whole suite again, built with AddressSanitizer and UBSan (build-san/).
check-sanitize: deps
	@$(MAKE) --no-print-directory SANITIZER=address,undefined check

# Unit tests and end-to-end cases under valgrind memcheck: zero errors and
# zero leaks, or the run fails.
check-valgrind: deps
	@$(MAKE) --no-print-directory all $(TEST_BINS)
	@VALGRIND=1 sh tests/run.sh $(BUILD)

# Can the tests fail?  The command-line and end-to-end checks again with
# the binary replaced by /bin/false: any check of a successful run that
# still passes fails this target (tests/lib/check_tests.sh).
check-tests:
	@sh tests/lib/check_tests.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include \
	           $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(DATADIR)/gazetteers
	install -m 755 $(BUILD)/nergraph $(DESTDIR)$(PREFIX)/bin/nergraph
	install -m 644 include/*.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 $(BUILD)/libnergraph.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 gazetteers/*.tsv gazetteers/english-words.txt gazetteers/README.md $(DESTDIR)$(DATADIR)/gazetteers/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/nergraph $(DESTDIR)$(PREFIX)/lib/libnergraph.a
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/include/,$(notdir $(wildcard include/*.h)))
	rm -rf $(DESTDIR)$(DATADIR)

clean: fuzz-clean
	rm -rf build build-san

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/testlib/*.d)

include fuzz/fuzz.mk
