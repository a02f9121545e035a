/*
 * nergraph: a gazetteer-driven entity tagger and co-occurrence graph builder.
 *
 * This umbrella header pulls in the whole public API.  The pipeline reads
 * left to right, one header per stage:
 *
 *   ng_gazetteer.h  load name lists (TSV) into entities and aliases
 *   ng_gazetteer_check.h
 *                   check a gazetteer's rows; count what it holds
 *   ng_segment.h    sentence, paragraph and title-line boundaries, tokens
 *   ng_tagger.h     normalize text, match aliases, resolve mentions
 *   ng_window.h     what counts as together: sentence, paragraph, ...
 *   ng_pipeline.h   documents in, window events out to sinks
 *   ng_cooc.h       the counting sink: entities that share a window
 *   ng_graph.h      build the graph (typed columns) and filter it
 *   ng_evidence.h   supporting snippets per edge, collected as a sink
 *   ng_export.h     the registry of output formats and their writers
 *   ng_input.h      documents from a stream: text or JSON Lines, gzipped
 *                   or not
 *   ng_partial.h    partial results: counts and evidence in a file that
 *                   other runs merge (ng_gazetteer_fingerprint.h names
 *                   the gazetteers they were made with)
 *
 * ng_graph_igraph.h (not included here) gives the igraph view of a graph.
 *
 * Ownership, for the whole API: an object returned by ng_X_new() is owned by
 * the caller and released with ng_X_free(), which accepts NULL.  Pointers
 * returned by accessors (names, ids, attribute strings) are borrowed: they
 * stay valid until the object they came from is freed, and must not be freed
 * by the caller.  Text passed in is never modified or retained past the call
 * unless the function says so.
 *
 * Threads: a loaded gazetteer and a compiled tagger are read-only and may
 * be shared; give each thread its own scanner or pipeline.  There is no
 * process-wide state: warnings go to each object's diagnostics callback
 * (below), and ng_graph_build sets igraph's error handler only for the
 * duration of its own igraph calls, putting the caller's back.  igraph
 * itself, as Debian builds it, keeps per-process state (its cleanup stack,
 * its random generator): build graphs (ng_graph_build, ng_graph_analyze,
 * ng_graph_free) in one thread at a time; tagging and counting in parallel
 * pipelines is safe.
 *
 * Errors: functions that can fail on bad input or I/O return an ng_status
 * and, when given a non-NULL ng_error_t, fill it with a one-line message
 * that names the file (and line) and says what to do.  Running out of memory
 * is not an error that callers handle: the library prints a message and
 * aborts, like redis' zmalloc.
 */
#ifndef NERGRAPH_H
#define NERGRAPH_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stddef.h>

#define NG_VERSION "0.1.0"

typedef enum ng_status {
    NG_OK = 0,
    NG_EDATA = 1,     /* malformed input data: gazetteer row, pattern, text */
    NG_EIO = 2,       /* a file could not be read or written */
    NG_EUSAGE = 3,    /* a caller passed a bad option value */
    NG_EINTERNAL = 4  /* a library we depend on failed unexpectedly */
} ng_status;

typedef struct ng_error {
    ng_status status;
    char message[1024];
} ng_error_t;

/*
 * Warnings are things the run survives (an ignored empty alias, invalid
 * UTF-8 treated as a separator).  They are handed to the diagnostics
 * callback (ng_diag_fn, ng_gazetteer.h) of the object that met them:
 * ng_gazetteer_set_diagnostics, ng_pipeline_set_diagnostics,
 * ng_scanner_set_diagnostics, ng_export_options_t.  No callback means
 * stderr, prefixed "nergraph: warning: ".  There is no process-wide state.
 */

#include "ng_gazetteer.h"
#include "ng_gazetteer_check.h"
#include "ng_segment.h"
#include "ng_tagger.h"
#include "ng_discover.h"
#include "ng_window.h"
#include "ng_pipeline.h"
#include "ng_cooc.h"
#include "ng_graph.h"
#include "ng_evidence.h"
#include "ng_analyze.h"
#include "ng_export.h"
#include "ng_input.h"
#include "ng_gazetteer_fingerprint.h"
#include "ng_partial.h"

#pragma GCC visibility pop
#endif
