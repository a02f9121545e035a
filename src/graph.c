/*
 * Graph building: from counts to a graph with typed columns.
 *
 * Building runs in three steps: collect every mentioned entity and every
 * counted pair into a draft (nodes sorted by id, edges by endpoints); run
 * the filter passes over the draft, in table order; then create the igraph
 * graph and the columns from what is left.  Filtering happens before igraph
 * sees anything, so the graph holds exactly what will be exported and node
 * indices are dense and sorted.  A new filter (backbone, top-N) is one more
 * function in the pass table.
 */
#include "nergraph.h"
#include "ng_graph_igraph.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_draft.h"
#include "graph_weights.h"
#include "util.h"

/* ---- columns and attributes ---------------------------------------------- */

typedef struct column {
    char *name;
    ng_column_type type;
    union {
        int64_t *i;
        double *f;
        char **s;
    } v; /* one value per row */
    char **json; /* string columns: each value as JSON text, or NULL */
} column_t;

/* The columns over the nodes, or over the edges. */
typedef struct table {
    column_t *cols;
    size_t count, cap;
    size_t rows;
} table_t;

typedef struct attr {
    char *name;
    ng_column_type type;
    union {
        int64_t i;
        double f;
        char *s;
    } v;
} attr_t;

typedef struct gedge {
    size_t u, v;
} gedge_t;

struct ng_graph {
    const ng_gazetteer_t *gz;
    uint32_t *entity; /* node -> entity */
    size_t node_count;
    gedge_t *edges;   /* u < v, sorted */
    size_t edge_count;
    table_t nodes, edges_table;
    attr_t *attrs;
    size_t attr_count, attr_cap;
    igraph_t ig;
    bool ig_ready;
};

/* Built-in columns are added first, so their indices are fixed. */
enum { COL_LABEL, COL_TYPE, COL_MENTIONS, COL_NODE_DOCUMENTS };
enum { COL_WEIGHT, COL_EDGE_DOCUMENTS, COL_COUNT };

static int64_t table_find(const table_t *t, const char *name)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return (int64_t)i;
    return -1;
}

/* Names the writers use for the row's own key, so no column may take them. */
static const char *const node_keys[] = {"id", NULL};
static const char *const edge_keys[] = {"source", "target", NULL};

static bool is_key(const char *const *keys, const char *name)
{
    for (; *keys; keys++)
        if (strcmp(*keys, name) == 0)
            return true;
    return false;
}

static int64_t table_add(table_t *t, const char *const *keys, const char *name,
                         ng_column_type type)
{
    if (!name || is_key(keys, name) || table_find(t, name) >= 0 || type < NG_COLUMN_INT ||
        type > NG_COLUMN_STRING)
        return -1;
    NG_GROW(t->cols, t->cap, t->count + 1);
    column_t *c = &t->cols[t->count];
    c->name = ng_xstrdup(name);
    c->type = type;
    c->json = NULL;
    size_t rows = t->rows + 1; /* never a zero-size allocation */
    switch (type) {
    case NG_COLUMN_INT: c->v.i = ng_xcalloc(rows, sizeof *c->v.i); break;
    case NG_COLUMN_FLOAT: c->v.f = ng_xcalloc(rows, sizeof *c->v.f); break;
    case NG_COLUMN_STRING: c->v.s = ng_xcalloc(rows, sizeof *c->v.s); break;
    }
    return (int64_t)t->count++;
}

static void table_free(table_t *t)
{
    for (size_t i = 0; i < t->count; i++) {
        column_t *c = &t->cols[i];
        if (c->type == NG_COLUMN_STRING)
            for (size_t r = 0; r < t->rows; r++)
                free(c->v.s[r]);
        for (size_t r = 0; c->json && r < t->rows; r++)
            free(c->json[r]);
        free(c->json);
        free(c->v.i); /* any member: they share the pointer */
        free(c->name);
    }
    free(t->cols);
}

