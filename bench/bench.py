#!/usr/bin/python3
"""`make bench`: nergraph against GNU grep, ripgrep, a Python
Aho-Corasick baseline and Intel Hyperscan, same run, same files, whole
process; one table.  Run through bench/run.sh (it builds hs_scan); the
settings are environment variables:

  NERGRAPH     binary to measure (default build/nergraph)
  BENCH_MB     corpus size in MiB (default 200)
  BENCH_SIZES  gazetteer sizes, of 1k 10k 100k 1M (default "1k 100k 1M")
  BENCH_RUNS   runs of nergraph's reference row (one file, one thread),
               grep and the Python baseline; the table shows the median
               (default 3)
  BENCH_VARIANT_RUNS  runs of the other rows (nergraph on documents,
               JSON Lines, -j, .ngz; Hyperscan) (default 1)
  BENCH_VARIANT_SIZE  the gazetteer size whose nergraph runs on documents,
               JSON Lines and with -j N are measured (default 100k, else
               the first of BENCH_SIZES); .ngz rows are measured at every
               size
  BENCH_DIR    cache and work directory (default build/bench)
  BENCH_RG_MB  size of the slice ripgrep gets (default 1)
  BENCH_RE_MB, BENCH_RE_COUNTS  the pattern-alias rows: nergraph with
               the smallest gazetteer plus K re: aliases for each K, and
               Hyperscan on the same K patterns, on the first BENCH_RE_MB
               MB (defaults 20, "0 100 700")
  BENCH_TIMEOUT  seconds after which one run is stopped and reported as
               "timeout" (default 300); ripgrep gets BENCH_RG_TIMEOUT
               (default 30), Hyperscan BENCH_HS_TIMEOUT (default 180)
  BENCH_LONG   a row whose first run took longer than this many seconds
               is not run again (default 45): the median is of fewer
               runs, and the runs column says so

See bench/README.md for what each column means."""

import bisect
import filecmp
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import inputs  # noqa: E402

MB = int(os.environ.get("BENCH_MB", "200"))
SIZES = os.environ.get("BENCH_SIZES", "1k 100k 1M").split()
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
VRUNS = int(os.environ.get("BENCH_VARIANT_RUNS", "1"))
RE_MB = int(os.environ.get("BENCH_RE_MB", "20"))
RE_COUNTS = [int(x) for x in os.environ.get("BENCH_RE_COUNTS", "0 100 700").split()]
CACHE = os.path.abspath(os.environ.get("BENCH_DIR", os.path.join(ROOT, "build", "bench")))
NG = os.path.abspath(os.environ.get("NERGRAPH", os.path.join(ROOT, "build", "nergraph")))
RG_MB = int(os.environ.get("BENCH_RG_MB", "1"))
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "300"))
RG_TIMEOUT = float(os.environ.get("BENCH_RG_TIMEOUT", "30"))
HS_TIMEOUT = float(os.environ.get("BENCH_HS_TIMEOUT", "180"))
LONG = float(os.environ.get("BENCH_LONG", "45"))
HS_SCAN = os.path.join(CACHE, "hs_scan")
PY = "/usr/bin/python3"
TIME = "/usr/bin/time"
BASELINE = os.path.join(HERE, "baseline_ac.py")
GREP_ENV = {"LC_ALL": "C.UTF-8"}
OUT = os.path.join(CACHE, "out")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_once(cmd, stdout=None, env=None, timeout=TIMEOUT):
    """Run CMD under GNU time; return (wall seconds, peak RSS in KiB, exit
    status, stderr, CPU seconds: user + system), status None on timeout.

    GNU time, not wait4(2) on our own child: ru_maxrss survives exec, so a
    child forked from this Python process would start with its resident
    size; time's child starts from time's own few hundred KiB."""
    e = dict(os.environ)
    if env:
        e.update(env)
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    stats = os.path.join(OUT, "time.out")
    t0 = time.monotonic()
    p = subprocess.Popen([TIME, "-f", "%M %U %S", "-o", stats] + cmd, stdout=out, stderr=subprocess.PIPE,
                         env=e, start_new_session=True)
    err = []
    # stderr could fill its pipe on a chatty run: read it as we go.
    t = threading.Thread(target=lambda: err.append(p.stderr.read()))
    t.start()
    # Poll every 2 ms: Popen.wait(timeout) sleeps up to 50 ms at a time,
    # too coarse for a run of a fraction of a second.
    while p.poll() is None and time.monotonic() - t0 < timeout:
        time.sleep(0.002)
    wall = time.monotonic() - t0
    status = p.returncode
    if status is None:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    t.join()
    if stdout:
        out.close()
    rss, cpu = 0, 0.0
    try:
        fields = open(stats).read().split("\n")
        # "Command exited with non-zero status N" may come first.
        last = [l for l in fields if l.strip()][-1].split()
        rss, cpu = int(last[0]), float(last[1]) + float(last[2])
    except (OSError, IndexError, ValueError):
        pass
    return wall, rss, status, b"".join(err).decode("utf-8", "replace"), cpu


