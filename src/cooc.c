/*
 * Co-occurrence counting, as a pipeline sink.  Pairs live in a hash table
 * keyed by the entity pair; per-window de-duplication uses per-entity
 * stamps instead of sets, so a window costs O(mentions + pairs) and
 * allocates nothing once the tables have grown.
 */
#include "nergraph.h"

#include <stdlib.h>
#include <string.h>

#include "partial_internal.h"
#include "util.h"

typedef struct edge {
    uint32_t a, b;
    size_t weight;
    size_t documents;
    size_t last_doc;
} edge_t;

struct ng_cooc {
    ng_window_t window;
    size_t entity_count;
    size_t document_count;
    size_t window_count;
    size_t *mentions;
    size_t *documents;
    size_t *windows;      /* per entity: windows it occurs in */
    size_t *last_doc;     /* per entity: last document it was counted in */
    size_t *last_window;  /* per entity: last window stamp */
    edge_t *edges;
    size_t edge_count, edge_cap;
    uint32_t *table;      /* open addressing: edge index + 1, 0 = empty */
    size_t table_cap;
    size_t doc;           /* current document stamp (1-based) */
    size_t window_stamp;
    uint32_t *distinct;   /* entities of the current window */
    size_t distinct_cap;
};

ng_cooc_t *ng_cooc_new(size_t entity_count, const ng_window_t *w)
{
    ng_cooc_t *c = ng_xcalloc(1, sizeof *c);
    c->window = *w;
    c->entity_count = entity_count;
    c->mentions = ng_xcalloc(entity_count + 1, sizeof *c->mentions);
    c->documents = ng_xcalloc(entity_count + 1, sizeof *c->documents);
    c->windows = ng_xcalloc(entity_count + 1, sizeof *c->windows);
    c->last_doc = ng_xcalloc(entity_count + 1, sizeof *c->last_doc);
    c->last_window = ng_xcalloc(entity_count + 1, sizeof *c->last_window);
    return c;
}

void ng_cooc_free(ng_cooc_t *c)
{
    if (!c)
        return;
    free(c->mentions);
    free(c->documents);
    free(c->windows);
    free(c->last_doc);
    free(c->last_window);
    free(c->edges);
    free(c->table);
    free(c->distinct);
    free(c);
}

static uint64_t pair_hash(uint32_t a, uint32_t b)
{
    uint64_t x = ((uint64_t)a << 32) | b;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

static void table_grow(ng_cooc_t *c)
{
    size_t ncap = c->table_cap ? c->table_cap * 2 : 1024;
    uint32_t *nt = ng_xcalloc(ncap, sizeof *nt);
    for (size_t i = 0; i < c->edge_count; i++) {
        size_t h = (size_t)pair_hash(c->edges[i].a, c->edges[i].b) & (ncap - 1);
        while (nt[h])
            h = (h + 1) & (ncap - 1);
        nt[h] = (uint32_t)(i + 1);
    }
    free(c->table);
    c->table = nt;
    c->table_cap = ncap;
}

/* The edge a < b, created with zero counts when new. */
static edge_t *find_edge(ng_cooc_t *c, uint32_t a, uint32_t b)
{
    if ((c->edge_count + 1) * 2 > c->table_cap)
        table_grow(c);
    size_t h = (size_t)pair_hash(a, b) & (c->table_cap - 1);
    for (;;) {
        uint32_t slot = c->table[h];
        if (!slot)
            break;
        edge_t *e = &c->edges[slot - 1];
        if (e->a == a && e->b == b)
            return e;
        h = (h + 1) & (c->table_cap - 1);
    }
    NG_GROW(c->edges, c->edge_cap, c->edge_count + 1);
    c->edges[c->edge_count] = (edge_t){a, b, 0, 0, 0};
    c->table[h] = (uint32_t)(++c->edge_count);
    return &c->edges[c->edge_count - 1];
}

static void count_pair(ng_cooc_t *c, uint32_t a, uint32_t b)
{
    if (a == b)
        return;
    edge_t *e = a < b ? find_edge(c, a, b) : find_edge(c, b, a);
    e->weight++;
    if (e->last_doc != c->doc) {
        e->last_doc = c->doc;
        e->documents++;
    }
}

static void begin_document(ng_cooc_t *c)
{
    c->doc++;
    c->document_count++;
}

static void count_mention(ng_cooc_t *c, uint32_t e)
{
    c->mentions[e]++;
    if (c->last_doc[e] != c->doc) {
        c->last_doc[e] = c->doc;
        c->documents[e]++;
    }
}

/* One window of a sentence, paragraph or document counter: its distinct
 * entities, and every pair among them once.  credit[i] (credit may be
 * NULL): mention i is a credit, counted, but in no pair. */
static void count_window(ng_cooc_t *c, const uint32_t *entities, const bool *credit, size_t n)
{
    c->window_count++;
    c->window_stamp++;
    NG_GROW(c->distinct, c->distinct_cap, n + 1);
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t e = entities[i];
        count_mention(c, e);
        if (c->last_window[e] != c->window_stamp) {
            c->last_window[e] = c->window_stamp;
            c->windows[e]++;
            if (!credit || !credit[i])
                c->distinct[count++] = e;
        }
    }
    for (size_t i = 0; i < count; i++)
        for (size_t j = i + 1; j < count; j++)
            count_pair(c, c->distinct[i], c->distinct[j]);
}

