/*
 * The interaction graph: entities that were mentioned, linked by their
 * co-occurrence counts.  Every figure about a node, an edge or the graph
 * lives in the graph as a named, typed column (or graph attribute), so an
 * analysis adds a column and every exporter writes it without knowing it.
 * The structure is also held as an igraph graph for analyses; that view is
 * in ng_graph_igraph.h, so this header does not pull in igraph's headers.
 *
 * Order is deterministic: nodes are sorted by entity id (byte order),
 * edges by (source, target) node index with source < target.  The same
 * input therefore gives the same graph, node for node.
 *
 * Built-in columns, in this order (exporters write columns in column
 * order):
 *   nodes: label, type (strings), mentions, documents (ints), then one
 *          string column per gazetteer attribute key present on the kept
 *          nodes (NULL where a node lacks it);
 *   edges: weight, documents (ints).
 * Graph attributes: name ("nergraph"), window (the counter's window,
 * spelled as ng_window_format does: "sentence", "tokens:5") and documents
 * (documents counted).
 */
#ifndef NG_GRAPH_H
#define NG_GRAPH_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ng_cooc.h"
#include "ng_gazetteer.h"

struct ng_error;

typedef struct ng_graph_options {
    size_t min_weight;        /* drop edges of lower weight (default 1) */
    bool no_isolates;         /* drop nodes left without an edge */
    const char *const *types; /* keep only these entity types; NULL = all */
    size_t type_count;
    /* Structural filters (src/graph_filters.c); every string is borrowed. */
    const char *const *exclude_ids; /* drop these entities */
    size_t exclude_id_count;
    const char *ego;   /* keep this entity and the nodes within ego_depth hops; NULL = all */
    size_t ego_depth;  /* hops from ego (default 1) */
    size_t top;        /* keep the top strongest nodes; 0 = all */
    /* What "strongest" means for top: a count of the counter ("mentions",
     * the default when NULL, "documents", "windows") or a centrality
     * computed on the graph as it stands when the cut is made ("degree",
     * "weighted_degree", "pagerank", "betweenness", "eigenvector"; see
     * ng_analyze.h for their definitions).  Ties go to the smaller id. */
    const char *top_by;
} ng_graph_options_t;

void ng_graph_options_init(ng_graph_options_t *o);

/*
 * Check o against gz before reading any text: every exclude id and the
 * ego must be an entity of gz, the ego must not be excluded (by
 * exclude_ids, or by types), top_by must name a measure above.  NG_OK,
 * else NG_EUSAGE with err saying which value is wrong.  ng_graph_build
 * calls it too.
 */
int ng_graph_options_check(const ng_gazetteer_t *gz, const ng_graph_options_t *o,
                           struct ng_error *err);

typedef struct ng_graph ng_graph_t;

typedef enum ng_column_type {
    NG_COLUMN_INT,    /* int64_t */
    NG_COLUMN_FLOAT,  /* double */
    NG_COLUMN_STRING  /* NUL-terminated UTF-8, or NULL: absent */
} ng_column_type;

/*
 * Build the graph from counts c over gazetteer gz (both borrowed; gz must
 * outlive the graph, c need not).  Filters run as passes, in this order:
 * types (a dropped node takes its edges along), exclude_ids, min_weight,
 * ego (nodes within ego_depth hops over the edges left), top, then
 * no_isolates, so a node whose only edges went to a dropped type is an
 * isolate.  The graph attribute "filters" (string) says what was applied,
 * e.g. "types=person,country; min-weight=2; top=50 by pagerank"; absent
 * when nothing was.  NULL with err filled: NG_EUSAGE when o fails
 * ng_graph_options_check, NG_EINTERNAL if igraph fails.  igraph's
 * error handler is replaced only during the igraph calls and restored
 * before returning.  Free with ng_graph_free.
 */
ng_graph_t *ng_graph_build(const ng_gazetteer_t *gz, const ng_cooc_t *c,
                           const ng_graph_options_t *o, struct ng_error *err);
void ng_graph_free(ng_graph_t *g);