/* The column col if it has type type and row r exists, else NULL. */
static column_t *cell(const table_t *t, size_t col, size_t r, ng_column_type type)
{
    if (col >= t->count || r >= t->rows || t->cols[col].type != type)
        return NULL;
    return &t->cols[col];
}

static int64_t get_int(const table_t *t, size_t col, size_t r)
{
    const column_t *c = cell(t, col, r, NG_COLUMN_INT);
    return c ? c->v.i[r] : 0;
}

static double get_float(const table_t *t, size_t col, size_t r)
{
    const column_t *c = cell(t, col, r, NG_COLUMN_FLOAT);
    return c ? c->v.f[r] : 0.0;
}

static const char *get_string(const table_t *t, size_t col, size_t r)
{
    const column_t *c = cell(t, col, r, NG_COLUMN_STRING);
    return c ? c->v.s[r] : NULL;
}

static int set_int(table_t *t, size_t col, size_t r, int64_t value)
{
    column_t *c = cell(t, col, r, NG_COLUMN_INT);
    if (!c)
        return NG_EUSAGE;
    c->v.i[r] = value;
    return NG_OK;
}

static int set_float(table_t *t, size_t col, size_t r, double value)
{
    column_t *c = cell(t, col, r, NG_COLUMN_FLOAT);
    if (!c)
        return NG_EUSAGE;
    c->v.f[r] = value;
    return NG_OK;
}

static int set_string(table_t *t, size_t col, size_t r, const char *value)
{
    column_t *c = cell(t, col, r, NG_COLUMN_STRING);
    if (!c)
        return NG_EUSAGE;
    /* Copy before freeing: value may be the string being replaced. */
    char *copy = value ? ng_xstrdup(value) : NULL;
    free(c->v.s[r]);
    c->v.s[r] = copy;
    return NG_OK;
}

static int set_json(table_t *t, size_t col, size_t r, const char *json)
{
    column_t *c = cell(t, col, r, NG_COLUMN_STRING);
    if (!c)
        return NG_EUSAGE;
    if (!c->json)
        c->json = ng_xcalloc(t->rows + 1, sizeof *c->json);
    char *copy = json ? ng_xstrdup(json) : NULL;
    free(c->json[r]);
    c->json[r] = copy;
    return NG_OK;
}

static const char *get_json(const table_t *t, size_t col, size_t r)
{
    const column_t *c = cell(t, col, r, NG_COLUMN_STRING);
    return c && c->json ? c->json[r] : NULL;
}

int64_t ng_graph_add_node_column(ng_graph_t *g, const char *name, ng_column_type type)
{
    return table_add(&g->nodes, node_keys, name, type);
}
size_t ng_graph_node_column_count(const ng_graph_t *g) { return g->nodes.count; }
const char *ng_graph_node_column_name(const ng_graph_t *g, size_t col)
{
    return col < g->nodes.count ? g->nodes.cols[col].name : NULL;
}
ng_column_type ng_graph_node_column_type(const ng_graph_t *g, size_t col)
{
    return col < g->nodes.count ? g->nodes.cols[col].type : NG_COLUMN_INT;
}
int64_t ng_graph_node_column_find(const ng_graph_t *g, const char *name)
{
    return table_find(&g->nodes, name);
}
int64_t ng_graph_node_int(const ng_graph_t *g, size_t col, size_t v)
{
    return get_int(&g->nodes, col, v);
}
double ng_graph_node_float(const ng_graph_t *g, size_t col, size_t v)
{
    return get_float(&g->nodes, col, v);
}
const char *ng_graph_node_string(const ng_graph_t *g, size_t col, size_t v)
{
    return get_string(&g->nodes, col, v);
}
int ng_graph_set_node_int(ng_graph_t *g, size_t col, size_t v, int64_t value)
{
    return set_int(&g->nodes, col, v, value);
}
int ng_graph_set_node_float(ng_graph_t *g, size_t col, size_t v, double value)
{
    return set_float(&g->nodes, col, v, value);
}
int ng_graph_set_node_string(ng_graph_t *g, size_t col, size_t v, const char *value)
{
    return set_string(&g->nodes, col, v, value);
}

