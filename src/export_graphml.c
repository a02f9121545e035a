/*
 * GraphML export, written from the graph's columns: one typed <key> per
 * graph attribute, node column and edge column (int -> long, float ->
 * double, string -> string; attr.name is the column's name, key ids g0,
 * n0, e0... by position), then the graph's own <data>, the nodes (id =
 * entity id) and the edges.  An absent string has no <data> element.
 *
 * Written by hand rather than with igraph's writer, which takes its
 * attributes from igraph's process-wide attribute table: a library must
 * not change that for its caller.  Every string goes through
 * ng_xml_escape, so the file is well-formed XML whatever the names hold.
 */
#include "nergraph.h"

#include "export_util.h"
#include "util.h"

static const char *graphml_type(ng_column_type t)
{
    switch (t) {
    case NG_COLUMN_INT: return "long";
    case NG_COLUMN_FLOAT: return "double";
    case NG_COLUMN_STRING: break;
    }
    return "string";
}

static void write_key(FILE *out, char prefix, size_t i, const char *domain, const char *name,
                      ng_column_type type)
{
    fprintf(out, "  <key id=\"%c%zu\" for=\"%s\" attr.name=\"", prefix, i, domain);
    ng_xml_escape(out, name);
    fprintf(out, "\" attr.type=\"%s\"/>\n", graphml_type(type));
}

static void write_data(FILE *out, const char *indent, char prefix, size_t i, const ng_value_t *x)
{
    if (ng_value_absent(x))
        return;
    fprintf(out, "%s<data key=\"%c%zu\">", indent, prefix, i);
    if (x->type == NG_COLUMN_STRING) {
        ng_xml_escape(out, x->s);
    } else {
        char num[32];
        fputs(ng_xml_number(num, sizeof num, x), out);
    }
    fputs("</data>\n", out);
}

static void write_keys(FILE *out, const ng_graph_t *g)
{
    for (size_t i = 0; i < ng_graph_attr_count(g); i++)
        write_key(out, 'g', i, "graph", ng_graph_attr_name(g, i), ng_graph_attr_type(g, i));
    for (size_t c = 0; c < ng_graph_node_column_count(g); c++)
        write_key(out, 'n', c, "node", ng_graph_node_column_name(g, c),
                  ng_graph_node_column_type(g, c));
    for (size_t c = 0; c < ng_graph_edge_column_count(g); c++)
        write_key(out, 'e', c, "edge", ng_graph_edge_column_name(g, c),
                  ng_graph_edge_column_type(g, c));
}

static void write_nodes(FILE *out, const ng_graph_t *g)
{
    size_t cols = ng_graph_node_column_count(g);
    for (size_t v = 0; v < ng_graph_node_count(g); v++) {
        fputs("    <node id=\"", out);
        ng_xml_escape(out, ng_graph_node_id(g, v));
        fputs("\">\n", out);
        for (size_t c = 0; c < cols; c++) {
            ng_value_t x = ng_node_value(g, c, v);
            write_data(out, "      ", 'n', c, &x);
        }
        fputs("    </node>\n", out);
    }
}

static void write_edges(FILE *out, const ng_graph_t *g)
{
    size_t cols = ng_graph_edge_column_count(g);
    for (size_t e = 0; e < ng_graph_edge_count(g); e++) {
        size_t u, v;
        ng_graph_edge_nodes(g, e, &u, &v);
        fputs("    <edge source=\"", out);
        ng_xml_escape(out, ng_graph_node_id(g, u));
        fputs("\" target=\"", out);
        ng_xml_escape(out, ng_graph_node_id(g, v));
        fputs("\">\n", out);
        for (size_t c = 0; c < cols; c++) {
            ng_value_t x = ng_edge_value(g, c, e);
            write_data(out, "      ", 'e', c, &x);
        }
        fputs("    </edge>\n", out);
    }
}

int ng_export_graphml(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                      ng_error_t *err)
{
    (void)o; /* every string can be written: nothing to warn about */
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
          "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
          "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
          out);
    write_keys(out, g);
    fputs("  <graph id=\"G\" edgedefault=\"undirected\">\n", out);
    for (size_t i = 0; i < ng_graph_attr_count(g); i++) {
        ng_value_t x = ng_attr_value(g, i);
        write_data(out, "    ", 'g', i, &x);
    }
    write_nodes(out, g);
    write_edges(out, g);
    fputs("  </graph>\n</graphml>\n", out);
    if (ferror(out))
        return ng_fail(err, NG_EIO, "write failed");
    return NG_OK;
}