class Row:
    def __init__(self, tool, gaz, inp, nbytes):
        self.tool, self.gaz, self.inp, self.nbytes = tool, gaz, inp, nbytes
        self.walls, self.rss, self.cpus = [], [], []
        self.load = None
        self.load_cpu = None
        self.load_rss = None
        self.note = ""
        self.timeout = False
        self.failed = None
        self.ratio_to = None  # the nergraph row this peer is compared with

    @property
    def wall(self):
        return statistics.median(self.walls) if self.walls else None

    @property
    def cpu(self):
        return statistics.median(self.cpus) if self.cpus else None

    @property
    def mbs_cpu(self):
        if self.timeout or not self.cpus:
            return None
        return self.nbytes / 1048576 / max(self.cpu, 1e-6)

    @property
    def mbs(self):
        if self.timeout or not self.walls:
            return None
        return self.nbytes / 1048576 / self.wall


def measure(row, cmd, stdout=None, env=None, timeout=TIMEOUT, runs=None):
    runs = RUNS if runs is None else runs
    for i in range(runs):
        wall, rss, status, err, cpu = run_once(cmd, stdout, env, timeout)
        if status is None:
            row.timeout = True
            row.walls = [wall]
            row.note = (row.note + "; " if row.note else "") + "stopped after %.0f s" % wall
            log("  %s %s: timeout after %.0f s" % (row.tool, row.gaz, wall))
            return row
        ok = status == 0 or (status == 1 and cmd[0] in ("grep", "rg"))  # 1: no match
        if not ok:
            row.failed = "exit %d: %s" % (status, err.strip().splitlines()[-1] if err.strip() else "")
            log("  %s %s: FAILED %s" % (row.tool, row.gaz, row.failed))
            return row
        row.walls.append(wall)
        row.rss.append(rss)
        row.cpus.append(cpu)
        log("  %-28s %-5s %-8s run %d: %.2f s, %d MB" % (row.tool, row.gaz, row.inp, i + 1, wall, rss // 1024))
        if wall > LONG:
            break
    return row


def load_time(cmd, env=None, timeout=TIMEOUT):
    """Median wall time of CMD on a one-line document: gazetteer load (or
    pattern compile) and start-up: (wall s, CPU s, peak RSS KiB)."""
    walls, cpus, rss = [], [], 0
    for _ in range(min(RUNS, 3)):
        wall, r, status, _, cpu = run_once(cmd, env=env, timeout=timeout)
        if status is None:
            return None, None, None
        walls.append(wall)
        cpus.append(cpu)
        rss = max(rss, r)
        if wall > 5:
            break
    return statistics.median(walls), statistics.median(cpus), rss


def supports(args):
    try:
        return subprocess.run([NG] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def machine():
    model = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    try:
        load = open("/proc/loadavg").read().split()[:3]
    except OSError:
        load = ["?"]
    return model, nproc, " ".join(load)


def fmt(x, spec, none="-"):
    return none if x is None else format(x, spec)


def table(rows):
    head = ["tool", "gaz", "input", "MB", "runs", "wall s", "cpu s", "MB/s", "MB/cpu s", "load s", "load cpu",
            "RSS MB", "ng/peer", "by cpu", "note"]
    lines = []
    for r in rows:
        if r.failed:
            cells = [r.tool, r.gaz, r.inp, "%.0f" % (r.nbytes / 1048576), "0", "failed"] + ["-"] * 8 + [r.failed[:60]]
        else:
            ratio = rcpu = None
            if r.ratio_to is not None and r.ratio_to.mbs and r.mbs:
                ratio = r.ratio_to.mbs / r.mbs
                rcpu = r.ratio_to.mbs_cpu / r.mbs_cpu
            na = "-" if r.ratio_to is None else "n/a"
            cells = [r.tool, r.gaz, r.inp, ("%.0f" if r.nbytes >= 1048576 * 10 else "%.1f") % (r.nbytes / 1048576),
                     str(len(r.walls)), ("timeout" if r.timeout else fmt(r.wall, ".2f")),
                     fmt(r.cpu, ".2f"), fmt(r.mbs, ".1f"), fmt(r.mbs_cpu, ".1f"), fmt(r.load, ".2f"),
                     fmt(r.load_cpu, ".2f"), fmt(max(r.rss) / 1024 if r.rss else None, ".0f"),
                     ("%.2fx" % ratio) if ratio else na, ("%.2fx" % rcpu) if rcpu else na, r.note]
        lines.append(cells)
    w = [max(len(str(c[i])) for c in lines + [head]) for i in range(len(head))]
    out = []
    fmt_line = lambda c: "  ".join(str(x).ljust(w[i]) if i in (0, 1, 2, 14) else str(x).rjust(w[i])
                                   for i, x in enumerate(c)).rstrip()
    out.append(fmt_line(head))
    out.append(fmt_line(["-" * x for x in w]))
    for c in lines:
        out.append(fmt_line(c))
    return "\n".join(out)


def mentions_of_nergraph(path):
    spans = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = json.loads(line)
            spans[(m["start"], m["end"])] = m
    return spans


def agreement(corp, gaz, docs, has_jobs):
    """Spans (byte offsets) nergraph, grep -b -o and the Python baseline
    report on the same ~1 MB sample."""
    sample = os.path.join(CACHE, "agree-sample.txt")
    # Cheap: made anew each run, so never stale.
    paras = inputs._paragraphs(docs)
    step = max(1, round(sum(len(p) + 1 for p in paras) / (1 << 20)))
    data = b"\n".join(paras[::step])
    inputs._write_atomic(sample, data)
    ngout = os.path.join(OUT, "agree-ng.jsonl")
    pyout = os.path.join(OUT, "agree-py.jsonl")
    grout = os.path.join(OUT, "agree-grep.txt")
    cmd = [NG, "-g", gaz["dir"], "-f", "mentions", "-o", ngout, sample]
    if has_jobs:
        cmd[1:1] = ["-j", "1"]
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    subprocess.run([PY, BASELINE, "-g", gaz["dir"], "-f", "mentions", "-o", pyout, sample], check=True)
    with open(grout, "wb") as f:
        subprocess.run(["grep", "-F", "-w", "-b", "-o", "-f", gaz["names"], sample], stdout=f,
                       env=dict(os.environ, **GREP_ENV))
    ng = mentions_of_nergraph(ngout)
    py = {(m["start"], m["end"]) for m in map(json.loads, open(pyout, encoding="utf-8"))}
    gr = set()
    for line in open(grout, "rb"):
        off, _, text = line.rstrip(b"\n").partition(b":")
        gr.add((int(off), int(off) + len(text)))
    ngs = set(ng)
    out = ["Agreement on %s (%.1f MB, paragraphs sampled evenly from every source), gazetteer %s; exact byte spans:"
           % (os.path.relpath(sample, ROOT), len(data) / 1048576, gaz["size"])]

    def share(a, b):
        return 100.0 * len(a & b) / len(a) if a else 100.0

    out.append("  nergraph %d mentions, grep -F -w -o %d matches, Python baseline %d mentions" % (len(ngs), len(gr), len(py)))
    out.append("  grep matches nergraph also reports: %.1f%%; nergraph mentions grep also reports: %.1f%%" % (share(gr, ngs), share(ngs, gr)))
    out.append("  Python mentions nergraph also reports: %.1f%%; nergraph mentions Python also reports: %.1f%%" % (share(py, ngs), share(ngs, py)))

    def ctx(s, e):
        a = data[max(0, s - 20):s].decode("utf-8", "replace").replace("\n", " ")
        b = data[s:e].decode("utf-8", "replace").replace("\n", " ")
        c = data[e:e + 20].decode("utf-8", "replace").replace("\n", " ")
        return "...%s[%s]%s..." % (a, b, c)

    only_gr = sorted(gr - ngs)
    only_ng = sorted(ngs - gr)
    # Why they differ, as far as the bench can tell from outside.
    types = {}
    surnames = set()
    for _, _, etype, names in inputs._bundled_rows(gaz["dir"]):
        for x in names:
            types.setdefault((x[2:] if x.startswith("i:") else x).strip(), set()).add(etype)
        if etype == "person":
            surnames.add(names[0].split()[-1])
    ng_sorted = sorted(ngs)

    def overlaps(s, e, spans):
        i = bisect.bisect_left(spans, (s, -1))
        return any(a < e and s < b for a, b in spans[max(0, i - 2):i + 2])

    def why_grep_only(s, e):
        text = data[s:e].decode("utf-8", "replace")
        if types.get(text) == {"ignore"}:
            return "type ignore (a span, never a mention)"
        if overlaps(s, e, ng_sorted):
            return "nergraph took an overlapping span"
        return "left out by nergraph's capitalisation rules (sentence start, title, part of a longer name)"

    def why_ng_only(s, e):
        text = data[s:e].decode("utf-8", "replace")
        if "\n" in text or "  " in text:
            return "line break or white-space run inside"
        if text not in types:
            if text.isupper():
                return "ALL-CAPS rendering of a name"
            return "surname after the full name" if text in surnames else "apostrophe, hyphen or other variant"
        if overlaps(s, e, sorted(gr)):
            return "grep took an overlapping span"
        return "other"

    pick = lambda xs, k: [xs[i * len(xs) // k] for i in range(k)] if len(xs) > k else xs
    for label, only, why in (("grep only", only_gr, why_grep_only), ("nergraph only", only_ng, why_ng_only)):
        if not only:
            continue
        groups = {}
        for sp in only:
            groups.setdefault(why(*sp), []).append(sp)
        out.append("  %s: %d" % (label, len(only)))
        for reason, sps in sorted(groups.items(), key=lambda x: -len(x[1])):
            out.append("    %5d  %s, e.g. %s" % (len(sps), reason, "  ".join(ctx(*sp) for sp in pick(sps, 2))))
    out.append("  Disagreements are expected and come from nergraph's rules, not from missed text:")
    out.append("  grep matches every literal as written anywhere; nergraph drops a capitalised name at a")
    out.append("  sentence start or in a title unless the document names the entity mid-sentence, keeps")
    out.append("  names of type ignore as spans but not mentions, adds ALL-CAPS renderings, white-space,")
    out.append("  apostrophe and hyphen variants and a person's surname after their full name.")
    return "\n".join(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    bad = [x for x in SIZES if x not in inputs.SIZES]
    if bad or not SIZES:
        sys.exit("bench: BENCH_SIZES: %s; use some of %s" % (" ".join(bad) or "empty", " ".join(inputs.SIZES)))
    SIZES.sort(key=inputs.SIZES.get)
    if not os.access(TIME, os.X_OK):
        sys.exit("bench: %s (GNU time, Debian package time) is missing: sh scripts/install-deps.sh bench" % TIME)
    if not os.access(NG, os.X_OK):
        sys.exit("bench: %s is not an executable; run make first or set NERGRAPH" % NG)
    has_jobs = supports(["-j", "1", "--help"])
    has_jsonl = supports(["--input-format", "jsonl", "--help"])
    has_compile = supports(["gazetteer", "compile", "--help"])
    has_hs = os.access(HS_SCAN, os.X_OK)
    model, nproc, loadavg = machine()
    t_start = time.monotonic()
    log("bench: preparing inputs in %s" % CACHE)
    docs, src_sizes = inputs.prose(CACHE)
    corp = inputs.corpus(CACHE, docs, MB)
    gazes = [inputs.gazetteer(CACHE, os.path.join(ROOT, "gazetteers"), docs, s) for s in SIZES]
    tiny = os.path.join(CACHE, "load.txt")
    with open(tiny, "w") as f:
        f.write("Nothing to see here.\n")
    rg_slice = os.path.join(corp["dir"], "slice-%dmb.txt" % RG_MB)
    if not os.path.exists(rg_slice):
        inputs._write_atomic(rg_slice, inputs.head_lines(corp["file"], RG_MB << 20))
    rg_bytes = os.path.getsize(rg_slice)
    nbytes = corp["bytes"]
    j1 = ["-j", "1"] if has_jobs else []
    variant_size = os.environ.get("BENCH_VARIANT_SIZE", "100k" if "100k" in SIZES else SIZES[0])
    rows = []
    hs_notes = []
    ref_tool = "nergraph -j1" if has_jobs else "nergraph"
    for g in gazes:
        s = g["size"]
        log("bench: gazetteer %s (%d entities, %d literal names)" % (s, g["entities_made"], g["literals"]))
        out_json = os.path.join(OUT, "ng-%s.json" % s)
        out_docs = os.path.join(OUT, "ng-%s-docs.json" % s)
        out_other = os.path.join(OUT, "ng-other.json")
        load_out = os.path.join(OUT, "load.json")
        # nergraph, the reference: one file, one thread, JSON out.
        ref = Row("nergraph -j1" if has_jobs else "nergraph", s, "file", nbytes)
        measure(ref, [NG] + j1 + ["-g", g["dir"], "-f", "json", "-o", out_json, corp["file"]])
        ref.load, ref.load_cpu, ref.load_rss = load_time([NG] + j1 + ["-g", g["dir"], "-f", "json", "-o", load_out, tiny])
        rows.append(ref)
        variants = s == variant_size
        if variants:
            r = Row(ref.tool, s, "docs", nbytes)
            measure(r, [NG] + j1 + ["-g", g["dir"], "-f", "json", "-o", out_docs, corp["docs"]], runs=VRUNS)
            rows.append(r)
        if has_jsonl and variants:
            r = Row(ref.tool, s, "jsonl", nbytes)
            measure(r, [NG] + j1 + ["--input-format", "jsonl", "-g", g["dir"], "-f", "json", "-o", out_other, corp["jsonl"]],
                    runs=VRUNS)
            rows.append(r)
        if has_jobs and variants and nproc != "1":
            for inp, path, same in (("file", corp["file"], out_json), ("docs", corp["docs"], out_docs)):
                r = Row("nergraph -j%s" % nproc, s, inp, nbytes)
                base = ref if inp == "file" else next(x for x in rows if x.gaz == s and x.inp == "docs")
                measure(r, [NG, "-j", nproc, "-g", g["dir"], "-f", "json", "-o", out_other, path], runs=VRUNS)
                if r.wall and base.wall and not r.timeout:
                    # -j N must not change the output: say so if it does.
                    r.note = "%.2fx -j1, output %s" % (base.wall / r.wall, "identical" if filecmp.cmp(
                        same, out_other, shallow=False) else "DIFFERS from -j1")
                rows.append(r)
        if has_compile:
            ngz = os.path.join(CACHE, "gaz-%s.ngz" % s)
            r = Row("nergraph compile", s, "-", 0)
            wall, rss, status, err, cpu = run_once([NG, "gazetteer", "compile", "-o", ngz, g["dir"]])
            if status == 0:
                r.load, r.load_cpu, r.rss = wall, cpu, [rss]
                r.note = "%.0f MB .ngz" % (os.path.getsize(ngz) / 1048576)
                rows.append(r)
                r = Row(ref.tool + " .ngz", s, "file", nbytes)
                measure(r, [NG] + j1 + ["-g", ngz, "-f", "json", "-o", out_other, corp["file"]], runs=VRUNS)
                if r.walls and not r.timeout and not r.failed:
                    r.note = "output %s" % ("identical" if filecmp.cmp(out_json, out_other, shallow=False)
                                            else "DIFFERS from the .tsv run")
                r.load, r.load_cpu, r.load_rss = load_time([NG] + j1 + ["-g", ngz, "-f", "json", "-o", load_out, tiny])
                rows.append(r)
            else:
                r.failed = "exit %s: %s" % (status, err.strip()[-80:])
                rows.append(r)
        # GNU grep: the same literals, word bounded, every match printed.
        r = Row("grep -F -w -o", s, "file", nbytes)
        measure(r, ["grep", "-F", "-w", "-o", "-f", g["names"], corp["file"]],
                stdout=os.path.join(OUT, "grep.out"), env=GREP_ENV)
        r.load, r.load_cpu, r.load_rss = load_time(["grep", "-F", "-w", "-o", "-f", g["names"], tiny], env=GREP_ENV)
        r.ratio_to = ref
        rows.append(r)
        # The Python baseline.
        r = Row("python ahocorasick", s, "file", nbytes)
        measure(r, [PY, BASELINE, "-g", g["dir"], "-o", os.path.join(OUT, "py-%s.json" % s), corp["file"]])
        r.load, r.load_cpu, r.load_rss = load_time([PY, BASELINE, "-g", g["dir"], "-o", load_out, tiny])
        r.ratio_to = ref
        rows.append(r)
        # Hyperscan: compile and scan the literals; no tagging, no output.
        if has_hs:
            r = Row("hyperscan (hs_scan)", s, "file", nbytes)
            cap = os.path.join(OUT, "hs.out")
            measure(r, [HS_SCAN, g["names"], corp["file"]], stdout=cap, timeout=HS_TIMEOUT, runs=VRUNS)
            r.ratio_to = ref
            if r.walls and not r.timeout and not r.failed:
                kv = dict(x.split("=", 1) for x in open(cap).read().split())
                r.load = float(kv["compile_s"])
                r.load_cpu = float(kv["compile_cpu_s"])
                scan_mbs = int(kv["bytes"]) / 1048576 / max(float(kv["scan_s"]), 1e-9)
                r.note = "scan %.0f MB/s, db %.1f MB" % (scan_mbs, int(kv["db_bytes"]) / 1048576)
                hs_notes.append("  %-5s %7d literals: compile %.2f s (%.2f s CPU), database %.1f MB, scan %.0f MB/s, peak RSS %d MB, "
                                "%s matches (%s word-bounded)" % (s, int(kv["patterns"]), float(kv["compile_s"]),
                                                                   float(kv["compile_cpu_s"]),
                                                                   int(kv["db_bytes"]) / 1048576, scan_mbs,
                                                                   max(r.rss) // 1024, kv["matches"], kv["word_matches"]))
            elif r.timeout:
                r.note = "compile did not finish in %.0f s" % r.walls[0]
                hs_notes.append("  %-5s %7d literals: timeout (compile and scan not done after %.0f s)"
                                % (s, g["literals"], r.walls[0]))
            rows.append(r)
        # ripgrep, on a slice; nergraph on the same slice for the ratio.
        r0 = Row(ref.tool, s, "slice", rg_bytes)
        measure(r0, [NG] + j1 + ["-g", g["dir"], "-f", "json", "-o", out_other, rg_slice], runs=1)
        rows.append(r0)
        r = Row("rg -F -w -o", s, "slice", rg_bytes)
        measure(r, ["rg", "-F", "-w", "-o", "-f", g["names"], rg_slice], stdout=os.path.join(OUT, "rg.out"),
                timeout=RG_TIMEOUT, runs=1)
        r.ratio_to = r0
        rows.append(r)
        # A run stopped half-way still leaves the rows measured so far.
        with open(os.path.join(CACHE, "partial-%dmb.txt" % MB), "w", encoding="utf-8") as f:
            f.write(table(rows) + "\n")

    # Pattern aliases: what K re: aliases cost nergraph (one PCRE2 JIT
    # pass each) and what Hyperscan makes of them in one database.
    pat_lines = []
    g = gazes[0]
    re_bytes = min(MB, RE_MB) << 20
    re_slice = os.path.join(corp["dir"], "slice-%dmb.txt" % (re_bytes >> 20))
    if not os.path.exists(re_slice):
        inputs._write_atomic(re_slice, inputs.head_lines(corp["file"], re_bytes))
    re_bytes = os.path.getsize(re_slice)
    base = None
    for k in RE_COUNTS:
        k = min(k, g["entities_made"] - g["base_entities"])
        gdir = g["dir"] if k == 0 else inputs.patterns(CACHE, g, k)["dir"]
        r = Row(ref_tool, g["size"] + "+%dre" % k, "slice", re_bytes)
        measure(r, [NG] + j1 + ["-g", gdir, "-f", "json", "-o", os.path.join(OUT, "re.json"), re_slice])
        rows.append(r)
        if k == 0:
            base = r
            continue
        line = "  %4d patterns: nergraph %.2f s CPU on %.0f MB" % (k, r.cpu or 0, re_bytes / 1048576)
        if base and base.cpu is not None and r.cpu is not None:
            per = (r.cpu - base.cpu) / k / (re_bytes / 1048576) * 1000
            line += " (%+.3f ms CPU per pattern per MB over none)" % per
        if has_hs:
            cap = os.path.join(OUT, "hs-re.out")
            h = Row("hyperscan --regex", g["size"] + "+%dre" % k, "slice", re_bytes)
            measure(h, [HS_SCAN, "--regex", inputs.patterns(CACHE, g, k)["patterns"], re_slice], stdout=cap,
                    timeout=HS_TIMEOUT, runs=VRUNS)
            if h.walls and not h.timeout and not h.failed:
                kv = dict(x.split("=", 1) for x in open(cap).read().split())
                line += "; Hyperscan: compile %.2f s CPU, database %.1f MB, scan %.0f MB/s" % (
                    float(kv["compile_cpu_s"]), int(kv["db_bytes"]) / 1048576,
                    int(kv["bytes"]) / 1048576 / max(float(kv["scan_s"]), 1e-9))
            else:
                line += "; Hyperscan: %s" % ("timeout" if h.timeout else h.failed)
        pat_lines.append(line)

    # Memory: one big document against one 1 MB document; the whole corpus
    # of 1 MB documents against a tenth of it.  Smallest gazetteer, default -j.
    g = gazes[0]
    mem = []
    res = {}
    for key, args in (("one1", [corp["one_1mb"]]), ("onebig", [corp["one_big"]]),
                      ("all", [corp["docs"]]), ("tenth", corp["doc_files"][:max(1, len(corp["doc_files"]) // 10)])):
        wall, rss, status, err, _ = run_once([NG, "-g", g["dir"], "-f", "json", "-o", os.path.join(OUT, "mem.json")] + args)
        res[key] = rss / 1024 if status == 0 else None
    tenth_mb = sum(os.path.getsize(p) for p in corp["doc_files"][:max(1, len(corp["doc_files"]) // 10)]) / 1048576

    def check(a, b, target):
        if not res[a] or not res[b]:
            return "failed"
        ratio = res[a] / res[b]
        return "%.0f MB vs %.0f MB: %.2fx (target <= %.2f: %s)" % (res[a], res[b], ratio, target, "met" if ratio <= target else "MISSED")

    mem.append("Memory (gazetteer %s, %s):" % (g["size"], "nergraph's default -j" if has_jobs else "one thread"))
    mem.append("  one %d MB document vs one 1 MB document: %s" % (corp["one_big_mb"], check("onebig", "one1", 1.25)))
    mem.append("  %d MB of 1 MB documents vs %.0f MB of them: %s" % (MB, tenth_mb, check("all", "tenth", 1.10)))
    if MB < 1000:
        mem.append("  (the issue's sizes are 50 MB vs 1 MB and 1 GB vs 100 MB; scaled to BENCH_MB=%d)" % MB)

    agree = agreement(corp, next((x for x in gazes if x["size"] == "100k"), gazes[0]), docs, has_jobs)

    # The report.
    ver = subprocess.run([NG, "--version"], capture_output=True, text=True).stdout.strip()
    rep = []
    commit = subprocess.run(["git", "-C", os.path.dirname(NG), "log", "-1", "--format=%h %cd", "--date=iso"],
                            capture_output=True, text=True).stdout.strip()
    rep.append("nergraph bench: %s (%s%s; binary of %s)" % (
        NG, ver, "; checkout at " + commit if commit else "",
        time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(os.path.getmtime(NG)))))
    rep.append("settings: BENCH_MB=%d BENCH_SIZES=\"%s\" BENCH_RUNS=%d BENCH_VARIANT_RUNS=%d" % (MB, " ".join(SIZES), RUNS, VRUNS))
    rep.append("machine: %s cores (nproc), %s; load average at start %s" % (nproc, model, loadavg))
    rep.append("nergraph features: -j %s, --input-format jsonl %s, gazetteer compile %s; Hyperscan %s" % (
        "yes" if has_jobs else "no", "yes" if has_jsonl else "no", "yes" if has_compile else "no",
        "yes" if has_hs else "no (libhyperscan-dev missing)"))
    distinct = corp["distinct_bytes"]
    rep.append("corpus: %.1f MB = %.1f cycles of %.2f MB of distinct prose (%s); as one file, %d documents of ~1 MB, and JSON Lines"
               % (nbytes / 1048576, nbytes / distinct, distinct / 1048576,
                  ", ".join("%s %.2f MB" % (k, v / 1048576) for k, v in src_sizes.items()), len(corp["doc_files"])))
    for g in gazes:
        rep.append("gazetteer %s: %d entities (%d bundled [%s] + %d generated, %d of them capitalised bigrams of the prose), %d literal names"
                   % (g["size"], g["entities_made"], g["base_entities"],
                      "all" if len(g["base"]) > 4 else "countries", g["entities_made"] - g["base_entities"],
                      g["bigrams"], g["literals"]))
    rep.append("runs: median of up to %d for nergraph's reference row (one file, one thread), grep and Python, %d for the"
               " others (a row whose run took over %.0f s runs once); ripgrep slice %.1f MB; grep in %s"
               % (RUNS, VRUNS, LONG, rg_bytes / 1048576, GREP_ENV["LC_ALL"]))
    rep.append("")
    rep.append(table(rows))
    rep.append("")
    rep.append("ng/peer = nergraph's MB/s (first row of its gazetteer: one file, one thread, whole process) / the peer's MB/s;")
    rep.append("by cpu = the same by CPU time (user + system), steadier than wall time on a loaded machine for one-thread rows.")
    for g in gazes:
        s = g["size"]
        ref = next(r for r in rows if r.gaz == s and r.inp == "file" and r.tool.startswith("nergraph") and r.mbs)
        for name, target in (("grep -F -w -o", 3.0), ("python ahocorasick", 30.0)):
            peer = next((r for r in rows if r.gaz == s and r.tool == name), None)
            if s == "100k" and peer and peer.mbs and ref.mbs:
                ratio = ref.mbs / peer.mbs
                rcpu = ref.mbs_cpu / peer.mbs_cpu
                rep.append("target at 100k: nergraph / %s = %.2fx by wall time, %.2fx by CPU time (target >= %.0fx: %s)"
                           % (name, ratio, rcpu, target, "met" if ratio >= target else "MISSED"))
    comp = {r.gaz: r for r in rows if r.tool.endswith(".ngz") and r.mbs}
    made = {r.gaz: r for r in rows if r.tool == "nergraph compile" and r.load is not None}
    if "1M" in made:
        rep.append("target at 1M, compile: %.2f s (%.2f s CPU; target < 10 s: %s)"
                   % (made["1M"].load, made["1M"].load_cpu, "met" if made["1M"].load < 10 else "MISSED"))
    if "1M" in comp and comp["1M"].load is not None:
        c = comp["1M"]
        rep.append("target at 1M, compiled load: %.2f s (%.2f s CPU; target < 1 s: %s), peak RSS %d MB (target < 500 MB: %s)"
                   % (c.load, c.load_cpu, "met" if c.load < 1 else "MISSED", c.load_rss // 1024,
                      "met" if c.load_rss < 500 * 1024 else "MISSED"))
        if "100k" in comp:
            ratio = c.mbs / comp["100k"].mbs
            rep.append("target at 1M, compiled: %.1f MB/s vs %.1f MB/s at 100k = %.2f (target >= 0.5: %s)"
                       % (c.mbs, comp["100k"].mbs, ratio, "met" if ratio >= 0.5 else "MISSED"))
    if pat_lines:
        rep.append("")
        rep.append("Pattern aliases (re:, %s gazetteer; half of them match the prose, a third case-insensitive):" % gazes[0]["size"])
        rep += pat_lines
    if hs_notes:
        rep.append("")
        rep.append("Hyperscan 5 (hs_compile_lit_multi, block mode, SOM left-most, all matches; counts include overlaps):")
        rep += hs_notes
    rep.append("")
    rep += mem
    rep.append("")
    rep.append(agree)
    rep.append("")
    rep.append("bench took %.0f s; inputs cached in %s" % (time.monotonic() - t_start, os.path.relpath(CACHE, ROOT)))
    text = "\n".join(rep) + "\n"
    res_path = os.path.join(CACHE, "results-%dmb.txt" % MB)
    with open(res_path, "w", encoding="utf-8") as f:
        f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
