/*
 * Partial results: the counts (ng_cooc.h) and evidence (ng_evidence.h) of
 * one run over part of a corpus, in a file that another run, process or
 * machine reads back and adds up.  Thresholds and filters are not applied
 * to a partial; they apply to the graph built from the merged counts, so
 * merging the partials of the parts of a corpus and building the graph
 * gives exactly the graph of one run over the whole corpus.
 *
 * A partial also holds what shaped its counts: the window, the tagger
 * options, the number of snippets kept per pair, the gazetteers'
 * fingerprint (ng_gazetteer_fingerprint.h) and entity count, and the
 * nergraph version.  Partials that differ in any of them are never added
 * up.
 *
 * The file (format version NG_PARTIAL_FORMAT, all integers unsigned):
 *
 *   magic     8 bytes, NG_PARTIAL_MAGIC ("\x89NGP\r\n\x1a\n")
 *   format    4 bytes, little endian
 *   length    8 bytes, little endian: the body's length
 *   body      `length` bytes: settings, counts, evidence, as LEB128
 *             varints and length-prefixed strings (src/partial.c)
 *   checksum  8 bytes, little endian: a stable 64-bit hash of the body
 *
 * Partials may follow one another in one file or stream (cat a.ngp b.ngp):
 * ng_partial_read says how many bytes the first one took.  Writing is
 * deterministic: the same counts give the same bytes.
 *
 * Ownership: ng_partial_read returns an object the caller frees with
 * ng_partial_free; the counts and evidence it hands out are borrowed from
 * it.
 */
#ifndef NG_PARTIAL_H
#define NG_PARTIAL_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ng_cooc.h"
#include "ng_evidence.h"
#include "ng_gazetteer.h"
#include "ng_gazetteer_fingerprint.h"
#include "ng_tagger.h"
#include "ng_window.h"

struct ng_error;

#define NG_PARTIAL_FORMAT 1
#define NG_PARTIAL_MAGIC "\x89NGP\r\n\x1a\n"
#define NG_PARTIAL_MAGIC_SIZE 8
/* Partials over more entities (4 Mi) are read only with their gazetteer
 * at hand (ng_partial_read): counts take about 48 bytes per entity, and a
 * small hostile file must not make the reader allocate gigabytes. */
#define NG_PARTIAL_MAX_ENTITIES ((size_t)1 << 22)
/* Any one count in a partial, and any sum a merge makes, stays below
 * this (2^40). */
#define NG_PARTIAL_MAX_COUNT ((uint64_t)1 << 40)

typedef struct ng_partial ng_partial_t;

/* What shaped a partial's counts. */
typedef struct ng_partial_settings {
    ng_window_t window;
    bool auto_aliases;            /* ng_tagger_options_t */
    uint32_t match_limit;         /* ng_tagger_options_t */
    bool count_credits;           /* ng_tagger_options_t */
    size_t evidence;              /* snippets kept per pair; 0: no evidence */
    size_t entity_count;          /* of the gazetteers */
    unsigned char gazetteer[NG_FINGERPRINT_SIZE];
    char version[32];             /* the nergraph that wrote it (NG_VERSION) */
} ng_partial_settings_t;

/* The settings of a run over gz with window w, tagger options t (NULL:
 * the defaults) and evidence snippets per pair (0: none); version is this
 * library's. */
void ng_partial_settings_init(ng_partial_settings_t *s, const ng_gazetteer_t *gz,
                              const ng_window_t *w, const ng_tagger_options_t *t,
                              size_t evidence);

/* NG_OK when partials made with a and b can be merged; otherwise NG_EDATA
 * and a message that names the first setting that differs ("window
 * paragraph, not sentence (-w)"). */
int ng_partial_settings_compare(const ng_partial_settings_t *a, const ng_partial_settings_t *b,
                                struct ng_error *err);

/*
 * Write the counts c and the evidence ev (NULL when s->evidence is 0),
 * made with settings s, as one partial.  NG_EUSAGE when c or ev do not fit
 * s (another window, entity count or snippets per pair); NG_EIO when out
 * reports a write error.
 */
int ng_partial_write(FILE *out, const ng_partial_settings_t *s, const ng_cooc_t *c,
                     const ng_evidence_t *ev, struct ng_error *err);

/*
 * Read the partial at the start of data[0, len).  name is used in
 * messages.  When `like` is given (settings from ng_partial_settings_init
 * with the loaded gazetteers, say; only their fingerprint and entity count
 * matter), the partial must have been made with gazetteers of the same
 * fingerprint and entity count, checked before anything is allocated;
 * without it, partials over more than NG_PARTIAL_MAX_ENTITIES entities are
 * refused.  On success *used (if not NULL) is the number of bytes the
 * partial took; another may follow.
 *
 * Every byte is checked: a file that is not a partial, is truncated,
 * damaged (checksum), of another format version, or inconsistent (counts
 * that no run can make) gives NULL, NG_EDATA and "name: what is wrong;
 * what to do" in err.  Returns a partial the caller frees.
 */
ng_partial_t *ng_partial_read(const char *name, const void *data, size_t len, size_t *used,
                              const ng_partial_settings_t *like, struct ng_error *err);
void ng_partial_free(ng_partial_t *p);

/*
 * Add `from` into `into`: counts and evidence become those of one run over
 * both partials' documents.  Associative and commutative.  NG_EDATA
 * (nothing changed) when their settings differ (the message says which,
 * as ng_partial_settings_compare) or a sum would pass
 * NG_PARTIAL_MAX_COUNT.  `from` is not modified.
 */
int ng_partial_merge(ng_partial_t *into, const ng_partial_t *from, struct ng_error *err);

const ng_partial_settings_t *ng_partial_settings(const ng_partial_t *p);
const ng_cooc_t *ng_partial_cooc(const ng_partial_t *p);
/* NULL when the partial keeps no evidence. */
const ng_evidence_t *ng_partial_evidence(const ng_partial_t *p);
/* Hand the evidence over (NULL when none; the caller frees it with
 * ng_evidence_free) instead of copying it: the partial then holds none,
 * and its settings say so (evidence 0). */
ng_evidence_t *ng_partial_take_evidence(ng_partial_t *p);

#pragma GCC visibility pop
#endif
