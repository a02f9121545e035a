"""Deterministic inputs for `make bench`: real English prose from Debian
data packages, a corpus of a chosen size cycled from it (one file, 1 MB
documents, JSON Lines), and gazetteers of a chosen number of entities
(the bundled ones plus generated names).  Nothing is downloaded; every
output is cached under build/bench/ and rebuilt only when its recipe
changes (a stamp file holds the recipe)."""

import collections
import html
import json
import os
import random
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

# Bump when the way an input is made changes: every cache is rebuilt.
RECIPE_VERSION = "2"

TM_TEXTS = "/usr/lib/R/site-library/tm/texts"
LICENSES = "/usr/share/common-licenses"
AUSTEN_BOOKS = ["sensesensibility", "prideprejudice", "mansfieldpark", "emma",
                "northangerabbey", "persuasion"]
DOC_BYTES = 1 << 20


def _stamp_ok(path, recipe):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read() == recipe
    except OSError:
        return False


def _write_stamp(path, recipe):
    with open(path, "w", encoding="utf-8") as f:
        f.write(recipe)


def _write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


# ---------------------------------------------------------------- prose

def _reuters_docs():
    """(name, text) for every Reuters story tm ships: the acq and crude
    samples of Reuters-21578 (one XML file each), the reuters-21578.xml
    excerpt and the RCV1 story.  Title, dateline and body, as plain text."""
    docs = []

    def story(node):
        parts = []
        for tag in ("TITLE", "DATELINE", "BODY"):
            el = node.find(".//" + tag)
            if el is not None and el.text and el.text.strip():
                parts.append(el.text.strip())
        return "\n\n".join(parts)

    for sub in ("acq", "crude"):
        d = os.path.join(TM_TEXTS, sub)
        for name in sorted(os.listdir(d)):
            if name.endswith(".xml"):
                root = ET.parse(os.path.join(d, name)).getroot()
                text = story(root)
                if text:
                    docs.append(("reuters/%s/%s" % (sub, name), text))
    root = ET.parse(os.path.join(TM_TEXTS, "reuters-21578.xml")).getroot()
    for i, node in enumerate(root.iter("REUTERS")):
        text = story(node)
        if text:
            docs.append(("reuters/reuters-21578.xml#%d" % i, text))
    root = ET.parse(os.path.join(TM_TEXTS, "rcv1_2330.xml")).getroot()
    paras = [root.findtext("headline") or ""] + [p.text or "" for p in root.iter("p")]
    docs.append(("reuters/rcv1_2330.xml", "\n\n".join(p.strip() for p in paras if p.strip())))
    return docs


def _austen_docs(cache):
    """The six novels of janeaustenr, extracted once with Rscript (they
    live in R's lazy-load database) into CACHE/austen/BOOK.txt."""
    d = os.path.join(cache, "austen")
    stamp = os.path.join(d, "stamp")
    recipe = "janeaustenr %s %s\n" % (RECIPE_VERSION, " ".join(AUSTEN_BOOKS))
    if not _stamp_ok(stamp, recipe):
        os.makedirs(d, exist_ok=True)
        script = ("library(janeaustenr); for (b in c(%s)) { "
                  "con <- file(file.path('%s', paste0(b, '.txt')), 'wb'); "
                  "writeLines(enc2utf8(get(b)), con, useBytes = TRUE); close(con) }"
                  % (", ".join("'%s'" % b for b in AUSTEN_BOOKS), d))
        subprocess.run(["Rscript", "--vanilla", "-e", script], check=True,
                       stdout=subprocess.DEVNULL)
        _write_stamp(stamp, recipe)
    docs = []
    for b in AUSTEN_BOOKS:
        with open(os.path.join(d, b + ".txt"), encoding="utf-8") as f:
            docs.append(("austen/" + b, f.read()))
    return docs


def _license_docs():
    docs = []
    for name in sorted(os.listdir(LICENSES)):
        p = os.path.join(LICENSES, name)
        if os.path.isfile(p) and not os.path.islink(p):
            with open(p, encoding="utf-8", errors="replace") as f:
                docs.append(("licenses/" + name, f.read()))
    return docs


