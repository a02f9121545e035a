"""The runs themselves: the same calls, in the same order, as the
command-line tool (src/main.c), so that the results are the tool's."""
import json
import os
import sys
import threading
import warnings

import networkx

from ._ffi import _checkout_root, ffi, lib, libc, library_path

class Error(Exception):
    """A library error: its message as the library wrote it (gazetteer
    errors name file:line), and its status (1 bad data, 2 I/O, 3 a bad
    option value, 4 internal)."""

    def __init__(self, message, status=1):
        super().__init__(message)
        self.message = message
        self.status = status


class NergraphWarning(UserWarning):
    """Something the run survived (invalid UTF-8 read as a separator, an
    empty alias skipped)."""


def _raise(err):
    raise Error(ffi.string(err.message).decode("utf-8", "replace"), int(err.status))


class _Diagnostics:
    """A diagnostics callback that turns the library's warnings into Python
    warnings.  The callback runs inside a C call, where an exception cannot
    pass through: one raised by warnings.warn (say under -W error) is kept
    and raised by check() once the C call has returned."""

    def __init__(self):
        self.pending = None
        self.callback = ffi.callback("void(void *, const char *)", self._warn)

    def _warn(self, ctx, message):
        if self.pending is not None:
            return
        try:
            warnings.warn(ffi.string(message).decode("utf-8", "replace"),
                          NergraphWarning, stacklevel=3)
        except BaseException as exc:  # noqa: B902 - re-raised by check()
            self.pending = exc

    def check(self):
        if self.pending is not None:
            exc, self.pending = self.pending, None
            raise exc


def default_gazetteer_dir():
    """The bundled gazetteers, found as the tool finds them:
    $NERGRAPH_GAZETTEERS, else the checkout's gazetteers/, else
    share/nergraph/gazetteers beside the library's lib/, under
    sys.prefix, /usr/local and /usr."""
    env = os.environ.get("NERGRAPH_GAZETTEERS")
    if env:
        return env
    places = []
    root = _checkout_root()
    if root:
        places.append(os.path.join(root, "gazetteers"))
    libdir = os.path.dirname(os.path.abspath(library_path()))
    places.append(os.path.join(os.path.dirname(libdir), "share", "nergraph", "gazetteers"))
    for prefix in (sys.prefix, "/usr/local", "/usr"):
        places.append(os.path.join(prefix, "share", "nergraph", "gazetteers"))
    for place in places:
        if os.path.isdir(place):
            return place
    raise Error("cannot find the bundled gazetteers (NERGRAPH_GAZETTEERS is not set; "
                "looked for %s); pass Gazetteer(paths) or set NERGRAPH_GAZETTEERS=DIR"
                % ", ".join(places))


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, (str, bytes, os.PathLike)):
        return [value]
    return list(value)


