/*
 * The interaction graph: entities that were mentioned, linked by their
 * co-occurrence counts, held in an igraph graph so that analysis (degree,
 * centrality, communities) can run on it.
 *
 * Order is deterministic: vertices are sorted by entity id (byte order),
 * edges by (source id, target id) with source < target.  The same input
 * therefore gives the same graph, vertex for vertex.
 */
#ifndef NG_GRAPH_H
#define NG_GRAPH_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <igraph.h>

#include "ng_cooc.h"
#include "ng_gazetteer.h"

struct ng_error;

typedef struct ng_graph_options {
    size_t min_weight;        /* drop edges of lower weight (default 1) */
    bool no_isolates;         /* drop vertices left without an edge */
    const char *const *types; /* keep only these entity types; NULL = all */
    size_t type_count;
} ng_graph_options_t;

void ng_graph_options_init(ng_graph_options_t *o);

typedef struct ng_graph ng_graph_t;

/*
 * Build the graph from counts c over gazetteer gz (both borrowed; gz must
 * outlive the graph, c need not).  NULL with err filled if igraph fails.
 * Free with ng_graph_free.
 */
ng_graph_t *ng_graph_build(const ng_gazetteer_t *gz, const ng_cooc_t *c,
                           const ng_graph_options_t *o, struct ng_error *err);
void ng_graph_free(ng_graph_t *g);

const ng_gazetteer_t *ng_graph_gazetteer(const ng_graph_t *g);
size_t ng_graph_node_count(const ng_graph_t *g);
uint32_t ng_graph_node_entity(const ng_graph_t *g, size_t v);
size_t ng_graph_node_mentions(const ng_graph_t *g, size_t v);
size_t ng_graph_node_documents(const ng_graph_t *g, size_t v);
size_t ng_graph_edge_count(const ng_graph_t *g);
/* Edge i: vertices u < v (in sorted-id order), weight and documents. */
void ng_graph_edge(const ng_graph_t *g, size_t i, size_t *u, size_t *v, size_t *weight,
                   size_t *documents);
/* The igraph graph itself (borrowed): vertex and edge ids as above. */
const igraph_t *ng_graph_igraph(const ng_graph_t *g);

/* Route igraph's errors into return codes instead of its default abort.
 * Called by ng_graph_build; idempotent. */
void ng_graph_install_igraph_handlers(void);

#pragma GCC visibility pop
#endif
