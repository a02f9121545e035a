/*
 * The diagram's look: what turns the graph's columns into a picture a
 * reader can take in.  Each node's size grows with the square root of its
 * size column (mentions by default), so area follows the figure and a few
 * big entities do not dwarf the rest; colour and shape say the type (or the
 * community); edge width grows with the square root of the weight between
 * the lightest and the heaviest edge, from 0.8 to 6 points, so middle
 * weights stay apart; a title says what was read and a legend lists the
 * types (or communities) present; labels sit inside their nodes and the
 * layout removes overlaps, so labels never pile up; every node and edge
 * carries a tooltip with its figures.  Everything is set on each element;
 * the columns are set afterwards, so that a gazetteer attribute such as
 * shape or fillcolor wins where the entity has it.
 */
#include "nergraph.h"

#include <graphviz/cgraph.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagram.h"
#include "json.h"
#include "util.h"

#define S NG_S

/* Above this many nodes the default layout is sfdp, which scales; below it
 * neato, whose stress layout gives the best small pictures. */
enum { LARGE_GRAPH = 100 };
/* Routing edges around nodes (splines=true) costs much time on big
 * graphs; past this many edges they are drawn straight. */
enum { SPLINE_EDGES = 400 };

typedef struct look {
    const char *type, *shape, *fill, *line;
} look_t;

static const look_t known_looks[] = {
    {"person", "ellipse", "#cfe2ff", "#3d6cb9"},
    {"country", "box", "#d1e7dd", "#2e7d4f"},
    {"organization", "hexagon", "#ffe5b4", "#b86e00"},
};
/* Other types take these in the sorted order of their names; the rest, and
 * nodes without a type, are grey octagons. */
static const look_t other_looks[] = {
    {NULL, "diamond", "#f8d7da", "#b02a37"},
    {NULL, "octagon", "#e2d9f3", "#59359a"},
    {NULL, "house", "#fff3cd", "#997404"},
    {NULL, "parallelogram", "#d2f4ea", "#13795b"},
};
static const look_t fallback_look = {NULL, "octagon", "#e9ecef", "#6c757d"};

/* ColorBrewer Set3: twelve light colours that black text reads on. */
static const char *const community_fills[] = {
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
    "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
};
enum { COMMUNITY_COLOURS = sizeof community_fills / sizeof *community_fills };

static const char *const layouts[] = {"dot", "neato", "fdp", "sfdp", "circo", NULL};

bool ng_export_layout_known(const char *name)
{
    for (size_t i = 0; name && layouts[i]; i++)
        if (strcmp(layouts[i], name) == 0)
            return true;
    return false;
}

void ng_diagram_warn(const ng_export_options_t *o, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ng_diag_t d = {o ? o->diag : NULL, o ? o->diag_ctx : NULL};
    ng_diag_warn(&d, "%s", msg);
}

/* ---- helpers --------------------------------------------------------- */

/* Set obj's attribute name (of kind), declared with an empty default so
 * that it is written on the element. */
static void style(Agraph_t *dg, int kind, void *obj, const char *name, const char *value)
{
    Agsym_t *sym = agattr(dg, kind, S(name), NULL);
    if (!sym)
        sym = agattr(dg, kind, S(name), S(""));
    agxset(obj, sym, S(value));
}

