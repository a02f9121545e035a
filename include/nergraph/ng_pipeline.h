/*
 * The document pipeline: the hub every output plugs into.
 *
 * For each document the pipeline segments the text (sentences, paragraphs,
 * title lines), tags it with the scanner (the capitalisation rules read the
 * segmenter's sentence starts), and then pushes events, in this order, to
 * every sink added with ng_pipeline_add_sink:
 *
 *   begin_document
 *   window (SENTENCE 0) ... window (SENTENCE k)   each paragraph's sentences,
 *   window (PARAGRAPH p)                          then the paragraph itself
 *   ...
 *   window (DOCUMENT 0)                           the whole document
 *   end_document
 *
 * Every window is reported, including those without mentions: association
 * measures need the number of windows, not only the ones with names.  A
 * sentence or paragraph never ends inside a mention.
 *
 * Sinks are how outputs attach: the co-occurrence counter (ng_cooc_sink),
 * the mentions writer (ng_mentions_sink), the evidence collector
 * (ng_evidence_sink).  A
 * sink callback returns NG_OK to go on; anything else stops the run, and
 * ng_pipeline_add_document returns that status with the sink's own message
 * in err, so a sink that cannot write is not mistaken for bad input.
 *
 * Ownership: the pipeline borrows its tagger and its sinks' contexts; both
 * must outlive it.  Everything an event points to (document text, mentions,
 * token arrays) is borrowed for the duration of the callback only.
 */
#ifndef NG_PIPELINE_H
#define NG_PIPELINE_H

#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stdbool.h>
#include <stddef.h>

#include "ng_tagger.h"
#include "ng_window.h"

struct ng_error;

typedef struct ng_pipeline ng_pipeline_t;
typedef struct ng_cooc ng_cooc_t;

/* One document, as sinks see it. */
typedef struct ng_document {
    const char *name;   /* as given to ng_pipeline_add_document */
    const char *text;   /* its bytes, for slicing */
    size_t len;
    size_t index;       /* 0-based among the documents counted by this pipeline */
    /* Its language, an ISO 639 code ("de"), when the tagger classified it
     * (ng_scanner_language: only documents where a name of some languages
     * only hit are); NULL otherwise.  Valid for the event. */
    const char *lang;
} ng_document_t;

/* One window of a document. */
typedef struct ng_window_event {
    ng_window_kind kind;     /* NG_WINDOW_SENTENCE, _PARAGRAPH or _DOCUMENT */
    size_t index;            /* 0-based among windows of this kind in the document */
    size_t start, end;       /* byte range in the document, end exclusive */
    size_t paragraph;        /* index of the paragraph the window lies in */
    const ng_mention_t *mentions; /* mentions inside the window, text order */
    size_t mention_count;
    /* Document windows of a pipeline whose window is tokens:N: the token
     * index of each mention's first token (ascending); NULL otherwise. */
    const size_t *tokens;
} ng_window_event_t;

/* A sink: callbacks (any may be NULL) and their context.  `windows` is a
 * mask of NG_SINK_WANTS(kind) bits; window events of other kinds are not
 * delivered.  Callbacks return NG_OK or a status with err filled. */
#define NG_SINK_WANTS(kind) (1u << (kind))
typedef struct ng_sink {
    void *ctx;
    unsigned windows;
    int (*begin_document)(void *ctx, const ng_document_t *doc, struct ng_error *err);
    int (*window)(void *ctx, const ng_document_t *doc, const ng_window_event_t *w,
                  struct ng_error *err);
    int (*end_document)(void *ctx, const ng_document_t *doc, struct ng_error *err);
} ng_sink_t;

/*
 * A pipeline over tagger t (borrowed) for window w.  It owns a
 * co-occurrence counter for w, always its first sink (ng_pipeline_cooc).
 * Free with ng_pipeline_free.
 */
ng_pipeline_t *ng_pipeline_new(const ng_tagger_t *t, const ng_window_t *w);
void ng_pipeline_free(ng_pipeline_t *p);

