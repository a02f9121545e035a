/*
 * Aho-Corasick, built for large gazetteers and stored as flat arrays.
 *
 * Keys are sorted first, so the trie is laid out level by level from runs
 * of sorted keys, without per-node child lists being searched.  States are
 * numbered breadth-first: the children of a state are consecutive
 * numbers, so a state needs no edge list at all (its children are first ..
 * next state's first, their bytes in labels[]), 18 bytes a state in all
 * with its depth.  States nearer the root than
 * the rest are also given a full transition row over byte classes (the
 * bytes that occur in some key, each its own class, all others one class),
 * failures already followed: most bytes of real text are read in those
 * states, and breadth-first numbering makes "is s dense" one comparison.
 * Emit links skip straight to the next state that ends a key, so reporting
 * costs nothing where nothing matches.
 */
#include "acmatch.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NONE NG_AC_NONE

/* The dense rows' budget: sized to stay in the L2 cache, where the hot
 * states near the root are read from. */
#define DENSE_BYTES (512u * 1024u)

struct ng_ac {
    ng_ac_flat_t f;
    bool owned; /* the arrays are ours to free (built, not borrowed) */
};

/* A key with its id, so that sorting needs no context pointer, and its
 * first bytes as a number, so that most comparisons do not read the key
 * (a cache miss each, with millions of keys). */
typedef struct sort_key {
    uint64_t head;       /* first 8 bytes, big-endian, zero-padded */
    const unsigned char *bytes;
    uint32_t len;
    uint32_t id;
} sort_key_t;

