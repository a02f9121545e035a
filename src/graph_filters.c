/*
 * The structural filters: exclude ids, an ego network, the top N nodes.
 * Each is a pass over the draft (graph_draft.h), registered in graph.c's
 * pass table, and notes what it did in the draft's "filters" text.
 */
#include "nergraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "graph_draft.h"
#include "util.h"

/* Rankings read from the counter, by name (the node columns of the same
 * names hold the same numbers). */
static const struct {
    const char *name;
    size_t (*count)(const ng_cooc_t *c, uint32_t entity);
} counts[] = {
    {"mentions", ng_cooc_mentions},
    {"documents", ng_cooc_documents},
    {"windows", ng_cooc_windows},
};
#define COUNT_COUNT (sizeof counts / sizeof *counts)

static int count_find(const char *name)
{
    for (size_t i = 0; i < COUNT_COUNT; i++)
        if (strcmp(counts[i].name, name) == 0)
            return (int)i;
    return -1;
}

static const char *top_by(const ng_graph_options_t *o)
{
    return o->top_by ? o->top_by : "mentions";
}

static bool type_listed(const ng_graph_options_t *o, const char *type)
{
    for (size_t i = 0; i < o->type_count; i++)
        if (strcmp(o->types[i], type) == 0)
            return true;
    return false;
}

int ng_graph_options_check(const ng_gazetteer_t *gz, const ng_graph_options_t *o,
                           ng_error_t *err)
{
    for (size_t i = 0; i < o->exclude_id_count; i++)
        if (ng_gazetteer_find(gz, o->exclude_ids[i]) < 0)
            return ng_fail(err, NG_EUSAGE, "--exclude-id: no entity in the gazetteers has id '%s'",
                           o->exclude_ids[i]);
    if (o->ego) {
        int64_t e = ng_gazetteer_find(gz, o->ego);
        if (e < 0)
            return ng_fail(err, NG_EUSAGE, "--ego: no entity in the gazetteers has id '%s'",
                           o->ego);
        for (size_t i = 0; i < o->exclude_id_count; i++)
            if (strcmp(o->exclude_ids[i], o->ego) == 0)
                return ng_fail(err, NG_EUSAGE, "--ego %s is also given to --exclude-id", o->ego);
        const char *type = ng_gazetteer_entity_type(gz, (uint32_t)e);
        if (o->types && !type_listed(o, type))
            return ng_fail(err, NG_EUSAGE, "--ego %s has type '%s', which --types leaves out",
                           o->ego, type);
    }
    if (count_find(top_by(o)) < 0 && ng_measure_find(top_by(o)) < 0)
        return ng_fail(err, NG_EUSAGE,
                       "--top-by: cannot rank by '%s'; use mentions, documents, windows, degree, "
                       "weighted_degree, pagerank, betweenness or eigenvector", top_by(o));
    return NG_OK;
}

/* The draft index of entity id, or SIZE_MAX (never mentioned, or already
 * dropped).  Nodes are sorted by id. */
static size_t draft_find(const draft_t *d, const char *id)
{
    size_t lo = 0, hi = d->node_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ng_gazetteer_entity_id(d->gz, d->nodes[mid]), id);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

/* --exclude-id: these entities go, with their edges. */
void pass_exclude_ids(draft_t *d)
{
    const ng_graph_options_t *o = d->opts;
    if (!o->exclude_id_count)
        return;
    bool *keep = ng_xmalloc(d->node_count + 1);
    memset(keep, true, d->node_count + 1);
    size_t len = 0;
    for (size_t i = 0; i < o->exclude_id_count; i++) {
        size_t v = draft_find(d, o->exclude_ids[i]);
        if (v != SIZE_MAX)
            keep[v] = false;
        len += strlen(o->exclude_ids[i]) + 1;
    }
    draft_keep_nodes(d, keep);
    free(keep);
    char *list = ng_xmalloc(len + 1);
    list[0] = '\0';
    for (size_t i = 0; i < o->exclude_id_count; i++) {
        if (i)
            strcat(list, ",");
        strcat(list, o->exclude_ids[i]);
    }
    draft_note(d, "exclude-id=%s", list);
    free(list);
}