static void stylef(Agraph_t *dg, int kind, void *obj, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void stylef(Agraph_t *dg, int kind, void *obj, const char *name, const char *fmt, ...)
{
    char value[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(value, sizeof value, fmt, ap);
    va_end(ap);
    style(dg, kind, obj, name, value);
}

static bool numeric(ng_column_type t)
{
    return t == NG_COLUMN_INT || t == NG_COLUMN_FLOAT;
}

static double node_number(const ng_graph_t *g, size_t col, size_t v)
{
    return ng_graph_node_column_type(g, col) == NG_COLUMN_INT
               ? (double)ng_graph_node_int(g, col, v)
               : ng_graph_node_float(g, col, v);
}

static double edge_number(const ng_graph_t *g, size_t col, size_t e)
{
    return ng_graph_edge_column_type(g, col) == NG_COLUMN_INT
               ? (double)ng_graph_edge_int(g, col, e)
               : ng_graph_edge_float(g, col, e);
}

/* Where x lies between lo and hi, as 0..1 on a square-root scale (0.5 when
 * all values are equal, and for nan). */
static double sqrt_scale(double x, double lo, double hi)
{
    if (!(hi > lo) || isnan(x))
        return 0.5;
    double t = (x - lo) / (hi - lo);
    return sqrt(t < 0 ? 0 : t > 1 ? 1 : t);
}

/* The lowest and highest finite value of a column; a scale from 0 when no
 * value is negative, so that a node with 1 mention among nodes of 1 to 3
 * is not drawn as if it had none. */
static void range(double *lo, double *hi, size_t n, const ng_graph_t *g, size_t col, bool edge)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double x = edge ? edge_number(g, col, i) : node_number(g, col, i);
        if (isfinite(x)) {
            *lo = x < *lo ? x : *lo;
            *hi = x > *hi ? x : *hi;
        }
    }
    if (*lo >= 0 && !edge)
        *lo = 0;
}

/* s as text inside an HTML-like label: markup characters escaped, line
 * breaks as spaces. */
static void html_text(ng_buf_t *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': ng_buf_append(b, "&amp;", 5); break;
        case '<': ng_buf_append(b, "&lt;", 4); break;
        case '>': ng_buf_append(b, "&gt;", 4); break;
        case '"': ng_buf_append(b, "&quot;", 6); break;
        case '\n': case '\r': case '\t': ng_buf_putc(b, ' '); break;
        default: ng_buf_putc(b, *s);
        }
    }
}

/* s inside a tooltip.  Graphviz reads a tooltip as an escString, twice
 * over (a backslash escapes, then \N names the node), and DOT cannot
 * write a backslash before a quote: a backslash is shown as U+29F5, which
 * looks the same and means nothing to either.  The data itself (id,
 * label) is written exactly elsewhere. */
static void tooltip_text(ng_buf_t *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '\\')
            ng_buf_append(b, "\xE2\xA7\xB5", 3);
        else if (*s == '\n' || *s == '\r')
            ng_buf_putc(b, ' ');
        else
            ng_buf_putc(b, *s);
    }
}

/* A tooltip's value as text: a DOT-free number. */
static void tooltip_number(ng_buf_t *b, const char *name, ng_column_type type, int64_t i,
                           double f)
{
    char num[64];
    if (type == NG_COLUMN_INT)
        snprintf(num, sizeof num, "%lld", (long long)i);
    else
        snprintf(num, sizeof num, "%.4g", f);
    ng_buf_printf(b, "\\n%s: %s", name, num);
}

/* The tooltip of obj. */
static void set_tooltip(Agraph_t *dg, int kind, void *obj, ng_buf_t *b)
{
    style(dg, kind, obj, "tooltip", ng_buf_cstr(b));
}

static const char *node_label(const ng_graph_t *g, int64_t label_col, size_t v)
{
    const char *s = label_col >= 0 ? ng_graph_node_string(g, (size_t)label_col, v) : NULL;
    return s ? s : ng_graph_node_id(g, v);
}

/* ---- types and their looks ------------------------------------------- */

typedef struct palette {
    const char **types; /* sorted, distinct, borrowed from the graph */
    const look_t **looks;
    size_t n;
} palette_t;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void palette_init(palette_t *p, const ng_graph_t *g, int64_t type_col)
{
    size_t n = ng_graph_node_count(g);
    p->types = ng_xcalloc(n + 1, sizeof *p->types);
    p->looks = ng_xcalloc(n + 1, sizeof *p->looks);
    p->n = 0;
    for (size_t v = 0; type_col >= 0 && v < n; v++) {
        const char *t = ng_graph_node_string(g, (size_t)type_col, v);
        if (t)
            p->types[p->n++] = t;
    }
    qsort(p->types, p->n, sizeof *p->types, cmp_str);
    size_t kept = 0, others = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (kept && strcmp(p->types[kept - 1], p->types[i]) == 0)
            continue;
        p->types[kept] = p->types[i];
        const look_t *look = NULL;
        for (size_t k = 0; k < sizeof known_looks / sizeof *known_looks && !look; k++)
            if (strcmp(known_looks[k].type, p->types[i]) == 0)
                look = &known_looks[k];
        if (!look)
            look = others < sizeof other_looks / sizeof *other_looks ? &other_looks[others++]
                                                                     : &fallback_look;
        p->looks[kept++] = look;
    }
    p->n = kept;
}