def _harvard_docs(cache):
    """stringr's `sentences`: the 720 Harvard sentences (IEEE 1969),
    written as one document of 72 paragraphs of ten."""
    p = os.path.join(cache, "harvard.txt")
    stamp = p + ".stamp"
    recipe = "stringr sentences %s\n" % RECIPE_VERSION
    if not _stamp_ok(stamp, recipe):
        os.makedirs(cache, exist_ok=True)
        script = ("library(stringr); con <- file('%s', 'wb'); "
                  "writeLines(enc2utf8(sentences), con, useBytes = TRUE); close(con)" % p)
        subprocess.run(["Rscript", "--vanilla", "-e", script], check=True,
                       stdout=subprocess.DEVNULL)
        _write_stamp(stamp, recipe)
    with open(p, encoding="utf-8") as f:
        lines = [l.strip() for l in f if l.strip()]
    paras = [" ".join(lines[i:i + 10]) for i in range(0, len(lines), 10)]
    return [("stringr/sentences", "\n\n".join(paras))]


def prose(cache):
    """Every source document, in a fixed order, normalised to LF line ends
    and no trailing white space; with a dict of bytes per source."""
    docs = _reuters_docs() + _austen_docs(cache) + _license_docs() + _harvard_docs(cache)
    out = []
    for name, text in docs:
        text = html.unescape(text) if name.startswith("reuters/") else text
        text = text.replace("\r\n", "\n").strip() + "\n"
        out.append((name, text))
    sizes = collections.OrderedDict()
    for name, text in out:
        src = name.split("/")[0]
        sizes[src] = sizes.get(src, 0) + len(text.encode("utf-8"))
    return out, sizes


# ---------------------------------------------------------------- corpus

def _paragraphs(docs):
    """The prose as a list of paragraphs (UTF-8 bytes), documents kept in
    order; a paragraph ends at a blank line."""
    paras = []
    for _, text in docs:
        for p in re.split(r"\n\s*\n", text):
            p = p.strip("\n")
            if p.strip():
                paras.append(p.encode("utf-8") + b"\n")
    return paras


def corpus(cache, docs, mb):
    """Build (or reuse) CACHE/corpus-MBmb/: corpus.txt (one file),
    docs/doc-NNNNN.txt (about 1 MB each, cut between paragraphs),
    corpus.jsonl (one {"id", "text"} line per document of docs/), and
    one-1mb.txt and the first min(50, MB) MB of corpus.txt as one-XXmb.txt
    for the memory checks.  The prose is cycled paragraph by paragraph
    until the corpus has MB MiB.  Returns a dict of paths and sizes."""
    d = os.path.join(cache, "corpus-%dmb" % mb)
    stamp = os.path.join(d, "stamp")
    paras = _paragraphs(docs)
    distinct = sum(len(p) + 1 for p in paras)
    recipe = "corpus %s %d paragraphs %d bytes %d MiB\n" % (RECIPE_VERSION, len(paras), distinct, mb)
    big_mb = min(50, mb)
    info = {
        "dir": d, "file": os.path.join(d, "corpus.txt"), "docs": os.path.join(d, "docs"),
        "jsonl": os.path.join(d, "corpus.jsonl"), "one_1mb": os.path.join(d, "one-1mb.txt"),
        "one_big": os.path.join(d, "one-%dmb.txt" % big_mb), "one_big_mb": big_mb,
        "distinct_bytes": distinct,
    }
    if not _stamp_ok(stamp, recipe):
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(info["docs"])
        target = mb << 20
        total = 0
        i = 0
        n = 0
        with open(info["file"] + ".tmp", "wb") as one, open(info["jsonl"] + ".tmp", "w", encoding="utf-8") as jl:
            while total < target:
                n += 1
                buf = []
                size = 0
                while size < DOC_BYTES and total + size < target:
                    p = paras[i % len(paras)]
                    i += 1
                    buf.append(p)
                    size += len(p) + 1
                data = b"\n".join(buf)
                doc_id = "doc-%05d" % n
                with open(os.path.join(info["docs"], doc_id + ".txt"), "wb") as f:
                    f.write(data)
                if total:
                    one.write(b"\n")
                one.write(data)
                jl.write(json.dumps({"id": doc_id, "text": data.decode("utf-8")}, ensure_ascii=False))
                jl.write("\n")
                total += len(data) + 1
        os.replace(info["file"] + ".tmp", info["file"])
        os.replace(info["jsonl"] + ".tmp", info["jsonl"])
        shutil.copyfile(os.path.join(info["docs"], "doc-00001.txt"), info["one_1mb"])
        _write_atomic(info["one_big"], head_lines(info["file"], big_mb << 20))
        _write_stamp(stamp, recipe)
    info["bytes"] = os.path.getsize(info["file"])
    info["doc_files"] = sorted(os.path.join(info["docs"], f) for f in os.listdir(info["docs"]))
    return info