int64_t ng_graph_add_edge_column(ng_graph_t *g, const char *name, ng_column_type type)
{
    return table_add(&g->edges_table, edge_keys, name, type);
}
size_t ng_graph_edge_column_count(const ng_graph_t *g) { return g->edges_table.count; }
const char *ng_graph_edge_column_name(const ng_graph_t *g, size_t col)
{
    return col < g->edges_table.count ? g->edges_table.cols[col].name : NULL;
}
ng_column_type ng_graph_edge_column_type(const ng_graph_t *g, size_t col)
{
    return col < g->edges_table.count ? g->edges_table.cols[col].type : NG_COLUMN_INT;
}
int64_t ng_graph_edge_column_find(const ng_graph_t *g, const char *name)
{
    return table_find(&g->edges_table, name);
}
int64_t ng_graph_edge_int(const ng_graph_t *g, size_t col, size_t e)
{
    return get_int(&g->edges_table, col, e);
}
double ng_graph_edge_float(const ng_graph_t *g, size_t col, size_t e)
{
    return get_float(&g->edges_table, col, e);
}
const char *ng_graph_edge_string(const ng_graph_t *g, size_t col, size_t e)
{
    return get_string(&g->edges_table, col, e);
}
int ng_graph_set_edge_int(ng_graph_t *g, size_t col, size_t e, int64_t value)
{
    return set_int(&g->edges_table, col, e, value);
}
int ng_graph_set_edge_float(ng_graph_t *g, size_t col, size_t e, double value)
{
    return set_float(&g->edges_table, col, e, value);
}
int ng_graph_set_edge_string(ng_graph_t *g, size_t col, size_t e, const char *value)
{
    return set_string(&g->edges_table, col, e, value);
}

int ng_graph_set_edge_json(ng_graph_t *g, size_t col, size_t e, const char *json)
{
    return set_json(&g->edges_table, col, e, json);
}
const char *ng_graph_edge_json(const ng_graph_t *g, size_t col, size_t e)
{
    return get_json(&g->edges_table, col, e);
}

int64_t ng_graph_attr_find(const ng_graph_t *g, const char *name)
{
    for (size_t i = 0; i < g->attr_count; i++)
        if (strcmp(g->attrs[i].name, name) == 0)
            return (int64_t)i;
    return -1;
}

/* The attribute called name, emptied for a new value, or a new one. */
static attr_t *attr_slot(ng_graph_t *g, const char *name)
{
    int64_t i = ng_graph_attr_find(g, name);
    if (i >= 0) {
        attr_t *a = &g->attrs[i];
        if (a->type == NG_COLUMN_STRING)
            free(a->v.s);
        return a;
    }
    NG_GROW(g->attrs, g->attr_cap, g->attr_count + 1);
    attr_t *a = &g->attrs[g->attr_count++];
    a->name = ng_xstrdup(name);
    return a;
}

void ng_graph_set_attr_int(ng_graph_t *g, const char *name, int64_t value)
{
    attr_t *a = attr_slot(g, name);
    a->type = NG_COLUMN_INT;
    a->v.i = value;
}

void ng_graph_set_attr_float(ng_graph_t *g, const char *name, double value)
{
    attr_t *a = attr_slot(g, name);
    a->type = NG_COLUMN_FLOAT;
    a->v.f = value;
}

void ng_graph_set_attr_string(ng_graph_t *g, const char *name, const char *value)
{
    char *copy = value ? ng_xstrdup(value) : NULL;
    attr_t *a = attr_slot(g, name);
    a->type = NG_COLUMN_STRING;
    a->v.s = copy;
}