static const look_t *palette_look(const palette_t *p, const char *type)
{
    if (!type)
        return &fallback_look;
    const char **hit = bsearch(&type, p->types, p->n, sizeof *p->types, cmp_str);
    return hit ? p->looks[hit - p->types] : &fallback_look;
}

static void palette_free(palette_t *p)
{
    free(p->types);
    free(p->looks);
}

static size_t community_colour(int64_t c)
{
    return (size_t)(((c % COMMUNITY_COLOURS) + COMMUNITY_COLOURS) % COMMUNITY_COLOURS);
}

/* ---- the title and legend -------------------------------------------- */

static void attr_text(ng_buf_t *b, const ng_graph_t *g, const char *name)
{
    int64_t i = ng_graph_attr_find(g, name);
    if (i < 0)
        return;
    char num[64];
    switch (ng_graph_attr_type(g, (size_t)i)) {
    case NG_COLUMN_INT:
        ng_buf_printf(b, "%lld", (long long)ng_graph_attr_int(g, (size_t)i));
        break;
    case NG_COLUMN_FLOAT:
        ng_format_float(num, sizeof num, ng_graph_attr_float(g, (size_t)i));
        ng_buf_append(b, num, strlen(num));
        break;
    case NG_COLUMN_STRING:
        html_text(b, ng_graph_attr_string(g, (size_t)i));
        break;
    }
}

/* "what: value" for a graph attribute that is present, after a separator. */
static void fact(ng_buf_t *b, const ng_graph_t *g, const char *what, const char *name)
{
    int64_t i = ng_graph_attr_find(g, name);
    if (i < 0 || (ng_graph_attr_type(g, (size_t)i) == NG_COLUMN_STRING &&
                  !ng_graph_attr_string(g, (size_t)i)))
        return;
    ng_buf_printf(b, " \xC2\xB7 %s: ", what);
    attr_text(b, g, name);
}

static void legend_cell(ng_buf_t *b, const char *fill, const char *line, const char *text,
                        const char *shape, double scale)
{
    ng_buf_printf(b, "<TD BORDER=\"1\" COLOR=\"%s\" BGCOLOR=\"%s\"><FONT POINT-SIZE=\"%.0f\">",
                  line, fill, 14 * scale);
    html_text(b, text);
    if (shape)
        ng_buf_printf(b, " (%s)", shape);
    ng_buf_append(b, "</FONT></TD>", 12);
}

/* The graph label: a title (how many entities and links), a line saying
 * what was read (documents, window, weight, filters) and how to read the
 * picture, and a legend row of the types or communities present. */
