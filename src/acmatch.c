/*
 * Aho-Corasick, built for large gazetteers: keys are sorted first, so the
 * trie is made in one sweep without per-node child lists being searched,
 * then laid out with each node's children contiguous and sorted (a compact
 * "CSR" form: 24 bytes a state plus 5 an edge).  The root has a full 256-way
 * table because every byte of the text starts there.  Dictionary links skip
 * straight to the next state that ends a key, so reporting costs nothing
 * where nothing matches.
 */
#include "acmatch.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NONE UINT32_MAX

typedef struct state {
    uint32_t edge_off;   /* first edge in edge_byte/edge_to */
    uint32_t edge_count;
    uint32_t fail;
    uint32_t dict;       /* nearest proper suffix state with outputs, or NONE */
    uint32_t out_off;    /* outputs: out_keys[out_off .. out_off+out_count) */
    uint32_t out_count;
} state_t;

struct ng_ac {
    state_t *states;
    size_t state_count;
    unsigned char *edge_byte;
    uint32_t *edge_to;
    uint32_t *out_keys;  /* key ids grouped by state */
    uint32_t root_next[256];
};

/* A key with its id, so that sorting needs no context pointer. */
typedef struct sort_key {
    const unsigned char *bytes;
    uint32_t len;
    uint32_t id;
} sort_key_t;