size_t ng_graph_attr_count(const ng_graph_t *g) { return g->attr_count; }
const char *ng_graph_attr_name(const ng_graph_t *g, size_t i)
{
    return i < g->attr_count ? g->attrs[i].name : NULL;
}
ng_column_type ng_graph_attr_type(const ng_graph_t *g, size_t i)
{
    return i < g->attr_count ? g->attrs[i].type : NG_COLUMN_INT;
}
int64_t ng_graph_attr_int(const ng_graph_t *g, size_t i)
{
    return i < g->attr_count && g->attrs[i].type == NG_COLUMN_INT ? g->attrs[i].v.i : 0;
}
double ng_graph_attr_float(const ng_graph_t *g, size_t i)
{
    return i < g->attr_count && g->attrs[i].type == NG_COLUMN_FLOAT ? g->attrs[i].v.f : 0.0;
}
const char *ng_graph_attr_string(const ng_graph_t *g, size_t i)
{
    return i < g->attr_count && g->attrs[i].type == NG_COLUMN_STRING ? g->attrs[i].v.s : NULL;
}

/* ---- the draft and its passes --------------------------------------------- */

/* Drop the nodes with keep[i] false and every edge that touches one. */
void draft_keep_nodes(draft_t *d, const bool *keep)
{
    size_t *index_of = ng_xmalloc((d->node_count + 1) * sizeof *index_of);
    size_t n = 0;
    for (size_t i = 0; i < d->node_count; i++) {
        index_of[i] = keep[i] ? n : SIZE_MAX;
        if (keep[i])
            d->nodes[n++] = d->nodes[i];
    }
    d->node_count = n;
    size_t m = 0;
    for (size_t i = 0; i < d->edge_count; i++) {
        draft_edge_t e = d->edges[i];
        if (index_of[e.u] == SIZE_MAX || index_of[e.v] == SIZE_MAX)
            continue;
        e.u = index_of[e.u];
        e.v = index_of[e.v];
        d->edges[m++] = e;
    }
    d->edge_count = m;
    free(index_of);
}

void draft_note(draft_t *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    size_t old = d->filters ? strlen(d->filters) : 0;
    size_t sep = old ? 2 : 0;
    d->filters = ng_xrealloc(d->filters, old + sep + (size_t)len + 1);
    memcpy(d->filters + old, "; ", sep);
    va_start(ap, fmt);
    vsnprintf(d->filters + old + sep, (size_t)len + 1, fmt, ap);
    va_end(ap);
}

static bool type_kept(const ng_graph_options_t *o, const char *type)
{
    for (size_t i = 0; i < o->type_count; i++)
        if (strcmp(o->types[i], type) == 0)
            return true;
    return false;
}

/* --types: nodes of other types go, with their edges. */
static void pass_types(draft_t *d)
{
    if (!d->opts->types)
        return;
    bool *keep = ng_xmalloc(d->node_count + 1);
    for (size_t i = 0; i < d->node_count; i++)
        keep[i] = type_kept(d->opts, ng_gazetteer_entity_type(d->gz, d->nodes[i]));
    draft_keep_nodes(d, keep);
    free(keep);
    size_t len = 1;
    for (size_t i = 0; i < d->opts->type_count; i++)
        len += strlen(d->opts->types[i]) + 1;
    char *list = ng_xcalloc(len, 1);
    for (size_t i = 0; i < d->opts->type_count; i++) {
        if (i)
            strcat(list, ",");
        strcat(list, d->opts->types[i]);
    }
    draft_note(d, "types=%s", list);
    free(list);
}

/* --min-weight: edges of a lower measure go; their nodes stay. */
static void pass_min_weight(draft_t *d)
{
    size_t m = 0;
    for (size_t i = 0; i < d->edge_count; i++)
        if (d->edges[i].measure >= d->opts->min_weight)
            d->edges[m++] = d->edges[i];
    d->edge_count = m;
    /* A count threshold of 1 or less drops nothing: no note. */
    double t = d->opts->min_weight;
    if (isfinite(t) && (d->opts->weight != NG_WEIGHT_COUNT || t > 1))
        draft_note(d, "min-weight=%g", t);
}

