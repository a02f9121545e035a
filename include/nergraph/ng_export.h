/*
 * Writers for the graph and the mentions.  Each writes to a FILE* it does
 * not own and reports NG_EIO when a write fails (the caller decides what
 * to do with the half-written stream; the CLI writes to a temporary file
 * and renames it only on success).  Output is deterministic: sorted ids,
 * fixed number formatting, no timestamps.
 */
#ifndef NG_EXPORT_H
#define NG_EXPORT_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stdio.h>

#include "ng_cooc.h"
#include "ng_graph.h"

struct ng_error;

/* Facts about the run that go into the graph's own attributes. */
typedef struct ng_graph_info {
    const char *window;    /* e.g. "sentence", "tokens:5" */
    size_t documents;      /* documents read */
} ng_graph_info_t;

/*
 * Graphviz DOT through cgraph: an undirected graph; node name = entity id,
 * with label, type, mentions, documents and the gazetteer attributes (which
 * may override the styling: a gazetteer "color=red" wins); shape and fill
 * colour by type; edges with weight, documents and a penwidth from 1 to 5
 * growing with log(weight).
 */
int ng_export_dot(FILE *out, const ng_graph_t *g, const ng_graph_info_t *info,
                  struct ng_error *err);

/* networkx node-link JSON (networkx.node_link_graph loads it). */
int ng_export_json(FILE *out, const ng_graph_t *g, const ng_graph_info_t *info,
                   struct ng_error *err);

/*
 * One mention as a JSON Lines record:
 * {"doc","sentence","paragraph","start","end","text","id","type"} plus
 * "candidates" (all entity ids the span could name) when it was ambiguous.
 * Returns 0, or -1 when the write failed.
 */
int ng_export_mention(FILE *out, const ng_gazetteer_t *gz, const ng_mention_place_t *place,
                      const ng_mention_t *m);

#pragma GCC visibility pop
#endif
