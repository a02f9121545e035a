/*
 * String-keyed hash map and string arena.  The gazetteer interns millions of
 * ids and aliases with these; one malloc per 1 MiB chunk instead of one per
 * string keeps loading fast and freeing trivial.
 */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct strmap_slot {
    const char *key;   /* NULL = empty */
    size_t len;
    uint64_t hash;
    uint32_t value;
};

struct ng_arena {
    struct arena_chunk *chunks;
};

struct arena_chunk {
    struct arena_chunk *next;
    size_t used, size;
    char data[];
};

/* Chunks start small, so a small gazetteer costs little, and double up to
 * 1 MiB, so a large one costs one malloc per MiB. */
#define ARENA_FIRST_CHUNK 4096u
#define ARENA_MAX_CHUNK (1u << 20)

ng_arena_t *ng_arena_new(void)
{
    return ng_xcalloc(1, sizeof(ng_arena_t));
}

void ng_arena_free(ng_arena_t *a)
{
    if (!a)
        return;
    struct arena_chunk *c = a->chunks;
    while (c) {
        struct arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

char *ng_arena_strndup(ng_arena_t *a, const char *s, size_t len)
{
    struct arena_chunk *c = a->chunks;
    if (!c || c->size - c->used < len + 1) {
        size_t size = c ? c->size * 2 : ARENA_FIRST_CHUNK;
        if (size > ARENA_MAX_CHUNK)
            size = ARENA_MAX_CHUNK;
        if (size < len + 1)
            size = len + 1;
        c = ng_xmalloc(sizeof *c + size);
        c->used = 0;
        c->size = size;
        c->next = a->chunks;
        a->chunks = c;
    }
    char *p = c->data + c->used;
    memcpy(p, s, len);
    p[len] = '\0';
    c->used += len + 1;
    return p;
}

uint64_t ng_hash_bytes(const void *data, size_t len)
{
    /* FNV-1a, 64-bit: simple, and good enough for names. */
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

void ng_strmap_init(ng_strmap_t *m)
{
    m->cap = 0;
    m->count = 0;
    m->slots = NULL;
    m->arena = ng_arena_new();
}

void ng_strmap_destroy(ng_strmap_t *m)
{
    free(m->slots);
    ng_arena_free(m->arena);
    m->slots = NULL;
    m->arena = NULL;
    m->cap = m->count = 0;
}

static struct strmap_slot *find_slot(struct strmap_slot *slots, size_t cap,
                                     const void *key, size_t len, uint64_t h)
{
    size_t i = (size_t)h & (cap - 1);
    for (;;) {
        struct strmap_slot *s = &slots[i];
        if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
        i = (i + 1) & (cap - 1);
    }
}

bool ng_strmap_get(const ng_strmap_t *m, const void *key, size_t len, uint32_t *value)
{
    if (!m->cap)
        return false;
    struct strmap_slot *s = find_slot(m->slots, m->cap, key, len, ng_hash_bytes(key, len));
    if (!s->key)
        return false;
    *value = s->value;
    return true;
}

static void rehash(ng_strmap_t *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    struct strmap_slot *ns = ng_xcalloc(ncap, sizeof *ns);
    for (size_t i = 0; i < m->cap; i++) {
        struct strmap_slot *s = &m->slots[i];
        if (s->key)
            *find_slot(ns, ncap, s->key, s->len, s->hash) = *s;
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
}

bool ng_strmap_put(ng_strmap_t *m, const void *key, size_t len, uint32_t value,
                   uint32_t *existing)
{
    if ((m->count + 1) * 4 > m->cap * 3)
        rehash(m);
    uint64_t h = ng_hash_bytes(key, len);
    struct strmap_slot *s = find_slot(m->slots, m->cap, key, len, h);
    if (s->key) {
        if (existing)
            *existing = s->value;
        return false;
    }
    s->key = ng_arena_strndup(m->arena, key, len);
    s->len = len;
    s->hash = h;
    s->value = value;
    m->count++;
    return true;
}

void ng_strmap_each(const ng_strmap_t *m, void (*fn)(void *ctx, const char *key, size_t len),
                    void *ctx)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            fn(ctx, m->slots[i].key, m->slots[i].len);
}
