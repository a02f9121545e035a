/*
 * The diagram as a cgraph graph, shared by the DOT writer (which writes it
 * with agwrite) and the renderers (which lay it out and render it with
 * gvc): one place decides what the picture holds.
 */
#ifndef NG_DIAGRAM_H
#define NG_DIAGRAM_H

#include <graphviz/cgraph.h>

#include "nergraph.h"

/* cgraph's API takes char * for strings it only reads. */
#define NG_S(x) ((char *)(x))

/* The graph g as a styled cgraph graph (export_dot.c): every column and
 * attribute, then the styling.  On NG_OK *out is the graph, which the
 * caller closes with agclose; else *out is NULL and err says why (NG_EUSAGE
 * for options that do not fit g, NG_EINTERNAL). */
int ng_diagram_build(const ng_graph_t *g, const ng_export_options_t *o, Agraph_t **out,
                     ng_error_t *err);

/* Style dg, built from g with nodes[v] and edges[e] in g's order
 * (diagram.c): graph attributes (layout, title and legend, overlap),
 * node shape, colours and size, edge width and colour, tooltips.  Called
 * before the columns are set, so that a column of the same name wins.
 * NG_OK, or NG_EUSAGE with err set. */
int ng_diagram_style(Agraph_t *dg, Agnode_t **nodes, Agedge_t **edges, const ng_graph_t *g,
                     const ng_export_options_t *o, ng_error_t *err);

/* Warn through o->diag (stderr when o or o->diag is NULL). */
void ng_diagram_warn(const ng_export_options_t *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