class Gazetteer:
    """Gazetteers loaded once: files and directories of *.tsv (default: the
    bundled ones), the common-word list, by default english-words.txt
    beside the *.tsv files of each directory (words="none" for none, or a
    path), and the given-name list, by default given-names.txt of each
    directory, else the bundled one (given_names="none" for none, or a
    path), as the command line's --words and --given-names.  Read-only once
    built: share one across threads and runs."""

    def __init__(self, paths=None, words=None, given_names=None):
        self._ptr = ffi.NULL
        self.paths = [os.fspath(p) for p in _as_list(paths)] or [default_gazetteer_dir()]
        diag = _Diagnostics()
        gz = ffi.gc(lib.ng_gazetteer_new(), lib.ng_gazetteer_free)
        lib.ng_gazetteer_set_diagnostics(gz, diag.callback, ffi.NULL)
        err = ffi.new("ng_error_t *")
        try:
            for path in self.paths:
                if lib.ng_gazetteer_load_path(gz, os.fsencode(path), err):
                    _raise(err)
                diag.check()
            if words is not None:
                # In place of a compiled gazetteer's stored list too, as
                # the command line's --words.
                lib.ng_gazetteer_clear_words(gz)
            for path in self._word_lists(words):
                if lib.ng_gazetteer_load_words(gz, os.fsencode(path), err):
                    _raise(err)
            if given_names is not None:
                lib.ng_gazetteer_clear_given_names(gz)
            for path in self._given_name_lists(given_names, lib.ng_gazetteer_is_compiled(gz)):
                if lib.ng_gazetteer_load_given_names(gz, os.fsencode(path), err):
                    _raise(err)
        finally:
            # Later loads never happen: no callback outlives this call.
            lib.ng_gazetteer_set_diagnostics(gz, ffi.NULL, ffi.NULL)
        diag.check()
        self._ptr = gz
        self._taggers = {}
        self._lock = threading.Lock()
        count = lib.ng_gazetteer_entity_count(gz)
        self.types = sorted({ffi.string(lib.ng_gazetteer_entity_type(gz, e)).decode()
                             for e in range(count)} - {"ignore"})
        self.entity_count = count

    def _word_lists(self, words):
        if words is not None:
            return [] if words in ("none", False) else [os.fspath(w) for w in _as_list(words)]
        lists = []
        for path in self.paths:
            candidate = os.path.join(path, "english-words.txt")
            if os.path.isdir(path) and os.path.exists(candidate):
                lists.append(candidate)
        return lists

    def _given_name_lists(self, given_names, compiled):
        if given_names is not None:
            if given_names in ("none", False):
                return []
            return [os.fspath(g) for g in _as_list(given_names)]
        lists = []
        for path in self.paths:
            candidate = os.path.join(path, "given-names.txt")
            if os.path.isdir(path) and os.path.exists(candidate):
                lists.append(candidate)
        if not lists and not compiled:
            # The list is about languages, not a gazetteer's entities; a
            # compiled gazetteer keeps the one it was compiled with.
            candidate = os.path.join(default_gazetteer_dir(), "given-names.txt")
            if os.path.exists(candidate):
                lists.append(candidate)
        return lists

    def _tagger(self, auto_aliases):
        """The compiled tagger for these options, compiled once and shared
        (read-only) by every run over this gazetteer."""
        with self._lock:
            tagger = self._taggers.get(auto_aliases)
            if tagger is None:
                opts = ffi.new("ng_tagger_options_t *")
                lib.ng_tagger_options_init(opts)
                opts.auto_aliases = bool(auto_aliases)
                err = ffi.new("ng_error_t *")
                raw = lib.ng_tagger_new(self._ptr, opts, err)
                if raw == ffi.NULL:
                    _raise(err)
                tagger = ffi.gc(raw, lib.ng_tagger_free)
                self._taggers[auto_aliases] = tagger
            return tagger

    def check_types(self, types):
        """Raise Error, as --types does, for a type no entity has."""
        for want in types:
            if want in self.types:
                continue
            loaded = ", ".join(self.types) or "(none)"
            if want == "ignore":
                msg = ("types: 'ignore' rows mark phrases that are not names and never "
                       "become mentions; the loaded types are: %s" % loaded)
            else:
                msg = ("types: no entity in the gazetteers has type '%s'; the loaded "
                       "types are: %s" % (want, loaded))
            raise Error(msg, 3)

    def __del__(self):
        # The taggers borrow the gazetteer: freed first, whatever order
        # the collector would pick.
        for tagger in getattr(self, "_taggers", {}).values():
            ffi.release(tagger)
        if getattr(self, "_ptr", ffi.NULL) != ffi.NULL:
            ffi.release(self._ptr)

    def __repr__(self):
        return "<nergraph.Gazetteer %d entities from %s>" % (self.entity_count,
                                                            ", ".join(self.paths))


_default = None
_default_lock = threading.Lock()

# igraph keeps process-wide state (its error "finally" stack, its default
# RNG) that Debian's build does not make thread-local: two threads inside
# igraph at once corrupt it (igraph aborts: "Corrupt finally stack") or
# draw from each other's RNG (different Leiden communities).  The calls
# that reach igraph, building, analysing and freeing a graph, therefore
# take turns; the tagging, where the time goes, runs in parallel.
# (Reentrant: the collector may free an old graph while a thread holds it.)
_igraph_lock = threading.RLock()


def _gazetteer(gazetteer):
    global _default
    if isinstance(gazetteer, Gazetteer):
        return gazetteer
    if gazetteer is not None:
        return Gazetteer(gazetteer)
    with _default_lock:
        if _default is None:
            _default = Gazetteer()
        return _default