/* --ego ID --depth K: breadth-first over the edges left, K rounds.  An ego
 * that was never mentioned leaves an empty graph. */
void pass_ego(draft_t *d)
{
    const ng_graph_options_t *o = d->opts;
    if (!o->ego)
        return;
    size_t n = d->node_count;
    size_t *hops = ng_xmalloc((n + 1) * sizeof *hops);
    for (size_t v = 0; v < n; v++)
        hops[v] = SIZE_MAX;
    size_t ego = draft_find(d, o->ego);
    if (ego != SIZE_MAX)
        hops[ego] = 0;
    /* Each round reaches one hop further; edge lists are small next to the
     * cost of reading the text, so rescanning them is fine. */
    for (size_t round = 1; ego != SIZE_MAX && round <= o->ego_depth; round++) {
        bool grew = false;
        for (size_t i = 0; i < d->edge_count; i++) {
            size_t a = d->edges[i].u, b = d->edges[i].v;
            if (hops[a] == round - 1 && hops[b] == SIZE_MAX)
                hops[b] = round, grew = true;
            else if (hops[b] == round - 1 && hops[a] == SIZE_MAX)
                hops[a] = round, grew = true;
        }
        if (!grew)
            break;
    }
    bool *keep = ng_xmalloc(n + 1);
    for (size_t v = 0; v < n; v++)
        keep[v] = hops[v] != SIZE_MAX;
    draft_keep_nodes(d, keep);
    free(keep);
    free(hops);
    draft_note(d, "ego=%s depth=%zu", o->ego, o->ego_depth);
}

typedef struct ranked {
    double value;
    size_t node;
} ranked_t;

/* Strongest first; equal values by node index, that is by id. */
static int cmp_ranked(const void *pa, const void *pb)
{
    const ranked_t *a = pa, *b = pb;
    if (a->value != b->value)
        return a->value > b->value ? -1 : 1;
    return a->node < b->node ? -1 : a->node > b->node;
}

/* The ranking value of every draft node, into out.  A centrality is
 * computed on the draft as it stands, not on the unfiltered graph. */
static void rank_values(draft_t *d, const char *by, double *out)
{
    int k = count_find(by);
    if (k >= 0) {
        for (size_t v = 0; v < d->node_count; v++)
            out[v] = (double)counts[k].count(d->cooc, d->nodes[v]);
        return;
    }
    size_t m = d->edge_count;
    size_t *ends = ng_xmalloc((2 * m + 1) * sizeof *ends);
    double *w = ng_xmalloc((m + 1) * sizeof *w);
    for (size_t i = 0; i < m; i++) {
        ends[2 * i] = d->edges[i].u;
        ends[2 * i + 1] = d->edges[i].v;
        w[i] = (double)d->edges[i].weight;
    }
    d->status = ng_measure_compute((ng_measure_t)ng_measure_find(by), d->node_count, m, ends, w,
                                   out, d->err);
    free(ends);
    free(w);
}

/* --top N [--top-by MEASURE]: the N strongest nodes stay. */
void pass_top(draft_t *d)
{
    const ng_graph_options_t *o = d->opts;
    if (!o->top)
        return;
    size_t n = d->node_count;
    double *values = ng_xcalloc(n + 1, sizeof *values);
    rank_values(d, top_by(o), values);
    if (d->status) {
        free(values);
        return;
    }
    ranked_t *r = ng_xmalloc((n + 1) * sizeof *r);
    for (size_t v = 0; v < n; v++)
        r[v] = (ranked_t){values[v], v};
    qsort(r, n, sizeof *r, cmp_ranked);
    bool *keep = ng_xcalloc(n + 1, sizeof *keep);
    for (size_t i = 0; i < n && i < o->top; i++)
        keep[r[i].node] = true;
    draft_keep_nodes(d, keep);
    free(keep);
    free(r);
    free(values);
    draft_note(d, "top=%zu by %s", o->top, top_by(o));
}
