/*
 * Association measures and the disparity filter.  Everything here is a
 * function of counts the co-occurrence counter already keeps, so anyone
 * holding the exported columns (count, windows, and the graph's windows)
 * can recompute each figure.
 */
#include "graph_weights.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const weight_names[] = {"count", "dice", "jaccard", "pmi", "npmi"};
#define WEIGHT_COUNT (sizeof weight_names / sizeof *weight_names)

int ng_weight_parse(const char *name, ng_weight_t *out, ng_error_t *err)
{
    for (size_t i = 0; i < WEIGHT_COUNT; i++) {
        if (strcmp(name, weight_names[i]) == 0) {
            *out = (ng_weight_t)i;
            return NG_OK;
        }
    }
    return ng_fail(err, NG_EUSAGE, "unknown weight '%s'; use count, dice, jaccard, pmi or npmi",
                   name);
}

const char *ng_weight_name(ng_weight_t w)
{
    return (size_t)w < WEIGHT_COUNT ? weight_names[w] : weight_names[0];
}

int ng_graph_check_weights(const ng_graph_options_t *o, const ng_window_t *w, ng_error_t *err)
{
    if ((size_t)o->weight >= WEIGHT_COUNT)
        return ng_fail(err, NG_EUSAGE, "unknown weight measure %d", (int)o->weight);
    if (o->weight != NG_WEIGHT_COUNT && w->kind == NG_WINDOW_TOKENS)
        return ng_fail(err, NG_EUSAGE, "--weight %s needs sentence, paragraph or document "
                       "windows: with tokens:N the weight counts pairs of mentions, not "
                       "shared windows, so only count is defined", ng_weight_name(o->weight));
    /* Written so that NaN fails too. */
    if (o->backbone != 0 && !(o->backbone > 0 && o->backbone < 1))
        return ng_fail(err, NG_EUSAGE, "--backbone takes a significance level between 0 "
                       "and 1 (exclusive), not %g", o->backbone);
    if (o->backbone != 0 && (o->weight == NG_WEIGHT_PMI || o->weight == NG_WEIGHT_NPMI))
        return ng_fail(err, NG_EUSAGE, "--backbone needs positive weights; --weight %s can "
                       "be zero or negative: use count, dice or jaccard",
                       ng_weight_name(o->weight));
    return NG_OK;
}

double ng_association(ng_weight_t m, size_t c, size_t a, size_t b, size_t n)
{
    double dc = (double)c, da = (double)a, db = (double)b, dn = (double)n;
    switch (m) {
    case NG_WEIGHT_COUNT: return dc;
    case NG_WEIGHT_DICE: return 2 * dc / (da + db);
    case NG_WEIGHT_JACCARD: return dc / (da + db - dc);
    case NG_WEIGHT_PMI: return log2(dc * dn / (da * db));
    case NG_WEIGHT_NPMI:
        /* c = N means both entities are in every window: perfectly
         * associated, though pmi is 0 and so is the normaliser. */
        if (c == n)
            return 1.0;
        return log2(dc * dn / (da * db)) / -log2(dc / dn);
    }
    return dc;
}

double ng_disparity_alpha(double w, double s, size_t k)
{
    if (k <= 1 || s <= 0)
        return 1.0;
    return pow(1.0 - w / s, (double)(k - 1));
}

void ng_disparity_filter(const ng_weighted_edge_t *edges, size_t m, size_t node_count,
                         double alpha_max, bool *keep)
{
    double *strength = ng_xcalloc(node_count + 1, sizeof *strength);
    size_t *degree = ng_xcalloc(node_count + 1, sizeof *degree);
    for (size_t i = 0; i < m; i++) {
        strength[edges[i].u] += edges[i].weight;
        strength[edges[i].v] += edges[i].weight;
        degree[edges[i].u]++;
        degree[edges[i].v]++;
    }
    for (size_t i = 0; i < m; i++) {
        const ng_weighted_edge_t *e = &edges[i];
        double at_u = ng_disparity_alpha(e->weight, strength[e->u], degree[e->u]);
        double at_v = ng_disparity_alpha(e->weight, strength[e->v], degree[e->v]);
        keep[i] = at_u < alpha_max || at_v < alpha_max;
    }
    free(degree);
    free(strength);
}
