/*
 * The registry of output formats.  A format is one row here: the CLI's
 * -f, its inference from -o and its --help text all read this table, so
 * adding a format (GraphML, GEXF, CSV...) touches nothing else.
 */
#include "nergraph.h"

#include <string.h>

static const char *const dot_ext[] = {"dot", "gv", NULL};
static const char *const json_ext[] = {"json", NULL};
static const char *const mentions_ext[] = {"jsonl", "ndjson", NULL};
static const char *const graphml_ext[] = {"graphml", NULL};
static const char *const gml_ext[] = {"gml", NULL};
static const char *const gexf_ext[] = {"gexf", NULL};
static const char *const csv_ext[] = {"csv", NULL};

static const char *const svg_ext[] = {"svg", NULL};
static const char *const png_ext[] = {"png", NULL};
static const char *const pdf_ext[] = {"pdf", NULL};

static const ng_export_format_t formats[] = {
    {"dot", dot_ext, "Graphviz DOT", NG_EXPORT_GRAPH, ng_export_dot, false, NULL},
    {"json", json_ext, "networkx node-link JSON", NG_EXPORT_GRAPH, ng_export_json, false, NULL},
    {"mentions", mentions_ext, "JSON Lines, one line per mention", NG_EXPORT_MENTIONS, NULL,
     false, NULL},
    {"graphml", graphml_ext, "GraphML, typed attributes", NG_EXPORT_GRAPH, ng_export_graphml,
     false, NULL},
    {"gml", gml_ext, "GML, ASCII", NG_EXPORT_GRAPH, ng_export_gml, false, NULL},
    {"gexf", gexf_ext, "GEXF 1.2, for Gephi", NG_EXPORT_GRAPH, ng_export_gexf, false, NULL},
    {"csv", csv_ext, "CSV for Gephi: nodes.csv, edges.csv", NG_EXPORT_GRAPH, NULL, true,
     ng_export_csv},
    {"svg", svg_ext, "diagram drawn by Graphviz, SVG", NG_EXPORT_GRAPH, ng_export_svg, false,
     NULL},
    {"png", png_ext, "diagram drawn by Graphviz, PNG", NG_EXPORT_GRAPH, ng_export_png, false,
     NULL},
    {"pdf", pdf_ext, "diagram drawn by Graphviz, PDF", NG_EXPORT_GRAPH, ng_export_pdf, false,
     NULL},
};

void ng_export_options_init(ng_export_options_t *o)
{
    memset(o, 0, sizeof *o);
}

size_t ng_export_format_count(void)
{
    return sizeof formats / sizeof *formats;
}

const ng_export_format_t *ng_export_format_at(size_t i)
{
    return i < ng_export_format_count() ? &formats[i] : NULL;
}

const ng_export_format_t *ng_export_format_find(const char *name)
{
    for (size_t i = 0; name && i < ng_export_format_count(); i++)
        if (strcmp(formats[i].name, name) == 0)
            return &formats[i];
    return NULL;
}

/* ASCII only: strcasecmp follows the locale, and an extension should not. */
static bool same_extension(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

const ng_export_format_t *ng_export_format_for_path(const char *path)
{
    if (!path)
        return NULL;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    /* ".json" alone is a hidden file's name, not an extension. */
    if (!dot || dot == base || !dot[1])
        return NULL;
    for (size_t i = 0; i < ng_export_format_count(); i++)
        for (const char *const *ext = formats[i].extensions; *ext; ext++)
            if (same_extension(*ext, dot + 1))
                return &formats[i];
    return NULL;
}