/* --backbone: the disparity filter (graph_weights.c) on the measure. */
static void pass_backbone(draft_t *d)
{
    if (d->opts->backbone <= 0)
        return;
    ng_weighted_edge_t *we = ng_xmalloc((d->edge_count + 1) * sizeof *we);
    bool *keep = ng_xmalloc(d->edge_count + 1);
    for (size_t i = 0; i < d->edge_count; i++)
        we[i] = (ng_weighted_edge_t){d->edges[i].u, d->edges[i].v, d->edges[i].measure};
    ng_disparity_filter(we, d->edge_count, d->node_count, d->opts->backbone, keep);
    size_t m = 0;
    for (size_t i = 0; i < d->edge_count; i++)
        if (keep[i])
            d->edges[m++] = d->edges[i];
    d->edge_count = m;
    free(keep);
    free(we);
    draft_note(d, "backbone=%g", d->opts->backbone);
}

/* --no-isolates: nodes left without an edge go. */
static void pass_isolates(draft_t *d)
{
    if (!d->opts->no_isolates)
        return;
    bool *keep = ng_xcalloc(d->node_count + 1, sizeof *keep);
    for (size_t i = 0; i < d->edge_count; i++)
        keep[d->edges[i].u] = keep[d->edges[i].v] = true;
    draft_keep_nodes(d, keep);
    free(keep);
    draft_note(d, "no-isolates");
}

/* The filters, in the order they apply (see ng_graph_build). */
static void (*const passes[])(draft_t *) = {
    pass_types,
    pass_exclude_ids,
    pass_min_weight,
    pass_backbone,
    pass_ego,
    pass_top,
    pass_isolates,
};

/* Nodes are sorted by id; the id travels with the entity so that the
 * comparison needs no context (qsort has no user pointer). */
typedef struct node_key {
    const char *id;
    uint32_t entity;
} node_key_t;

static int cmp_node_key(const void *a, const void *b)
{
    return strcmp(((const node_key_t *)a)->id, ((const node_key_t *)b)->id);
}

static int cmp_draft_edge(const void *pa, const void *pb)
{
    const draft_edge_t *a = pa, *b = pb;
    if (a->u != b->u)
        return a->u < b->u ? -1 : 1;
    return a->v < b->v ? -1 : a->v > b->v;
}

/* Every mentioned entity and every counted pair, unfiltered. */
static void draft_collect(draft_t *d, const ng_cooc_t *c)
{
    size_t ne = ng_cooc_entity_count(c);
    node_key_t *keys = ng_xmalloc((ne + 1) * sizeof *keys);
    size_t n = 0;
    for (uint32_t e = 0; e < ne; e++)
        if (ng_cooc_mentions(c, e))
            keys[n++] = (node_key_t){ng_gazetteer_entity_id(d->gz, e), e};
    qsort(keys, n, sizeof *keys, cmp_node_key);
    d->nodes = ng_xmalloc((n + 1) * sizeof *d->nodes);
    size_t *index_of = ng_xmalloc((ne + 1) * sizeof *index_of);
    for (size_t i = 0; i < n; i++) {
        d->nodes[i] = keys[i].entity;
        index_of[keys[i].entity] = i;
    }
    d->node_count = n;
    free(keys);

    size_t m = ng_cooc_edge_count(c);
    d->edges = ng_xmalloc((m + 1) * sizeof *d->edges);
    for (size_t i = 0; i < m; i++) {
        uint32_t a, b;
        size_t w, docs;
        ng_cooc_edge(c, i, &a, &b, &w, &docs);
        /* An edge's entities were mentioned, so both are nodes. */
        size_t u = index_of[a], v = index_of[b];
        double measure = ng_association(d->opts->weight, w, ng_cooc_windows(c, a),
                                        ng_cooc_windows(c, b), ng_cooc_window_count(c));
        d->edges[i] = (draft_edge_t){u < v ? u : v, u < v ? v : u, w, docs, measure};
    }
    d->edge_count = m;
    qsort(d->edges, m, sizeof *d->edges, cmp_draft_edge);
    free(index_of);
}

static void draft_free(draft_t *d)
{
    free(d->nodes);
    free(d->edges);
    free(d->filters);
}

/* ---- from the draft to the graph ------------------------------------------ */

/* igraph reports errors through a process-wide handler whose default
 * aborts.  While nergraph calls igraph, a handler that only unwinds
 * igraph's cleanup stack turns errors into return codes; the caller's
 * handlers are put back afterwards. */
