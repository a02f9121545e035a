/*
 * JSON export in networkx's node-link layout.  Every column and graph
 * attribute is written, in its order, so the layout below never names a
 * column: integers as numbers, floats as exact numbers (null when not
 * finite: JSON has no nan), strings as strings; an absent string is left
 * out, as a node without that gazetteer attribute has no key for it.  An
 * edge cell with a JSON form (ng_graph_set_edge_json) is written as that.
 */
#include "nergraph.h"

#include <string.h>

#include "json.h"
#include "util.h"

/* One value of a column or attribute, whatever its type. */
typedef struct value {
    ng_column_type type;
    int64_t i;
    double f;
    const char *s;
} value_t;

static void write_member(FILE *out, const char *sep, const char *name, const value_t *v)
{
    if (v->type == NG_COLUMN_STRING && !v->s)
        return;
    fputs(sep, out);
    ng_json_cstring(out, name);
    fputs(": ", out);
    char num[32];
    switch (v->type) {
    case NG_COLUMN_INT: fprintf(out, "%lld", (long long)v->i); break;
    case NG_COLUMN_FLOAT: fputs(ng_format_float(num, sizeof num, v->f) ? num : "null", out); break;
    case NG_COLUMN_STRING: ng_json_cstring(out, v->s); break;
    }
}

static value_t node_value(const ng_graph_t *g, size_t col, size_t v)
{
    value_t x = {ng_graph_node_column_type(g, col), 0, 0, NULL};
    x.i = ng_graph_node_int(g, col, v);
    x.f = ng_graph_node_float(g, col, v);
    x.s = ng_graph_node_string(g, col, v);
    return x;
}

static value_t edge_value(const ng_graph_t *g, size_t col, size_t e)
{
    value_t x = {ng_graph_edge_column_type(g, col), 0, 0, NULL};
    x.i = ng_graph_edge_int(g, col, e);
    x.f = ng_graph_edge_float(g, col, e);
    x.s = ng_graph_edge_string(g, col, e);
    return x;
}

static void write_graph_attributes(FILE *out, const ng_graph_t *g)
{
    fputs("  \"graph\": {", out);
    const char *sep = "";
    for (size_t i = 0; i < ng_graph_attr_count(g); i++) {
        value_t x = {ng_graph_attr_type(g, i), ng_graph_attr_int(g, i),
                     ng_graph_attr_float(g, i), ng_graph_attr_string(g, i)};
        write_member(out, sep, ng_graph_attr_name(g, i), &x);
        if (x.type != NG_COLUMN_STRING || x.s)
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
            value_t x = node_value(g, c, v);
            write_member(out, ", ", ng_graph_node_column_name(g, c), &x);
        }
        putc('}', out);
    }
    fputs(n ? "\n  ],\n" : "],\n", out);
}

static void write_links(FILE *out, const ng_graph_t *g)
{
    fputs("  \"links\": [", out);
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
            value_t x = edge_value(g, c, i);
            write_member(out, ", ", ng_graph_edge_column_name(g, c), &x);
        }
        putc('}', out);
    }
    fputs(m ? "\n  ]\n}\n" : "]\n}\n", out);
}

int ng_export_json(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                   ng_error_t *err)
{
    (void)o; /* JSON can hold any value: nothing to warn about */
    fputs("{\n  \"directed\": false,\n  \"multigraph\": false,\n", out);
    write_graph_attributes(out, g);
    write_nodes(out, g);
    write_links(out, g);
    if (ferror(out))
        return ng_fail(err, NG_EIO, "write failed");
    return NG_OK;
}