/* tokens:N: every mention anchors a window; pairs of mentions whose first
 * tokens are at most N apart.  tokens[] ascends, so a sliding lower bound
 * finds the partners. */
static void count_token_windows(ng_cooc_t *c, const uint32_t *entities, const bool *credit,
                                const size_t *tokens, size_t n)
{
    size_t lo = 0;
    for (size_t j = 0; j < n; j++) {
        count_mention(c, entities[j]);
        c->windows[entities[j]]++;
        c->window_count++;
        while (tokens[j] - tokens[lo] > c->window.tokens)
            lo++;
        if (credit && credit[j])
            continue;
        for (size_t i = lo; i < j; i++)
            if (!credit || !credit[i])
                count_pair(c, entities[i], entities[j]);
    }
}

void ng_cooc_add_document(ng_cooc_t *c, const uint32_t *entities, const size_t *keys,
                          size_t n, size_t window_count)
{
    begin_document(c);
    if (c->window.kind == NG_WINDOW_TOKENS) {
        count_token_windows(c, entities, NULL, keys, n);
        return;
    }
    size_t windows_with_mentions = 0;
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        hi = lo + 1;
        while (hi < n && (c->window.kind == NG_WINDOW_DOCUMENT || keys[hi] == keys[lo]))
            hi++;
        count_window(c, entities + lo, NULL, hi - lo);
        windows_with_mentions++;
    }
    if (window_count > windows_with_mentions)
        c->window_count += window_count - windows_with_mentions;
}

/* ---- the sink --------------------------------------------------------- */

static int sink_begin(void *ctx, const ng_document_t *doc, ng_error_t *err)
{
    (void)doc;
    (void)err;
    begin_document(ctx);
    return NG_OK;
}

static int sink_window(void *ctx, const ng_document_t *doc, const ng_window_event_t *w,
                       ng_error_t *err)
{
    (void)doc;
    (void)err;
    ng_cooc_t *c = ctx;
    /* Entities in a scratch array: the event's mentions are structs. */
    uint32_t stack[64];
    bool stack_credit[64];
    bool small = w->mention_count <= 64;
    uint32_t *entities = small ? stack : ng_xmalloc(w->mention_count * sizeof *entities);
    bool *credit = small ? stack_credit : ng_xmalloc(w->mention_count * sizeof *credit);
    for (size_t i = 0; i < w->mention_count; i++) {
        entities[i] = w->mentions[i].entity;
        credit[i] = w->mentions[i].credit;
    }
    if (c->window.kind == NG_WINDOW_TOKENS) {
        if (w->kind == NG_WINDOW_DOCUMENT)
            count_token_windows(c, entities, credit, w->tokens, w->mention_count);
    } else if (w->kind == c->window.kind) {
        count_window(c, entities, credit, w->mention_count);
    }
    if (!small) {
        free(entities);
        free(credit);
    }
    return NG_OK;
}