static void igraph_unwind_only(const char *reason, const char *file, int line,
                               igraph_error_t code)
{
    (void)reason;
    (void)file;
    (void)line;
    (void)code;
    IGRAPH_FINALLY_FREE();
}

static igraph_error_t create_igraph(ng_graph_t *g)
{
    igraph_error_handler_t *old_error = igraph_set_error_handler(igraph_unwind_only);
    igraph_warning_handler_t *old_warning =
        igraph_set_warning_handler(igraph_warning_handler_ignore);
    igraph_vector_int_t ev;
    igraph_error_t rc = igraph_vector_int_init(&ev, (igraph_integer_t)(2 * g->edge_count));
    if (rc == IGRAPH_SUCCESS) {
        for (size_t i = 0; i < g->edge_count; i++) {
            VECTOR(ev)[2 * i] = (igraph_integer_t)g->edges[i].u;
            VECTOR(ev)[2 * i + 1] = (igraph_integer_t)g->edges[i].v;
        }
        rc = igraph_create(&g->ig, &ev, (igraph_integer_t)g->node_count, IGRAPH_UNDIRECTED);
        igraph_vector_int_destroy(&ev);
        g->ig_ready = rc == IGRAPH_SUCCESS;
    }
    igraph_set_warning_handler(old_warning);
    igraph_set_error_handler(old_error);
    return rc;
}

/* Integer node columns read from the counter. */
static const struct {
    const char *name;
    size_t (*count)(const ng_cooc_t *c, uint32_t entity);
} node_counts[] = {
    {"mentions", ng_cooc_mentions},
    {"documents", ng_cooc_documents},
    {"windows", ng_cooc_windows},
};

/* Gazetteer attribute keys, one column each.  The column order agrees with
 * every node's own attribute order whenever one order can (keys in order of
 * first appearance, but never before a key some node lists earlier): then
 * writing columns in order gives each node's attributes as the gazetteer
 * has them.  When nodes disagree (one has a;b, another b;a), the first
 * appearance decides. */
typedef struct key_order {
    const char **keys; /* distinct keys, by first appearance */
    size_t count, cap;
    size_t (*pairs)[2]; /* key a listed right before key b on some node */
    size_t pair_count, pair_cap;
} key_order_t;

static size_t key_index(key_order_t *k, const char *key)
{
    for (size_t i = 0; i < k->count; i++)
        if (strcmp(k->keys[i], key) == 0)
            return i;
    NG_GROW(k->keys, k->cap, k->count + 1);
    k->keys[k->count] = key;
    return k->count++;
}

static void add_attribute_columns(ng_graph_t *g)
{
    key_order_t k = {0};
    for (size_t v = 0; v < g->node_count; v++) {
        uint32_t e = g->entity[v];
        size_t prev = SIZE_MAX;
        for (size_t i = 0; i < ng_gazetteer_attr_count(g->gz, e); i++) {
            size_t cur = key_index(&k, ng_gazetteer_attr_key(g->gz, e, i));
            if (prev != SIZE_MAX) {
                NG_GROW(k.pairs, k.pair_cap, k.pair_count + 1);
                k.pairs[k.pair_count][0] = prev;
                k.pairs[k.pair_count++][1] = cur;
            }
            prev = cur;
        }
    }
    /* Kahn's topological sort, taking the earliest-seen ready key. */
    size_t *waiting = ng_xcalloc(k.count + 1, sizeof *waiting);
    bool *done = ng_xcalloc(k.count + 1, sizeof *done);
    for (size_t p = 0; p < k.pair_count; p++)
        waiting[k.pairs[p][1]]++;
    for (size_t n = 0; n < k.count; n++) {
        size_t pick = SIZE_MAX, first_left = SIZE_MAX;
        for (size_t i = 0; i < k.count && pick == SIZE_MAX; i++) {
            if (done[i])
                continue;
            if (first_left == SIZE_MAX)
                first_left = i;
            if (!waiting[i])
                pick = i;
        }
        if (pick == SIZE_MAX)
            pick = first_left; /* nodes disagree: break the cycle */
        done[pick] = true;
        for (size_t p = 0; p < k.pair_count; p++)
            if (k.pairs[p][0] == pick && waiting[k.pairs[p][1]])
                waiting[k.pairs[p][1]]--;
        int64_t col = ng_graph_add_node_column(g, k.keys[pick], NG_COLUMN_STRING);
        if (col < 0)
            continue; /* a built-in column of that name wins */
        for (size_t v = 0; v < g->node_count; v++)
            ng_graph_set_node_string(g, (size_t)col, v,
                                     ng_gazetteer_attr(g->gz, g->entity[v], k.keys[pick]));
    }
    free(done);
    free(waiting);
    free(k.keys);
    free(k.pairs);
}