def _documents(paths, texts, names):
    """(name, bytes) for each input: files by their path as given, texts
    as "<text I>" unless names are given."""
    docs = []
    for path in _as_list(paths):
        name = os.fspath(path)
        try:
            with open(name, "rb") as f:
                docs.append((name, f.read()))
        except OSError as exc:
            raise Error("%s: cannot read: %s" % (name, exc.strerror or exc), 2) from exc
    texts = _as_list(texts)
    names = _as_list(names)
    if names and len(names) != len(texts):
        raise Error("names: %d names for %d texts" % (len(names), len(texts)), 3)
    for i, text in enumerate(texts):
        data = text if isinstance(text, bytes) else str(text).encode("utf-8", "surrogateescape")
        docs.append((names[i] if names else "<text %d>" % i, data))
    return docs


class _MemFile:
    """A FILE * the library writes into memory (open_memstream)."""

    def __init__(self):
        self.buf = ffi.new("char **")
        self.size = ffi.new("size_t *")
        self.fp = libc.open_memstream(self.buf, self.size)
        if self.fp == ffi.NULL:
            raise MemoryError("open_memstream failed")

    def close(self):
        """The bytes written; the stream is closed and its buffer freed."""
        if self.fp == ffi.NULL:
            return b""
        libc.fclose(self.fp)
        self.fp = ffi.NULL
        data = ffi.unpack(self.buf[0], self.size[0])
        libc.free(self.buf[0])
        return data


def _strings(values, keep):
    """A const char *const * array of values, kept alive by keep."""
    cstrs = [ffi.new("char[]", v.encode()) for v in values]
    keep.extend(cstrs)
    arr = ffi.new("const char *[]", cstrs or [ffi.NULL])
    keep.append(arr)
    return arr, len(cstrs)


def _run(docs, gz, auto_aliases, window_spec, diag, sinks, check=None):
    """Tag docs through a pipeline of their own with the sinks made by
    sinks(window); returns the pipeline (freed by the caller's gc) and
    what sinks returned."""
    err = ffi.new("ng_error_t *")
    window = ffi.new("ng_window_t *")
    if lib.ng_window_parse(window_spec.encode(), window, err):
        _raise(err)
    if check:
        check(window)
    tagger = gz._tagger(auto_aliases)
    pipeline = ffi.gc(lib.ng_pipeline_new(tagger, window), lib.ng_pipeline_free)
    lib.ng_pipeline_set_diagnostics(pipeline, diag.callback, ffi.NULL)
    made = sinks(window, pipeline)
    for name, data in docs:
        if lib.ng_pipeline_add_document(pipeline, os.fsencode(name), data, len(data), err):
            _raise(err)
        diag.check()
    return pipeline, made


def _free_graph(g):
    with _igraph_lock:
        lib.ng_graph_free(g)


def graph_json(paths=None, texts=None, *, window="sentence", weight="count", min_weight=None,
               types=None, no_isolates=False, analyze=False, evidence=0, top=None,
               top_by=None, exclude_ids=None, ego=None, depth=1, backbone=None,
               gazetteer=None, auto_aliases=True, names=None):
    """The graph as `nergraph -f json` writes it (str), for the same inputs
    and options; see graph()."""
    gz = _gazetteer(gazetteer)
    types = _as_list(types)
    gz.check_types(types)
    keep = []
    err = ffi.new("ng_error_t *")
    opts = ffi.new("ng_graph_options_t *")
    lib.ng_graph_options_init(opts)
    wp = ffi.new("ng_weight_t *")
    if lib.ng_weight_parse(weight.encode(), wp, err):
        _raise(err)
    opts.weight = wp[0]
    if min_weight is not None:
        opts.min_weight = float(min_weight)
    if backbone is not None:
        opts.backbone = float(backbone)
    opts.no_isolates = bool(no_isolates)
    if types:
        opts.types, opts.type_count = _strings(types, keep)
    excluded = _as_list(exclude_ids)
    if excluded:
        opts.exclude_ids, opts.exclude_id_count = _strings(excluded, keep)
    if ego is not None:
        keep.append(ffi.new("char[]", ego.encode()))
        opts.ego = keep[-1]
        opts.ego_depth = int(depth)
    if top is not None:
        if int(top) < 1:
            raise Error("top: %r: give a number of nodes, 1 or more" % (top,), 3)
        opts.top = int(top)
    if top_by is not None:
        keep.append(ffi.new("char[]", top_by.encode()))
        opts.top_by = keep[-1]
    if not 0 <= evidence <= 1000:
        raise Error("evidence: %r: give a number of snippets from 0 to 1000" % (evidence,), 3)
    if lib.ng_graph_options_check(gz._ptr, opts, err):
        _raise(err)

    def check_weights(w):
        if lib.ng_graph_check_weights(opts, w, err):
            _raise(err)

    def add_sinks(w, pipeline):
        if not evidence:
            return None
        ev = ffi.gc(lib.ng_evidence_new(evidence, gz.entity_count, w), lib.ng_evidence_free)
        sink = ffi.new("ng_sink_t *", lib.ng_evidence_sink(ev))
        lib.ng_pipeline_add_sink(pipeline, sink)
        return ev

    diag = _Diagnostics()
    docs = _documents(paths, texts, names)
    pipeline, ev = _run(docs, gz, auto_aliases, window, diag, add_sinks, check_weights)
    with _igraph_lock:
        g = lib.ng_graph_build(gz._ptr, lib.ng_pipeline_cooc(pipeline), opts, err)
        if g == ffi.NULL:
            _raise(err)
        g = ffi.gc(g, _free_graph)
        status = ev is not None and lib.ng_evidence_add_column(ev, g, err)
        status = status or (analyze and lib.ng_graph_analyze(g, ffi.NULL, err))
    if status:
        _raise(err)
    export = ffi.new("ng_export_options_t *")
    lib.ng_export_options_init(export)
    export.diag = diag.callback
    out = _MemFile()
    try:
        status = lib.ng_export_json(out.fp, g, export, err)
    finally:
        data = out.close()
    if status:
        _raise(err)
    diag.check()
    # Freed here, not whenever the collector runs: a loop of runs keeps
    # nothing alive.
    ffi.release(g)
    ffi.release(pipeline)
    if ev is not None:
        ffi.release(ev)
    return data.decode("utf-8")


