/*
 * Graph analytics: centralities, connected components and communities,
 * added to a graph as node columns (so every exporter writes them) and a
 * graph attribute.  Computed with igraph; every figure is deterministic
 * (same graph, same bytes).
 *
 * Edge weights are read from the "weight" edge column (int or float) as
 * strengths: a heavier edge is a closer tie.  Every weight must be
 * positive and finite.
 *
 * Node columns added (or overwritten, when they exist with the same type):
 *   degree          int    edges at the node
 *   weighted_degree float  sum of the weights of those edges (strength)
 *   pagerank        float  weighted PageRank, damping 0.85 (PRPACK); a
 *                          node without edges jumps uniformly; sums to 1
 *   betweenness     float  shortest paths with length 1/weight; the share
 *                          of all shortest paths between other pairs of
 *                          nodes that pass through the node, normalised by
 *                          2/((n-1)(n-2)) as networkx does for undirected
 *                          graphs (0 when n < 3)
 *   eigenvector     float  weighted eigenvector centrality, scaled so the
 *                          maximum is 1.  Computed per connected component;
 *                          only the component(s) with the largest leading
 *                          eigenvalue keep their values, the others are 0
 *                          (the whole graph's leading eigenvector, made
 *                          unique when components tie); 0 without edges
 *   component       int    connected component, numbered 0, 1, ... in the
 *                          order of each component's first node (nodes are
 *                          sorted by id)
 *   community       int    Leiden communities (modularity objective,
 *                          resolution 1, weighted), numbered the same way
 * Graph attribute "modularity" (float): the weighted modularity of the
 * community partition (absent for a graph without edges, where it is not
 * defined; every node is then its own community).
 */
#ifndef NG_ANALYZE_H
#define NG_ANALYZE_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stdint.h>

#include "ng_graph.h"

struct ng_error;

typedef struct ng_analyze_options {
    uint64_t seed;     /* seed of the private RNG Leiden runs on (default 1) */
} ng_analyze_options_t;

void ng_analyze_options_init(ng_analyze_options_t *o);

/*
 * Add the columns above to g (o may be NULL: defaults).  igraph's error
 * and warning handlers and its default RNG are replaced only during the
 * calls and restored before returning.  NG_OK; NG_EUSAGE if an edge
 * weight is not positive (or a column of one of these names exists with
 * another type); NG_EINTERNAL if igraph fails.  On error g may hold some
 * of the columns.
 */
int ng_graph_analyze(ng_graph_t *g, const ng_analyze_options_t *o, struct ng_error *err);

#pragma GCC visibility pop
#endif