static void add_node_columns(ng_graph_t *g, const ng_cooc_t *c)
{
    ng_graph_add_node_column(g, "label", NG_COLUMN_STRING);
    ng_graph_add_node_column(g, "type", NG_COLUMN_STRING);
    for (size_t v = 0; v < g->node_count; v++) {
        ng_graph_set_node_string(g, COL_LABEL, v, ng_gazetteer_entity_name(g->gz, g->entity[v]));
        ng_graph_set_node_string(g, COL_TYPE, v, ng_gazetteer_entity_type(g->gz, g->entity[v]));
    }
    for (size_t i = 0; i < sizeof node_counts / sizeof *node_counts; i++) {
        size_t col = (size_t)ng_graph_add_node_column(g, node_counts[i].name, NG_COLUMN_INT);
        for (size_t v = 0; v < g->node_count; v++)
            ng_graph_set_node_int(g, col, v, (int64_t)node_counts[i].count(c, g->entity[v]));
    }
    add_attribute_columns(g);
}

/* The weight is the measure; a count stays an integer, so outputs made
 * before there were measures read the same. */
static void add_edge_columns(ng_graph_t *g, const draft_t *d)
{
    bool is_count = d->opts->weight == NG_WEIGHT_COUNT;
    ng_graph_add_edge_column(g, "weight", is_count ? NG_COLUMN_INT : NG_COLUMN_FLOAT);
    ng_graph_add_edge_column(g, "documents", NG_COLUMN_INT);
    ng_graph_add_edge_column(g, "count", NG_COLUMN_INT);
    for (size_t i = 0; i < d->edge_count; i++) {
        if (is_count)
            ng_graph_set_edge_int(g, COL_WEIGHT, i, (int64_t)d->edges[i].weight);
        else
            ng_graph_set_edge_float(g, COL_WEIGHT, i, d->edges[i].measure);
        ng_graph_set_edge_int(g, COL_EDGE_DOCUMENTS, i, (int64_t)d->edges[i].documents);
        ng_graph_set_edge_int(g, COL_COUNT, i, (int64_t)d->edges[i].weight);
    }
}

/* What the run read, from the counter, and how edges were weighed. */
static void set_run_attributes(ng_graph_t *g, const ng_cooc_t *c, const ng_graph_options_t *o)
{
    char window[64];
    ng_window_format(ng_cooc_window(c), window, sizeof window);
    ng_graph_set_attr_string(g, "name", "nergraph");
    ng_graph_set_attr_string(g, "window", window);
    ng_graph_set_attr_int(g, "documents", (int64_t)ng_cooc_document_count(c));
    ng_graph_set_attr_int(g, "windows", (int64_t)ng_cooc_window_count(c));
    ng_graph_set_attr_string(g, "measure", ng_weight_name(o->weight));
}

