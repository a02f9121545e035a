/*
 * Checking gazetteers, for the people who write them: load every row that
 * can be loaded and report each problem or risk with its file and line, so
 * that one run shows everything wrong with a file; and count what a
 * gazetteer holds, by entity type and by script.
 *
 * Ownership: findings and their strings are borrowed for the duration of
 * the callback; copy what you keep.  The statistics own their arrays
 * (ng_gazetteer_stats_destroy frees them); the names in them are borrowed
 * from the gazetteer (types) or static (scripts).
 */
#ifndef NG_GAZETTEER_CHECK_H
#define NG_GAZETTEER_CHECK_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stddef.h>

#include "ng_gazetteer.h"

typedef enum ng_check_kind {
    /* a malformed row (each one, not only the first), a pattern that does
     * not compile, a file that cannot be read: the gazetteer is unusable */
    NG_CHECK_ERROR,
    /* an id given twice in one file, an alias the loader skips, an "i:"
     * (any case) alias that is a common word: it loads, but not as meant */
    NG_CHECK_WARNING,
    /* an alias shared by several entities (resolved per document) */
    NG_CHECK_AMBIGUOUS,
    /* an alias that is also a common word (see ng_gazetteer_load_words) */
    NG_CHECK_COMMON_WORD
} ng_check_kind;

typedef struct ng_check_finding {
    ng_check_kind kind;
    const char *file;    /* the file it is about, or NULL */
    size_t line;         /* 1-based line in file, or 0 for the whole file */
    /* What is wrong and, where there is a fix, what to do; without the
     * "file:line: " prefix, which a caller adds as it likes. */
    const char *message;
} ng_check_finding_t;

/* Called for each finding, in the order found: loading problems in file
 * and line order, then ambiguous aliases, then common words. */
typedef void (*ng_check_fn)(void *ctx, const ng_check_finding_t *finding);

typedef struct ng_check_summary {
    size_t entities;
    size_t literal_aliases;  /* canonical names included */
    size_t patterns;
    size_t errors;           /* findings of each kind */
    size_t warnings;
    size_t ambiguous;
    size_t common_words;
} ng_check_summary_t;

/*
 * Load each of paths[0..count) (files, or directories of *.tsv files) into
 * gz, reporting every malformed row, unreadable file and skipped alias to
 * fn instead of stopping, then report the aliases that several entities
 * share and, when a word list was loaded into gz beforehand
 * (ng_gazetteer_load_words), the aliases that are common words.  The
 * counts go to *summary (may be NULL).  gz keeps what loaded, so a caller
 * can go on to use it; fn may be NULL.
 *
 * While loading, gz's diagnostics go to fn (as NG_CHECK_WARNING findings);
 * afterwards they are reset to the default (stderr).
 */
void ng_gazetteer_check(ng_gazetteer_t *gz, const char *const *paths, size_t count,
                        ng_check_fn fn, void *ctx, ng_check_summary_t *summary);

/* Entities and aliases of one entity type, or aliases of one script. */
typedef struct ng_tally {
    const char *name;
    size_t entities;  /* 0 for scripts */
    size_t aliases;
} ng_tally_t;

typedef struct ng_gazetteer_stats {
    size_t entities;
    size_t aliases;      /* literal and pattern, canonical names included */
    size_t patterns;
    /* Sorted by aliases, most first, then by name. */
    ng_tally_t *types;
    size_t type_count;
    /* Literal aliases by the script of their first letter: "Latin",
     * "Cyrillic", "Han", ...; "Common" when an alias has no letter (a
     * number), "Other" for a script not in the table. */
    ng_tally_t *scripts;
    size_t script_count;
} ng_gazetteer_stats_t;

/* Count what gz holds into *stats; release with ng_gazetteer_stats_destroy.
 * gz must outlive stats (the type names are its own). */
void ng_gazetteer_stats_init(ng_gazetteer_stats_t *stats, const ng_gazetteer_t *gz);
void ng_gazetteer_stats_destroy(ng_gazetteer_stats_t *stats);

#pragma GCC visibility pop
#endif
