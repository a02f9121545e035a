/*
 * Co-occurrence counting.  Pairs live in a hash table keyed by the entity
 * pair; per-window de-duplication uses per-entity stamps instead of sets,
 * so a window costs O(mentions + pairs) and allocates nothing once the
 * tables have grown.
 */
#include "nergraph.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct edge {
    uint32_t a, b;
    size_t weight;
    size_t documents;
    size_t last_doc;
} edge_t;

struct ng_cooc {
    size_t entity_count;
    size_t *mentions;
    size_t *documents;
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

int ng_window_parse(const char *spec, ng_window_t *out, ng_error_t *err)
{
    if (strcmp(spec, "sentence") == 0) {
        *out = (ng_window_t){NG_WINDOW_SENTENCE, 0};
        return NG_OK;
    }
    if (strcmp(spec, "paragraph") == 0) {
        *out = (ng_window_t){NG_WINDOW_PARAGRAPH, 0};
        return NG_OK;
    }
    if (strcmp(spec, "document") == 0) {
        *out = (ng_window_t){NG_WINDOW_DOCUMENT, 0};
        return NG_OK;
    }
    if (strncmp(spec, "tokens:", 7) == 0 && spec[7] >= '0' && spec[7] <= '9') {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(spec + 7, &end, 10);
        if (!*end && !errno && n >= 1 && n <= 1000000) {
            *out = (ng_window_t){NG_WINDOW_TOKENS, (size_t)n};
            return NG_OK;
        }
    }
    return ng_fail(err, NG_EUSAGE,
                   "unknown window '%s'; use sentence, paragraph, document or tokens:N "
                   "(N from 1 to 1000000)", spec);
}

void ng_window_format(const ng_window_t *w, char *buf, size_t n)
{
    switch (w->kind) {
    case NG_WINDOW_SENTENCE: snprintf(buf, n, "sentence"); break;
    case NG_WINDOW_PARAGRAPH: snprintf(buf, n, "paragraph"); break;
    case NG_WINDOW_DOCUMENT: snprintf(buf, n, "document"); break;
    case NG_WINDOW_TOKENS: snprintf(buf, n, "tokens:%zu", w->tokens); break;
    }
}

ng_cooc_t *ng_cooc_new(size_t entity_count)
{
    ng_cooc_t *c = ng_xcalloc(1, sizeof *c);
    c->entity_count = entity_count;
    c->mentions = ng_xcalloc(entity_count + 1, sizeof *c->mentions);
    c->documents = ng_xcalloc(entity_count + 1, sizeof *c->documents);
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

static void count_pair(ng_cooc_t *c, uint32_t a, uint32_t b)
{
    if (a == b)
        return;
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    if ((c->edge_count + 1) * 2 > c->table_cap)
        table_grow(c);
    size_t h = (size_t)pair_hash(a, b) & (c->table_cap - 1);
    for (;;) {
        uint32_t slot = c->table[h];
        if (!slot)
            break;
        edge_t *e = &c->edges[slot - 1];
        if (e->a == a && e->b == b) {
            e->weight++;
            if (e->last_doc != c->doc) {
                e->last_doc = c->doc;
                e->documents++;
            }
            return;
        }
        h = (h + 1) & (c->table_cap - 1);
    }
    NG_GROW(c->edges, c->edge_cap, c->edge_count + 1);
    c->edges[c->edge_count] = (edge_t){a, b, 1, 1, c->doc};
    c->table[h] = (uint32_t)(++c->edge_count);
}

/* All pairs among the distinct entities of one window. */
static void close_window(ng_cooc_t *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            count_pair(c, c->distinct[i], c->distinct[j]);
}

void ng_cooc_add_document(ng_cooc_t *c, const ng_window_t *w, const uint32_t *entities,
                          const size_t *keys, size_t n)
{
    c->doc++;
    for (size_t i = 0; i < n; i++) {
        uint32_t e = entities[i];
        c->mentions[e]++;
        if (c->last_doc[e] != c->doc) {
            c->last_doc[e] = c->doc;
            c->documents[e]++;
        }
    }
    if (w->kind == NG_WINDOW_TOKENS) {
        /* Pairs of mentions whose first tokens are at most N apart; keys
         * ascend, so a sliding lower bound finds the partners. */
        size_t lo = 0;
        for (size_t j = 0; j < n; j++) {
            while (keys[j] - keys[lo] > w->tokens)
                lo++;
            for (size_t i = lo; i < j; i++)
                count_pair(c, entities[i], entities[j]);
        }
        return;
    }
    NG_GROW(c->distinct, c->distinct_cap, n + 1);
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || (w->kind != NG_WINDOW_DOCUMENT && keys[i] != keys[i - 1])) {
            close_window(c, count);
            count = 0;
            c->window_stamp++;
        }
        uint32_t e = entities[i];
        if (c->last_window[e] != c->window_stamp) {
            c->last_window[e] = c->window_stamp;
            c->distinct[count++] = e;
        }
    }
    close_window(c, count);
}

size_t ng_cooc_entity_count(const ng_cooc_t *c) { return c->entity_count; }
size_t ng_cooc_mentions(const ng_cooc_t *c, uint32_t e) { return c->mentions[e]; }
size_t ng_cooc_documents(const ng_cooc_t *c, uint32_t e) { return c->documents[e]; }
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
