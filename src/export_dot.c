/*
 * The graph as a cgraph graph, and the DOT writer.  cgraph owns the
 * quoting rules: any id or label, whatever bytes it holds, comes out as a
 * valid DOT string.  Nodes and edges are created in the graph's sorted
 * order, and cgraph writes them in creation order (and attributes by
 * name), so the file is deterministic.  Every column becomes an attribute
 * of the same name, set on every element (attributes are declared with an
 * empty default, which cgraph never writes as a default block, so a reader
 * that ignores defaults, such as networkx, still sees every figure); the
 * styling (diagram.c) comes first, so that a column such as shape or
 * fillcolor (a gazetteer attribute) wins where it has a value.
 */
#include "nergraph.h"

#include <graphviz/cgraph.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagram.h"
#include "json.h"
#include "util.h"

#define S NG_S

/* Some strings cannot go through cgraph's quoting: DOT has no way to write
 * a backslash right before a '"', a line break or the end of a quoted
 * string, and cgraph 2.4x mangles fake numerals and a leading U+FEFF (see
 * quotable()).  Such a string is set as an HTML-like string <...> instead,
 * whose content DOT readers return byte for byte; that needs balanced
 * angle brackets.  The (pathological) rest loses the unquotable
 * backslashes to U+29F5, with a warning. */
static bool backslash_lost(char next)
{
    /* \" is an escaped quote, \<newline> a line continuation, and a final
     * backslash would escape the closing quote. */
    return next == '"' || next == '\n' || next == '\r' || next == '\0';
}

/* Graphviz 2.4x's writer leaves strings of digits, '-' and '.' unquoted
 * as numbers even when they are not DOT numerals ("-.", "1-2"), and its
 * reader then fails on them. */
static bool fake_numeral(const char *s)
{
    if (!*s || strspn(s, "-.0123456789") != strlen(s))
        return false;
    const char *p = s + (*s == '-');
    size_t digits = strspn(p, "0123456789");
    p += digits;
    if (*p == '.') {
        size_t frac = strspn(p + 1, "0123456789");
        p += 1 + frac;
        digits += frac;
    }
    return *p != '\0' || digits == 0;
}

static bool quotable(const char *s)
{
    /* A leading U+FEFF is taken for a byte order mark and dropped. */
    if (fake_numeral(s) || strncmp(s, "\xEF\xBB\xBF", 3) == 0)
        return false;
    for (; *s; s++)
        if (*s == '\\' && backslash_lost(s[1]))
            return false;
    return true;
}

static bool brackets_balanced(const char *s)
{
    long depth = 0;
    for (; *s && depth >= 0; s++)
        depth += *s == '<' ? 1 : *s == '>' ? -1 : 0;
    return depth == 0;
}

/* The writer's state: the cgraph graph, the scratch for dot_value and
 * dot_label (the HTML-like string reference, given back with release() once
 * cgraph has copied it, and the buffer for rewritten text) and where
 * warnings go. */
typedef struct dot_writer {
    Agraph_t *g;
    char *html;   /* agstrdup_html reference, or NULL */
    ng_buf_t buf; /* rewritten text, or empty */
    const ng_export_options_t *opts;
} dot_writer_t;

static char *dot_value(dot_writer_t *d, const char *s)
{
    if (quotable(s))
        return S(s);
    if (brackets_balanced(s)) {
        d->html = agstrdup_html(d->g, S(s));
        return d->html;
    }
    ng_diagram_warn(d->opts, "name '%s' cannot be written in DOT as is; its backslashes before a quote "
            "or at the end are written as U+29F5", s);
    d->buf.len = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '\\' && backslash_lost(p[1]))
            ng_buf_append(&d->buf, "\xE2\xA7\xB5", 3);
        else
            ng_buf_putc(&d->buf, *p);
    }
    return d->buf.data;
}

/* A label is drawn, and Graphviz reads an HTML-like label as markup: so
 * when a label must go out as <...>, its text is escaped as HTML and draws
 * exactly as written. */
static char *dot_label(dot_writer_t *d, const char *s)
{
    if (quotable(s))
        return S(s);
    d->buf.len = 0;
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&': ng_buf_append(&d->buf, "&amp;", 5); break;
        case '<': ng_buf_append(&d->buf, "&lt;", 4); break;
        case '>': ng_buf_append(&d->buf, "&gt;", 4); break;
        default: ng_buf_putc(&d->buf, *p);
        }
    }
    d->html = agstrdup_html(d->g, d->buf.data);
    return d->html;
}

static void release(dot_writer_t *d)
{
    if (d->html)
        agstrfree(d->g, d->html);
    d->html = NULL;
}

/* A float as a DOT numeral (no exponent, which DOT lacks: cgraph would
 * quote it and readers would see a string); nan and the infinities, which
 * no numeral writes, as words. */
static void dot_float(char *buf, size_t n, double f)
{
    if (!ng_format_float(buf, n, f) || !strpbrk(buf, "eE"))
        return;
    /* %f with enough digits for the exact value, trailing zeros trimmed. */
    snprintf(buf, n, "%.20f", f);
    if (strlen(buf) >= n - 1)
        snprintf(buf, n, "%.0f", f);
    char *end = buf + strlen(buf);
    if (strchr(buf, '.')) {
        while (end > buf && end[-1] == '0')
            *--end = '\0';
        if (end > buf && end[-1] == '.')
            *--end = '\0';
    }
}

/* Set attribute sym of obj to a column's or attribute's value (as text);
 * an absent string leaves the attribute empty.  Set through agxset, which
 * keeps an HTML-like string's kind. */