static int cmp_keys(const void *a, const void *b)
{
    const sort_key_t *x = a, *y = b;
    if (x->head != y->head)
        return x->head < y->head ? -1 : 1;
    int c = memcmp(x->bytes, y->bytes, x->len < y->len ? x->len : y->len);
    if (c)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* The child of s on byte b, or NONE: a search of its labels. */
static inline uint32_t child(const ng_ac_flat_t *f, uint32_t s, unsigned char b)
{
    uint32_t lo = f->states[s].first, end = f->states[s + 1].first, hi = end;
    const unsigned char *lab = f->labels;
    /* Narrow [lo, hi] around the first label >= b, then look at a few. */
    while (hi - lo > 8) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (lab[mid] < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < end; lo++)
        if (lab[lo] >= b)
            return lab[lo] == b ? lo : NONE;
    return NONE;
}

/* Key ids in sorted key order: the trie sweep needs sorted keys. */
static uint32_t *sorted_key_order(const unsigned char *const *keys, const uint32_t *lens,
                                  size_t n)
{
    sort_key_t *sorted = ng_xmalloc((n ? n : 1) * sizeof *sorted);
    for (size_t i = 0; i < n; i++) {
        uint64_t head = 0;
        for (uint32_t k = 0; k < 8; k++)
            head = head << 8 | (k < lens[i] ? keys[i][k] : 0);
        sorted[i] = (sort_key_t){head, keys[i], lens[i], (uint32_t)i};
    }
    if (n)
        qsort(sorted, n, sizeof *sorted, cmp_keys);
    uint32_t *order = ng_xmalloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = sorted[i].id;
    free(sorted);
    return order;
}

/* A range [lo, hi) of the sorted keys: the keys below one state. */
typedef struct range {
    uint32_t lo, hi;
} range_t;

/*
 * Lay the trie out breadth-first straight from the sorted keys, one level
 * at a time: the keys below a state of depth d are a run of the sorted
 * keys sharing d bytes; those of length d end there (they sort first), and
 * the rest split by their byte d into the runs of its children.  The keys
 * are first copied in sorted order into one buffer, so every pass reads
 * memory in order: a million names give millions of states, and a trie
 * linked by pointers would cost a cache miss for each.
 */
static void layout(ng_ac_flat_t *f, const unsigned char *const *keys, const uint32_t *lens,
                   const uint32_t *order, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += lens[i];
    unsigned char *buf = ng_xmalloc(total ? total : 1);
    size_t *off = ng_xmalloc((n ? n : 1) * sizeof *off);
    uint32_t *len = ng_xmalloc((n ? n : 1) * sizeof *len);
    for (size_t i = 0, at = 0; i < n; i++) {
        off[i] = at;
        len[i] = lens[order[i]];
        memcpy(buf + at, keys[order[i]], len[i]);
        at += len[i];
    }
    size_t cap = 0, count = 1, outs = 0;
    ng_ac_state_t *st = NULL;
    unsigned char *labels = NULL, *depths = NULL;
    size_t lcap = 0, dcap = 0;
    NG_GROW(st, cap, 2);
    NG_GROW(labels, lcap, 1);
    NG_GROW(depths, dcap, 1);
    labels[0] = depths[0] = 0;
    uint32_t *out_keys = ng_xmalloc((n ? n : 1) * sizeof *out_keys);
    range_t *cur = ng_xmalloc(sizeof *cur), *next = NULL;
    size_t ncur = 1, nnext = 0, next_cap = 0, cur_cap = 1;
    cur[0] = (range_t){0, (uint32_t)n};
    uint32_t level_start = 0;
    for (uint32_t d = 0; ncur; d++) {
        nnext = 0;
        for (size_t g = 0; g < ncur; g++) {
            uint32_t s = level_start + (uint32_t)g;
            st[s].first = (uint32_t)count;
            st[s].out = (uint32_t)outs;
            uint32_t i = cur[g].lo, hi = cur[g].hi;
            while (i < hi && len[i] == d)
                out_keys[outs++] = order[i++];
            while (i < hi) {
                unsigned char b = buf[off[i] + d];
                uint32_t j = i + 1;
                while (j < hi && buf[off[j] + d] == b)
                    j++;
                NG_GROW(st, cap, count + 2);
                NG_GROW(labels, lcap, count + 1);
                NG_GROW(depths, dcap, count + 1);
                labels[count] = b;
                depths[count] = d + 1 < 255 ? (unsigned char)(d + 1) : 255;
                count++;
                NG_GROW(next, next_cap, nnext + 1);
                next[nnext++] = (range_t){i, j};
                i = j;
            }
        }
        level_start += (uint32_t)ncur;
        range_t *t = cur;
        cur = next;
        next = t;
        size_t tc = cur_cap;
        cur_cap = next_cap;
        next_cap = tc;
        ncur = nnext;
    }
    free(cur);
    free(next);
    free(buf);
    free(off);
    free(len);
    /* The sentinel closes the ranges; its links are never followed, but
     * it is written to compiled files, which must be the same bytes for
     * the same gazetteer. */
    st[count] = (ng_ac_state_t){(uint32_t)count, NG_AC_NONE, NG_AC_NONE, (uint32_t)outs};
    f->state_count = (uint32_t)count;
    f->out_count = (uint32_t)outs;
    f->states = st;
    f->labels = labels;
    f->out_keys = out_keys;
    f->depths = depths;
}

/* Byte classes: each byte some key holds gets its own class, every other
 * byte shares class 0 (from any state it leads back to the root). */
static void make_classes(ng_ac_flat_t *f, uint32_t dense_states)
{
    unsigned char *classes = ng_xcalloc(256, 1);
    bool used[256] = {false};
    for (uint32_t s = 1; s < f->state_count; s++)
        used[f->labels[s]] = true;
    uint32_t c = 1;
    for (int b = 0; b < 256; b++)
        if (used[b])
            classes[b] = (unsigned char)c++;
    f->class_count = c; /* at most 256: class 0 exists only if a byte is unused */
    if (c == 257) {
        for (int b = 0; b < 256; b++)
            classes[b] = (unsigned char)b;
        f->class_count = 256;
    }
    f->classes = classes;
    uint32_t rows = dense_states ? dense_states
                                 : DENSE_BYTES / (f->class_count * (uint32_t)sizeof(uint32_t));
    f->dense_count = rows < 1 ? 1 : rows > f->state_count ? f->state_count : rows;
}

/* Failure and emit links, and the dense rows, in breadth-first order: a
 * state's failure (always shallower, so numbered lower) is final before
 * its children are visited, and so is the dense row of that failure. */
static void link(ng_ac_flat_t *f)
{
    ng_ac_state_t *st = (ng_ac_state_t *)f->states;
    uint32_t C = f->class_count;
    uint32_t *dense = ng_xmalloc((size_t)f->dense_count * C * sizeof *dense);
    /* A representative byte per class, for the child search. */
    int rep[256];
    bool used[256] = {false};
    for (uint32_t s = 1; s < f->state_count; s++)
        used[f->labels[s]] = true;
    for (int c = 0; c < 256; c++)
        rep[c] = -1; /* the class of the bytes no key holds */
    for (int b = 255; b >= 0; b--)
        if (used[b])
            rep[f->classes[b]] = b;
    st[0].fail = 0;
    st[0].emit = NONE;
    for (uint32_t s = 0; s < f->state_count; s++) {
        if (s < f->dense_count)
            for (uint32_t c = 0; c < C; c++) {
                uint32_t x = rep[c] >= 0 ? child(f, s, (unsigned char)rep[c]) : NONE;
                dense[(size_t)s * C + c] =
                    x != NONE ? x : s == 0 ? 0 : dense[(size_t)st[s].fail * C + c];
            }
        for (uint32_t ch = st[s].first; ch < st[s + 1].first; ch++) {
            unsigned char b = f->labels[ch];
            uint32_t fl = 0;
            if (s != 0) {
                uint32_t t = st[s].fail;
                for (;;) {
                    if (t < f->dense_count) {
                        fl = dense[(size_t)t * C + f->classes[b]];
                        break;
                    }
                    uint32_t x = child(f, t, b);
                    if (x != NONE) {
                        fl = x;
                        break;
                    }
                    t = st[t].fail;
                }
            }
            st[ch].fail = fl;
            st[ch].emit = st[ch].out != st[ch + 1].out ? ch : st[fl].emit;
        }
    }
    f->dense = dense;
}

ng_ac_t *ng_ac_build(const unsigned char *const *keys, const uint32_t *lens, size_t n)
{
    return ng_ac_build_sized(keys, lens, n, 0);
}

ng_ac_t *ng_ac_build_sized(const unsigned char *const *keys, const uint32_t *lens, size_t n,
                           uint32_t dense_states)
{
    ng_ac_t *ac = ng_xcalloc(1, sizeof *ac);
    ac->owned = true;
    uint32_t *order = sorted_key_order(keys, lens, n);
    layout(&ac->f, keys, lens, order, n);
    free(order);
    make_classes(&ac->f, dense_states);
    link(&ac->f);
    return ac;
}

void ng_ac_free(ng_ac_t *ac)
{
    if (!ac)
        return;
    if (ac->owned) {
        free((void *)ac->f.states);
        free((void *)ac->f.labels);
        free((void *)ac->f.out_keys);
        free((void *)ac->f.dense);
        free((void *)ac->f.classes);
        free((void *)ac->f.depths);
    }
    free(ac);
}

size_t ng_ac_state_count(const ng_ac_t *ac)
{
    return ac->f.state_count;
}

void ng_ac_flat(const ng_ac_t *ac, ng_ac_flat_t *out)
{
    *out = ac->f;
}

/*
 * Depths: breadth-first numbering makes each level a range of states, the
 * children of the level before (level d + 1 starts at the first child of
 * level d's first state), so "shallower" is one comparison with the start
 * of the current level and "at most one level down" one with the end of
 * the next.
 */
static const char *check_levels(const ng_ac_flat_t *f,
                                 uint32_t (*key_len)(const void *ctx, uint32_t key),
                                 const void *ctx)
{
    const ng_ac_state_t *st = f->states;
    uint32_t n = f->state_count;
    uint32_t lo = 0, hi = n > 1 ? 1 : n; /* the current level, [lo, hi) */
    uint32_t next = hi < n ? st[hi].first : n; /* end of the level below */
    uint32_t d = 0;
    for (uint32_t s = 0; s < n; s++) {
        if (s == hi) {
            if (st[lo].first != hi || next <= hi)
                return "automaton levels are inconsistent";
            lo = hi;
            hi = next;
            next = hi < n ? st[hi].first : n;
            d++;
        }
        if (s && st[s].fail >= lo)
            return "a failure link goes down";
        if (f->depths[s] != (d < 255 ? d : 255))
            return "a depth is wrong";
        if (key_len)
            for (uint32_t k = st[s].out; k < st[s + 1].out; k++)
                if (key_len(ctx, f->out_keys[k]) != d)
                    return "a key length differs from the automaton's";
        if (s < f->dense_count) {
            const uint32_t *row = f->dense + (size_t)s * f->class_count;
            for (uint32_t c = 0; c < f->class_count; c++)
                if (row[c] >= next)
                    return "a dense transition skips a level";
        }
    }
    return NULL;
}

#define BAD(...) (snprintf(why, why_size, __VA_ARGS__), (ng_ac_t *)NULL)

ng_ac_t *ng_ac_from_flat(const ng_ac_flat_t *flat, uint32_t key_count,
                         uint32_t (*key_len)(const void *ctx, uint32_t key), const void *ctx,
                         char *why, size_t why_size)
{
    const ng_ac_flat_t *f = flat;
    uint32_t n = f->state_count;
    if (n < 1 || n == UINT32_MAX)
        return BAD("automaton has %u states", n);
    if (f->class_count < 1 || f->class_count > 256)
        return BAD("automaton has %u byte classes", f->class_count);
    if (f->dense_count < 1 || f->dense_count > n)
        return BAD("automaton has %u dense states of %u", f->dense_count, n);
    for (int b = 0; b < 256; b++)
        if (f->classes[b] >= f->class_count)
            return BAD("byte %d has class %u of %u", b, f->classes[b], f->class_count);
    const ng_ac_state_t *st = f->states;
    if (st[0].first != 1 && n > 1)
        return BAD("the root's children do not start at state 1");
    if (st[0].out != 0 || st[0].emit != NONE)
        return BAD("the root ends a key");
    if (st[n].first != n || st[n].out != f->out_count)
        return BAD("the last state does not close the tables");
    for (uint32_t s = 1; s < n; s++) {
        const ng_ac_state_t *x = &st[s];
        if (x->first < st[s - 1].first || x->first > n || x->first <= s)
            return BAD("state %u: children out of order", s);
        if (x->out < st[s - 1].out || x->out > f->out_count)
            return BAD("state %u: keys out of order", s);
        if (x->fail >= s)
            return BAD("state %u: failure link not to a shallower state", s);
        if (x->emit != NONE && (x->emit == 0 || x->emit > s))
            return BAD("state %u: emit link not to itself or a shallower state", s);
    }
    for (uint32_t i = 0; i < f->out_count; i++)
        if (f->out_keys[i] >= key_count)
            return BAD("key %u of %u", f->out_keys[i], key_count);
    size_t cells = (size_t)f->dense_count * f->class_count;
    for (size_t i = 0; i < cells; i++)
        if (f->dense[i] >= n)
            return BAD("dense transition to state %u of %u", f->dense[i], n);
    const char *bad = check_levels(f, key_len, ctx);
    if (bad)
        return BAD("%s", bad);
    ng_ac_t *ac = ng_xcalloc(1, sizeof *ac);
    ac->f = *f;
    ac->owned = false;
    return ac;
}

static inline bool ascii_alnum(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26 || (unsigned char)(c - '0') < 10;
}

/* The scan; with words, keys that start or end inside a run of ASCII
 * letters and digits are not reported.  Inlined into both callers, so the
 * flag costs nothing in the loop. */
static inline __attribute__((always_inline)) void
scan(const ng_ac_t *ac, const unsigned char *text, size_t len, ng_ac_hit_fn hit, void *ctx,
     bool words)
{
    const ng_ac_flat_t *f = &ac->f;
    const ng_ac_state_t *st = f->states;
    const uint32_t *dense = f->dense;
    const unsigned char *classes = f->classes;
    const uint32_t C = f->class_count, D = f->dense_count;
    uint32_t s = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = text[i];
        if (s < D) {
            s = dense[(size_t)s * C + classes[b]];
        } else {
            for (;;) {
                uint32_t t = child(f, s, b);
                if (t != NONE) {
                    s = t;
                    break;
                }
                s = st[s].fail;
                if (s < D) {
                    s = dense[(size_t)s * C + classes[b]];
                    break;
                }
            }
        }
        uint32_t e = st[s].emit;
        if (e == NONE)
            continue;
        if (words && i + 1 < len && ascii_alnum(b) && ascii_alnum(text[i + 1]))
            continue;
        /* Emit links lead to ever shallower states (checked on load), so
         * this ends. */
        for (; e != NONE; e = st[st[e].fail].emit) {
            if (words) {
                /* A depth of 255 stands for any longer: not filtered.
                 * Depths are at most i + 1 (checked on load). */
                size_t dep = f->depths[e], start = i + 1 - dep;
                if (dep < 255 && start > 0 && ascii_alnum(text[start - 1]) &&
                    ascii_alnum(text[start]))
                    continue;
            }
            for (uint32_t k = st[e].out; k < st[e + 1].out; k++)
                if (hit(ctx, f->out_keys[k], i + 1))
                    return;
        }
    }
}

void ng_ac_scan(const ng_ac_t *ac, const unsigned char *text, size_t len,
                ng_ac_hit_fn hit, void *ctx)
{
    scan(ac, text, len, hit, ctx, false);
}

void ng_ac_scan_words(const ng_ac_t *ac, const unsigned char *text, size_t len,
                          ng_ac_hit_fn hit, void *ctx)
{
    scan(ac, text, len, hit, ctx, true);
}
