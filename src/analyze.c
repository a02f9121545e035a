/*
 * Graph analytics with igraph: the measures of ng_analyze.h, connected
 * components and Leiden communities.  Everything runs on an igraph graph
 * built from a plain edge list with its weights, so the same code serves a
 * finished graph (ng_graph_analyze) and the draft the --top pass ranks
 * (ng_measure_compute).
 */
#include "nergraph.h"
#include "analyze.h"

#include <igraph.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define PAGERANK_DAMPING 0.85
/* Components whose leading eigenvalue is this close to the largest one tie. */
#define EIGENVALUE_TIE 1e-9

/* The graph as igraph sees it, with the arrays it was built from. */
typedef struct net {
    igraph_t ig;
    igraph_vector_t weights;
    size_t n, m;
    const size_t *ends;
    const double *w;
    uint64_t seed; /* for the algorithms that draw random numbers */
} net_t;

/* ---- igraph's process-wide state, scoped to our calls --------------------- */

/* igraph's default error handler aborts; ours only unwinds igraph's cleanup
 * stack, so errors come back as return codes (as in graph.c). */
static void unwind_only(const char *reason, const char *file, int line, igraph_error_t code)
{
    (void)reason;
    (void)file;
    (void)line;
    (void)code;
    IGRAPH_FINALLY_FREE();
}

/* igraph's handlers and its default RNG, as they were before our calls. */
typedef struct scope {
    igraph_error_handler_t *error;
    igraph_warning_handler_t *warning;
    igraph_rng_t saved_rng; /* a copy: igraph_rng_set_default copies the struct */
    igraph_rng_t rng;
    bool rng_ready;
} scope_t;

/* Leiden and the eigenvector's ARPACK start vector draw from igraph's
 * default RNG, which igraph seeds from the clock; a private, seeded one
 * takes its place so that every run gives the same numbers. */
static void scope_enter(scope_t *s, uint64_t seed)
{
    /* Warnings (e.g. "graph is disconnected") are expected: the measures
     * are defined for those cases. */
    s->error = igraph_set_error_handler(unwind_only);
    s->warning = igraph_set_warning_handler(igraph_warning_handler_ignore);
    s->saved_rng = *igraph_rng_default();
    s->rng_ready = igraph_rng_init(&s->rng, &igraph_rngtype_mt19937) == IGRAPH_SUCCESS;
    if (s->rng_ready) {
        igraph_rng_seed(&s->rng, (igraph_uint_t)seed);
        igraph_rng_set_default(&s->rng);
    }
}

static void scope_leave(scope_t *s)
{
    if (s->rng_ready) {
        igraph_rng_set_default(&s->saved_rng);
        igraph_rng_destroy(&s->rng);
    }
    igraph_set_warning_handler(s->warning);
    igraph_set_error_handler(s->error);
}

/* Each random algorithm starts from the seed, whatever ran before it. */
static igraph_error_t reseed(const net_t *net)
{
    return igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)net->seed);
}

#define TRY(call)                                                                          \
    do {                                                                                   \
        if ((rc = (call)) != IGRAPH_SUCCESS)                                               \
            goto done;                                                                     \
    } while (0)

/* ---- the graph ------------------------------------------------------------ */

static igraph_error_t net_init(net_t *net, size_t n, size_t m, const size_t *ends,
                               const double *w, uint64_t seed)
{
    *net = (net_t){.n = n, .m = m, .ends = ends, .w = w, .seed = seed};
    igraph_vector_int_t ev;
    igraph_error_t rc = igraph_vector_int_init(&ev, (igraph_integer_t)(2 * m));
    if (rc != IGRAPH_SUCCESS)
        return rc;
    for (size_t i = 0; i < 2 * m; i++)
        VECTOR(ev)[i] = (igraph_integer_t)ends[i];
    rc = igraph_create(&net->ig, &ev, (igraph_integer_t)n, IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&ev);
    if (rc != IGRAPH_SUCCESS)
        return rc;
    rc = igraph_vector_init(&net->weights, (igraph_integer_t)m);
    if (rc != IGRAPH_SUCCESS) {
        igraph_destroy(&net->ig);
        return rc;
    }
    for (size_t i = 0; i < m; i++)
        VECTOR(net->weights)[i] = w[i];
    return IGRAPH_SUCCESS;
}

