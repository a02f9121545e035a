/*
 * Centralities over a plain edge list (internal): the measures of
 * ng_analyze.h, for callers that have no ng_graph_t yet (the --top pass
 * ranks the draft by one of them).
 */
#ifndef NG_ANALYZE_INTERNAL_H
#define NG_ANALYZE_INTERNAL_H

#include <stddef.h>

#include "nergraph.h"

typedef enum ng_measure {
    NG_MEASURE_DEGREE,
    NG_MEASURE_WEIGHTED_DEGREE,
    NG_MEASURE_PAGERANK,
    NG_MEASURE_BETWEENNESS,
    NG_MEASURE_EIGENVECTOR
} ng_measure_t;

/* The measure called name ("pagerank"), or -1. */
int ng_measure_find(const char *name);

/*
 * One measure for each of n nodes of the graph with m edges ends[2i] --
 * ends[2i+1] of positive weights[i], into out[0..n-1] (caller's).  igraph's
 * handlers are scoped as in ng_graph_analyze.  NG_OK or NG_EINTERNAL.
 */
int ng_measure_compute(ng_measure_t which, size_t n, size_t m, const size_t *ends,
                       const double *weights, double *out, ng_error_t *err);

#endif
