/*
 * What the library's other modules need from a gazetteer beyond the public
 * accessors.  Internal.
 */
#ifndef NG_GAZETTEER_INTERNAL_H
#define NG_GAZETTEER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "ng_gazetteer.h"

struct ng_ngz;

/* The entity of alias i, without making the public ng_alias_t of a
 * compiled gazetteer (which the first ng_gazetteer_alias call does). */
uint32_t ng_gazetteer_alias_entity(const ng_gazetteer_t *gz, size_t i);

/* The k-th pattern alias's compiled code (owned by gz) and its alias
 * index, in alias order; NULL past the last. */
struct pcre2_real_code_8;
const struct pcre2_real_code_8 *ng_gazetteer_pattern(const ng_gazetteer_t *gz, size_t k,
                                                     uint32_t *alias);

/* The compiled file behind gz when its stored literal table still fits
 * gz (no common word or given name added or removed since), else NULL. */
const struct ng_ngz *ng_gazetteer_ngz(const ng_gazetteer_t *gz);

/* Call fn with every common word (folded), in no particular order. */
void ng_gazetteer_each_word(const ng_gazetteer_t *gz,
                            void (*fn)(void *ctx, const char *w, size_t len), void *ctx);

/* Call fn with every given name, in no particular order. */
void ng_gazetteer_each_given_name(const ng_gazetteer_t *gz,
                                  void (*fn)(void *ctx, const char *w, size_t len), void *ctx);

#endif
