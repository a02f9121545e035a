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

ng_ac_t *ng_ac_build(const unsigned char *const *keys, const uint32_t *lens, size_t n)
{
    ng_ac_t *ac = ng_xcalloc(1, sizeof *ac);
    sort_key_t *sorted = ng_xmalloc((n ? n : 1) * sizeof *sorted);
    for (size_t i = 0; i < n; i++)
        sorted[i] = (sort_key_t){keys[i], lens[i], (uint32_t)i};
    if (n)
        qsort(sorted, n, sizeof *sorted, cmp_keys);
    uint32_t *order = ng_xmalloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = sorted[i].id;
    free(sorted);

    /* Trie in build form: first child / next sibling / label, children kept
     * in byte order because keys arrive sorted. */
    size_t cap = 0, count = 1;
    uint32_t *first = NULL, *next = NULL, *last = NULL;
    unsigned char *label = NULL;
    uint32_t *out_off = NULL, *out_cnt = NULL;
    size_t need = 1;
    for (size_t i = 0; i < n; i++)
        need += lens[i];
    cap = need;
    first = ng_xmalloc(cap * sizeof *first);
    next = ng_xmalloc(cap * sizeof *next);
    last = ng_xmalloc(cap * sizeof *last);
    label = ng_xmalloc(cap);
    out_off = ng_xmalloc(cap * sizeof *out_off);
    out_cnt = ng_xcalloc(cap, sizeof *out_cnt);
    first[0] = next[0] = last[0] = NONE;
    label[0] = 0;

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
        /* Sorted input: below the common prefix every byte is new. */
        for (uint32_t d = lcp; d < len; d++) {
            uint32_t parent = path[d];
            uint32_t s = (uint32_t)count++;
            first[s] = next[s] = last[s] = NONE;
            label[s] = key[d];
            if (last[parent] == NONE)
                first[parent] = s;
            else
                next[last[parent]] = s;
            last[parent] = s;
            path[d + 1] = s;
        }
        uint32_t end = path[len];
        if (out_cnt[end] == 0)
            out_off[end] = (uint32_t)oi;
        out_cnt[end]++;
        prev = key;
        prev_len = len;
    }
    free(path);
    free(last);

    /* Lay out breadth-first, computing failure and dictionary links. */
    ac->state_count = count;
    ac->states = ng_xcalloc(count, sizeof *ac->states);
    ac->edge_byte = ng_xmalloc(count);
    ac->edge_to = ng_xmalloc(count * sizeof *ac->edge_to);
    ac->out_keys = order;
    uint32_t *queue = ng_xmalloc(count * sizeof *queue);
    size_t qh = 0, qt = 0, edges = 0;
    queue[qt++] = 0;
    while (qh < qt) {
        uint32_t s = queue[qh++];
        state_t *st = &ac->states[s];
        st->edge_off = (uint32_t)edges;
        st->out_off = out_off[s];
        st->out_count = out_cnt[s];
        for (uint32_t c = first[s]; c != NONE; c = next[c]) {
            ac->edge_byte[edges] = label[c];
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
    ac->states[0].fail = 0;
    ac->states[0].dict = NONE;
    /* Queue order is BFS order, so a state's fail target is final before
     * its children are visited. */
    for (size_t qi = 0; qi < qt; qi++) {
        uint32_t s = queue[qi];
        state_t *st = &ac->states[s];
        for (uint32_t e = st->edge_off; e < st->edge_off + st->edge_count; e++) {
            uint32_t c = ac->edge_to[e];
            unsigned char b = ac->edge_byte[e];
            uint32_t f;
            if (s == 0) {
                f = 0;
            } else {
                uint32_t t = st->fail;
                for (;;) {
                    uint32_t x = t == 0 ? (ac->root_next[b] ? ac->root_next[b] : NONE) : child(ac, t, b);
                    if (x != NONE) {
                        f = x;
                        break;
                    }
                    if (t == 0) {
                        f = 0;
                        break;
                    }
                    t = ac->states[t].fail;
                }
            }
            ac->states[c].fail = f;
            ac->states[c].dict = ac->states[f].out_count ? f : ac->states[f].dict;
        }
    }
    free(queue);
    free(first);
    free(next);
    free(label);
    free(out_off);
    free(out_cnt);
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
