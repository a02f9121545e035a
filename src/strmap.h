/*
 * A hash map from byte strings to uint32 values, open addressing with
 * linear probing.  Keys are copied into the map's own arena.  Internal.
 */
#ifndef NG_STRMAP_H
#define NG_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ng_strmap {
    struct strmap_slot *slots;
    size_t cap;   /* power of two */
    size_t count;
    struct ng_arena *arena;
} ng_strmap_t;

void ng_strmap_init(ng_strmap_t *m);
void ng_strmap_destroy(ng_strmap_t *m);
/* Value for key, or false when absent. */
bool ng_strmap_get(const ng_strmap_t *m, const void *key, size_t len, uint32_t *value);
/* Insert key -> value unless present; returns true when inserted, false
 * (leaving *existing set) when the key was already there. */
bool ng_strmap_put(ng_strmap_t *m, const void *key, size_t len, uint32_t value,
                   uint32_t *existing);
/* Call fn with every key, in no particular order. */
void ng_strmap_each(const ng_strmap_t *m, void (*fn)(void *ctx, const char *key, size_t len),
                    void *ctx);
uint64_t ng_hash_bytes(const void *data, size_t len);

/* A bump allocator for strings that live as long as their owner. */
typedef struct ng_arena ng_arena_t;
ng_arena_t *ng_arena_new(void);
void ng_arena_free(ng_arena_t *a);
/* Copy len bytes and a NUL; the copy lives until ng_arena_free. */
char *ng_arena_strndup(ng_arena_t *a, const char *s, size_t len);

#endif
