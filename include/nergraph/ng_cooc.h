/*
 * Co-occurrence counting and the document pipeline that feeds it.
 *
 * Windows: a sentence, a paragraph, a whole document, or "tokens:N" (two
 * mentions at most N tokens apart).  Weight of an edge = number of windows
 * in which both entities occur, each window counted once per pair; for
 * tokens:N, the number of mention pairs at most N tokens apart.  Each node
 * and edge also counts the documents it occurs in.  An entity never links
 * to itself.  Memory grows with the number of distinct entities and pairs,
 * never with the size of the corpus.
 */
#ifndef NG_COOC_H
#define NG_COOC_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stddef.h>
#include <stdint.h>

#include "ng_tagger.h"

struct ng_error;

typedef enum ng_window_kind {
    NG_WINDOW_SENTENCE,
    NG_WINDOW_PARAGRAPH,
    NG_WINDOW_DOCUMENT,
    NG_WINDOW_TOKENS
} ng_window_kind;

typedef struct ng_window {
    ng_window_kind kind;
    size_t tokens; /* N, for NG_WINDOW_TOKENS */
} ng_window_t;

/* Parse "sentence", "paragraph", "document" or "tokens:N" (N >= 1).
 * NG_EUSAGE with a message on anything else. */
int ng_window_parse(const char *spec, ng_window_t *out, struct ng_error *err);
/* The canonical spelling of w ("tokens:5"), into buf of size n. */
void ng_window_format(const ng_window_t *w, char *buf, size_t n);

typedef struct ng_cooc ng_cooc_t;

/* Counts for entity_count entities; free with ng_cooc_free. */
ng_cooc_t *ng_cooc_new(size_t entity_count);
void ng_cooc_free(ng_cooc_t *c);

/*
 * Add one document's mentions (in text order).  keys[i] is the window of
 * mention i (sentence or paragraph index; anything constant for document
 * windows) or, for token windows, the token index of its first token.
 */
void ng_cooc_add_document(ng_cooc_t *c, const ng_window_t *w, const uint32_t *entities,
                          const size_t *keys, size_t n);

size_t ng_cooc_entity_count(const ng_cooc_t *c);
size_t ng_cooc_mentions(const ng_cooc_t *c, uint32_t entity);
size_t ng_cooc_documents(const ng_cooc_t *c, uint32_t entity);
size_t ng_cooc_edge_count(const ng_cooc_t *c);
/* Edge i (0 <= i < edge_count, in no particular order): a < b. */
void ng_cooc_edge(const ng_cooc_t *c, size_t i, uint32_t *a, uint32_t *b, size_t *weight,
                  size_t *documents);

/* ---- the pipeline: text -> mentions -> windows -> counts ---------------- */

typedef struct ng_pipeline ng_pipeline_t;

/* Where a mention sits, handed to the mention sink. */
typedef struct ng_mention_place {
    const char *doc;     /* document name */
    const char *text;    /* the document's bytes (for slicing) */
    size_t sentence;     /* 0-based index of its sentence in the document */
    size_t paragraph;    /* 0-based index of its paragraph */
} ng_mention_place_t;

/* Called for each mention in text order; a non-zero return stops the run
 * with NG_EIO (the sink could not write). */
typedef int (*ng_mention_sink_fn)(void *ctx, const ng_mention_place_t *place,
                                  const ng_mention_t *m);

/* A pipeline over tagger t (borrowed).  Free with ng_pipeline_free. */
ng_pipeline_t *ng_pipeline_new(const ng_tagger_t *t, const ng_window_t *w);
void ng_pipeline_free(ng_pipeline_t *p);

/* How far into a document a NUL byte marks it as binary. */
#define NG_BINARY_PROBE 8192

/*
 * Tag, segment and count one document.  Empty documents and invalid UTF-8
 * are reported through ng_warn (invalid bytes act as separators); a
 * document with a NUL byte in its first NG_BINARY_PROBE bytes is reported
 * as binary and skipped (not counted).  sink may be NULL.  Returns NG_OK, the scanner's error, or NG_EIO if the sink
 * failed.
 */
int ng_pipeline_add_document(ng_pipeline_t *p, const char *name, const char *text,
                             size_t len, ng_mention_sink_fn sink, void *sink_ctx,
                             struct ng_error *err);

/* The counts so far (borrowed; valid until ng_pipeline_free). */
const ng_cooc_t *ng_pipeline_cooc(const ng_pipeline_t *p);
size_t ng_pipeline_document_count(const ng_pipeline_t *p);

#pragma GCC visibility pop
#endif