static void net_destroy(net_t *net)
{
    igraph_vector_destroy(&net->weights);
    igraph_destroy(&net->ig);
}

/* Label ids in order of first appearance, so numbering follows node order
 * (nodes are sorted by entity id) whatever igraph's own numbering was. */
static void renumber(const igraph_vector_int_t *membership, size_t n, int64_t *out)
{
    size_t k = (size_t)igraph_vector_int_size(membership);
    int64_t *label_of = ng_xmalloc((k + 1) * sizeof *label_of);
    for (size_t i = 0; i < k; i++)
        label_of[i] = -1;
    int64_t next = 0;
    for (size_t v = 0; v < n; v++) {
        size_t c = (size_t)VECTOR(*membership)[v];
        if (label_of[c] < 0)
            label_of[c] = next++;
        out[v] = label_of[c];
    }
    free(label_of);
}

/* ---- the measures --------------------------------------------------------- */

static igraph_error_t degree(const net_t *net, double *out)
{
    igraph_vector_int_t res;
    igraph_error_t rc = igraph_vector_int_init(&res, 0);
    if (rc != IGRAPH_SUCCESS)
        return rc;
    rc = igraph_degree(&net->ig, &res, igraph_vss_all(), IGRAPH_ALL, true);
    for (size_t v = 0; rc == IGRAPH_SUCCESS && v < net->n; v++)
        out[v] = (double)VECTOR(res)[v];
    igraph_vector_int_destroy(&res);
    return rc;
}

/* The measures igraph returns as a real vector over all nodes. */
static igraph_error_t real_measure(const net_t *net, ng_measure_t which, double *out)
{
    igraph_vector_t res, dist;
    igraph_error_t rc = igraph_vector_init(&res, 0);
    if (rc != IGRAPH_SUCCESS)
        return rc;
    switch (which) {
    case NG_MEASURE_WEIGHTED_DEGREE:
        rc = igraph_strength(&net->ig, &res, igraph_vss_all(), IGRAPH_ALL, true, &net->weights);
        break;
    case NG_MEASURE_PAGERANK:
        rc = igraph_pagerank(&net->ig, IGRAPH_PAGERANK_ALGO_PRPACK, &res, NULL, igraph_vss_all(),
                             false, PAGERANK_DAMPING, &net->weights, NULL);
        break;
    case NG_MEASURE_BETWEENNESS:
        /* A strong tie is a short distance. */
        rc = igraph_vector_init(&dist, (igraph_integer_t)net->m);
        if (rc != IGRAPH_SUCCESS)
            break;
        for (size_t i = 0; i < net->m; i++)
            VECTOR(dist)[i] = 1.0 / net->w[i];
        rc = igraph_betweenness(&net->ig, &res, igraph_vss_all(), false, &dist);
        igraph_vector_destroy(&dist);
        break;
    default:
        rc = IGRAPH_EINVAL;
    }
    for (size_t v = 0; rc == IGRAPH_SUCCESS && v < net->n; v++)
        out[v] = VECTOR(res)[v];
    igraph_vector_destroy(&res);
    if (rc == IGRAPH_SUCCESS && which == NG_MEASURE_BETWEENNESS) {
        /* igraph counts each unordered pair once; the pairs that can pass
         * through a node number (n-1)(n-2)/2. */
        double scale = net->n < 3 ? 0.0 : 2.0 / ((double)(net->n - 1) * (double)(net->n - 2));
        for (size_t v = 0; v < net->n; v++)
            out[v] *= scale;
    }
    return rc;
}

static igraph_error_t components(const net_t *net, int64_t *comp, size_t *count)
{
    igraph_vector_int_t membership;
    igraph_integer_t k = 0;
    igraph_error_t rc = igraph_vector_int_init(&membership, 0);
    if (rc != IGRAPH_SUCCESS)
        return rc;
    rc = igraph_connected_components(&net->ig, &membership, NULL, &k, IGRAPH_WEAK);
    if (rc == IGRAPH_SUCCESS)
        renumber(&membership, net->n, comp);
    igraph_vector_int_destroy(&membership);
    *count = (size_t)k;
    return rc;
}