/* Take the draft's lists; the graph owns them from here. */
static ng_graph_t *graph_from_draft(draft_t *d, const ng_cooc_t *c, struct ng_error *err)
{
    ng_graph_t *g = ng_xcalloc(1, sizeof *g);
    g->gz = d->gz;
    g->entity = d->nodes;
    g->node_count = d->node_count;
    g->edges = ng_xmalloc((d->edge_count + 1) * sizeof *g->edges);
    for (size_t i = 0; i < d->edge_count; i++)
        g->edges[i] = (gedge_t){d->edges[i].u, d->edges[i].v};
    g->edge_count = d->edge_count;
    g->nodes.rows = g->node_count;
    g->edges_table.rows = g->edge_count;
    d->nodes = NULL;

    igraph_error_t rc = create_igraph(g);
    if (rc != IGRAPH_SUCCESS) {
        ng_fail(err, NG_EINTERNAL, "igraph could not build the graph (%zu nodes, %zu edges): %s",
                g->node_count, g->edge_count, igraph_strerror(rc));
        ng_graph_free(g);
        return NULL;
    }
    add_node_columns(g, c);
    add_edge_columns(g, d);
    set_run_attributes(g, c, d->opts);
    if (d->filters)
        ng_graph_set_attr_string(g, "filters", d->filters);
    return g;
}

void ng_graph_options_init(ng_graph_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->weight = NG_WEIGHT_COUNT;
    o->min_weight = -INFINITY;
    o->ego_depth = 1;
}

ng_graph_t *ng_graph_build(const ng_gazetteer_t *gz, const ng_cooc_t *c,
                           const ng_graph_options_t *opts, ng_error_t *err)
{
    ng_graph_options_t defaults;
    if (!opts) {
        ng_graph_options_init(&defaults);
        opts = &defaults;
    }
    if (ng_graph_options_check(gz, opts, err) ||
        ng_graph_check_weights(opts, ng_cooc_window(c), err))
        return NULL;
    draft_t d = {.gz = gz, .cooc = c, .opts = opts, .err = err};
    draft_collect(&d, c);
    for (size_t i = 0; i < sizeof passes / sizeof *passes && !d.status; i++)
        passes[i](&d);
    ng_graph_t *g = d.status ? NULL : graph_from_draft(&d, c, err);
    draft_free(&d);
    return g;
}

void ng_graph_free(ng_graph_t *g)
{
    if (!g)
        return;
    if (g->ig_ready)
        igraph_destroy(&g->ig);
    table_free(&g->nodes);
    table_free(&g->edges_table);
    for (size_t i = 0; i < g->attr_count; i++) {
        if (g->attrs[i].type == NG_COLUMN_STRING)
            free(g->attrs[i].v.s);
        free(g->attrs[i].name);
    }
    free(g->attrs);
    free(g->entity);
    free(g->edges);
    free(g);
}

const ng_gazetteer_t *ng_graph_gazetteer(const ng_graph_t *g) { return g->gz; }
size_t ng_graph_node_count(const ng_graph_t *g) { return g->node_count; }
uint32_t ng_graph_node_entity(const ng_graph_t *g, size_t v) { return g->entity[v]; }
const char *ng_graph_node_id(const ng_graph_t *g, size_t v)
{
    return ng_gazetteer_entity_id(g->gz, g->entity[v]);
}
size_t ng_graph_node_mentions(const ng_graph_t *g, size_t v)
{
    return (size_t)ng_graph_node_int(g, COL_MENTIONS, v);
}
size_t ng_graph_node_documents(const ng_graph_t *g, size_t v)
{
    return (size_t)ng_graph_node_int(g, COL_NODE_DOCUMENTS, v);
}
size_t ng_graph_edge_count(const ng_graph_t *g) { return g->edge_count; }
const igraph_t *ng_graph_igraph(const ng_graph_t *g) { return &g->ig; }

void ng_graph_edge_nodes(const ng_graph_t *g, size_t i, size_t *u, size_t *v)
{
    *u = g->edges[i].u;
    *v = g->edges[i].v;
}

void ng_graph_edge(const ng_graph_t *g, size_t i, size_t *u, size_t *v, size_t *weight,
                   size_t *documents)
{
    ng_graph_edge_nodes(g, i, u, v);
    *weight = (size_t)ng_graph_edge_int(g, COL_COUNT, i);
    *documents = (size_t)ng_graph_edge_int(g, COL_EDGE_DOCUMENTS, i);
}
