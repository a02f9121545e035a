/*
 * Words that end a name of an organization or a place, shared by the rules
 * that read names the gazetteers do not hold: discovery (an organization
 * is a capitalized phrase ending in a designator) and the tagger (a
 * country or company name that opens such a phrase is part of it, not a
 * mention of its own).  Internal.
 */
#ifndef NG_NAMEWORDS_H
#define NG_NAMEWORDS_H

#include <stdbool.h>
#include <stddef.h>

/* NULL-terminated lists, compared as written (case counts). */
extern const char *const ng_designator_words[]; /* "Inc", "Airlines", "Ministry" */
extern const char *const ng_dotted_designators[]; /* "S.A.", "N.V." */
extern const char *const ng_place_words[];      /* "Street", "River", "City" */

/* Is s[0..len) one of list's words? */
bool ng_word_listed(const char *const *list, const char *s, size_t len);

#endif