/* The leading eigenvector of one component (its nodes nodes[0..k-1], in
 * the order of their ids) scaled to max 1, into vec; its eigenvalue. */
static igraph_error_t component_eigenvector(const net_t *net, const int64_t *comp, int64_t c,
                                            const size_t *nodes, size_t k, size_t *local,
                                            double *vec, double *value)
{
    size_t *ends = ng_xmalloc((2 * net->m + 1) * sizeof *ends);
    double *w = ng_xmalloc((net->m + 1) * sizeof *w);
    size_t m = 0;
    for (size_t i = 0; i < net->m; i++) {
        if (comp[net->ends[2 * i]] != c)
            continue;
        ends[2 * m] = local[net->ends[2 * i]];
        ends[2 * m + 1] = local[net->ends[2 * i + 1]];
        w[m++] = net->w[i];
    }
    net_t sub;
    igraph_vector_t res;
    igraph_real_t lambda = 0;
    igraph_error_t rc = net_init(&sub, k, m, ends, w, net->seed);
    if (rc == IGRAPH_SUCCESS)
        rc = reseed(net);
    if (rc == IGRAPH_SUCCESS) {
        rc = igraph_vector_init(&res, 0);
        if (rc == IGRAPH_SUCCESS) {
            rc = igraph_eigenvector_centrality(&sub.ig, &res, &lambda, false, true,
                                               &sub.weights, NULL);
            /* igraph's scaling leaves the maximum a rounding error off 1. */
            double max = rc == IGRAPH_SUCCESS ? igraph_vector_max(&res) : 1.0;
            for (size_t i = 0; rc == IGRAPH_SUCCESS && i < k; i++)
                vec[nodes[i]] = VECTOR(res)[i] / max;
            igraph_vector_destroy(&res);
        }
        net_destroy(&sub);
    }
    *value = lambda;
    free(ends);
    free(w);
    return rc;
}

static igraph_error_t eigenvector(const net_t *net, double *out)
{
    int64_t *comp = ng_xmalloc((net->n + 1) * sizeof *comp);
    size_t count = 0;
    igraph_error_t rc = components(net, comp, &count);
    if (rc != IGRAPH_SUCCESS) {
        free(comp);
        return rc;
    }
    bool *has_edge = ng_xcalloc(count + 1, sizeof *has_edge);
    for (size_t i = 0; i < net->m; i++)
        has_edge[comp[net->ends[2 * i]]] = true;
    double *value = ng_xcalloc(count + 1, sizeof *value);
    size_t *nodes = ng_xmalloc((net->n + 1) * sizeof *nodes);
    size_t *local = ng_xmalloc((net->n + 1) * sizeof *local);
    double best = 0;
    for (size_t v = 0; v < net->n; v++)
        out[v] = 0.0;
    for (size_t c = 0; c < count && rc == IGRAPH_SUCCESS; c++) {
        if (!has_edge[c])
            continue;
        size_t k = 0;
        for (size_t v = 0; v < net->n; v++)
            if (comp[v] == (int64_t)c) {
                local[v] = k;
                nodes[k++] = v;
            }
        rc = component_eigenvector(net, comp, (int64_t)c, nodes, k, local, out, &value[c]);
        if (value[c] > best)
            best = value[c];
    }
    /* Only the dominant component(s) carry the graph's leading eigenvector. */
    for (size_t v = 0; rc == IGRAPH_SUCCESS && v < net->n; v++)
        if (!has_edge[comp[v]] || value[comp[v]] < best * (1 - EIGENVALUE_TIE))
            out[v] = 0.0;
    free(local);
    free(nodes);
    free(value);
    free(has_edge);
    free(comp);
    return rc;
}

static igraph_error_t measure(const net_t *net, ng_measure_t which, double *out)
{
    if (net->n == 0)
        return IGRAPH_SUCCESS;
    switch (which) {
    case NG_MEASURE_DEGREE: return degree(net, out);
    case NG_MEASURE_EIGENVECTOR: return eigenvector(net, out);
    default: return real_measure(net, which, out);
    }
}

