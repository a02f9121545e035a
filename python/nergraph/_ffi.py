"""The subset of libnergraph's public API the package calls, opened in cffi
ABI mode (no compiler at install time).  The declarations copy
include/nergraph/*.h; structs passed by value or filled in place must keep
the headers' layout exactly."""
import ctypes.util
import os

import cffi

CDEF = """
typedef struct _IO_FILE FILE;
FILE *open_memstream(char **ptr, size_t *sizeloc);
int fclose(FILE *stream);
void free(void *ptr);

typedef enum { NG_OK = 0, NG_EDATA = 1, NG_EIO = 2, NG_EUSAGE = 3, NG_EINTERNAL = 4 } ng_status;
typedef struct ng_error { ng_status status; char message[1024]; } ng_error_t;
typedef void (*ng_diag_fn)(void *ctx, const char *message);

typedef struct ng_gazetteer ng_gazetteer_t;
ng_gazetteer_t *ng_gazetteer_new(void);
void ng_gazetteer_free(ng_gazetteer_t *gz);
int ng_gazetteer_load_path(ng_gazetteer_t *gz, const char *path, ng_error_t *err);
int ng_gazetteer_load_words(ng_gazetteer_t *gz, const char *path, ng_error_t *err);
void ng_gazetteer_clear_words(ng_gazetteer_t *gz);
int ng_gazetteer_load_given_names(ng_gazetteer_t *gz, const char *path, ng_error_t *err);
void ng_gazetteer_clear_given_names(ng_gazetteer_t *gz);
bool ng_gazetteer_is_compiled(const ng_gazetteer_t *gz);
void ng_gazetteer_set_diagnostics(ng_gazetteer_t *gz, ng_diag_fn fn, void *ctx);
size_t ng_gazetteer_entity_count(const ng_gazetteer_t *gz);
const char *ng_gazetteer_entity_type(const ng_gazetteer_t *gz, uint32_t e);
size_t ng_gazetteer_word_count(const ng_gazetteer_t *gz);

typedef struct ng_tagger ng_tagger_t;
typedef struct ng_tagger_options { bool auto_aliases; uint32_t match_limit; bool count_credits; } ng_tagger_options_t;
void ng_tagger_options_init(ng_tagger_options_t *opts);
ng_tagger_t *ng_tagger_new(const ng_gazetteer_t *gz, const ng_tagger_options_t *opts,
                           ng_error_t *err);
void ng_tagger_free(ng_tagger_t *t);

typedef enum { NG_WINDOW_SENTENCE, NG_WINDOW_PARAGRAPH, NG_WINDOW_DOCUMENT,
               NG_WINDOW_TOKENS } ng_window_kind;
typedef struct ng_window { ng_window_kind kind; size_t tokens; } ng_window_t;
int ng_window_parse(const char *spec, ng_window_t *out, ng_error_t *err);

typedef struct ng_pipeline ng_pipeline_t;
typedef struct ng_cooc ng_cooc_t;
typedef struct ng_document ng_document_t;
typedef struct ng_window_event ng_window_event_t;
typedef struct ng_sink {
    void *ctx;
    unsigned windows;
    int (*begin_document)(void *ctx, const ng_document_t *doc, ng_error_t *err);
    int (*window)(void *ctx, const ng_document_t *doc, const ng_window_event_t *w,
                  ng_error_t *err);
    int (*end_document)(void *ctx, const ng_document_t *doc, ng_error_t *err);
} ng_sink_t;
ng_pipeline_t *ng_pipeline_new(const ng_tagger_t *t, const ng_window_t *w);
void ng_pipeline_free(ng_pipeline_t *p);
void ng_pipeline_add_sink(ng_pipeline_t *p, const ng_sink_t *sink);
void ng_pipeline_set_diagnostics(ng_pipeline_t *p, ng_diag_fn fn, void *ctx);
int ng_pipeline_add_document(ng_pipeline_t *p, const char *name, const char *text,
                             size_t len, ng_error_t *err);
const ng_cooc_t *ng_pipeline_cooc(const ng_pipeline_t *p);

typedef enum { NG_WEIGHT_COUNT, NG_WEIGHT_DICE, NG_WEIGHT_JACCARD, NG_WEIGHT_PMI,
               NG_WEIGHT_NPMI } ng_weight_t;
int ng_weight_parse(const char *name, ng_weight_t *out, ng_error_t *err);
typedef struct ng_graph_options {
    ng_weight_t weight;
    double min_weight;
    double backbone;
    bool no_isolates;
    const char *const *types;
    size_t type_count;
    const char *const *exclude_ids;
    size_t exclude_id_count;
    const char *ego;
    size_t ego_depth;
    size_t top;
    const char *top_by;
} ng_graph_options_t;
void ng_graph_options_init(ng_graph_options_t *o);
int ng_graph_options_check(const ng_gazetteer_t *gz, const ng_graph_options_t *o,
                           ng_error_t *err);
int ng_graph_check_weights(const ng_graph_options_t *o, const ng_window_t *w,
                           ng_error_t *err);
typedef struct ng_graph ng_graph_t;
ng_graph_t *ng_graph_build(const ng_gazetteer_t *gz, const ng_cooc_t *c,
                           const ng_graph_options_t *o, ng_error_t *err);
void ng_graph_free(ng_graph_t *g);

typedef struct ng_analyze_options ng_analyze_options_t;
int ng_graph_analyze(ng_graph_t *g, const ng_analyze_options_t *o, ng_error_t *err);

typedef struct ng_evidence ng_evidence_t;
ng_evidence_t *ng_evidence_new(size_t per_edge, size_t entity_count, const ng_window_t *w);
void ng_evidence_free(ng_evidence_t *ev);
ng_sink_t ng_evidence_sink(ng_evidence_t *ev);
int ng_evidence_add_column(const ng_evidence_t *ev, ng_graph_t *g, ng_error_t *err);

typedef struct ng_export_options {
    ng_diag_fn diag;
    void *diag_ctx;
    const char *layout;
    const char *color_by;
    const char *size_by;
} ng_export_options_t;
void ng_export_options_init(ng_export_options_t *o);
int ng_export_json(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                   ng_error_t *err);

typedef struct ng_mentions_writer ng_mentions_writer_t;
ng_mentions_writer_t *ng_mentions_writer_new(FILE *out, const ng_gazetteer_t *gz,
                                             const char *const *types, size_t type_count);
void ng_mentions_writer_free(ng_mentions_writer_t *w);
ng_sink_t ng_mentions_writer_sink(ng_mentions_writer_t *w);
"""

SONAME = "libnergraph.so.0"


def _checkout_root():
    """The source tree this package runs from, if any: the first directory
    above the package that holds both build/<soname> and gazetteers/ (a
    checkout, or a venv made inside its build/ by `make python`)."""
    here = os.path.dirname(os.path.abspath(__file__))
    while True:
        if (os.path.exists(os.path.join(here, "build", SONAME))
                and os.path.isdir(os.path.join(here, "gazetteers"))):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def library_path():
    """Where libnergraph is: $NERGRAPH_LIB, else the checkout's build tree,
    else what the dynamic loader finds by name."""
    env = os.environ.get("NERGRAPH_LIB")
    if env:
        return env
    root = _checkout_root()
    if root:
        return os.path.join(root, "build", SONAME)
    return ctypes.util.find_library("nergraph") or SONAME


ffi = cffi.FFI()
ffi.cdef(CDEF)
lib = ffi.dlopen(library_path())
libc = ffi.dlopen(None)
