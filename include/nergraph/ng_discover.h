/*
 * Discovery: names of people and organizations that no gazetteer holds,
 * found by rules over word lists, as GATE's ANNIE does on top of its
 * gazetteer.  One document at a time, given its segmentation
 * (ng_segment.h) and the gazetteer mentions the tagger found in it; a
 * candidate never overlaps a mention, so the gazetteers always win.
 *
 * The rules (the word lists are data in src/discover.c):
 *
 *  - Person: a title of address or office ("Mr.", "Dr.", "Sen.", "Gov.",
 *    "President", "Judge", "Lord", "Sir", ...) before one to four
 *    capitalized words ("Mr. Daniel Roe", "Sen. Roe"; the title is not part
 *    of the name); a known given name (the gazetteer's,
 *    ng_gazetteer_load_given_names, or ng_discoverer_add_given_names) with
 *    one to three capitalized surnames, particles ("da", "van", "bin") and
 *    initials between them ("Renata Moura", "John Q. Public", "Ana de
 *    Souza"); two or three capitalized words followed by a role apposition
 *    (", a partner at", ", an analyst", ", who").  A given name that is
 *    also a common word (ng_gazetteer_is_word: "Will", "Grace") at a
 *    sentence start needs a surname that is not one.  A lone surname after
 *    a title is dropped when the document also names a person with that
 *    surname in full (the tagger's surname rule covers it).
 *
 *  - Organization: a capitalized phrase ending in a designator ("Acme
 *    Holdings", "Quux Inc", "Banco Sul S.A.", "Northfield University");
 *    a head word with "of"/"for" and a capitalized phrase ("Ministry of
 *    Fisheries", "University of Westhaven", "Institute for Coastal
 *    Studies"); and law-firm style "Baker Holt & Reyes", "Cole, Marsh &
 *    Dunn".  Leading articles and determiners are not part of it ("The
 *    Company" is nothing).  A phrase right after a mention (one space
 *    between) is part of a bigger name the gazetteers do not know and is
 *    left alone.
 *
 *  - Nowhere in a title line (capitals say nothing there), never a
 *    word that is only in capitals unless it is a designator, words joined
 *    by one space (or one line break), on the tagger's word boundaries
 *    (possessive "'s" outside), and never the text of an alias the
 *    gazetteer already has.
 */
#ifndef NG_DISCOVER_H
#define NG_DISCOVER_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stdbool.h>
#include <stddef.h>

#include "ng_gazetteer.h"
#include "ng_segment.h"
#include "ng_tagger.h"

struct ng_error;

typedef struct ng_discoverer ng_discoverer_t;

typedef enum {
    NG_DISCOVER_PERSON,
    NG_DISCOVER_ORGANIZATION
} ng_discover_kind;

typedef struct ng_candidate {
    size_t start, end;       /* byte offsets of the name in the document */
    ng_discover_kind kind;
    const char *type;        /* "person" or "organization" (static) */
    /* The name: white space runs as one space; borrowed from the
     * discoverer until its next document. */
    const char *name;
    size_t name_len;
} ng_candidate_t;

/* A discoverer that reads gz's common-word and given-name lists and
 * aliases (borrowed: gz must outlive it and not change).  Free with
 * ng_discoverer_free. */
ng_discoverer_t *ng_discoverer_new(const ng_gazetteer_t *gz);
void ng_discoverer_free(ng_discoverer_t *d);

/* Given names of the discoverer's own, beside the gazetteer's, one per
 * line (UTF-8, '#' comments, blank lines skipped), from a file (NG_EIO
 * when unreadable, NG_EDATA on invalid UTF-8 with file:line) or from
 * memory (data not retained).  Added to those loaded; the count is of
 * these only. */
int ng_discoverer_load_given_names(ng_discoverer_t *d, const char *path,
                                   struct ng_error *err);
int ng_discoverer_add_given_names(ng_discoverer_t *d, const char *data, size_t len,
                                  struct ng_error *err);
size_t ng_discoverer_given_name_count(const ng_discoverer_t *d);

/*
 * Candidates of text[0..len): seg is its segmentation (ng_segment_text),
 * mentions the tagger's mentions of it (any order).  *out is an array of
 * *count candidates in text order, disjoint, none overlapping a mention;
 * it and the names (NUL-terminated) are owned by d until the next call.
 * Never fails.
 */
void ng_discover_text(ng_discoverer_t *d, const ng_segments_t *seg, const char *text,
                      size_t len, const ng_mention_t *mentions, size_t mention_count,
                      const ng_candidate_t **out, size_t *count);

/*
 * The id part of a discovered name: ASCII lowercase letters, digits and
 * '-' ("Renata Moura" -> "renata-moura", "José Núñez" -> "jose-nunez");
 * when letters had to be dropped (another script), '-' and eight hex
 * digits of a hash of the name follow, so different names get different
 * slugs.  Caller frees.
 */
char *ng_discover_slug(const char *name, size_t len);

#pragma GCC visibility pop
#endif
