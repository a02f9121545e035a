/*
 * The pattern aliases ("re:" fields): PCRE2, JIT-compiled where the platform
 * allows, each run bounded by a match limit so that no pattern can hang a
 * run.  Internal.
 */
#ifndef NG_REMATCH_H
#define NG_REMATCH_H

#include <stddef.h>
#include <stdint.h>

#include "ng_gazetteer.h"

typedef struct ng_patterns ng_patterns_t;

/* Compile every pattern alias of gz.  NULL and err filled on failure. */
ng_patterns_t *ng_patterns_new(const ng_gazetteer_t *gz, uint32_t match_limit,
                               struct ng_error *err);
void ng_patterns_free(ng_patterns_t *p);
size_t ng_patterns_count(const ng_patterns_t *p);

/* Called for each non-empty match [start, end) of pattern alias `alias`
 * (an index into the gazetteer's aliases). */
typedef void (*ng_pattern_hit_fn)(void *ctx, uint32_t alias, size_t start, size_t end);

/* Run every pattern over text.  Per-call scratch (match data) lives in the
 * patterns object, so one ng_patterns_t serves one thread at a time; the
 * scanner owns its own copy. */
void ng_patterns_scan(ng_patterns_t *p, const char *doc_name, const char *text,
                      size_t len, ng_pattern_hit_fn hit, void *ctx);

#endif