/* Leiden with the modularity objective: node weights are strengths and the
 * resolution 1/(2W), W the total edge weight (igraph's documented recipe
 * for modularity). */
static igraph_error_t communities(const net_t *net, int64_t *comm, double *modularity)
{
    igraph_vector_t strength;
    igraph_vector_int_t membership;
    igraph_integer_t clusters = 0;
    igraph_real_t quality = 0;
    double total = 0;
    for (size_t i = 0; i < net->m; i++)
        total += net->w[i];
    igraph_error_t rc = igraph_vector_init(&strength, 0);
    if (rc != IGRAPH_SUCCESS)
        return rc;
    rc = igraph_vector_int_init(&membership, (igraph_integer_t)net->n);
    if (rc != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&strength);
        return rc;
    }
    TRY(igraph_strength(&net->ig, &strength, igraph_vss_all(), IGRAPH_ALL, true,
                        &net->weights));
    TRY(reseed(net));
    TRY(igraph_community_leiden(&net->ig, &net->weights, &strength, 1.0 / (2.0 * total), 0.01,
                                false, -1, &membership, &clusters, &quality));
    TRY(igraph_modularity(&net->ig, &membership, &net->weights, 1.0, false, modularity));
    renumber(&membership, net->n, comm);
done:
    igraph_vector_int_destroy(&membership);
    igraph_vector_destroy(&strength);
    return rc;
}

/* ---- entry points --------------------------------------------------------- */

static const char *const measure_names[] = {"degree", "weighted_degree", "pagerank",
                                            "betweenness", "eigenvector"};
#define MEASURE_COUNT (sizeof measure_names / sizeof *measure_names)

int ng_measure_find(const char *name)
{
    for (size_t i = 0; name && i < MEASURE_COUNT; i++)
        if (strcmp(measure_names[i], name) == 0)
            return (int)i;
    return -1;
}

int ng_measure_compute(ng_measure_t which, size_t n, size_t m, const size_t *ends,
                       const double *weights, double *out, ng_error_t *err)
{
    ng_analyze_options_t defaults;
    ng_analyze_options_init(&defaults);
    scope_t scope;
    scope_enter(&scope, defaults.seed);
    net_t net;
    igraph_error_t rc = net_init(&net, n, m, ends, weights, defaults.seed);
    if (rc == IGRAPH_SUCCESS) {
        rc = measure(&net, which, out);
        net_destroy(&net);
    }
    scope_leave(&scope);
    if (rc != IGRAPH_SUCCESS)
        return ng_fail(err, NG_EINTERNAL, "igraph could not compute %s: %s",
                       measure_names[which], igraph_strerror(rc));
    return NG_OK;
}

void ng_analyze_options_init(ng_analyze_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
}

/* The column called name of type type: found, or added. */
static int column(ng_graph_t *g, const char *name, ng_column_type type, size_t *col,
                  ng_error_t *err)
{
    int64_t c = ng_graph_node_column_find(g, name);
    if (c < 0)
        c = ng_graph_add_node_column(g, name, type);
    else if (ng_graph_node_column_type(g, (size_t)c) != type)
        return ng_fail(err, NG_EUSAGE, "the graph has a column '%s' of another type", name);
    *col = (size_t)c;
    return NG_OK;
}

/* The edges and their weights, checked: the measures read weights as
 * strengths (betweenness as 1/weight), which only a positive number is. */
