/*
 * SVG, PNG and PDF: the diagram the DOT writer writes (ng_diagram_build),
 * laid out and rendered in-process by Graphviz's gvc, with no child
 * process.  Output is deterministic: the layouts are seeded
 * (Graphviz's default start is a fixed seed), SVG and PNG carry no
 * timestamp, and the PDF's creation date, the one clock reading cairo
 * writes, is replaced by a fixed one of the same length.
 */
#include "nergraph.h"

#include <graphviz/gvc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagram.h"
#include "util.h"

/* Graphviz keeps process-wide state: its pango text plugin caches a
 * pointer to the last font name, which lives in the gvc context's font
 * table (Graphviz 2.42), so freeing a context and rendering again with a
 * new one reads freed memory.  One context, made on first use, serves
 * every render of the process and is never freed (valgrind counts it as
 * still reachable); layouts and renders are freed after each call.  Like
 * Graphviz itself, rendering is not thread-safe. */
static GVC_t *shared_gvc;

static GVC_t *gvc_get(void)
{
    if (!shared_gvc)
        shared_gvc = gvContext();
    return shared_gvc;
}

/* Past this many nodes a picture stops being readable at any size. */
enum { READABLE_NODES = 300 };

/* cairo's PDF writer stamps "/CreationDate (D:YYYYMMDDHHmmSS...)": put a
 * fixed date over the digits, keeping every byte offset (the xref table
 * points into the file) as it was. */
static void fix_pdf_date(char *data, size_t len)
{
    static const char key[] = "/CreationDate (D:";
    static const char epoch[] = "19700101000000";
    size_t klen = sizeof key - 1;
    for (size_t i = 0; i + klen + 14 <= len; i++) {
        if (memcmp(data + i, key, klen) != 0)
            continue;
        char *digits = data + i + klen;
        size_t k = 0;
        while (k < 14 && digits[k] >= '0' && digits[k] <= '9')
            k++;
        memcpy(digits, epoch, k);
        /* The offset from UTC, if any, becomes Z's neighbours: keep the
         * length, zero the numbers. */
        for (char *p = digits + k; p < data + len && *p != ')'; p++)
            if (*p >= '0' && *p <= '9')
                *p = '0';
    }
}

static int render(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                  const char *format, ng_error_t *err)
{
    size_t n = ng_graph_node_count(g);
    if (n > READABLE_NODES)
        ng_diagram_warn(o, "the diagram has %zu entities, too many to read in one picture; "
                        "--top N keeps the N strongest", n);
    Agraph_t *dg;
    int st = ng_diagram_build(g, o, &dg, err);
    if (st)
        return st;
    /* The data's weight would steer the layout (and dot wants whole
     * numbers): lay out with a weight from 1 to 5 on the same scale as the
     * line width, which the styling put on each edge. */
    Agsym_t *weight = agattr(dg, AGEDGE, NG_S("weight"), NULL);
    Agsym_t *pen = agattr(dg, AGEDGE, NG_S("penwidth"), NULL);
    if (weight && pen)
        for (Agnode_t *v = agfstnode(dg); v; v = agnxtnode(dg, v))
            for (Agedge_t *e = agfstout(dg, v); e; e = agnxtout(dg, e)) {
                char num[16];
                double width = atof(agxget(e, pen));
                snprintf(num, sizeof num, "%d", 1 + (int)((width - 0.8) / 5.2 * 4.0 + 0.5));
                agxset(e, weight, num);
            }

    GVC_t *gvc = gvc_get();
    char *data = NULL;
    unsigned int len = 0;
    st = NG_OK;
    if (!gvc) {
        st = ng_fail(err, NG_EINTERNAL, "Graphviz could not start");
    } else if (gvLayout(gvc, dg, agget(dg, NG_S("layout"))) != 0) {
        st = ng_fail(err, NG_EINTERNAL, "Graphviz could not lay out the graph with %s",
                     agget(dg, NG_S("layout")));
    } else {
        if (gvRenderData(gvc, dg, format, &data, &len) != 0 || !data)
            st = ng_fail(err, NG_EINTERNAL, "Graphviz could not render %s (is its %s plugin "
                         "installed?)", format, format);
        gvFreeLayout(gvc, dg);
    }
    if (!st) {
        if (strcmp(format, "pdf") == 0)
            fix_pdf_date(data, len);
        if (fwrite(data, 1, len, out) != len || ferror(out))
            st = ng_fail(err, NG_EIO, "write failed");
    }
    if (data)
        gvFreeRenderData(data);
    agclose(dg);
    return st;
}

int ng_export_svg(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                  ng_error_t *err)
{
    return render(out, g, o, "svg", err);
}

int ng_export_png(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                  ng_error_t *err)
{
    return render(out, g, o, "png", err);
}

int ng_export_pdf(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                  ng_error_t *err)
{
    return render(out, g, o, "pdf", err);
}
