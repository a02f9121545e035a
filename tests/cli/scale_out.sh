#!/bin/sh
# Scale-out: a corpus split four ways, each part made into a partial result
# (nergraph --emit partial), the partials added up (nergraph merge), must
# give byte for byte what one run over the whole corpus gives, in every
# format checked and with evidence.  The parts run under GNU parallel, and
# again as tasks of a real Dask cluster (dask-scheduler and two
# dask-worker processes on the loopback interface).  Then the refusals:
# partials of other windows or gazetteers, damaged, truncated, or not
# partials at all.
. "$ROOT/tests/cli/lib.sh"

C=$T/corpus
mkdir -p "$C"
# Short news items written for this test, naming entities of the bundled
# gazetteers; pairs recur across items so that evidence has to choose.
cat >"$C/01-summit.txt" <<'EOF'
Leaders Meet in Brussels

Emmanuel Macron and Friedrich Merz arrived in Brussels on Monday for talks
on the European Union budget. Macron said France would back a common fund.

Merz answered that Germany wanted rules first.
EOF
cat >"$C/02-health.txt" <<'EOF'
The World Health Organization warned on Tuesday that funding cuts would
hit vaccination programmes. António Guterres urged donors to keep their
promises. The International Monetary Fund said growth in India would slow.
EOF
cat >"$C/03-trade.txt" <<'EOF'
Narendra Modi met Keir Starmer in London to sign a trade pact between India
and the United Kingdom. Starmer called it a good day for British exporters.

The World Bank welcomed the deal.
EOF
cat >"$C/04-defence.txt" <<'EOF'
NATO ministers met in Warsaw. Donald Tusk told reporters that Poland would
spend more on defence, and Friedrich Merz agreed. Emmanuel Macron joined
by video link from Paris.
EOF
cat >"$C/05-italy.txt" <<'EOF'
Giorgia Meloni hosted Keir Starmer in Rome. The two discussed migration
across the Mediterranean. Meloni said Italy and the United Kingdom shared
goals, and Starmer agreed.
EOF
cat >"$C/06-africa.txt" <<'EOF'
Cyril Ramaphosa said South Africa would hold talks with the International
Monetary Fund next month. The World Bank and the International Monetary
Fund both sent teams to Pretoria.
EOF
cat >"$C/07-pacific.txt" <<'EOF'
Anthony Albanese flew to New Delhi to meet Narendra Modi. Australia and
India agreed to expand naval exercises. António Guterres welcomed the talks.
EOF
cat >"$C/08-europe.txt" <<'EOF'
Emmanuel Macron and Giorgia Meloni spoke by phone about the European Union
summit. Donald Tusk and Friedrich Merz will attend.

In Brussels, officials of the European Union prepared the agenda.
EOF

