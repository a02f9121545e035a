#!/bin/sh
# Install the Debian packages nergraph needs to build and test, skipping
# what is already present.  Runs apt-get as root; says what to do otherwise.
set -eu

missing=""
need_pkg() {  # need_pkg PACKAGE CHECK-COMMAND...
    pkg=$1; shift
    if ! "$@" >/dev/null 2>&1; then
        missing="$missing $pkg"
    fi
}

need_pkg pkg-config       command -v pkg-config
need_pkg libigraph-dev    pkg-config --exists igraph
need_pkg libpcre2-dev     pkg-config --exists libpcre2-8
need_pkg libgraphviz-dev  pkg-config --exists libgvc libcgraph
need_pkg libutf8proc-dev  pkg-config --exists libutf8proc
# JSON Lines input (jansson) and gzip-compressed input (zlib).
need_pkg libjansson-dev   pkg-config --exists jansson
need_pkg zlib1g-dev       pkg-config --exists zlib
# Document language identification (translated names count only in their
# language): libexttextcat and its language models.
need_pkg libexttextcat-dev pkg-config --exists libexttextcat
need_pkg libcmocka-dev    pkg-config --exists cmocka
need_pkg gcc              command -v cc
need_pkg make             command -v make
# The fuzz smoke test builds libFuzzer targets with clang; check-valgrind
# needs valgrind.
need_pkg clang            command -v clang
need_pkg libclang-rt-dev  sh -c 'printf "int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n" | clang -x c -fsanitize=fuzzer - -o /dev/null'
need_pkg valgrind         command -v valgrind
# The DOT tests render hostile names with Graphviz's own dot program.
need_pkg graphviz         command -v dot
# Interoperability tests load our JSON with Debian's networkx.
need_pkg python3-networkx /usr/bin/python3 -c 'import networkx'
# ... and the other clients analysts use: python-igraph (GraphML, GML) and
# pygraphviz (DOT).
need_pkg python3-igraph     /usr/bin/python3 -c 'import igraph'
need_pkg python3-pygraphviz /usr/bin/python3 -c 'import pygraphviz'
# The Python package: cffi (ABI mode, no compiler), a venv that sees
# the system's packages (venv and its ensurepip), setuptools to install
# it offline, pytest for its tests.
need_pkg python3-cffi       /usr/bin/python3 -c 'import cffi'
need_pkg python3-venv       /usr/bin/python3 -c 'import ensurepip, venv'
need_pkg python3-setuptools /usr/bin/python3 -c 'import setuptools'
need_pkg python3-pytest     /usr/bin/python3 -c 'import pytest'
# examples/notebook.ipynb runs under jupyter nbconvert, and draws with
# matplotlib.
need_pkg jupyter-nbconvert  command -v jupyter-nbconvert
need_pkg python3-ipykernel  /usr/bin/python3 -c 'import ipykernel'
need_pkg python3-matplotlib /usr/bin/python3 -c 'import matplotlib'
# The example is linked statically too (pkg-config --static): igraph's .pc
# then names its private libraries, which need their development links.
links() {  # links -lX: a program linked with -lX builds
    printf 'int main(void) { return 0; }\n' | cc -x c - -o /dev/null "$1"
}
need_pkg libglpk-dev      links -lglpk
need_pkg libgmp-dev       links -lgmp
need_pkg libblas-dev      links -lblas
need_pkg liblapack-dev    links -llapack
need_pkg g++              links -lstdc++
need_pkg libarpack2-dev   links -larpack
need_pkg libplfit-dev     links -lplfit
# The scale-out test (tests/cli/scale_out.sh) runs partial results under
# GNU parallel and on a Dask cluster (dask-scheduler, dask-worker).
need_pkg parallel           sh -c 'parallel --version | grep -q "GNU parallel"'
need_pkg python3-distributed /usr/bin/python3 -c 'import distributed'
# The man page test renders them with man-db's man and groff.
need_pkg man-db           command -v man
need_pkg groff-base       command -v groff
# The precision check on literary prose reads Jane Austen's novels from
# r-cran-janeaustenr (tests/cli/literary_precision.sh).
need_pkg r-cran-janeaustenr Rscript -e 'library(janeaustenr)'
# `sh scripts/install-deps.sh bench` (make bench) adds the benchmark's
# inputs and peers; `make test` does not pull them.  Prose: Reuters-21578
# samples (tm), Jane Austen's novels (janeaustenr), the Harvard sentences
# (stringr), read with Rscript; peers: ripgrep, python3-ahocorasick and
# Hyperscan (x86-64 only; vectorscan is its portable fork elsewhere); GNU
# time measures peak memory.
if [ "${1:-}" = bench ]; then
    need_pkg r-cran-tm          test -d /usr/lib/R/site-library/tm/texts
    need_pkg r-cran-janeaustenr test -d /usr/lib/R/site-library/janeaustenr
    need_pkg r-cran-stringr     test -d /usr/lib/R/site-library/stringr
    need_pkg r-base-core        command -v Rscript
    need_pkg ripgrep            command -v rg
    need_pkg time               test -x /usr/bin/time
    need_pkg python3-ahocorasick /usr/bin/python3 -c 'import ahocorasick'
    if [ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ]; then
        need_pkg libhyperscan-dev pkg-config --exists libhs
    else
        need_pkg libvectorscan-dev pkg-config --exists libhs
    fi
fi

if [ -z "$missing" ]; then
    exit 0
fi
# pkg-config may be missing itself, which makes every .pc check fail:
# that is fine, apt-get skips packages that are already installed.
echo "nergraph: installing missing packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
    echo "nergraph: not root; run as root, or install them yourself:" >&2
    echo "    sudo apt-get install$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
