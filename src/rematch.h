/*
 * The pattern aliases ("re:" fields): PCRE2, JIT-compiled where the platform
 * allows, each run bounded by a match limit so that no pattern can hang a
 * run.  Internal.
 *
 * Each pattern is compiled once per process, by the gazetteer loader (which
 * must compile it anyway to report a bad one with its file and line).  The
 * gazetteer owns that read-only code; a tagger's ng_patterns_t lists it, and
 * every scanner keeps only its own match data, so any number of scanners,
 * on any number of threads, share one compiled (and JIT-compiled) copy.
 */
#ifndef NG_REMATCH_H
#define NG_REMATCH_H

#include <stddef.h>
#include <stdint.h>

#include "ng_gazetteer.h"
#include "util.h"

/* pcre2_code for 8-bit code units, without making every includer pick a
 * PCRE2_CODE_UNIT_WIDTH. */
struct pcre2_real_code_8;
typedef struct ng_patterns ng_patterns_t;
typedef struct ng_pattern_scratch ng_pattern_scratch_t;

/*
 * Compile pattern text[0..len) with the flags every pattern alias uses, and
 * JIT-compile it unless NERGRAPH_NO_JIT is set to something other than "0".
 * On failure returns NULL and writes PCRE2's message (NUL-terminated) into
 * msg[0..msg_size) and the failing offset into *erroff.  The caller owns the
 * code and releases it with ng_pattern_free.
 */
struct pcre2_real_code_8 *ng_pattern_compile(const char *text, size_t len, char *msg,
                                             size_t msg_size, size_t *erroff);
void ng_pattern_free(struct pcre2_real_code_8 *code);
/* Shortest subject the pattern can match (0: it can match the empty string). */
uint32_t ng_pattern_min_length(const struct pcre2_real_code_8 *code);

/* The compiled code of pattern alias `alias` (an index into gz's aliases),
 * owned by gz; NULL for a literal alias.  Defined in gazetteer.c. */
const struct pcre2_real_code_8 *ng_pattern_code_of(const ng_gazetteer_t *gz, size_t alias);

/* The pattern aliases of gz, in alias order, with the match limit every run
 * obeys.  gz is borrowed and must outlive the list.  Read-only once made:
 * one list serves every scanner of a tagger.  Free with ng_patterns_free. */
ng_patterns_t *ng_patterns_new(const ng_gazetteer_t *gz, uint32_t match_limit);
void ng_patterns_free(ng_patterns_t *p);
size_t ng_patterns_count(const ng_patterns_t *p);

/* Per-scanner scratch for matching (PCRE2 match data and match context);
 * owned by the caller, free with ng_pattern_scratch_free. */
ng_pattern_scratch_t *ng_pattern_scratch_new(const ng_patterns_t *p);
void ng_pattern_scratch_free(ng_pattern_scratch_t *scratch);

/* Called for each non-empty match [start, end) of pattern alias `alias`
 * (an index into the gazetteer's aliases). */
typedef void (*ng_pattern_hit_fn)(void *ctx, uint32_t alias, size_t start, size_t end);

/* Run every pattern over text, using scratch (one thread at a time per
 * scratch).  A pattern that hits its match limit is reported to diag,
 * naming doc_name, and its further matches in this text are skipped. */
void ng_patterns_scan(const ng_patterns_t *p, ng_pattern_scratch_t *scratch,
                      const char *doc_name, const char *text, size_t len,
                      const ng_diag_t *diag, ng_pattern_hit_fn hit, void *ctx);

#endif