ng_sink_t ng_cooc_sink(ng_cooc_t *c)
{
    ng_window_kind kind = c->window.kind == NG_WINDOW_TOKENS ? NG_WINDOW_DOCUMENT
                                                             : c->window.kind;
    return (ng_sink_t){.ctx = c, .windows = NG_SINK_WANTS(kind),
                       .begin_document = sink_begin, .window = sink_window};
}

/* ---- merge and accessors ---------------------------------------------- */

int ng_cooc_merge(ng_cooc_t *into, const ng_cooc_t *from, ng_error_t *err)
{
    if (into->window.kind != from->window.kind || into->window.tokens != from->window.tokens) {
        char a[32], b[32];
        ng_window_format(&into->window, a, sizeof a);
        ng_window_format(&from->window, b, sizeof b);
        return ng_fail(err, NG_EUSAGE, "cannot merge counts of window %s into window %s",
                       b, a);
    }
    if (into->entity_count != from->entity_count)
        return ng_fail(err, NG_EUSAGE, "cannot merge counts over %zu entities into counts "
                       "over %zu: they were made with different gazetteers",
                       from->entity_count, into->entity_count);
    into->document_count += from->document_count;
    into->window_count += from->window_count;
    for (size_t e = 0; e < into->entity_count; e++) {
        into->mentions[e] += from->mentions[e];
        into->documents[e] += from->documents[e];
        into->windows[e] += from->windows[e];
    }
    for (size_t i = 0; i < from->edge_count; i++) {
        const edge_t *s = &from->edges[i];
        edge_t *d = find_edge(into, s->a, s->b);
        d->weight += s->weight;
        d->documents += s->documents;
    }
    return NG_OK;
}

/* Counts read back from a partial file (partial.c). */
void ng_cooc_add_totals(ng_cooc_t *c, size_t documents, size_t windows)
{
    c->document_count += documents;
    c->window_count += windows;
}

void ng_cooc_add_entity(ng_cooc_t *c, uint32_t e, size_t mentions, size_t documents,
                        size_t windows)
{
    c->mentions[e] += mentions;
    c->documents[e] += documents;
    c->windows[e] += windows;
}

void ng_cooc_add_pair(ng_cooc_t *c, uint32_t a, uint32_t b, size_t weight, size_t documents)
{
    edge_t *e = find_edge(c, a, b);
    e->weight += weight;
    e->documents += documents;
}

const ng_window_t *ng_cooc_window(const ng_cooc_t *c) { return &c->window; }
size_t ng_cooc_entity_count(const ng_cooc_t *c) { return c->entity_count; }
size_t ng_cooc_document_count(const ng_cooc_t *c) { return c->document_count; }
size_t ng_cooc_window_count(const ng_cooc_t *c) { return c->window_count; }
size_t ng_cooc_mentions(const ng_cooc_t *c, uint32_t e) { return c->mentions[e]; }
size_t ng_cooc_documents(const ng_cooc_t *c, uint32_t e) { return c->documents[e]; }
size_t ng_cooc_windows(const ng_cooc_t *c, uint32_t e) { return c->windows[e]; }
size_t ng_cooc_edge_count(const ng_cooc_t *c) { return c->edge_count; }

void ng_cooc_edge(const ng_cooc_t *c, size_t i, uint32_t *a, uint32_t *b, size_t *weight,
                  size_t *documents)
{
    const edge_t *e = &c->edges[i];
    *a = e->a;
    *b = e->b;
    *weight = e->weight;
    *documents = e->documents;
}
