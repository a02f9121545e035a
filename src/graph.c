/*
 * Graph building: from counts to an igraph graph with filters applied.
 * Filtering happens before igraph sees anything, so the graph holds exactly
 * what will be exported and vertex ids are dense and sorted.
 */
#include "nergraph.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct gedge {
    size_t u, v;
    size_t weight, documents;
} gedge_t;

struct ng_graph {
    const ng_gazetteer_t *gz;
    uint32_t *entity;      /* vertex -> entity */
    size_t *mentions, *documents;
    size_t node_count;
    gedge_t *edges;
    size_t edge_count;
    igraph_t ig;
    bool ig_ready;
};

void ng_graph_options_init(ng_graph_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->min_weight = 1;
}

static void igraph_quiet_error(const char *reason, const char *file, int line,
                               igraph_error_t code)
{
    (void)file;
    (void)line;
    ng_warn("igraph: %s (%s)", reason, igraph_strerror(code));
    IGRAPH_FINALLY_FREE();
}

void ng_graph_install_igraph_handlers(void)
{
    igraph_set_error_handler(igraph_quiet_error);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

/* Vertices are sorted by id; the id travels with the entity so that the
 * comparison needs no context (qsort has no user pointer). */
typedef struct vertex_key {
    const char *id;
    uint32_t entity;
} vertex_key_t;

static int cmp_vertex_key(const void *a, const void *b)
{
    return strcmp(((const vertex_key_t *)a)->id, ((const vertex_key_t *)b)->id);
}

static int cmp_gedge(const void *pa, const void *pb)
{
    const gedge_t *a = pa, *b = pb;
    if (a->u != b->u)
        return a->u < b->u ? -1 : 1;
    return a->v < b->v ? -1 : a->v > b->v;
}

static bool type_kept(const ng_graph_options_t *o, const char *type)
{
    if (!o->types)
        return true;
    for (size_t i = 0; i < o->type_count; i++)
        if (strcmp(o->types[i], type) == 0)
            return true;
    return false;
}

ng_graph_t *ng_graph_build(const ng_gazetteer_t *gz, const ng_cooc_t *c,
                           const ng_graph_options_t *opts, ng_error_t *err)
{
    ng_graph_options_t defaults;
    if (!opts) {
        ng_graph_options_init(&defaults);
        opts = &defaults;
    }
    ng_graph_install_igraph_handlers();
    size_t ne = ng_cooc_entity_count(c);
    ng_graph_t *g = ng_xcalloc(1, sizeof *g);
    g->gz = gz;

    /* Candidate vertices: mentioned entities of the kept types. */
    vertex_key_t *keys = ng_xmalloc((ne + 1) * sizeof *keys);
    size_t nc = 0;
    for (uint32_t e = 0; e < ne; e++)
        if (ng_cooc_mentions(c, e) && type_kept(opts, ng_gazetteer_entity_type(gz, e)))
            keys[nc++] = (vertex_key_t){ng_gazetteer_entity_id(gz, e), e};
    qsort(keys, nc, sizeof *keys, cmp_vertex_key);
    uint32_t *cand = ng_xmalloc((nc + 1) * sizeof *cand);
    for (size_t i = 0; i < nc; i++)
        cand[i] = keys[i].entity;
    free(keys);
    /* entity -> candidate vertex, SIZE_MAX when dropped */
    size_t *vertex_of = ng_xmalloc((ne + 1) * sizeof *vertex_of);
    for (size_t e = 0; e < ne; e++)
        vertex_of[e] = SIZE_MAX;
    for (size_t i = 0; i < nc; i++)
        vertex_of[cand[i]] = i;

    size_t nedges = ng_cooc_edge_count(c);
    gedge_t *edges = ng_xmalloc((nedges + 1) * sizeof *edges);
    size_t kept = 0;
    bool *has_edge = ng_xcalloc(nc + 1, sizeof *has_edge);
    for (size_t i = 0; i < nedges; i++) {
        uint32_t a, b;
        size_t w, d;
        ng_cooc_edge(c, i, &a, &b, &w, &d);
        size_t u = vertex_of[a], v = vertex_of[b];
        if (u == SIZE_MAX || v == SIZE_MAX || w < opts->min_weight)
            continue;
        if (u > v) {
            size_t t = u;
            u = v;
            v = t;
        }
        edges[kept++] = (gedge_t){u, v, w, d};
        has_edge[u] = has_edge[v] = true;
    }

    /* Final vertex numbering, after dropping isolates if asked. */
    size_t *final_of = ng_xmalloc((nc + 1) * sizeof *final_of);
    g->entity = ng_xmalloc((nc + 1) * sizeof *g->entity);
    g->mentions = ng_xmalloc((nc + 1) * sizeof *g->mentions);
    g->documents = ng_xmalloc((nc + 1) * sizeof *g->documents);
    for (size_t i = 0; i < nc; i++) {
        if (opts->no_isolates && !has_edge[i]) {
            final_of[i] = SIZE_MAX;
            continue;
        }
        final_of[i] = g->node_count;
        g->entity[g->node_count] = cand[i];
        g->mentions[g->node_count] = ng_cooc_mentions(c, cand[i]);
        g->documents[g->node_count] = ng_cooc_documents(c, cand[i]);
        g->node_count++;
    }
    for (size_t i = 0; i < kept; i++) {
        edges[i].u = final_of[edges[i].u];
        edges[i].v = final_of[edges[i].v];
    }
    qsort(edges, kept, sizeof *edges, cmp_gedge);
    g->edges = edges;
    g->edge_count = kept;
    free(final_of);
    free(has_edge);
    free(vertex_of);
    free(cand);

    igraph_vector_int_t ev;
    if (igraph_vector_int_init(&ev, (igraph_integer_t)(2 * kept)) != IGRAPH_SUCCESS)
        goto igraph_failed;
    for (size_t i = 0; i < kept; i++) {
        VECTOR(ev)[2 * i] = (igraph_integer_t)edges[i].u;
        VECTOR(ev)[2 * i + 1] = (igraph_integer_t)edges[i].v;
    }
    igraph_error_t rc = igraph_create(&g->ig, &ev, (igraph_integer_t)g->node_count,
                                      IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&ev);
    if (rc != IGRAPH_SUCCESS)
        goto igraph_failed;
    g->ig_ready = true;
    return g;

igraph_failed:
    ng_fail(err, NG_EINTERNAL, "igraph could not build the graph (%zu nodes, %zu edges)",
            g->node_count, kept);
    ng_graph_free(g);
    return NULL;
}

void ng_graph_free(ng_graph_t *g)
{
    if (!g)
        return;
    if (g->ig_ready)
        igraph_destroy(&g->ig);
    free(g->entity);
    free(g->mentions);
    free(g->documents);
    free(g->edges);
    free(g);
}

const ng_gazetteer_t *ng_graph_gazetteer(const ng_graph_t *g) { return g->gz; }
size_t ng_graph_node_count(const ng_graph_t *g) { return g->node_count; }
uint32_t ng_graph_node_entity(const ng_graph_t *g, size_t v) { return g->entity[v]; }
size_t ng_graph_node_mentions(const ng_graph_t *g, size_t v) { return g->mentions[v]; }
size_t ng_graph_node_documents(const ng_graph_t *g, size_t v) { return g->documents[v]; }
size_t ng_graph_edge_count(const ng_graph_t *g) { return g->edge_count; }
const igraph_t *ng_graph_igraph(const ng_graph_t *g) { return &g->ig; }

void ng_graph_edge(const ng_graph_t *g, size_t i, size_t *u, size_t *v, size_t *weight,
                   size_t *documents)
{
    /* Endpoints come from igraph, the structure the analyses see. */
    igraph_integer_t from, to;
    igraph_edge(&g->ig, (igraph_integer_t)i, &from, &to);
    *u = (size_t)(from < to ? from : to);
    *v = (size_t)(from < to ? to : from);
    *weight = g->edges[i].weight;
    *documents = g->edges[i].documents;
}