static int read_edges(const ng_graph_t *g, size_t *ends, double *w, ng_error_t *err)
{
    int64_t col = ng_graph_edge_column_find(g, "weight");
    ng_column_type type = col >= 0 ? ng_graph_edge_column_type(g, (size_t)col) : NG_COLUMN_STRING;
    if (type == NG_COLUMN_STRING)
        return ng_fail(err, NG_EUSAGE, "analysis needs a numeric edge column 'weight'");
    for (size_t i = 0; i < ng_graph_edge_count(g); i++) {
        ng_graph_edge_nodes(g, i, &ends[2 * i], &ends[2 * i + 1]);
        w[i] = type == NG_COLUMN_INT ? (double)ng_graph_edge_int(g, (size_t)col, i)
                                     : ng_graph_edge_float(g, (size_t)col, i);
        if (!(w[i] > 0) || !isfinite(w[i]))
            return ng_fail(err, NG_EUSAGE,
                           "analysis reads edge weights as strengths and needs them positive; "
                           "the edge %s -- %s has weight %g (drop such edges with --min-weight)",
                           ng_graph_node_id(g, ends[2 * i]), ng_graph_node_id(g, ends[2 * i + 1]),
                           w[i]);
    }
    return NG_OK;
}

/* Every figure into its column; the net is built and handlers are scoped. */
static int analyze(ng_graph_t *g, const net_t *net, ng_error_t *err)
{
    size_t n = net->n;
    double *values = ng_xcalloc(n + 1, sizeof *values);
    int64_t *labels = ng_xcalloc(n + 1, sizeof *labels);
    igraph_error_t rc = IGRAPH_SUCCESS;
    int st = NG_OK;
    const char *what = "";
    size_t col;
    for (size_t i = 0; i < MEASURE_COUNT && !st; i++) {
        what = measure_names[i];
        if ((rc = measure(net, (ng_measure_t)i, values)) != IGRAPH_SUCCESS)
            goto done;
        bool whole = i == NG_MEASURE_DEGREE;
        if ((st = column(g, what, whole ? NG_COLUMN_INT : NG_COLUMN_FLOAT, &col, err)))
            goto done;
        for (size_t v = 0; v < n; v++) {
            if (whole)
                ng_graph_set_node_int(g, col, v, (int64_t)values[v]);
            else
                ng_graph_set_node_float(g, col, v, values[v]);
        }
    }
    what = "connected components";
    size_t count;
    if (n && (rc = components(net, labels, &count)) != IGRAPH_SUCCESS)
        goto done;
    if ((st = column(g, "component", NG_COLUMN_INT, &col, err)))
        goto done;
    for (size_t v = 0; v < n; v++)
        ng_graph_set_node_int(g, col, v, labels[v]);

    what = "communities";
    double modularity = 0;
    if (net->m) {
        if ((rc = communities(net, labels, &modularity)) != IGRAPH_SUCCESS)
            goto done;
    } else {
        for (size_t v = 0; v < n; v++)
            labels[v] = (int64_t)v; /* no edge joins anyone */
    }
    if ((st = column(g, "community", NG_COLUMN_INT, &col, err)))
        goto done;
    for (size_t v = 0; v < n; v++)
        ng_graph_set_node_int(g, col, v, labels[v]);
    if (net->m)
        ng_graph_set_attr_float(g, "modularity", modularity);
done:
    free(values);
    free(labels);
    if (rc != IGRAPH_SUCCESS)
        st = ng_fail(err, NG_EINTERNAL, "igraph could not compute %s: %s", what,
                     igraph_strerror(rc));
    return st;
}

int ng_graph_analyze(ng_graph_t *g, const ng_analyze_options_t *o, ng_error_t *err)
{
    ng_analyze_options_t defaults;
    if (!o) {
        ng_analyze_options_init(&defaults);
        o = &defaults;
    }
    size_t n = ng_graph_node_count(g), m = ng_graph_edge_count(g);
    size_t *ends = ng_xmalloc((2 * m + 1) * sizeof *ends);
    double *w = ng_xmalloc((m + 1) * sizeof *w);
    int st = read_edges(g, ends, w, err);
    if (!st) {
        scope_t scope;
        scope_enter(&scope, o->seed);
        net_t net;
        igraph_error_t rc = net_init(&net, n, m, ends, w, o->seed);
        if (rc == IGRAPH_SUCCESS) {
            st = analyze(g, &net, err);
            net_destroy(&net);
        } else {
            st = ng_fail(err, NG_EINTERNAL, "igraph could not build the graph: %s",
                         igraph_strerror(rc));
        }
        scope_leave(&scope);
    }
    free(ends);
    free(w);
    return st;
}
