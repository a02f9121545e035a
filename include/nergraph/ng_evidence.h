/*
 * Evidence: why two entities are linked.  A pipeline sink that keeps, for
 * each pair of entities, up to N snippets from windows in which both
 * occur, and then writes them into a graph as the edge column "evidence".
 *
 * Which N: the first in the order of document name (bytewise), then the
 * quoted range (start, end), one snippet per document name and range;
 * among snippets of one name and range, the one whose mentions come first,
 * then the smallest texts.  The order does not depend on the order the
 * documents were read in, so collectors that read different documents
 * (threads, processes, machines) merge (ng_evidence_merge) into exactly
 * what one collector reading all of them keeps.  For a directory read in
 * sorted order this is the reading order.
 *
 * A snippet is the document's name, the byte range [start, end) of the
 * text it quotes and that text trimmed to NG_EVIDENCE_TEXT_MAX bytes, plus
 * the two entities' surface forms (the mention texts).  The range is the
 * window for sentence windows; for wider windows it runs from the sentence
 * of the pair's first mention to the sentence of its second (the first
 * mention of each entity in the window; for tokens:N, the mention pair
 * counted).  Text longer than the limit is cut at UTF-8 boundaries around
 * the names, an ellipsis (U+2026) marking each cut; invalid UTF-8 becomes
 * U+FFFD and a NUL byte a space, so every text is valid UTF-8.
 *
 * Memory stays bounded whatever the corpus: N snippets per pair, each at
 * most a few times NG_EVIDENCE_TEXT_MAX bytes, and the sentence ranges of
 * the document being read.
 */
#ifndef NG_EVIDENCE_H
#define NG_EVIDENCE_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stddef.h>
#include <stdint.h>

#include "ng_graph.h"
#include "ng_pipeline.h"
#include "ng_window.h"

struct ng_error;

/* Longest quoted text, in bytes, before the ellipses. */
#define NG_EVIDENCE_TEXT_MAX 300

typedef struct ng_evidence ng_evidence_t;

/* Up to per_edge (>= 1) snippets per pair of the entity_count entities of
 * a gazetteer, for window w (copied): the window of the pipeline the sink
 * joins.  Owned by the caller; free with ng_evidence_free (NULL is fine). */
ng_evidence_t *ng_evidence_new(size_t per_edge, size_t entity_count, const ng_window_t *w);
void ng_evidence_free(ng_evidence_t *ev);

/* The collector as a sink for a pipeline of the same window; ev is
 * borrowed by the sink and must outlive the pipeline. */
ng_sink_t ng_evidence_sink(ng_evidence_t *ev);

/*
 * Add the snippets `from` kept to `into`, which then keeps what one
 * collector reading both collectors' documents would have kept.  The merge
 * is associative and commutative.  NG_EUSAGE (nothing changed) when the
 * two have different windows or entity counts, or `from` keeps fewer
 * snippets per pair than `into` (it may have dropped some that `into`
 * would keep).  `from` is not modified.
 */
int ng_evidence_merge(ng_evidence_t *into, const ng_evidence_t *from, struct ng_error *err);

/* Snippets kept per pair at most (per_edge of ng_evidence_new). */
size_t ng_evidence_per_edge(const ng_evidence_t *ev);

/* Snippets kept for entities a and b (either order). */
size_t ng_evidence_count(const ng_evidence_t *ev, uint32_t a, uint32_t b);

/*
 * Add the string edge column "evidence" to g: one line per snippet,
 * "DOC:START-END: TEXT" with TEXT's white space runs made one space,
 * lines joined by "\n"; and, as the cells' JSON form
 * (ng_graph_set_edge_json), the list
 * [{"doc", "start", "end", "text", "source_text", "target_text"}, ...]
 * where source is the edge's first node.  An edge without snippets has
 * neither.  NG_EUSAGE when g already has a column of that name.
 */
int ng_evidence_add_column(const ng_evidence_t *ev, ng_graph_t *g, struct ng_error *err);

#pragma GCC visibility pop
#endif