static void set_title(Agraph_t *dg, const ng_graph_t *g, const palette_t *types,
                      int64_t community_col, const char *size_name)
{
    ng_buf_t b = {0}, legend = {0};
    size_t cells = 0;
    /* A big graph is drawn big and seen shrunk: the title and legend grow
     * with it so that they stay readable beside the nodes. */
    size_t n = ng_graph_node_count(g), m = ng_graph_edge_count(g);
    double scale = sqrt((double)n / 25.0);
    scale = scale < 1 ? 1 : scale > 3 ? 3 : scale;
    if (community_col >= 0) {
        int64_t *seen = ng_xcalloc(n + 1, sizeof *seen);
        for (size_t v = 0; v < n; v++)
            seen[v] = ng_graph_node_int(g, (size_t)community_col, v);
        size_t distinct = 0;
        for (size_t v = 0; v < n; v++) { /* insertion sort: few communities */
            size_t k = 0;
            while (k < distinct && seen[k] < seen[v])
                k++;
            if (k < distinct && seen[k] == seen[v])
                continue;
            int64_t x = seen[v];
            memmove(seen + k + 1, seen + k, (distinct - k) * sizeof *seen);
            seen[k] = x;
            distinct++;
        }
        for (size_t k = 0; k < distinct && k < COMMUNITY_COLOURS; k++) {
            char text[48];
            snprintf(text, sizeof text, "community %lld", (long long)seen[k]);
            legend_cell(&legend, community_fills[community_colour(seen[k])], "#555555", text,
                        NULL, scale);
            cells++;
        }
        if (distinct > COMMUNITY_COLOURS) {
            ng_buf_printf(&legend, "<TD>+%zu more (colours repeat)</TD>",
                          distinct - COMMUNITY_COLOURS);
            cells++;
        }
        free(seen);
    }
    for (size_t i = 0; i < types->n; i++, cells++)
        legend_cell(&legend, community_col >= 0 ? "#ffffff" : types->looks[i]->fill,
                    types->looks[i]->line, types->types[i], types->looks[i]->shape, scale);
    size_t span = cells ? cells : 1;

    ng_buf_printf(&b, "<TABLE BORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"3\">");
    ng_buf_printf(&b, "<TR><TD COLSPAN=\"%zu\"><FONT POINT-SIZE=\"%.0f\"><B>", span,
                  22 * scale);
    ng_buf_printf(&b, "%zu %s, %zu %s", n, n == 1 ? "entity" : "entities", m,
                  m == 1 ? "link" : "links");
    ng_buf_printf(&b, "</B></FONT></TD></TR><TR><TD COLSPAN=\"%zu\"><FONT POINT-SIZE=\"%.0f\">",
                  span, 14 * scale);
    ng_buf_printf(&b, "documents read: ");
    if (ng_graph_attr_find(g, "documents") >= 0)
        attr_text(&b, g, "documents");
    else
        ng_buf_append(&b, "?", 1);
    fact(&b, g, "window", "window");
    fact(&b, g, "weight", "measure");
    fact(&b, g, "filters", "filters");
    ng_buf_printf(&b, "</FONT></TD></TR><TR><TD COLSPAN=\"%zu\"><FONT POINT-SIZE=\"%.0f\">"
                      "node size: ", span, 12 * scale);
    html_text(&b, size_name ? size_name : "(none)");
    ng_buf_printf(&b, " \xC2\xB7 line width: weight \xC2\xB7 colour: ");
    ng_buf_printf(&b, "%s</FONT></TD></TR>", community_col >= 0 ? "community" : "type");
    if (cells) {
        ng_buf_append(&b, "<TR>", 4);
        ng_buf_append(&b, legend.data, legend.len);
        ng_buf_append(&b, "</TR>", 5);
    }
    ng_buf_append(&b, "</TABLE>", 8);
    char *html = agstrdup_html(dg, S(ng_buf_cstr(&b)));
    Agsym_t *sym = agattr(dg, AGRAPH, S("label"), NULL);
    if (!sym)
        sym = agattr(dg, AGRAPH, S("label"), S(""));
    agxset(dg, sym, html);
    agstrfree(dg, html);
    ng_buf_free(&b);
    ng_buf_free(&legend);
}

/* ---- nodes and edges ------------------------------------------------- */

