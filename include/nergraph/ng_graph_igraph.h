/*
 * The igraph view of an ng_graph_t, for analyses written against igraph.
 * Kept out of nergraph.h so that only a user who asks for it compiles
 * against igraph's headers.
 */
#ifndef NG_GRAPH_IGRAPH_H
#define NG_GRAPH_IGRAPH_H

#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <igraph.h>

#include "ng_graph.h"

/* The igraph graph itself (borrowed, valid until ng_graph_free): undirected,
 * vertex ids = node indices, edge ids = edge indices of ng_graph.h. */
const igraph_t *ng_graph_igraph(const ng_graph_t *g);

#pragma GCC visibility pop
#endif
