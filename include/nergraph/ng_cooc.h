/*
 * Co-occurrence counting: a pipeline sink (ng_pipeline.h) that counts, for
 * one kind of window, what graphs and association measures are made of.
 *
 * Weight of an edge = number of windows in which both entities occur, each
 * window counted once per pair.  For tokens:N every mention anchors a
 * window, and the weight is the number of mention pairs whose first tokens
 * are at most N tokens apart.  Besides the pairs the counter keeps the
 * number of windows read (with or without mentions), of windows per entity,
 * mentions and documents per entity and per pair: enough to compute Dice,
 * Jaccard or PMI afterwards.  An entity never links to itself.  Memory
 * grows with the number of distinct entities and pairs, never with the size
 * of the corpus.
 *
 * Counters merge: two counters over the same gazetteer and window that
 * counted different documents add up to the counter of all of them, in any
 * order (the merge is associative and commutative), which is what parallel
 * and partial runs build on.
 */
#ifndef NG_COOC_H
#define NG_COOC_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stddef.h>
#include <stdint.h>

#include "ng_pipeline.h"
#include "ng_window.h"

struct ng_error;

/* Counts for entity_count entities and window w (copied).  Owned by the
 * caller; free with ng_cooc_free (NULL is fine). */
ng_cooc_t *ng_cooc_new(size_t entity_count, const ng_window_t *w);
void ng_cooc_free(ng_cooc_t *c);

/* The counter as a sink, to add to a pipeline of the same window.  c is
 * borrowed by the sink and must outlive the pipeline. */
ng_sink_t ng_cooc_sink(ng_cooc_t *c);

/*
 * Add one document's mentions (in text order) directly, without a
 * pipeline.  keys[i] is the window of mention i (sentence or paragraph
 * index; anything for document windows) or, for token windows, the token
 * index of its first token.  window_count is the number of windows of the
 * counter's kind the document has (for tokens:N it is ignored: each
 * mention is one).
 */
void ng_cooc_add_document(ng_cooc_t *c, const uint32_t *entities, const size_t *keys,
                          size_t n, size_t window_count);

/*
 * Add everything `from` counted to `into`.  NG_EUSAGE (nothing changed)
 * when the two count different windows or a different number of entities.
 * `from` is not modified.
 */
int ng_cooc_merge(ng_cooc_t *into, const ng_cooc_t *from, struct ng_error *err);

const ng_window_t *ng_cooc_window(const ng_cooc_t *c);
size_t ng_cooc_entity_count(const ng_cooc_t *c);
size_t ng_cooc_document_count(const ng_cooc_t *c);
/* Windows read, with or without mentions (for tokens:N, mentions). */
size_t ng_cooc_window_count(const ng_cooc_t *c);
size_t ng_cooc_mentions(const ng_cooc_t *c, uint32_t entity);
size_t ng_cooc_documents(const ng_cooc_t *c, uint32_t entity);
/* Windows in which the entity occurs (for tokens:N, its mentions). */
size_t ng_cooc_windows(const ng_cooc_t *c, uint32_t entity);
size_t ng_cooc_edge_count(const ng_cooc_t *c);
/* Edge i (0 <= i < edge_count, in no particular order): a < b. */
void ng_cooc_edge(const ng_cooc_t *c, size_t i, uint32_t *a, uint32_t *b, size_t *weight,
                  size_t *documents);

#pragma GCC visibility pop
#endif