const ng_gazetteer_t *ng_graph_gazetteer(const ng_graph_t *g);
size_t ng_graph_node_count(const ng_graph_t *g);
uint32_t ng_graph_node_entity(const ng_graph_t *g, size_t v);
/* The node's key: its entity id (borrowed from the gazetteer). */
const char *ng_graph_node_id(const ng_graph_t *g, size_t v);
/* Shorthands for the built-in "mentions" and "documents" columns. */
size_t ng_graph_node_mentions(const ng_graph_t *g, size_t v);
size_t ng_graph_node_documents(const ng_graph_t *g, size_t v);
size_t ng_graph_edge_count(const ng_graph_t *g);
/* Edge i: node indices u < v. */
void ng_graph_edge_nodes(const ng_graph_t *g, size_t i, size_t *u, size_t *v);
/* Edge i: nodes u < v and the built-in weight and documents columns. */
void ng_graph_edge(const ng_graph_t *g, size_t i, size_t *u, size_t *v, size_t *weight,
                   size_t *documents);

/* ---- columns --------------------------------------------------------------
 *
 * A column holds one value per node (or edge); a new column starts at 0,
 * 0.0 or NULL.  Column indices are stable (columns are never removed).
 * Strings given to setters are copied; strings returned are borrowed from
 * the graph (valid until the value is set again or the graph is freed).
 * Getters on a column of another type, or out of range, return 0, 0.0 or
 * NULL; setters then return NG_EUSAGE and change nothing.  The name and
 * type of a column out of range are NULL and NG_COLUMN_INT.
 */

/* Add a column; its index, or -1 if a column of that name exists or the
 * name is the row's key in the writers ("id" for nodes; "source" and
 * "target" for edges). */
int64_t ng_graph_add_node_column(ng_graph_t *g, const char *name, ng_column_type type);
size_t ng_graph_node_column_count(const ng_graph_t *g);
const char *ng_graph_node_column_name(const ng_graph_t *g, size_t col);
ng_column_type ng_graph_node_column_type(const ng_graph_t *g, size_t col);
/* Index of the column called name, or -1. */
int64_t ng_graph_node_column_find(const ng_graph_t *g, const char *name);
int64_t ng_graph_node_int(const ng_graph_t *g, size_t col, size_t v);
double ng_graph_node_float(const ng_graph_t *g, size_t col, size_t v);
const char *ng_graph_node_string(const ng_graph_t *g, size_t col, size_t v);
int ng_graph_set_node_int(ng_graph_t *g, size_t col, size_t v, int64_t value);
int ng_graph_set_node_float(ng_graph_t *g, size_t col, size_t v, double value);
int ng_graph_set_node_string(ng_graph_t *g, size_t col, size_t v, const char *value);

int64_t ng_graph_add_edge_column(ng_graph_t *g, const char *name, ng_column_type type);
size_t ng_graph_edge_column_count(const ng_graph_t *g);
const char *ng_graph_edge_column_name(const ng_graph_t *g, size_t col);
ng_column_type ng_graph_edge_column_type(const ng_graph_t *g, size_t col);
int64_t ng_graph_edge_column_find(const ng_graph_t *g, const char *name);
int64_t ng_graph_edge_int(const ng_graph_t *g, size_t col, size_t e);
double ng_graph_edge_float(const ng_graph_t *g, size_t col, size_t e);
const char *ng_graph_edge_string(const ng_graph_t *g, size_t col, size_t e);
int ng_graph_set_edge_int(ng_graph_t *g, size_t col, size_t e, int64_t value);
int ng_graph_set_edge_float(ng_graph_t *g, size_t col, size_t e, double value);
int ng_graph_set_edge_string(ng_graph_t *g, size_t col, size_t e, const char *value);

/* ---- graph attributes -----------------------------------------------------
 *
 * Named values about the whole graph, kept in the order first set.
 * Setting an existing name replaces its value and type in place.  A string
 * is copied; a NULL string sets the attribute to absent (exporters skip it).
 */
void ng_graph_set_attr_int(ng_graph_t *g, const char *name, int64_t value);
void ng_graph_set_attr_float(ng_graph_t *g, const char *name, double value);
void ng_graph_set_attr_string(ng_graph_t *g, const char *name, const char *value);
size_t ng_graph_attr_count(const ng_graph_t *g);
const char *ng_graph_attr_name(const ng_graph_t *g, size_t i);
ng_column_type ng_graph_attr_type(const ng_graph_t *g, size_t i);
/* Index of the attribute called name, or -1. */
int64_t ng_graph_attr_find(const ng_graph_t *g, const char *name);
int64_t ng_graph_attr_int(const ng_graph_t *g, size_t i);
double ng_graph_attr_float(const ng_graph_t *g, size_t i);
const char *ng_graph_attr_string(const ng_graph_t *g, size_t i);

#pragma GCC visibility pop
#endif
