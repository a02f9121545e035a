/*
 * GML export, for networkx's read_gml and igraph's Read_GML, written from
 * the graph's columns.
 *
 * Nodes: id = the node's index (igraph needs integer ids), label = the
 * entity id (networkx names nodes by label and wants it unique), then the
 * node columns, "label" (the display name) under the key "name".  Edges:
 * source and target indices, then the edge columns.  Graph attributes are
 * keys of the graph, after "directed 0".
 *
 * GML is stricter than the other formats:
 * - Keys are [A-Za-z][A-Za-z0-9_]* (networkx wants a letter first).  A
 *   column whose name is not one, or that would take a key GML or the
 *   readers give a meaning to, is written under a derived key (see
 *   ng_keys_take: "my-key" becomes "my_2Dkey", a second "name" "name_2").
 * - The file is 7-bit ASCII (networkx refuses anything else): in strings,
 *   " is &quot;, and & and every character outside printable ASCII (line
 *   breaks, tabs, any non-Latin letter) a decimal character reference &#N;.
 *   networkx decodes them all.  igraph 0.10 decodes only &quot; and the
 *   other named XML entities and hands numeric ones back as written; since
 *   every & it returns then starts one of ours (& itself is &#38;, not
 *   &amp;, which igraph would decode), replacing each &#N; by character N
 *   restores the string exactly.  igraph users are better served by
 *   GraphML.
 * - A real must hold a '.' or be INF, -INF or NAN: 1e+20 goes out as
 *   1.0e+20, and integers stay integers.
 */
#include "nergraph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export_util.h"
#include "json.h"
#include "utf8.h"
#include "util.h"

static void write_string(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0;
    putc('"', out);
    while (i < len) {
        int32_t cp;
        size_t n = ng_utf8_decode(p, len, i, &cp);
        if (cp == NG_CP_INVALID)
            cp = 0xFFFD;
        if (cp == '"')
            fputs("&quot;", out);
        else if (cp == '&')
            fputs("&#38;", out); /* not &amp;: see the top of the file */
        else if (cp >= 0x20 && cp < 0x7F)
            putc(cp, out);
        else
            fprintf(out, "&#%ld;", (long)cp);
        i += n;
    }
    putc('"', out);
}

static void write_value(FILE *out, const ng_value_t *x)
{
    char num[40];
    switch (x->type) {
    case NG_COLUMN_INT:
        fprintf(out, "%lld", (long long)x->i);
        break;
    case NG_COLUMN_FLOAT:
        if (!ng_format_float(num, sizeof num, x->f)) {
            fputs(isnan(x->f) ? "NAN" : x->f < 0 ? "-INF" : "INF", out);
        } else if (!strchr(num, '.')) {
            /* Both readers take "1" for an integer and "1e+20" for
             * something else: make it a real. */
            char *e = strchr(num, 'e');
            size_t at = e ? (size_t)(e - num) : strlen(num);
            fprintf(out, "%.*s.0%s", (int)at, num, num + at);
        } else {
            fputs(num, out);
        }
        break;
    case NG_COLUMN_STRING:
        write_string(out, x->s);
        break;
    }
}

static void write_member(FILE *out, const char *indent, const char *key, const ng_value_t *x)
{
    if (ng_value_absent(x))
        return;
    fprintf(out, "%s%s ", indent, key);
    write_value(out, x);
    putc('\n', out);
}

/* Keys for the node columns: reserved words first, then the display name,
 * then every other column in order. */
static const char **node_keys(const ng_graph_t *g, ng_keys_t *k)
{
    size_t cols = ng_graph_node_column_count(g);
    const char **keys = ng_xcalloc(cols + 1, sizeof *keys);
    ng_keys_reserve(k, "id");
    ng_keys_reserve(k, "label");
    for (size_t c = 0; c < cols; c++) {
        const char *name = ng_graph_node_column_name(g, c);
        keys[c] = ng_keys_take(k, strcmp(name, "label") == 0 ? "name" : name,
                               ng_is_ascii_identifier);
    }
    return keys;
}

static const char **edge_keys(const ng_graph_t *g, ng_keys_t *k)
{
    size_t cols = ng_graph_edge_column_count(g);
    const char **keys = ng_xcalloc(cols + 1, sizeof *keys);
    ng_keys_reserve(k, "source");
    ng_keys_reserve(k, "target");
    for (size_t c = 0; c < cols; c++)
        keys[c] = ng_keys_take(k, ng_graph_edge_column_name(g, c), ng_is_ascii_identifier);
    return keys;
}

static void write_graph_attributes(FILE *out, const ng_graph_t *g)
{
    ng_keys_t k = {0};
    /* networkx reads directed and multigraph itself; node and edge are
     * the graph's parts. */
    ng_keys_reserve(&k, "directed");
    ng_keys_reserve(&k, "multigraph");
    ng_keys_reserve(&k, "node");
    ng_keys_reserve(&k, "edge");
    for (size_t i = 0; i < ng_graph_attr_count(g); i++) {
        ng_value_t x = ng_attr_value(g, i);
        write_member(out, "  ", ng_keys_take(&k, ng_graph_attr_name(g, i), ng_is_ascii_identifier),
                     &x);
    }
    ng_keys_free(&k);
}

int ng_export_gml(FILE *out, const ng_graph_t *g, const ng_export_options_t *o, ng_error_t *err)
{
    (void)o; /* every string can be written: nothing to warn about */
    fputs("Creator \"nergraph\"\ngraph [\n  directed 0\n", out);
    write_graph_attributes(out, g);

    ng_keys_t nk = {0}, ek = {0};
    const char **nkeys = node_keys(g, &nk), **ekeys = edge_keys(g, &ek);
    size_t ncols = ng_graph_node_column_count(g), ecols = ng_graph_edge_column_count(g);
    for (size_t v = 0; v < ng_graph_node_count(g); v++) {
        fprintf(out, "  node [\n    id %zu\n    label ", v);
        write_string(out, ng_graph_node_id(g, v));
        putc('\n', out);
        for (size_t c = 0; c < ncols; c++) {
            ng_value_t x = ng_node_value(g, c, v);
            write_member(out, "    ", nkeys[c], &x);
        }
        fputs("  ]\n", out);
    }
    for (size_t e = 0; e < ng_graph_edge_count(g); e++) {
        size_t u, v;
        ng_graph_edge_nodes(g, e, &u, &v);
        fprintf(out, "  edge [\n    source %zu\n    target %zu\n", u, v);
        for (size_t c = 0; c < ecols; c++) {
            ng_value_t x = ng_edge_value(g, c, e);
            write_member(out, "    ", ekeys[c], &x);
        }
        fputs("  ]\n", out);
    }
    fputs("]\n", out);
    free(nkeys);
    free(ekeys);
    ng_keys_free(&nk);
    ng_keys_free(&ek);
    if (ferror(out))
        return ng_fail(err, NG_EIO, "write failed");
    return NG_OK;
}
