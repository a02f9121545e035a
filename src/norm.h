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

/* Fold the whole of text into out (replacing its contents). */
void ng_fold_text(const unsigned char *text, size_t len, ng_folded_t *out);

/*
 * Fold text[from..len) onto the end of out until out holds at least
 * `until` bytes or the text ends, so that a long text can be folded and
 * matched a window at a time.  Returns the offset where folding stopped:
 * the start of a character or of a white space run, where a later call
 * goes on exactly as one call over the whole text would (`from` must be 0
 * or such an offset).  out->map[out->len] is that offset.
 */
size_t ng_fold_more(const unsigned char *text, size_t len, size_t from, size_t until,
                    ng_folded_t *out);
void ng_folded_destroy(ng_folded_t *f);

/* Normalize an alias for storage: trim, white space runs to one space,
 * apostrophes to ', hyphens to -, NFC.  Appends to out (not cleared). */
void ng_normalize_alias(const char *s, size_t len, ng_buf_t *out);

/* Case-fold an already normalized string (the key the automaton matches).
 * Appends to out (not cleared). */
void ng_fold_string(const char *s, size_t len, ng_buf_t *out);

#endif
