/*
 * Aho-Corasick automaton over bytes: finds every occurrence of every key in
 * one left-to-right pass, whatever the number of keys.  Internal.
 */
#ifndef NG_ACMATCH_H
#define NG_ACMATCH_H

#include <stddef.h>
#include <stdint.h>

typedef struct ng_ac ng_ac_t;

/*
 * Build from n keys (key i = keys[i][0..lens[i]), non-empty; duplicates
 * allowed).  Keys are not retained.  Caller frees with ng_ac_free.
 */
ng_ac_t *ng_ac_build(const unsigned char *const *keys, const uint32_t *lens, size_t n);
void ng_ac_free(ng_ac_t *ac);
size_t ng_ac_state_count(const ng_ac_t *ac);

/* Called for each key occurrence text[end - lens[key] .. end), in order of
 * end; for one end, longer keys first.  A non-zero return stops the scan. */
typedef int (*ng_ac_hit_fn)(void *ctx, uint32_t key, size_t end);

void ng_ac_scan(const ng_ac_t *ac, const unsigned char *text, size_t len,
                ng_ac_hit_fn hit, void *ctx);

#endif
