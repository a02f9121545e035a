/*
 * Normalization: the one place that decides which spellings are "the same".
 * White space runs become one space, apostrophe and hyphen variants become
 * ' and -, and (for matching) case is folded.  Internal.
 */
#ifndef NG_NORM_H
#define NG_NORM_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Byte written in place of a blank line (paragraph break) and of invalid or
 * control bytes in a folded text: no alias contains them, so no match can
 * cross a paragraph or a broken byte. */
#define NG_FOLD_PARAGRAPH '\n'
#define NG_FOLD_OPAQUE 0x1F

/*
 * The folded view of a document: bytes[] is the normalized, case-folded text
 * and map[i] the offset in the original text of the character that produced
 * bytes[i]; map[len] is the original length.  One original character can
 * produce several bytes (ß folds to "ss") and a white space run produces
 * one, so map is non-decreasing and a match [s, e) in the folded view covers
 * original bytes [map[s], map[e]).  Reused across documents; the caller
 * owns it: zero-initialise, then ng_folded_destroy.
 */
typedef struct ng_folded {
    unsigned char *bytes;
    uint32_t *map;
    size_t len;
    size_t cap;
} ng_folded_t;

/* Texts longer than this are refused by the matcher (offsets are 32-bit). */
#define NG_MAX_DOCUMENT ((size_t)UINT32_MAX - 1)

void ng_fold_text(const unsigned char *text, size_t len, ng_folded_t *out);
void ng_folded_destroy(ng_folded_t *f);

/* Normalize an alias for storage: trim, white space runs to one space,
 * apostrophes to ', hyphens to -, NFC.  Appends to out (not cleared). */
void ng_normalize_alias(const char *s, size_t len, ng_buf_t *out);

/* Case-fold an already normalized string (the key the automaton matches).
 * Appends to out (not cleared). */
void ng_fold_string(const char *s, size_t len, ng_buf_t *out);

#endif