# The same files, as one run reads them (sorted) and as four shards.
set -- "$C"/*.txt
files="$*"
P=$T/parts
mkdir -p "$P" "$T/home"

# run OUT ARGS...: nergraph ARGS, standard output into OUT; a failed run or
# an empty output is remembered in $bad, and the next `same` fails.
bad=""
run() {
    out=$1; shift
    "$NERGRAPH" "$@" >"$out" 2>"$T/run.err"
    st=$?
    if [ $st -ne 0 ]; then
        bad="$bad
exit $st: $*: $(head -c 300 "$T/run.err")"
    elif [ ! -s "$out" ]; then
        bad="$bad
no output: $*"
    fi
}
same() {  # same NAME FILE1 FILE2
    if [ -n "$bad" ]; then fail "$1" "$bad"
    elif cmp -s "$2" "$3"; then pass "$1"
    else fail "$1" "$(diff "$2" "$3" | head -20)"; fi
    bad=""
}
# merged_equals NAME PARTS_GLOB_DIR ARGS...: merge the .ngp files of a
# directory with ARGS and compare with one run over the corpus.
merged_equals() {
    name=$1; dir=$2; shift 2
    run "$T/whole.out" "$@" "$C"
    run "$T/merged.out" merge "$@" "$dir"/*.ngp
    same "$name" "$T/whole.out" "$T/merged.out"
}

# ---- (a) GNU parallel ------------------------------------------------------

if ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
    fail "GNU parallel is installed (Debian package parallel; scripts/install-deps.sh)"
else
    # Four jobs of two files each, two at a time; --will-cite and a HOME
    # of our own so that it never asks or writes into the user's home.
    # shellcheck disable=SC2086
    HOME=$T/home parallel --will-cite -j 2 -N 2 \
        "$NERGRAPH" --emit partial --evidence 2 -o "$P/part{#}.ngp" {} ::: $files \
        2>"$T/parallel.err"
    st=$?
    n=$(ls "$P"/*.ngp 2>/dev/null | wc -l)
    if [ $st -eq 0 ] && [ "$n" -eq 4 ]; then
        pass "parallel: four partials"
    else
        fail "parallel: four partials" "exit $st, $n files: $(head -c 400 "$T/parallel.err")"
    fi
    merged_equals "parallel: merged json equals one run" "$P" -f json --evidence 2
    merged_equals "parallel: merged dot equals one run" "$P" -f dot --evidence 2
    merged_equals "parallel: merged graphml equals one run" "$P" -f graphml --evidence 2
    # Thresholds, filters and analytics apply at the merge.
    merged_equals "parallel: merged with filters and --analyze equals one run" "$P" \
        -f json --evidence 2 --min-weight 2 --types person,country --analyze
    merged_equals "parallel: merged with --weight npmi --top 5 equals one run" "$P" \
        -f gml --weight npmi --top 5
    # Without --evidence the merge shows none, as a run without it.
    merged_equals "parallel: merged without --evidence equals one run" "$P" -f json
    # --evidence 1 from partials that kept 2 is the run with --evidence 1.
    merged_equals "parallel: fewer snippets at the merge equals one run" "$P" \
        -f json --evidence 1

    # Commutative and associative: the parts in reverse order, and a
    # partial of partials (merge --emit partial) merged with the rest.
    run "$T/whole.json" -f json --evidence 2 "$C"
    run "$T/rev.json" merge -f json --evidence 2 "$P/part4.ngp" "$P/part3.ngp" \
        "$P/part2.ngp" "$P/part1.ngp"
    same "parallel: partials in reverse order" "$T/whole.json" "$T/rev.json"
    mkdir -p "$T/nested"
    "$NERGRAPH" merge --emit partial -o "$T/nested/p12.ngp" "$P/part2.ngp" "$P/part1.ngp" \
        2>"$T/run.err" || bad="merge --emit partial: $(head -c 300 "$T/run.err")"
    cp "$P/part3.ngp" "$P/part4.ngp" "$T/nested/" 2>/dev/null
    run "$T/nested.json" merge -f json --evidence 2 "$T/nested"/*.ngp
    same "parallel: (1+2) as one partial, then +3+4" "$T/whole.json" "$T/nested.json"
    # Partials back to back on standard input.
    cat "$P"/*.ngp 2>/dev/null | "$NERGRAPH" merge -f json --evidence 2 - >"$T/stdin.json" 2>"$T/run.err" ||
        bad="merge -: $(head -c 300 "$T/run.err")"
    same "parallel: partials concatenated on standard input" "$T/whole.json" "$T/stdin.json"
    # Writing a partial is deterministic: the same part twice, the same bytes.
    run "$T/again.ngp" --emit partial --evidence 2 "$C/01-summit.txt" "$C/02-health.txt"
    same "parallel: a partial is the same bytes every time" "$P/part1.ngp" "$T/again.ngp"
fi

# ---- (b) a Dask cluster on the loopback interface --------------------------

D=$T/dask
mkdir -p "$D/parts"
PY3=/usr/bin/python3
dask_pids=""
stop_dask() {
    for pid in $dask_pids; do
        kill "$pid" 2>/dev/null
    done
    for pid in $dask_pids; do
        wait "$pid" 2>/dev/null
    done
    dask_pids=""
}
trap 'stop_dask; rm -rf "$T"' EXIT INT TERM

if ! $PY3 -c 'import distributed' 2>/dev/null; then
    fail "dask: python3-distributed is installed (scripts/install-deps.sh)"
else
    port=$($PY3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    addr=tcp://127.0.0.1:$port
    # Every process is bounded in time, whatever happens to this script;
    # the trap ends them first.
    (cd "$D" && HOME=$T/home exec timeout 60 $PY3 -m distributed.cli.dask_scheduler \
        --host 127.0.0.1 --port "$port" --no-dashboard >"$D/scheduler.log" 2>&1) &
    dask_pids="$dask_pids $!"
    for i in 1 2; do
        (cd "$D" && HOME=$T/home exec timeout 60 $PY3 -m distributed.cli.dask_worker "$addr" \
            --host 127.0.0.1 --nthreads 1 --no-nanny --no-dashboard --name "w$i" \
            --local-directory "$D/w$i" --death-timeout 20 >"$D/worker$i.log" 2>&1) &
        dask_pids="$dask_pids $!"
    done
    # The client: waits for both workers, sends one task per shard, pinned
    # round-robin so that both workers run some, each task running
    # nergraph --emit partial in a subprocess.
    cat >"$D/client.py" <<'EOF'
import os, subprocess, sys
from distributed import Client

addr, nergraph, outdir = sys.argv[1:4]
shards = [sys.argv[4:][i:i + 2] for i in range(0, len(sys.argv) - 4, 2)]

def make_partial(args):
    r = subprocess.run(args, capture_output=True)
    return r.returncode, r.stderr.decode("utf-8", "replace"), os.getpid()

with Client(addr, timeout=20) as client:
    client.wait_for_workers(2, timeout=20)
    workers = sorted(client.scheduler_info()["workers"])
    futures = []
    for i, shard in enumerate(shards):
        args = [nergraph, "--emit", "partial", "--evidence", "2",
                "-o", os.path.join(outdir, "part%d.ngp" % (i + 1))] + shard
        futures.append(client.submit(make_partial, args, pure=False,
                                     workers=[workers[i % 2]]))
    results = client.gather(futures)
bad = [err for code, err, pid in results if code != 0]
if bad:
    sys.exit("nergraph failed in a task: " + bad[0][:300])
pids = {pid for code, err, pid in results}
if len(pids) != 2:
    sys.exit("tasks ran in %d worker processes, not 2" % len(pids))
print("ok", len(results), "tasks")
EOF
    # shellcheck disable=SC2086
    if HOME=$T/home timeout 45 $PY3 "$D/client.py" "$addr" "$NERGRAPH" "$D/parts" $files \
            >"$D/client.out" 2>&1 && grep -q '^ok 4 tasks' "$D/client.out"; then
        pass "dask: four tasks on two workers made four partials"
    else
        fail "dask: four tasks on two workers made four partials" \
            "$(tail -c 600 "$D/client.out")" "scheduler: $(tail -c 300 "$D/scheduler.log")"
    fi
    stop_dask
    merged_equals "dask: merged json equals one run" "$D/parts" -f json --evidence 2
    merged_equals "dask: merged dot equals one run" "$D/parts" -f dot --evidence 2
fi

# ---- (c) refusals ---------------------------------------------------------

E=$T/errors
mkdir -p "$E"
"$NERGRAPH" --emit partial -o "$E/sentence.ngp" "$C/01-summit.txt" 2>"$E/err" ||
    fail "refusals: a partial to compare with" "$(cat "$E/err")"
"$NERGRAPH" --emit partial -w paragraph -o "$E/paragraph.ngp" "$C/02-health.txt" 2>"$E/err" ||
    fail "refusals: a paragraph partial" "$(cat "$E/err")"
printf 'person:emmanuel-macron\tperson\tEmmanuel Macron\n' >"$E/one.tsv"
"$NERGRAPH" --emit partial -g "$E/one.tsv" -o "$E/other-gaz.ngp" "$C/01-summit.txt" 2>"$E/err" ||
    fail "refusals: a partial of another gazetteer" "$(cat "$E/err")"

# refuse NAME CODE SUBSTRING ARGS...: nergraph ARGS exits CODE, says
# SUBSTRING, and writes no output file.
refuse() {
    name=$1; want=$2; msg=$3; shift 3
    rm -f "$E/out.json"
    "$NERGRAPH" "$@" >"$E/out" 2>"$E/err"
    code=$?
    if ! exited_with "$want" "$E/err" "$msg"; then
        fail "$name" "$why"
    elif [ -e "$E/out.json" ]; then
        fail "$name" "an output file was written"
    else
        pass_failure "$name"
    fi
}
refuse "refusals: other window" 1 "paragraph.ngp: cannot be merged with" \
    merge -f json -o "$E/out.json" "$E/sentence.ngp" "$E/paragraph.ngp"
refuse "refusals: other window says which" 1 "window paragraph, not sentence (-w)" \
    merge -f json -o "$E/out.json" "$E/sentence.ngp" "$E/paragraph.ngp"
refuse "refusals: other gazetteer than the one loaded" 1 \
    "other-gaz.ngp: gazetteer fingerprint mismatch" \
    merge -f json -o "$E/out.json" "$E/sentence.ngp" "$E/other-gaz.ngp"
refuse "refusals: partials of two gazetteers" 1 "sentence.ngp: gazetteer fingerprint mismatch" \
    merge -g "$E/one.tsv" -f json -o "$E/out.json" "$E/other-gaz.ngp" "$E/sentence.ngp"
head -c 60 "$E/sentence.ngp" >"$E/truncated.ngp" 2>/dev/null
refuse "refusals: truncated" 1 "truncated.ngp: truncated" \
    merge -f json -o "$E/out.json" "$E/truncated.ngp"
cp "$E/sentence.ngp" "$E/damaged.ngp" 2>/dev/null
printf 'X' | dd of="$E/damaged.ngp" bs=1 seek=40 conv=notrunc 2>/dev/null
refuse "refusals: damaged" 1 "damaged.ngp: damaged" \
    merge -f json -o "$E/out.json" "$E/sentence.ngp" "$E/damaged.ngp"
refuse "refusals: not a partial" 1 "01-summit.txt: not a nergraph partial file" \
    merge -f json -o "$E/out.json" "$C/01-summit.txt"
: >"$E/empty.ngp"
refuse "refusals: empty file" 1 "empty.ngp: empty, not a partial file" \
    merge -f json -o "$E/out.json" "$E/empty.ngp"
refuse "refusals: missing file" 1 "missing.ngp: cannot open" \
    merge -f json -o "$E/out.json" "$E/missing.ngp"
refuse "refusals: more evidence than kept" 2 "the partials keep 0 snippets per pair" \
    merge --evidence 2 -f json -o "$E/out.json" "$E/sentence.ngp"
refuse "refusals: a filter on a partial" 2 "--min-weight applies to the graph" \
    --emit partial --min-weight 2 -o "$E/out.json" "$C/01-summit.txt"
refuse "refusals: a window at the merge" 2 "merge: -w shapes how texts are read" \
    merge -w paragraph -f json -o "$E/out.json" "$E/paragraph.ngp"