/* Add a sink (copied; its ctx is borrowed).  Sinks see events in the order
 * they were added, after the built-in counter. */
void ng_pipeline_add_sink(ng_pipeline_t *p, const ng_sink_t *sink);

/* Warnings about documents (binary, invalid UTF-8, empty, a pattern
 * stopped by its match limit) go to fn; NULL restores the default, stderr
 * prefixed "nergraph: warning: ".  ctx is borrowed. */
void ng_pipeline_set_diagnostics(ng_pipeline_t *p, ng_diag_fn fn, void *ctx);

/* Binary or text is decided on the first NG_BINARY_PROBE bytes: more
 * than NG_BINARY_PERCENT percent of NUL or control bytes (other than
 * white space and ESC), or more than three times that share of invalid
 * UTF-8, makes a document binary. */
#define NG_BINARY_PROBE 8192
#define NG_BINARY_PERCENT 10

/* Is this a document the pipeline skips as binary (by the rule above, or
 * UTF-16 text with a byte order mark)?  text is borrowed for the call. */
bool ng_document_is_binary(const char *text, size_t len);

/*
 * Documents in parallel: `jobs` worker threads (1 to 256; the default is 1,
 * the caller's thread alone) segment and tag documents, each with its own
 * scanner, while the caller's thread emits every event to the sinks
 * strictly in document order.  Sinks therefore need no locking, and every
 * output, warnings included, is the same as with one job.  Set it before
 * the first document; returns NG_EUSAGE (err filled) for a count out of
 * range or when documents were already added.  The tagger is shared by the
 * workers (it is read-only).  With jobs > 1:
 *  - ng_pipeline_add_document copies the document (the caller's buffer is
 *    borrowed for the call only, as always) and returns before it is
 *    tagged; a document larger than 16 MiB is not copied but tagged on the
 *    caller's thread while the workers finish the ones before it;
 *  - at most 4 documents per job and 64 MiB of copied text are in flight:
 *    a call waits for the oldest to finish when that is full;
 *  - events, warnings and errors of a document come during a later
 *    ng_pipeline_add_document or ng_pipeline_finish call, in document
 *    order; a sink that stops the run stops it for every later call;
 *  - ng_pipeline_document_count and the counter are complete only after
 *    ng_pipeline_finish.
 */
int ng_pipeline_set_jobs(ng_pipeline_t *p, unsigned jobs, struct ng_error *err);
unsigned ng_pipeline_jobs(const ng_pipeline_t *p);

/*
 * Wait for every document in flight and emit it (jobs > 1; with one job
 * there is never one in flight and this returns NG_OK at once).  Returns
 * NG_OK, NG_EDATA for a document the matcher cannot address, or the status
 * a sink stopped the run with, its message in err.  Call it after the last
 * document, before reading the counter.
 */
int ng_pipeline_finish(ng_pipeline_t *p, struct ng_error *err);

/*
 * Segment, tag and emit one document (with jobs > 1, see above: queue it,
 * and emit the documents before it that are done).  A binary document (see
 * NG_BINARY_PROBE) or UTF-16 text (a UTF-16 byte order mark) is reported
 * and skipped (no events, not counted); stray NUL bytes in text are read
 * as separators, with a warning.  Returns NG_OK; NG_EDATA for a document
 * the matcher cannot
 * address (> 4 GiB; the run may go on with the next); or the status a sink
 * stopped the run with, its message in err.  `name` and `text` are
 * borrowed for the call only.
 */
int ng_pipeline_add_document(ng_pipeline_t *p, const char *name, const char *text,
                             size_t len, struct ng_error *err);

/* The built-in counter (borrowed; valid until ng_pipeline_free). */
const ng_cooc_t *ng_pipeline_cooc(const ng_pipeline_t *p);
size_t ng_pipeline_document_count(const ng_pipeline_t *p);

#pragma GCC visibility pop
#endif
