/*
 * DOT export through Graphviz's cgraph, which owns the quoting rules: any
 * id or label, whatever bytes it holds, comes out as a valid DOT string.
 * Nodes and edges are created in the graph's sorted order, and cgraph
 * writes them in creation order, so the file is deterministic.
 */
#include "nergraph.h"

#include <graphviz/cgraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct style {
    const char *type, *shape, *fill;
} style_t;

static const style_t styles[] = {
    {"person", "ellipse", "#cfe2ff"},
    {"country", "box", "#d1e7dd"},
    {"organization", "hexagon", "#ffe5b4"},
    {NULL, "octagon", "#e9ecef"}, /* any other type */
};

static const style_t *style_of(const char *type)
{
    const style_t *s = styles;
    while (s->type && strcmp(s->type, type) != 0)
        s++;
    return s;
}

/* cgraph's API takes char * for strings it only reads. */
#define S(x) ((char *)(x))

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

/* Scratch for dot_value/dot_label: the HTML-like string reference (given
 * back with release() once cgraph has copied it) and the buffer for
 * rewritten text. */
typedef struct dot_str {
    Agraph_t *g;
    char *html;   /* agstrdup_html reference, or NULL */
    ng_buf_t buf; /* lossy copy, or empty */
} dot_str_t;

static char *dot_value(dot_str_t *d, const char *s)
{
    if (quotable(s))
        return S(s);
    if (brackets_balanced(s)) {
        d->html = agstrdup_html(d->g, S(s));
        return d->html;
    }
    ng_warn("name '%s' cannot be written in DOT as is; its backslashes before a quote "
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
static char *dot_label(dot_str_t *d, const char *s)
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

static void release(dot_str_t *d)
{
    if (d->html)
        agstrfree(d->g, d->html);
    d->html = NULL;
}

int ng_export_dot(FILE *out, const ng_graph_t *g, const ng_graph_info_t *info,
                  ng_error_t *err)
{
    const ng_gazetteer_t *gz = ng_graph_gazetteer(g);
    Agraph_t *dg = agopen(S("nergraph"), Agundirected, NULL);
    if (!dg)
        return ng_fail(err, NG_EINTERNAL, "cgraph could not create a graph");
    dot_str_t ds = {dg, NULL, {0}};
    /* Graph attributes: a force-directed layout suits relationship graphs;
     * `dot -Kdot` still picks the hierarchical one. */
    agattr(dg, AGRAPH, S("layout"), S("neato"));
    agattr(dg, AGRAPH, S("overlap"), S("false"));
    agattr(dg, AGRAPH, S("splines"), S("true"));
    if (info) {
        char docs[32];
        snprintf(docs, sizeof docs, "%zu", info->documents);
        /* Set through agxset, which keeps an HTML-like string's kind;
         * agattr would copy it as a plain string. */
        Agsym_t *g_window = agattr(dg, AGRAPH, S("window"), S(""));
        agxset(dg, g_window, dot_value(&ds, info->window ? info->window : ""));
        release(&ds);
        agattr(dg, AGRAPH, S("documents"), S(docs));
    }
    Agsym_t *a_label = agattr(dg, AGNODE, S("label"), S("\\N"));
    Agsym_t *a_type = agattr(dg, AGNODE, S("type"), S(""));
    Agsym_t *a_mentions = agattr(dg, AGNODE, S("mentions"), S(""));
    Agsym_t *a_docs = agattr(dg, AGNODE, S("documents"), S(""));
    Agsym_t *a_shape = agattr(dg, AGNODE, S("shape"), S("ellipse"));
    agattr(dg, AGNODE, S("style"), S("filled"));
    Agsym_t *a_fill = agattr(dg, AGNODE, S("fillcolor"), S("white"));
    Agsym_t *e_weight = agattr(dg, AGEDGE, S("weight"), S("1"));
    Agsym_t *e_docs = agattr(dg, AGEDGE, S("documents"), S(""));
    Agsym_t *e_pen = agattr(dg, AGEDGE, S("penwidth"), S("1"));

    size_t n = ng_graph_node_count(g);
    Agnode_t **nodes = ng_xcalloc(n + 1, sizeof *nodes);
    char num[32];
    for (size_t v = 0; v < n; v++) {
        uint32_t e = ng_graph_node_entity(g, v);
        Agnode_t *node = agnode(dg, dot_value(&ds, ng_gazetteer_entity_id(gz, e)), 1);
        release(&ds);
        nodes[v] = node;
        const char *type = ng_gazetteer_entity_type(gz, e);
        const style_t *st = style_of(type);
        agxset(node, a_label, dot_label(&ds, ng_gazetteer_entity_name(gz, e)));
        release(&ds);
        agxset(node, a_type, S(type));
        snprintf(num, sizeof num, "%zu", ng_graph_node_mentions(g, v));
        agxset(node, a_mentions, num);
        snprintf(num, sizeof num, "%zu", ng_graph_node_documents(g, v));
        agxset(node, a_docs, num);
        agxset(node, a_shape, S(st->shape));
        agxset(node, a_fill, S(st->fill));
        for (size_t i = 0; i < ng_gazetteer_attr_count(gz, e); i++) {
            agsafeset(node, S(ng_gazetteer_attr_key(gz, e, i)),
                      dot_value(&ds, ng_gazetteer_attr_value(gz, e, i)), S(""));
            release(&ds);
        }
    }
    size_t m = ng_graph_edge_count(g);
    size_t max_w = 1;
    for (size_t i = 0; i < m; i++) {
        size_t u, v, w, d;
        ng_graph_edge(g, i, &u, &v, &w, &d);
        if (w > max_w)
            max_w = w;
    }
    for (size_t i = 0; i < m; i++) {
        size_t u, v, w, d;
        ng_graph_edge(g, i, &u, &v, &w, &d);
        Agedge_t *edge = agedge(dg, nodes[u], nodes[v], NULL, 1);
        snprintf(num, sizeof num, "%zu", w);
        agxset(edge, e_weight, num);
        snprintf(num, sizeof num, "%zu", d);
        agxset(edge, e_docs, num);
        double pen = max_w > 1 ? 1.0 + 4.0 * log((double)w) / log((double)max_w) : 1.0;
        snprintf(num, sizeof num, "%.2f", pen);
        agxset(edge, e_pen, num);
    }
    free(nodes);
    ng_buf_free(&ds.buf);
    int rc = agwrite(dg, out);
    agclose(dg);
    if (rc != 0 || ferror(out))
        return ng_fail(err, NG_EIO, "write failed");
    return NG_OK;
}