def head_lines(path, nbytes):
    """The first NBYTES of PATH, cut back to the end of a line."""
    with open(path, "rb") as f:
        data = f.read(nbytes)
    cut = data.rfind(b"\n")
    return data[:cut + 1] if cut >= 0 else data


# ---------------------------------------------------------------- gazetteers

SIZES = {"1k": 1000, "10k": 10000, "100k": 100000, "1M": 1000000}
# Files of the bundled directory each size starts from: below the bundled
# gazetteers' own size, the countries only (their demonyms and the
# not-entities list ride along; they add aliases, not entities).
SMALL_BASE = ["countries.tsv", "demonyms.tsv", "not-entities.tsv", "english-words.txt"]
ORG_INDUSTRY = ["Mining", "Shipping", "Textiles", "Foods", "Chemicals", "Energy", "Steel",
                "Timber", "Insurance", "Freight", "Motors", "Airways", "Pharmaceuticals",
                "Electric", "Cement", "Dairy", "Grain", "Petroleum", "Software", "Paper",
                "Glass", "Rubber", "Trading", "Capital", "Securities", "Telecom", "Media",
                "Brewing", "Tobacco", "Construction"]
ORG_SUFFIX = ["Inc", "Corp", "Group", "Holdings", "Ltd", "Partners", "Company", "Trust"]
TITLES = {"Mr", "Mrs", "Miss", "Lady", "Sir", "Colonel", "Captain", "Dr", "Admiral", "Lord"}
STOP = {"The", "A", "An", "I", "It", "In", "On", "At", "Of", "And", "But", "If", "He", "She",
        "We", "They", "You", "His", "Her", "My", "This", "That", "There", "What", "When", "As",
        "For", "To", "By", "Not", "No", "So", "Yes", "Oh", "Then", "All", "Such", "Any", "Some",
        "Is", "Was", "Be", "Or", "Chapter", "CHAPTER", "Section", "Article", "Version", "License",
        "GNU", "General", "Public", "Program", "Software", "Library", "Work", "Covered"}


