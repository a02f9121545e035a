/*
 * JSON export in networkx's node-link layout.  Every column and graph
 * attribute is written, in its order, so the layout below never names a
 * column: integers as numbers, floats as exact numbers (null when not
 * finite: JSON has no nan), strings as strings; an absent string is left
 * out, as a node without that gazetteer attribute has no key for it.  An
 * edge cell with a JSON form (ng_graph_set_edge_json) is written as that.
 *
 * The edges are written twice, as "links" and as "edges": networkx up to
 * 3.5 reads "links" by default and 3.6 on reads "edges", so the plain
 * node_link_graph(data) loads the file whichever networkx reads it (2.8,
 * in Debian 12, knows no keyword to choose).
 */
#include "nergraph.h"

#include <string.h>

#include "export_util.h"
#include "json.h"
#include "util.h"

static void write_member(FILE *out, const char *sep, const char *name, const ng_value_t *v)
{
    if (ng_value_absent(v))
        return;
    fputs(sep, out);
    ng_json_cstring(out, name);
    fputs(": ", out);
    char num[32];
    switch (v->type) {
    case NG_COLUMN_INT: fprintf(out, "%lld", (long long)v->i); break;
    case NG_COLUMN_FLOAT:
        if (!ng_format_float(num, sizeof num, v->f))
            fputs("null", out);
        else /* 2.0, not 2: a float column reads back as floats */
            fprintf(out, "%s%s", num, strpbrk(num, ".e") ? "" : ".0");
        break;
    case NG_COLUMN_STRING: ng_json_cstring(out, v->s); break;
    }
}

static void write_graph_attributes(FILE *out, const ng_graph_t *g)
{
    fputs("  \"graph\": {", out);
    const char *sep = "";
    for (size_t i = 0; i < ng_graph_attr_count(g); i++) {
        ng_value_t x = ng_attr_value(g, i);
        write_member(out, sep, ng_graph_attr_name(g, i), &x);
        if (!ng_value_absent(&x))
            sep = ", ";
    }
    fputs("},\n", out);
}

static void write_nodes(FILE *out, const ng_graph_t *g)
{
    fputs("  \"nodes\": [", out);
    size_t n = ng_graph_node_count(g), cols = ng_graph_node_column_count(g);
    for (size_t v = 0; v < n; v++) {
        fputs(v ? ",\n    {\"id\": " : "\n    {\"id\": ", out);
        ng_json_cstring(out, ng_graph_node_id(g, v));
        for (size_t c = 0; c < cols; c++) {
            ng_value_t x = ng_node_value(g, c, v);
            write_member(out, ", ", ng_graph_node_column_name(g, c), &x);
        }
        putc('}', out);
    }
    fputs(n ? "\n  ],\n" : "],\n", out);
}

/* The edges as the member called key; last: the object's end. */
static void write_edges(FILE *out, const ng_graph_t *g, const char *key, bool last)
{
    fprintf(out, "  \"%s\": [", key);
    size_t m = ng_graph_edge_count(g), cols = ng_graph_edge_column_count(g);
    for (size_t i = 0; i < m; i++) {
        size_t u, v;
        ng_graph_edge_nodes(g, i, &u, &v);
        fputs(i ? ",\n    {\"source\": " : "\n    {\"source\": ", out);
        ng_json_cstring(out, ng_graph_node_id(g, u));
        fputs(", \"target\": ", out);
        ng_json_cstring(out, ng_graph_node_id(g, v));
        for (size_t c = 0; c < cols; c++) {
            /* A cell with a JSON form (evidence snippets) keeps its structure. */
            const char *json = ng_graph_edge_json(g, c, i);
            if (json) {
                fputs(", ", out);
                ng_json_cstring(out, ng_graph_edge_column_name(g, c));
                fprintf(out, ": %s", json);
                continue;
            }
            ng_value_t x = ng_edge_value(g, c, i);
            write_member(out, ", ", ng_graph_edge_column_name(g, c), &x);
        }
        putc('}', out);
    }
    fputs(m ? "\n  ]" : "]", out);
    fputs(last ? "\n}\n" : ",\n", out);
}

int ng_export_json(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                   ng_error_t *err)
{
    (void)o; /* JSON can hold any value: nothing to warn about */
    fputs("{\n  \"directed\": false,\n  \"multigraph\": false,\n", out);
    write_graph_attributes(out, g);
    write_nodes(out, g);
    write_edges(out, g, "links", false);
    write_edges(out, g, "edges", true);
    if (ferror(out))
        return ng_fail(err, NG_EIO, "write failed");
    return NG_OK;
}
