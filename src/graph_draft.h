/*
 * The graph under construction (internal): what ng_graph_build collects
 * from the counter before igraph and the columns exist, and the filter
 * passes that cut it down.  Passes live in their own files (graph.c,
 * graph_filters.c); the pass table in graph.c says in which order they run.
 */
#ifndef NG_GRAPH_DRAFT_H
#define NG_GRAPH_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nergraph.h"

typedef struct draft_edge {
    size_t u, v; /* indices into draft nodes, u < v */
    size_t weight, documents;
} draft_edge_t;

typedef struct draft {
    const ng_gazetteer_t *gz;
    const ng_cooc_t *cooc;
    const ng_graph_options_t *opts;
    uint32_t *nodes; /* entities, sorted by id */
    size_t node_count;
    draft_edge_t *edges; /* sorted by (u, v) */
    size_t edge_count;
    char *filters; /* "types=person; top=5", what the passes applied; NULL: nothing */
    ng_error_t *err; /* a pass that fails fills it and sets status; the rest are skipped */
    int status;
} draft_t;

/* Drop the nodes with keep[i] false and every edge that touches one;
 * renumbering keeps both lists sorted. */
void draft_keep_nodes(draft_t *d, const bool *keep);

/* Append one item to d->filters, "; " between items. */
void draft_note(draft_t *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The filter passes of graph_filters.c (see ng_graph_build for the order). */
void pass_exclude_ids(draft_t *d);
void pass_ego(draft_t *d);
void pass_top(draft_t *d);

#endif