def _bundled_rows(bundled):
    """(file, id, type, names) for every row of the bundled .tsv files."""
    rows = []
    for name in sorted(os.listdir(bundled)):
        if not name.endswith(".tsv"):
            continue
        with open(os.path.join(bundled, name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                names = [cols[2]]
                if len(cols) > 3 and cols[3] and not cols[3].startswith("re:"):
                    names += cols[3].split("|")
                rows.append((name, cols[0], cols[1], names))
    return rows


def _name_parts(rows):
    first, last = set(), set()
    for fname, _, etype, names in rows:
        if etype != "person":
            continue
        w = names[0].split()
        if len(w) >= 2 and all(x[:1].isupper() and x.isalpha() for x in w):
            first.add(w[0])
            last.add(w[-1])
    return sorted(first), sorted(last)


def corpus_bigrams(docs, taken, k):
    """The K most frequent capitalised bigrams of the distinct prose
    ("Lady Catherine", "Wall Street"): two adjacent words of letters, each
    starting with a capital and going on in lowercase, neither a function
    word, not already a name in TAKEN; ties by the bigram's text."""
    counts = collections.Counter()
    rx = re.compile(r"(?<![\w.])([A-Z][a-z]+) ([A-Z][a-z]+)(?!\w)")
    for _, text in docs:
        for m in rx.finditer(text):
            a, b = m.group(1), m.group(2)
            if a in STOP or b in STOP:
                continue
            counts[a + " " + b] += 1
    ranked = sorted((c, n) for n, c in counts.items() if n not in taken and c >= 2)
    ranked.sort(key=lambda x: (-x[0], x[1]))
    return [n for _, n in ranked[:k]]


def gazetteer(cache, bundled, docs, size):
    """Build (or reuse) CACHE/gaz-SIZE/: a gazetteer directory of SIZE
    entities (not counting type ignore) = a bundled base + generated.tsv;
    and CACHE/gaz-SIZE.names.txt, every literal name and alias of it (i:
    prefix dropped, patterns left out), one per line, for grep, rg and
    Hyperscan.  Returns a dict."""
    n = SIZES[size]
    d = os.path.join(cache, "gaz-" + size)
    names_path = d + ".names.txt"
    rows = _bundled_rows(bundled)
    all_entities = {r[1] for r in rows if r[2] != "ignore"}
    if n >= len(all_entities):
        base = sorted(os.listdir(bundled))
        base = [b for b in base if b.endswith(".tsv") or b == "english-words.txt"]
    else:
        base = SMALL_BASE
    base_rows = [r for r in rows if r[0] in base]
    base_entities = {r[1] for r in base_rows if r[2] != "ignore"}
    recipe = "gazetteer %s %s base=%s base_entities=%d prose=%d\n" % (
        RECIPE_VERSION, size, ",".join(base), len(base_entities), sum(len(t) for _, t in docs))
    stamp = os.path.join(d, "stamp")
    info = {"dir": d, "names": names_path, "size": size, "entities": n, "base": base,
            "base_entities": len(base_entities)}
    if _stamp_ok(stamp, recipe) and os.path.exists(names_path):
        with open(os.path.join(d, "info.json"), encoding="utf-8") as f:
            info.update(json.load(f))
        return info
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    for b in base:
        shutil.copyfile(os.path.join(bundled, b), os.path.join(d, b))
    taken = set()
    for r in rows:
        taken.update(x[2:] if x.startswith("i:") else x for x in r[3])
    want = n - len(base_entities)
    k = max(1, min(2000, want // 50))
    bigrams = corpus_bigrams(docs, taken, k)
    first, last = _name_parts(rows)
    rng = random.Random(20261202 + n)
    out = ["# nergraph bench: generated entities (bench/inputs.py); do not edit.\n"]
    made = 0
    for i, b in enumerate(bigrams):
        if made >= want:
            break
        w0 = b.split()[0]
        etype = "person" if (w0 in first or w0 in TITLES) else "organization"
        out.append("bench:c%d\t%s\t%s\t\tsource=corpus-bigram\n" % (i, etype, b))
        taken.add(b)
        made += 1
    persons = (want - made) * 4 // 5
    orgs = want - made - persons
    # Sample distinct combinations by index, without materialising them all.
    pidx = rng.sample(range(len(first) * len(last)), min(persons + persons // 20 + 100, len(first) * len(last)))
    i = 0
    for x in pidx:
        if i >= persons:
            break
        g, s = first[x // len(last)], last[x % len(last)]
        name = g + " " + s
        if name in taken:
            continue
        taken.add(name)
        alias = "%s. %s" % (g[0], s) if i % 2 == 0 else ""
        out.append("bench:p%d\tperson\t%s\t%s\tsource=generated\n" % (i, name, alias))
        i += 1
    made += i
    orgs = want - made
    ospace = len(last) * len(ORG_INDUSTRY) * len(ORG_SUFFIX)
    oidx = rng.sample(range(ospace), min(orgs + orgs // 20 + 100, ospace))
    j = 0
    per = len(ORG_INDUSTRY) * len(ORG_SUFFIX)
    for x in oidx:
        if j >= orgs:
            break
        s = last[x // per]
        ind = ORG_INDUSTRY[(x % per) // len(ORG_SUFFIX)]
        suf = ORG_SUFFIX[x % len(ORG_SUFFIX)]
        name = "%s %s %s" % (s, ind, suf)
        if name in taken:
            continue
        taken.add(name)
        alias = "%s %s" % (s, ind) if j % 3 == 0 and (s + " " + ind) not in taken else ""
        if alias:
            taken.add(alias)
        out.append("bench:o%d\torganization\t%s\t%s\tsource=generated\n" % (j, name, alias))
        j += 1
    made += j
    with open(os.path.join(d, "generated.tsv"), "w", encoding="utf-8") as f:
        f.writelines(out)
    # The literal names, as every peer gets them.
    seen = set()
    lits = []
    gen_rows = _bundled_rows(d)
    for _, _, _, names in gen_rows:
        for x in names:
            x = (x[2:] if x.startswith("i:") else x).strip()
            if x and x not in seen:
                seen.add(x)
                lits.append(x)
    _write_atomic(names_path, ("\n".join(lits) + "\n").encode("utf-8"))
    extra = {"entities_made": len(base_entities) + made, "bigrams": len(bigrams),
             "literals": len(lits), "bigram_examples": bigrams[:8]}
    with open(os.path.join(d, "info.json"), "w", encoding="utf-8") as f:
        json.dump(extra, f)
    info.update(extra)
    _write_stamp(stamp, recipe)
    return info


def patterns(cache, gaz, k):
    """Build (or reuse) CACHE/gaz-SIZE-reK/: the gazetteer GAZ plus
    patterns.tsv, K regex aliases (re:) added to K of its generated
    entities (same id, so no new entity), and CACHE/gaz-SIZE-reK.txt, the
    same patterns one per line for Hyperscan.  Half of them belong to the
    corpus bigrams, so they match: "Sir Thomas" gets
    re:Sir\\s+(?:Thomas|T\\.); the others to generated people and
    organizations, so they are scanned for and mostly not found; every
    third is case-insensitive, (?i).  No \\b:
    Hyperscan refuses it with Unicode properties on, and nergraph checks
    word boundaries around every match itself."""
    d = "%s-re%d" % (gaz["dir"], k)
    txt = d + ".txt"
    stamp = os.path.join(d, "stamp")
    recipe = "patterns %s %s %d\n" % (RECIPE_VERSION, gaz["size"], k)
    if _stamp_ok(stamp, recipe) and os.path.exists(txt):
        return {"dir": d, "patterns": txt, "count": k}
    if os.path.isdir(d):
        shutil.rmtree(d)
    shutil.copytree(gaz["dir"], d)
    os.remove(os.path.join(d, "stamp"))
    rows = []
    with open(os.path.join(gaz["dir"], "generated.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                rows.append(line.rstrip("\n").split("\t"))
    hits = [r for r in rows if r[0].startswith("bench:c")]
    others = [r for r in rows if not r[0].startswith("bench:c")]
    chosen = hits[:k // 2]
    chosen += others[:k - len(chosen)]
    out, pats = [], []
    for i, r in enumerate(chosen):
        words = r[2].split()
        head = r"\s+".join(re.escape(w) for w in words[:-1])
        last = words[-1]
        pat = r"%s\s+(?:%s|%s\.)" % (head, re.escape(last), re.escape(last[0]))
        if i % 3 == 2:
            # Every third in any case: no literal first byte to skip to.
            pat = "(?i)" + pat
        out.append("%s\t%s\t%s\tre:%s\n" % (r[0], r[1], r[2], pat))
        pats.append(pat)
    with open(os.path.join(d, "patterns.tsv"), "w", encoding="utf-8") as f:
        f.write("# nergraph bench: regex aliases (bench/inputs.py); do not edit.\n")
        f.writelines(out)
    _write_atomic(txt, ("\n".join(pats) + "\n").encode("utf-8"))
    _write_stamp(stamp, recipe)
    return {"dir": d, "patterns": txt, "count": len(pats)}
