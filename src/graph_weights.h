/*
 * Association measures and the disparity filter (internal): the arithmetic
 * behind --weight and --backbone, on plain numbers and arrays, so that
 * graph.c's passes stay short and the unit tests can check each figure.
 */
#ifndef NG_GRAPH_WEIGHTS_H
#define NG_GRAPH_WEIGHTS_H

#include <stdbool.h>
#include <stddef.h>

#include "nergraph.h"

/* Measure m of a pair sharing c windows, of entities in a and b windows,
 * out of n windows read (see ng_weight_t).  Needs 1 <= c <= a, b <= n. */
double ng_association(ng_weight_t m, size_t c, size_t a, size_t b, size_t n);

/* One edge of a weighted graph, for the disparity filter. */
typedef struct ng_weighted_edge {
    size_t u, v;   /* node indices */
    double weight; /* > 0 */
} ng_weighted_edge_t;

/*
 * The disparity filter (Serrano, Boguna, Vespignani, PNAS 2009) over the
 * m edges of a graph of node_count nodes: at a node of strength s (the sum
 * of its edges' weights) and degree k > 1, an edge of weight w has
 * alpha = (1 - w/s)^(k-1); at a node of degree 1 alpha is 1 (the null model
 * gives a lone edge all of the node's strength, so it says nothing there).
 * keep[i] is set to whether edge i has alpha < alpha_max at either end.
 */
void ng_disparity_filter(const ng_weighted_edge_t *edges, size_t m, size_t node_count,
                         double alpha_max, bool *keep);

/* The alpha of an edge of weight w at a node of strength s and degree k. */
double ng_disparity_alpha(double w, double s, size_t k);

#endif