static int cmp_keys(const void *a, const void *b)
{
    const sort_key_t *x = a, *y = b;
    int c = memcmp(x->bytes, y->bytes, x->len < y->len ? x->len : y->len);
    if (c)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static uint32_t child(const ng_ac_t *ac, uint32_t s, unsigned char b)
{
    const state_t *st = &ac->states[s];
    const unsigned char *bytes = ac->edge_byte + st->edge_off;
    uint32_t n = st->edge_count;
    if (n <= 8) {
        for (uint32_t i = 0; i < n; i++)
            if (bytes[i] == b)
                return ac->edge_to[st->edge_off + i];
        return NONE;
    }
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (bytes[mid] < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && bytes[lo] == b ? ac->edge_to[st->edge_off + lo] : NONE;
}

/* Key ids in sorted key order: the trie sweep needs sorted keys, and the
 * same array, grouped by end state, becomes the output table. */
static uint32_t *sorted_key_order(const unsigned char *const *keys, const uint32_t *lens,
                                  size_t n)
{
    sort_key_t *sorted = ng_xmalloc((n ? n : 1) * sizeof *sorted);
    for (size_t i = 0; i < n; i++)
        sorted[i] = (sort_key_t){keys[i], lens[i], (uint32_t)i};
    if (n)
        qsort(sorted, n, sizeof *sorted, cmp_keys);
    uint32_t *order = ng_xmalloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = sorted[i].id;
    free(sorted);
    return order;
}

/* The trie in build form: first child / next sibling / label per state,
 * children kept in byte order because keys arrive sorted; a state's keys
 * are order[out_off .. out_off + out_cnt). */
typedef struct trie {
    size_t count;
    uint32_t *first, *next;
    unsigned char *label;
    uint32_t *out_off, *out_cnt;
} trie_t;

static void trie_free(trie_t *t)
{
    free(t->first);
    free(t->next);
    free(t->label);
    free(t->out_off);
    free(t->out_cnt);
}

/* One sweep over the sorted keys: each key shares the path of its common
 * prefix with the key before it, and every byte below that is a new state. */
static void trie_build(trie_t *t, const unsigned char *const *keys, const uint32_t *lens,
                       const uint32_t *order, size_t n)
{
    size_t need = 1;
    for (size_t i = 0; i < n; i++)
        need += lens[i];
    t->count = 1;
    t->first = ng_xmalloc(need * sizeof *t->first);
    t->next = ng_xmalloc(need * sizeof *t->next);
    t->label = ng_xmalloc(need);
    t->out_off = ng_xmalloc(need * sizeof *t->out_off);
    t->out_cnt = ng_xcalloc(need, sizeof *t->out_cnt);
    uint32_t *last = ng_xmalloc(need * sizeof *last);
    t->first[0] = t->next[0] = last[0] = NONE;
    t->label[0] = 0;

    uint32_t *path = ng_xmalloc((need + 1) * sizeof *path); /* path[d] = state at depth d */
    path[0] = 0;
    const unsigned char *prev = NULL;
    uint32_t prev_len = 0;
    for (size_t oi = 0; oi < n; oi++) {
        uint32_t k = order[oi];
        const unsigned char *key = keys[k];
        uint32_t len = lens[k];
        uint32_t lcp = 0;
        if (prev)
            while (lcp < len && lcp < prev_len && key[lcp] == prev[lcp])
                lcp++;
        for (uint32_t d = lcp; d < len; d++) {
            uint32_t parent = path[d];
            uint32_t s = (uint32_t)t->count++;
            t->first[s] = t->next[s] = last[s] = NONE;
            t->label[s] = key[d];
            if (last[parent] == NONE)
                t->first[parent] = s;
            else
                t->next[last[parent]] = s;
            last[parent] = s;
            path[d + 1] = s;
        }
        uint32_t end = path[len];
        if (t->out_cnt[end] == 0)
            t->out_off[end] = (uint32_t)oi;
        t->out_cnt[end]++;
        prev = key;
        prev_len = len;
    }
    free(path);
    free(last);
}

/* Lay the trie out breadth-first in CSR form: each state's edges
 * contiguous and in byte order.  State numbers stay the trie's.  Returns
 * the states in breadth-first order (t->count of them); caller frees. */
static uint32_t *layout_csr(ng_ac_t *ac, const trie_t *t)
{
    ac->state_count = t->count;
    ac->states = ng_xcalloc(t->count, sizeof *ac->states);
    ac->edge_byte = ng_xmalloc(t->count);
    ac->edge_to = ng_xmalloc(t->count * sizeof *ac->edge_to);
    uint32_t *queue = ng_xmalloc(t->count * sizeof *queue);
    size_t qh = 0, qt = 0, edges = 0;
    queue[qt++] = 0;
    while (qh < qt) {
        uint32_t s = queue[qh++];
        state_t *st = &ac->states[s];
        st->edge_off = (uint32_t)edges;
        st->out_off = t->out_off[s];
        st->out_count = t->out_cnt[s];
        for (uint32_t c = t->first[s]; c != NONE; c = t->next[c]) {
            ac->edge_byte[edges] = t->label[c];
            ac->edge_to[edges] = c;
            edges++;
            queue[qt++] = c;
        }
        st->edge_count = (uint32_t)(edges - st->edge_off);
    }
    for (int b = 0; b < 256; b++) {
        uint32_t c = child(ac, 0, (unsigned char)b);
        ac->root_next[b] = c == NONE ? 0 : c;
    }
    return queue;
}

/* The failure target of the child reached from s (not the root) on byte b:
 * the longest proper suffix state that has a child on b, else the root. */
static uint32_t fail_target(const ng_ac_t *ac, uint32_t s, unsigned char b)
{
    uint32_t t = ac->states[s].fail;
    for (;;) {
        uint32_t x = t == 0 ? (ac->root_next[b] ? ac->root_next[b] : NONE) : child(ac, t, b);
        if (x != NONE)
            return x;
        if (t == 0)
            return 0;
        t = ac->states[t].fail;
    }
}

/* Failure and dictionary links.  Queue order is BFS order, so a state's
 * fail target is final before its children are visited. */
static void link_failures(ng_ac_t *ac, const uint32_t *queue)
{
    ac->states[0].fail = 0;
    ac->states[0].dict = NONE;
    for (size_t qi = 0; qi < ac->state_count; qi++) {
        uint32_t s = queue[qi];
        const state_t *st = &ac->states[s];
        for (uint32_t e = st->edge_off; e < st->edge_off + st->edge_count; e++) {
            uint32_t c = ac->edge_to[e];
            uint32_t f = s == 0 ? 0 : fail_target(ac, s, ac->edge_byte[e]);
            ac->states[c].fail = f;
            ac->states[c].dict = ac->states[f].out_count ? f : ac->states[f].dict;
        }
    }
}

ng_ac_t *ng_ac_build(const unsigned char *const *keys, const uint32_t *lens, size_t n)
{
    ng_ac_t *ac = ng_xcalloc(1, sizeof *ac);
    uint32_t *order = sorted_key_order(keys, lens, n);
    trie_t trie;
    trie_build(&trie, keys, lens, order, n);
    ac->out_keys = order;
    uint32_t *queue = layout_csr(ac, &trie);
    trie_free(&trie);
    link_failures(ac, queue);
    free(queue);
    return ac;
}

void ng_ac_free(ng_ac_t *ac)
{
    if (!ac)
        return;
    free(ac->states);
    free(ac->edge_byte);
    free(ac->edge_to);
    free(ac->out_keys);
    free(ac);
}

size_t ng_ac_state_count(const ng_ac_t *ac)
{
    return ac->state_count;
}

static int report(const ng_ac_t *ac, const state_t *st, size_t end, ng_ac_hit_fn hit, void *ctx)
{
    for (uint32_t i = 0; i < st->out_count; i++)
        if (hit(ctx, ac->out_keys[st->out_off + i], end))
            return 1;
    return 0;
}

void ng_ac_scan(const ng_ac_t *ac, const unsigned char *text, size_t len,
                ng_ac_hit_fn hit, void *ctx)
{
    uint32_t s = 0;
    const state_t *states = ac->states;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = text[i];
        for (;;) {
            if (s == 0) {
                s = ac->root_next[b];
                break;
            }
            uint32_t t = child(ac, s, b);
            if (t != NONE) {
                s = t;
                break;
            }
            s = states[s].fail;
        }
        if (!s)
            continue;
        const state_t *st = &states[s];
        if (st->out_count && report(ac, st, i + 1, hit, ctx))
            return;
        for (uint32_t d = st->dict; d != NONE; d = states[d].dict)
            if (report(ac, &states[d], i + 1, hit, ctx))
                return;
    }
}