def graph(paths=None, texts=None, *, window="sentence", weight="count", min_weight=None,
          types=None, no_isolates=False, analyze=False, evidence=0, top=None, top_by=None,
          exclude_ids=None, ego=None, depth=1, backbone=None, gazetteer=None,
          auto_aliases=True, names=None):
    """The co-occurrence graph of the files `paths` and the strings (or
    bytes) `texts`, as a networkx.Graph equal to what `nergraph -f json`
    gives with the same options: window ("sentence", "paragraph",
    "document", "tokens:N"), weight ("count", "dice", "jaccard", "pmi",
    "npmi"), min_weight, backbone, types, exclude_ids, ego and depth, top
    and top_by, no_isolates, analyze (centralities, components,
    communities), evidence (snippets per edge: the edge attribute
    "evidence", a list of dicts), auto_aliases.  gazetteer: a Gazetteer, or
    paths to load one from; default the bundled gazetteers.  Texts are
    named "<text I>" (their index) unless names gives their names."""
    data = json.loads(graph_json(paths, texts, window=window, weight=weight,
                                 min_weight=min_weight, types=types, no_isolates=no_isolates,
                                 analyze=analyze, evidence=evidence, top=top, top_by=top_by,
                                 exclude_ids=exclude_ids, ego=ego, depth=depth,
                                 backbone=backbone, gazetteer=gazetteer,
                                 auto_aliases=auto_aliases, names=names))
    data.pop("edges", None)  # the same links again, for networkx >= 3.6
    return networkx.node_link_graph(data)


def mentions(text_or_texts=None, *, paths=None, types=None, gazetteer=None,
             auto_aliases=True, names=None):
    """The mentions in one text, a list of texts, or the files `paths`
    (read first), as the records `nergraph -f mentions` writes: dicts with
    doc, sentence, paragraph, start, end, text, id, type, sentence_start,
    sentence_end (byte offsets into the UTF-8 text), and candidates when
    the span was ambiguous."""
    gz = _gazetteer(gazetteer)
    types = _as_list(types)
    gz.check_types(types)
    docs = _documents(paths, _as_list(text_or_texts), names)
    keep = []
    out = _MemFile()
    writer = None
    try:
        def add_sinks(w, pipeline):
            nonlocal writer
            arr, count = _strings(types, keep) if types else (ffi.NULL, 0)
            writer = lib.ng_mentions_writer_new(out.fp, gz._ptr, arr, count)
            sink = ffi.new("ng_sink_t *", lib.ng_mentions_writer_sink(writer))
            lib.ng_pipeline_add_sink(pipeline, sink)

        diag = _Diagnostics()
        pipeline, _ = _run(docs, gz, auto_aliases, "sentence", diag, add_sinks)
        ffi.release(pipeline)
    finally:
        lib.ng_mentions_writer_free(writer if writer is not None else ffi.NULL)
        data = out.close()
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]
