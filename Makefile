# nergraph: one plain Makefile.  `make demo` and `make test` install what
# they need (see scripts/install-deps.sh); every other target only builds.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
CFLAGS  ?= -O2 -g
# make SANITIZER=address,undefined builds an instrumented copy in build-san/
SANITIZER ?=

PKGS      = igraph libpcre2-8 libgvc libcgraph libutf8proc jansson zlib libexttextcat
DATADIR   = $(PREFIX)/share/nergraph
LIBDIR    = $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include
MANDIR    = $(PREFIX)/share/man
DOCDIR    = $(PREFIX)/share/doc/nergraph
PKGCONFIGDIR = $(LIBDIR)/pkgconfig

# The version lives in one place, the public header; the soname carries
# its major number (0 until the API is declared stable).
VERSION  := $(shell sed -n 's/^\#define NG_VERSION "\(.*\)"/\1/p' include/nergraph/nergraph.h)
SOMAJOR   = $(firstword $(subst ., ,$(VERSION)))
SONAME    = libnergraph.so.$(SOMAJOR)

DEP_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
BASE_CFLAGS = -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -MMD -MP
# The library sees its own headers by their short names and its internals
# in src/; it is position independent and exports only what the public
# headers declare (they wrap themselves in `visibility push(default)`).
# Document language identification reads libexttextcat's models from
# the directory its pkg-config file names.
TEXTCAT_DIR := $(shell pkg-config --variable=pkgdatadir libexttextcat 2>/dev/null)
LIB_CFLAGS = $(BASE_CFLAGS) -Iinclude/nergraph -Isrc -fPIC -fvisibility=hidden $(DEP_CFLAGS) -pthread \
             $(if $(TEXTCAT_DIR),-DNG_TEXTCAT_DIR='"$(TEXTCAT_DIR)"')
# The tool sees only the public API, as <nergraph/nergraph.h>, like any
# other user; its own helpers are in src/cli.h, found beside the sources.
CLI_CFLAGS = $(BASE_CFLAGS) -Iinclude -DNG_DATADIR='"$(DATADIR)"' $(DEP_CFLAGS)
# Unit tests look inside: they test internal modules too.
TEST_CFLAGS = $(BASE_CFLAGS) -Iinclude/nergraph -Isrc $(DEP_CFLAGS)
NG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread
TEST_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