static void style_nodes(Agraph_t *dg, Agnode_t **nodes, const ng_graph_t *g,
                        const palette_t *types, int64_t type_col, int64_t community_col,
                        int64_t size_col)
{
    size_t n = ng_graph_node_count(g), cols = ng_graph_node_column_count(g);
    int64_t label_col = ng_graph_node_column_find(g, "label");
    double lo = 0, hi = 0;
    if (size_col >= 0)
        range(&lo, &hi, n, g, (size_t)size_col, false);
    ng_buf_t tip = {0};
    for (size_t v = 0; v < n; v++) {
        Agnode_t *node = nodes[v];
        const char *type = type_col >= 0 ? ng_graph_node_string(g, (size_t)type_col, v) : NULL;
        const look_t *look = palette_look(types, type);
        style(dg, AGNODE, node, "shape", look->shape);
        style(dg, AGNODE, node, "style", "filled");
        if (community_col >= 0) {
            int64_t c = ng_graph_node_int(g, (size_t)community_col, v);
            style(dg, AGNODE, node, "fillcolor", community_fills[community_colour(c)]);
        } else {
            style(dg, AGNODE, node, "fillcolor", look->fill);
        }
        style(dg, AGNODE, node, "color", look->line);
        /* The label grows with the node, so the node (which fits its
         * label) grows with the figure, and big names read first. */
        double t = size_col >= 0 ? sqrt_scale(node_number(g, (size_t)size_col, v), lo, hi)
                                 : 0.3;
        stylef(dg, AGNODE, node, "fontsize", "%.1f", 9.0 + 17.0 * t);
        stylef(dg, AGNODE, node, "width", "%.2f", 0.3 + 1.2 * t);
        stylef(dg, AGNODE, node, "height", "%.2f", 0.2 + 0.6 * t);

        tip.len = 0;
        tooltip_text(&tip, node_label(g, label_col, v));
        if (type) {
            ng_buf_append(&tip, " (", 2);
            tooltip_text(&tip, type);
            ng_buf_putc(&tip, ')');
        }
        ng_buf_append(&tip, "\\nid: ", 6);
        tooltip_text(&tip, ng_graph_node_id(g, v));
        for (size_t c = 0; c < cols; c++)
            if (numeric(ng_graph_node_column_type(g, c)))
                tooltip_number(&tip, ng_graph_node_column_name(g, c),
                               ng_graph_node_column_type(g, c), ng_graph_node_int(g, c, v),
                               ng_graph_node_float(g, c, v));
        set_tooltip(dg, AGNODE, node, &tip);
    }
    ng_buf_free(&tip);
}

static void style_edges(Agraph_t *dg, Agedge_t **edges, const ng_graph_t *g)
{
    size_t m = ng_graph_edge_count(g), cols = ng_graph_edge_column_count(g);
    int64_t label_col = ng_graph_node_column_find(g, "label");
    int64_t wcol = ng_graph_edge_column_find(g, "weight");
    if (wcol >= 0 && !numeric(ng_graph_edge_column_type(g, (size_t)wcol)))
        wcol = -1;
    int64_t evidence_col = ng_graph_edge_column_find(g, "evidence");
    if (evidence_col >= 0 && ng_graph_edge_column_type(g, (size_t)evidence_col) !=
                                 NG_COLUMN_STRING)
        evidence_col = -1;
    double lo = 0, hi = 0;
    if (wcol >= 0)
        range(&lo, &hi, m, g, (size_t)wcol, true);
    ng_buf_t tip = {0};
    for (size_t e = 0; e < m; e++) {
        double t = wcol >= 0 ? sqrt_scale(edge_number(g, (size_t)wcol, e), lo, hi) : 0.5;
        stylef(dg, AGEDGE, edges[e], "penwidth", "%.2f", 0.8 + 5.2 * t);
        /* Heavier edges are also darker; light ones fade behind. */
        stylef(dg, AGEDGE, edges[e], "color", "#33415c%02x", (unsigned)(0x80 + 0x7f * t));

        size_t u, v;
        ng_graph_edge_nodes(g, e, &u, &v);
        tip.len = 0;
        tooltip_text(&tip, node_label(g, label_col, u));
        ng_buf_append(&tip, " \xE2\x80\x94 ", 5);
        tooltip_text(&tip, node_label(g, label_col, v));
        for (size_t c = 0; c < cols; c++)
            if (numeric(ng_graph_edge_column_type(g, c)))
                tooltip_number(&tip, ng_graph_edge_column_name(g, c),
                               ng_graph_edge_column_type(g, c), ng_graph_edge_int(g, c, e),
                               ng_graph_edge_float(g, c, e));
        const char *evidence =
            evidence_col >= 0 ? ng_graph_edge_string(g, (size_t)evidence_col, e) : NULL;
        if (evidence) {
            ng_buf_append(&tip, "\\nevidence: ", 12);
            tooltip_text(&tip, evidence);
        }
        set_tooltip(dg, AGEDGE, edges[e], &tip);
    }
    ng_buf_free(&tip);
}