static void set_value(dot_writer_t *d, void *obj, Agsym_t *sym, ng_column_type type,
                      int64_t i, double f, const char *s)
{
    char num[64];
    switch (type) {
    case NG_COLUMN_INT:
        snprintf(num, sizeof num, "%lld", (long long)i);
        agxset(obj, sym, num);
        break;
    case NG_COLUMN_FLOAT:
        dot_float(num, sizeof num, f);
        agxset(obj, sym, num);
        break;
    case NG_COLUMN_STRING:
        if (!s)
            break;
        /* A label is drawn (see dot_label); any other value is data. */
        agxset(obj, sym, strcmp(sym->name, "label") == 0 ? dot_label(d, s) : dot_value(d, s));
        release(d);
        break;
    }
}

/* The symbol for attribute name of kind (AGRAPH, AGNODE, AGEDGE), declared
 * with an empty default: cgraph writes no default block for it, so every
 * element carries its own value. */
static Agsym_t *declare(dot_writer_t *d, int kind, const char *name)
{
    Agsym_t *sym = agattr(d->g, kind, S(name), NULL);
    return sym ? sym : agattr(d->g, kind, S(name), S(""));
}

/* Every graph attribute but "name", which names the graph itself. */
static void write_graph_attributes(dot_writer_t *d, const ng_graph_t *g)
{
    for (size_t i = 0; i < ng_graph_attr_count(g); i++) {
        const char *name = ng_graph_attr_name(g, i);
        if (strcmp(name, "name") == 0)
            continue;
        set_value(d, d->g, declare(d, AGRAPH, name), ng_graph_attr_type(g, i),
                  ng_graph_attr_int(g, i), ng_graph_attr_float(g, i),
                  ng_graph_attr_string(g, i));
    }
}

/* The nodes, in the graph's order, without their attributes yet. */
static Agnode_t **add_nodes(dot_writer_t *d, const ng_graph_t *g)
{
    size_t n = ng_graph_node_count(g);
    Agnode_t **nodes = ng_xcalloc(n + 1, sizeof *nodes);
    for (size_t v = 0; v < n; v++) {
        nodes[v] = agnode(d->g, dot_value(d, ng_graph_node_id(g, v)), 1);
        release(d);
    }
    return nodes;
}

static Agedge_t **add_edges(const ng_graph_t *g, Agraph_t *dg, Agnode_t **nodes)
{
    size_t m = ng_graph_edge_count(g);
    Agedge_t **edges = ng_xcalloc(m + 1, sizeof *edges);
    for (size_t i = 0; i < m; i++) {
        size_t u, v;
        ng_graph_edge_nodes(g, i, &u, &v);
        edges[i] = agedge(dg, nodes[u], nodes[v], NULL, 1);
    }
    return edges;
}

static void set_node_columns(dot_writer_t *d, const ng_graph_t *g, Agnode_t **nodes)
{
    size_t n = ng_graph_node_count(g), cols = ng_graph_node_column_count(g);
    for (size_t c = 0; c < cols; c++) {
        Agsym_t *sym = declare(d, AGNODE, ng_graph_node_column_name(g, c));
        for (size_t v = 0; v < n; v++)
            set_value(d, nodes[v], sym, ng_graph_node_column_type(g, c),
                      ng_graph_node_int(g, c, v), ng_graph_node_float(g, c, v),
                      ng_graph_node_string(g, c, v));
    }
}

static void set_edge_columns(dot_writer_t *d, const ng_graph_t *g, Agedge_t **edges)
{
    size_t m = ng_graph_edge_count(g), cols = ng_graph_edge_column_count(g);
    for (size_t c = 0; c < cols; c++) {
        Agsym_t *sym = declare(d, AGEDGE, ng_graph_edge_column_name(g, c));
        for (size_t i = 0; i < m; i++)
            set_value(d, edges[i], sym, ng_graph_edge_column_type(g, c),
                      ng_graph_edge_int(g, c, i), ng_graph_edge_float(g, c, i),
                      ng_graph_edge_string(g, c, i));
    }
}

int ng_diagram_build(const ng_graph_t *g, const ng_export_options_t *o, Agraph_t **out,
                     ng_error_t *err)
{
    *out = NULL;
    int64_t name_attr = ng_graph_attr_find(g, "name");
    const char *name = name_attr >= 0 ? ng_graph_attr_string(g, (size_t)name_attr) : NULL;
    Agraph_t *dg = agopen(S(name ? name : "nergraph"), Agundirected, NULL);
    if (!dg)
        return ng_fail(err, NG_EINTERNAL, "cgraph could not create a graph");
    dot_writer_t d = {dg, NULL, {0}, o};
    Agnode_t **nodes = add_nodes(&d, g);
    Agedge_t **edges = add_edges(g, dg, nodes);
    int st = ng_diagram_style(dg, nodes, edges, g, o, err);
    if (!st) {
        write_graph_attributes(&d, g);
        set_node_columns(&d, g, nodes);
        set_edge_columns(&d, g, edges);
    }
    ng_buf_free(&d.buf);
    free(nodes);
    free(edges);
    if (st) {
        agclose(dg);
        return st;
    }
    *out = dg;
    return NG_OK;
}

int ng_export_dot(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                  ng_error_t *err)
{
    Agraph_t *dg;
    int st = ng_diagram_build(g, o, &dg, err);
    if (st)
        return st;
    int rc = agwrite(dg, out);
    agclose(dg);
    if (rc != 0 || ferror(out))
        return ng_fail(err, NG_EIO, "write failed");
    return NG_OK;
}
