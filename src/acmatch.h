/*
 * Aho-Corasick automaton over bytes: finds every occurrence of every key in
 * one left-to-right pass, whatever the number of keys.  Internal.
 *
 * The automaton is a handful of flat arrays without pointers (ng_ac_flat_t),
 * so a compiled gazetteer file can hold them as they are and a loader can
 * use the mapped bytes directly (ng_ac_from_flat), after checking that no
 * index points outside them.
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
/* Same, with at most dense_states states given a full transition row (0:
 * as many as fit the default budget); for tests of both lookups. */
ng_ac_t *ng_ac_build_sized(const unsigned char *const *keys, const uint32_t *lens, size_t n,
                           uint32_t dense_states);
void ng_ac_free(ng_ac_t *ac);
size_t ng_ac_state_count(const ng_ac_t *ac);

/* Called for each key occurrence text[end - lens[key] .. end), in order of
 * end; for one end, longer keys first.  A non-zero return stops the scan. */
typedef int (*ng_ac_hit_fn)(void *ctx, uint32_t key, size_t end);

void ng_ac_scan(const ng_ac_t *ac, const unsigned char *text, size_t len,
                ng_ac_hit_fn hit, void *ctx);

/* Same, but only occurrences that could be whole words: not those whose
 * last byte and the next, or whose first byte and the one before, are
 * both ASCII letters or digits ("nera" in "general").  A matcher that
 * wants whole words drops those hits anyway; here they cost no call,
 * where a gazetteer of a million names has many. */
void ng_ac_scan_words(const ng_ac_t *ac, const unsigned char *text, size_t len,
                          ng_ac_hit_fn hit, void *ctx);

/* One state.  States are numbered breadth-first, so the children of s are
 * the states first .. states[s + 1].first - 1 (their bytes in labels[],
 * ascending) and its keys are out_keys[out .. states[s + 1].out); a
 * sentinel state n closes both ranges.  fail is the longest proper suffix
 * state; emit the first state, s itself or a suffix of it, that ends a
 * key (NG_AC_NONE if none), the next one being emit of that state's fail. */
typedef struct ng_ac_state {
    uint32_t first, fail, emit, out;
} ng_ac_state_t;

#define NG_AC_NONE UINT32_MAX

/* The automaton as flat arrays.  The first dense_count states (those
 * nearest the root, which text hits most) also have a full transition row
 * dense[s * class_count + classes[byte]], failures already followed. */
typedef struct ng_ac_flat {
    uint32_t state_count;          /* n, the root (state 0) included */
    uint32_t dense_count;          /* 1 .. n */
    uint32_t class_count;          /* 1 .. 256 */
    uint32_t out_count;
    const ng_ac_state_t *states;   /* n + 1 */
    const unsigned char *labels;   /* n; labels[0] unused */
    const uint32_t *out_keys;      /* out_count */
    const uint32_t *dense;         /* dense_count * class_count */
    const unsigned char *classes;  /* 256 */
    const unsigned char *depths;   /* n: each state's depth (its keys' length), 255 at most */
} ng_ac_flat_t;

/* The arrays of ac, borrowed (valid while ac lives). */
void ng_ac_flat(const ng_ac_t *ac, ng_ac_flat_t *out);

/*
 * An automaton over arrays someone else owns (a mapped file): they are
 * borrowed and must outlive it.  Every index is checked first, so that no
 * scan can read outside the arrays or the text, or loop: indexes in range,
 * key ids below key_count, failure and emit links to shallower states,
 * transitions at most one level down, depths true.  With key_len, each
 * key's length (key_len(ctx, key)) must also be the depth of the state
 * that reports it.  On a violation returns NULL and writes what is wrong
 * into why[0..why_size).  Free with ng_ac_free (which leaves the arrays
 * alone).
 */
ng_ac_t *ng_ac_from_flat(const ng_ac_flat_t *flat, uint32_t key_count,
                         uint32_t (*key_len)(const void *ctx, uint32_t key), const void *ctx,
                         char *why, size_t why_size);

#endif