ifneq ($(SANITIZER),)
BUILD     = build-san
SAN_FLAGS = -fsanitize=$(SANITIZER) -fno-omit-frame-pointer -fno-sanitize-recover=all
LIB_CFLAGS  += $(SAN_FLAGS)
CLI_CFLAGS  += $(SAN_FLAGS)
TEST_CFLAGS += $(SAN_FLAGS)
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
SHLIB     = $(BUILD)/libnergraph.so.$(VERSION)
HEADERS   = $(wildcard include/nergraph/*.h)
MAN1      = man/nergraph.1
MAN5      = man/nergraph-gazetteer.5

.PHONY: all deps demo python bench test check check-sanitize check-valgrind check-tests check-symbols \
        check-example check-man install uninstall clean FORCE
.DELETE_ON_ERROR:

all: $(BUILD)/nergraph $(BUILD)/libnergraph.a $(BUILD)/libnergraph.so $(BUILD)/nergraph.pc

# Objects are rebuilt when the flags change (a build tree from before
# -fvisibility=hidden, a different CC), not only when a source does, like
# redis' .make-settings.  The compiled-in data directory is left out: it is
# only the last place the tool looks for its gazetteers (it finds them
# beside itself first), and `make install PREFIX=...` must not rebuild.
$(BUILD)/flags: FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' '$(CC) $(CFLAGS)' '$(LIB_CFLAGS)' '$(filter-out -DNG_DATADIR=%,$(CLI_CFLAGS))' \
	    '$(TEST_CFLAGS)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(LIB_OBJS): XCFLAGS = $(LIB_CFLAGS)
$(CLI_OBJS): XCFLAGS = $(CLI_CFLAGS)
$(BUILD)/obj/%.o: src/%.c $(BUILD)/flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(XCFLAGS) -c $< -o $@

$(BUILD)/libnergraph.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

# --no-undefined: the library names every library it needs, so a program
# linked against it needs nothing but -lnergraph.
$(SHLIB): $(LIB_OBJS)
	$(CC) $(CFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined -o $@ $^ $(NG_LIBS)

# The names a program is run with (the soname) and linked with (-lnergraph).
$(BUILD)/$(SONAME): $(SHLIB)
	ln -sf $(notdir $<) $@
$(BUILD)/libnergraph.so: $(BUILD)/$(SONAME)
	ln -sf $(notdir $<) $@

# The tool links the static library: an installed binary does not depend
# on where the shared one went.
$(BUILD)/nergraph: $(CLI_OBJS) $(BUILD)/libnergraph.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libnergraph.a $(NG_LIBS)

$(BUILD)/obj/testlib/%.o: tests/lib/%.c $(BUILD)/flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(TEST_CFLAGS) -c $< -o $@

$(BUILD)/tests/%: tests/unit/%.c $(TESTLIB_OBJS) $(BUILD)/libnergraph.a $(BUILD)/flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(TEST_CFLAGS) -Itests/lib -o $@ $< $(TESTLIB_OBJS) $(BUILD)/libnergraph.a $(NG_LIBS) $(TEST_LIBS)

# Directories under PREFIX as ${prefix}/..., so that
# `pkg-config --define-variable=prefix=...` relocates them.
pc_rel = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))
# pkg-config file for PREFIX; rewritten only when PREFIX (or the template)
# changed, so a plain `make` after `make install PREFIX=...` stays cheap.
$(BUILD)/nergraph.pc: nergraph.pc.in FORCE
	@mkdir -p $(dir $@)
	@sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(call pc_rel,$(LIBDIR))|g' \
	     -e 's|@INCLUDEDIR@|$(call pc_rel,$(INCLUDEDIR))|g' -e 's|@VERSION@|$(VERSION)|g' \
	     -e 's|@PKGS@|$(PKGS)|g' $< > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

deps:
	@sh scripts/install-deps.sh

# The main job on the bundled sample story.
demo: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p output
	$(BUILD)/nergraph -f dot  -o output/sample.dot  samples/news-sample.txt
	$(BUILD)/nergraph -f json -o output/sample.json samples/news-sample.txt
	$(BUILD)/nergraph -f graphml -o output/sample.graphml samples/news-sample.txt
	$(BUILD)/nergraph -f svg  -o output/sample.svg  samples/news-sample.txt
	@echo "wrote output/sample.dot, .json, .graphml and .svg (the diagram)"

# The Python package (python/) installed into build/venv, a venv that
# sees Debian's cffi, networkx and setuptools (--system-site-packages), so
# it installs offline and without a compiler (cffi's ABI mode).  Run from
# the checkout, it finds build/libnergraph.so.0 and gazetteers/ itself.
PYTHON ?= /usr/bin/python3
python: deps
	@$(MAKE) --no-print-directory all
	$(PYTHON) -m venv --system-site-packages $(BUILD)/venv
	$(BUILD)/venv/bin/python -m pip install --quiet --no-build-isolation --no-deps --no-index ./python
	@echo "installed: $(BUILD)/venv/bin/python -c 'import nergraph'"

# The benchmark (bench/README.md): nergraph against grep, ripgrep, a
# Python baseline and Hyperscan on real prose; prints one table.
# BENCH_MB, BENCH_SIZES, BENCH_RUNS and NERGRAPH choose what it measures.
BENCH_MB ?= 200
BENCH_SIZES ?= 1k 100k 1M
BENCH_RUNS ?= 3
bench:
	@sh scripts/install-deps.sh bench
	@$(MAKE) --no-print-directory all
	@BENCH_MB='$(BENCH_MB)' BENCH_SIZES='$(BENCH_SIZES)' BENCH_RUNS='$(BENCH_RUNS)' sh bench/run.sh

# Every test; the last line reads "N passed, N failed".
test: deps
	@$(MAKE) --no-print-directory check

# SANITIZER goes along so that tests which run make (install, example)
# use the same build settings.
check: all $(TEST_BINS)
	@SANITIZER='$(SANITIZER)' sh tests/run.sh $(BUILD)

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

# The shared library exports exactly the functions the public headers
# declare, all named ng_*, and the tool uses nothing else.
# (A quoted include in src/cli_*.c would find src/*.h beside it whatever
# the -I flags say, hence the grep.)
check-symbols: $(SHLIB) $(CLI_OBJS)
	@sh scripts/check-symbols.sh $(SHLIB) $(HEADERS) -- $(CLI_OBJS)
	@if grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' $(CLI_SRCS) src/cli.h | \
	    grep -v '"cli.h"'; then \
	    echo "check-symbols: the tool includes internal headers (above); use <nergraph/...> and cli.h"; \
	    exit 1; fi

# examples/edges.c built against an installed copy, through pkg-config.
check-example: all
	@$(call run_cli_test,tests/cli/example.sh)

# The man pages render without a groff warning and list every option.
check-man: all
	@$(call run_cli_test,tests/cli/man.sh)

# One tests/cli script on its own, failing when any check fails.
run_cli_test = tmp=$$(mktemp -d) && \
	NERGRAPH=$(CURDIR)/$(BUILD)/nergraph ROOT=$(CURDIR) PY=/usr/bin/python3 TMP=$$tmp \
	SANITIZER='$(SANITIZER)' sh $(1) > $$tmp/log 2>&1; cat $$tmp/log; \
	! grep -q '^FAIL' $$tmp/log; rc=$$?; rm -rf $$tmp; exit $$rc

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(INCLUDEDIR)/nergraph \
	           $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(DATADIR)/gazetteers \
	           $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DOCDIR)
	install -m 755 $(BUILD)/nergraph $(DESTDIR)$(PREFIX)/bin/nergraph
	install -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/nergraph/
	install -m 644 $(BUILD)/libnergraph.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(SHLIB)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libnergraph.so
	install -m 644 $(BUILD)/nergraph.pc $(DESTDIR)$(PKGCONFIGDIR)/
	install -m 644 gazetteers/*.tsv gazetteers/english-words.txt gazetteers/given-names.txt gazetteers/README.md $(DESTDIR)$(DATADIR)/gazetteers/
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 LICENSE $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/nergraph
	rm -f $(DESTDIR)$(LIBDIR)/libnergraph.a $(DESTDIR)$(LIBDIR)/$(notdir $(SHLIB)) \
	      $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libnergraph.so \
	      $(DESTDIR)$(PKGCONFIGDIR)/nergraph.pc
	rm -rf $(DESTDIR)$(INCLUDEDIR)/nergraph $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
	rm -f $(DESTDIR)$(MANDIR)/man1/$(notdir $(MAN1)) $(DESTDIR)$(MANDIR)/man5/$(notdir $(MAN5))

clean: fuzz-clean
	rm -rf build build-san

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/testlib/*.d $(BUILD)/tests/*.d)

include fuzz/fuzz.mk
