/*
 * GEXF 1.2 export (namespace http://www.gexf.net/1.2draft), for Gephi and
 * networkx: an undirected static graph, written from the graph's columns.
 *
 * GEXF has native places for two of them, used so that Gephi shows them
 * as its Label and Weight: the node column "label" is the node's label
 * (the id when there is none) and a numeric edge column "weight" the
 * edge's weight.  Every other column is a typed attribute (<attributes
 * class="node"|"edge">, ids 0, 1... by position; int -> long, because a
 * column is 64-bit and GEXF's integer is 32-bit in Gephi; float -> double;
 * string -> string).  GEXF has no graph attributes: they go into
 * <meta><description> as "name=value" pairs separated by "; ".  No
 * lastmodifieddate, so the file is deterministic.
 */
#include "nergraph.h"

#include <stdlib.h>

#include "export_util.h"
#include "util.h"

static const char *gexf_type(ng_column_type t)
{
    switch (t) {
    case NG_COLUMN_INT: return "long";
    case NG_COLUMN_FLOAT: return "double";
    case NG_COLUMN_STRING: break;
    }
    return "string";
}

static void write_value(FILE *out, const ng_value_t *x)
{
    if (x->type == NG_COLUMN_STRING) {
        ng_xml_escape(out, x->s);
    } else {
        char num[32];
        fputs(ng_xml_number(num, sizeof num, x), out);
    }
}

/* The columns written as attributes: all but the native one (or -1). */
static void write_attribute_decls(FILE *out, const char *cls, size_t cols, int64_t native,
                                  const char *(*name)(const ng_graph_t *, size_t),
                                  ng_column_type (*type)(const ng_graph_t *, size_t),
                                  const ng_graph_t *g)
{
    if (cols == 0 || (cols == 1 && native == 0))
        return;
    fprintf(out, "    <attributes class=\"%s\" mode=\"static\">\n", cls);
    for (size_t c = 0; c < cols; c++) {
        if ((int64_t)c == native)
            continue;
        fprintf(out, "      <attribute id=\"%zu\" title=\"", c);
        ng_xml_escape(out, name(g, c));
        fprintf(out, "\" type=\"%s\"/>\n", gexf_type(type(g, c)));
    }
    fputs("    </attributes>\n", out);
}

/* The rest of a <node> or <edge> whose start tag is open: its
 * <attvalues> and end tag, or "/>" when every value is absent (GEXF wants
 * at least one <attvalue> in an <attvalues>). */
static void finish_element(FILE *out, const char *elem, size_t cols, int64_t native,
                           const ng_value_t *vals)
{
    bool open = false;
    for (size_t c = 0; c < cols; c++) {
        if ((int64_t)c == native || ng_value_absent(&vals[c]))
            continue;
        if (!open)
            fputs(">\n        <attvalues>\n", out);
        open = true;
        fprintf(out, "          <attvalue for=\"%zu\" value=\"", c);
        write_value(out, &vals[c]);
        fputs("\"/>\n", out);
    }
    if (open)
        fprintf(out, "        </attvalues>\n      </%s>\n", elem);
    else
        fputs("/>\n", out);
}

static void write_meta(FILE *out, const ng_graph_t *g)
{
    fputs("  <meta>\n    <creator>nergraph</creator>\n    <description>", out);
    const char *sep = "";
    for (size_t i = 0; i < ng_graph_attr_count(g); i++) {
        ng_value_t x = ng_attr_value(g, i);
        if (ng_value_absent(&x))
            continue;
        fputs(sep, out);
        ng_xml_escape(out, ng_graph_attr_name(g, i));
        putc('=', out);
        write_value(out, &x);
        sep = "; ";
    }
    fputs("</description>\n  </meta>\n", out);
}

static void write_nodes(FILE *out, const ng_graph_t *g, int64_t label_col)
{
    size_t cols = ng_graph_node_column_count(g);
    ng_value_t *vals = ng_xcalloc(cols + 1, sizeof *vals);
    fputs("    <nodes>\n", out);
    for (size_t v = 0; v < ng_graph_node_count(g); v++) {
        for (size_t c = 0; c < cols; c++)
            vals[c] = ng_node_value(g, c, v);
        const char *label = label_col >= 0 ? vals[label_col].s : NULL;
        fputs("      <node id=\"", out);
        ng_xml_escape(out, ng_graph_node_id(g, v));
        fputs("\" label=\"", out);
        ng_xml_escape(out, label ? label : ng_graph_node_id(g, v));
        putc('"', out);
        finish_element(out, "node", cols, label_col, vals);
    }
    fputs("    </nodes>\n", out);
    free(vals);
}

static void write_edges(FILE *out, const ng_graph_t *g, int64_t weight_col)
{
    size_t cols = ng_graph_edge_column_count(g);
    ng_value_t *vals = ng_xcalloc(cols + 1, sizeof *vals);
    fputs("    <edges>\n", out);
    for (size_t e = 0; e < ng_graph_edge_count(g); e++) {
        size_t u, v;
        ng_graph_edge_nodes(g, e, &u, &v);
        for (size_t c = 0; c < cols; c++)
            vals[c] = ng_edge_value(g, c, e);
        fprintf(out, "      <edge id=\"%zu\" source=\"", e);
        ng_xml_escape(out, ng_graph_node_id(g, u));
        fputs("\" target=\"", out);
        ng_xml_escape(out, ng_graph_node_id(g, v));
        putc('"', out);
        if (weight_col >= 0) {
            fputs(" weight=\"", out);
            write_value(out, &vals[weight_col]);
            putc('"', out);
        }
        finish_element(out, "edge", cols, weight_col, vals);
    }
    fputs("    </edges>\n", out);
    free(vals);
}

int ng_export_gexf(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                   ng_error_t *err)
{
    (void)o; /* every string can be written: nothing to warn about */
    int64_t label_col = ng_graph_node_column_find(g, "label");
    if (label_col >= 0 && ng_graph_node_column_type(g, (size_t)label_col) != NG_COLUMN_STRING)
        label_col = -1;
    int64_t weight_col = ng_graph_edge_column_find(g, "weight");
    if (weight_col >= 0 && ng_graph_edge_column_type(g, (size_t)weight_col) == NG_COLUMN_STRING)
        weight_col = -1;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gexf xmlns=\"http://www.gexf.net/1.2draft\"\n"
          "      xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
          "      xsi:schemaLocation=\"http://www.gexf.net/1.2draft "
          "http://www.gexf.net/1.2draft/gexf.xsd\"\n"
          "      version=\"1.2\">\n",
          out);
    write_meta(out, g);
    fputs("  <graph mode=\"static\" defaultedgetype=\"undirected\">\n", out);
    write_attribute_decls(out, "node", ng_graph_node_column_count(g), label_col,
                          ng_graph_node_column_name, ng_graph_node_column_type, g);
    write_attribute_decls(out, "edge", ng_graph_edge_column_count(g), weight_col,
                          ng_graph_edge_column_name, ng_graph_edge_column_type, g);
    write_nodes(out, g, label_col);
    write_edges(out, g, weight_col);
    fputs("  </graph>\n</gexf>\n", out);
    if (ferror(out))
        return ng_fail(err, NG_EIO, "write failed");
    return NG_OK;
}