/* ---- the whole ------------------------------------------------------- */

static int numeric_columns(char *buf, size_t len, const ng_graph_t *g)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t c = 0; c < ng_graph_node_column_count(g) && used < len; c++)
        if (numeric(ng_graph_node_column_type(g, c)))
            used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
                                     ng_graph_node_column_name(g, c));
    return 0;
}

int ng_diagram_style(Agraph_t *dg, Agnode_t **nodes, Agedge_t **edges, const ng_graph_t *g,
                     const ng_export_options_t *o, ng_error_t *err)
{
    const char *layout = o ? o->layout : NULL;
    const char *color_by = o && o->color_by ? o->color_by : "type";
    const char *size_by = o ? o->size_by : NULL;
    size_t n = ng_graph_node_count(g), m = ng_graph_edge_count(g);
    if (layout && !ng_export_layout_known(layout))
        return ng_fail(err, NG_EUSAGE, "unknown layout '%s'; use dot, neato, fdp, sfdp or circo",
                       layout);
    if (!layout)
        layout = n > LARGE_GRAPH ? "sfdp" : "neato";

    int64_t community_col = -1;
    if (strcmp(color_by, "community") == 0) {
        community_col = ng_graph_node_column_find(g, "community");
        if (community_col < 0 ||
            ng_graph_node_column_type(g, (size_t)community_col) != NG_COLUMN_INT)
            return ng_fail(err, NG_EUSAGE,
                           "--color community needs the communities: add --analyze, which "
                           "computes them");
    } else if (strcmp(color_by, "type") != 0) {
        return ng_fail(err, NG_EUSAGE, "--color takes type or community, not '%s'", color_by);
    }

    int64_t size_col = ng_graph_node_column_find(g, size_by ? size_by : "mentions");
    if (size_col >= 0 && !numeric(ng_graph_node_column_type(g, (size_t)size_col)))
        size_col = -1;
    if (size_by && size_col < 0) {
        char names[512];
        numeric_columns(names, sizeof names, g);
        return ng_fail(err, NG_EUSAGE, "--size %s: the graph has no numeric node column of "
                       "that name; it has: %s", size_by, *names ? names : "none");
    }

    int64_t type_col = ng_graph_node_column_find(g, "type");
    if (type_col >= 0 && ng_graph_node_column_type(g, (size_t)type_col) != NG_COLUMN_STRING)
        type_col = -1;
    palette_t types;
    palette_init(&types, g, type_col);

    style(dg, AGRAPH, dg, "layout", layout);
    /* prism removes overlaps keeping the layout's shape; sep keeps a
     * margin so that neighbouring labels stay apart. */
    style(dg, AGRAPH, dg, "overlap", "prism");
    style(dg, AGRAPH, dg, "sep", "+6");
    style(dg, AGRAPH, dg, "splines", m <= SPLINE_EDGES ? "true" : "false");
    style(dg, AGRAPH, dg, "outputorder", "edgesfirst");
    style(dg, AGRAPH, dg, "labelloc", "t");
    style(dg, AGRAPH, dg, "fontname", "Helvetica");
    style(dg, AGRAPH, dg, "fontsize", "14");
    style(dg, AGRAPH, dg, "bgcolor", "white");
    style(dg, AGRAPH, dg, "pad", "0.3");
    /* The font is a look, not a figure: a default for all. */
    agattr(dg, AGNODE, S("fontname"), S("Helvetica"));
    agattr(dg, AGEDGE, S("fontname"), S("Helvetica"));
    set_title(dg, g, &types, community_col,
              size_col >= 0 ? ng_graph_node_column_name(g, (size_t)size_col) : NULL);
    style_nodes(dg, nodes, g, &types, type_col, community_col, size_col);
    style_edges(dg, edges, g);
    palette_free(&types);
    return NG_OK;
}
