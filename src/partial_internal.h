/*
 * What partial.c needs from the counter (cooc.c) and the evidence
 * collector (evidence.c) to write them into a partial file and read them
 * back: their contents one by one, and a way to add contents read from a
 * file.  Internal: the library's public view of both stays in ng_cooc.h
 * and ng_evidence.h.
 */
#ifndef NG_PARTIAL_INTERNAL_H
#define NG_PARTIAL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "nergraph.h"

/* The seed of a partial's checksum (ng_stable_hash of the body); tests
 * and the fuzz target frame bodies of their own with it. */
#define NG_PARTIAL_CHECKSUM_SEED 0x6e6770617274ULL /* "ngpart" */

/* ---- counts (cooc.c) ---- */

/* Add to the totals, to one entity's counts (e < entity count), to the
 * pair a < b (created when new; a != b, both < entity count). */
void ng_cooc_add_totals(ng_cooc_t *c, size_t documents, size_t windows);
void ng_cooc_add_entity(ng_cooc_t *c, uint32_t e, size_t mentions, size_t documents,
                        size_t windows);
void ng_cooc_add_pair(ng_cooc_t *c, uint32_t a, uint32_t b, size_t weight, size_t documents);

/* ---- evidence (evidence.c) ---- */

/* One snippet, borrowed from the collector (or, offered, copied by it). */
typedef struct ng_snippet_view {
    const char *doc;
    size_t start, end;    /* quoted range */
    size_t first, second; /* offsets of the two mentions, first <= second */
    const char *text, *text_a, *text_b;
} ng_snippet_view_t;

const ng_window_t *ng_evidence_window(const ng_evidence_t *ev);
size_t ng_evidence_entity_count(const ng_evidence_t *ev);
/* Pairs, in no particular order; each has 1..per_edge snippets. */
size_t ng_evidence_pair_count(const ng_evidence_t *ev);
void ng_evidence_pair_at(const ng_evidence_t *ev, size_t i, uint32_t *a, uint32_t *b,
                         size_t *count);
/* Snippet k of pair i, in the collector's order (ng_evidence.h). */
void ng_evidence_snippet_at(const ng_evidence_t *ev, size_t i, size_t k, ng_snippet_view_t *out);
/* Compare two snippets in the collector's order: <0, 0 (same), >0; and
 * whether they are of one group (document and range). */
int ng_snippet_compare(const ng_snippet_view_t *x, const ng_snippet_view_t *y, int *same_group);
/* Offer a snippet for the pair a < b (a != b, both < entity count): kept
 * (copied) when the sink would keep it. */
void ng_evidence_offer(ng_evidence_t *ev, uint32_t a, uint32_t b, const ng_snippet_view_t *s);

#endif
