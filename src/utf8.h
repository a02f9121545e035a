/*
 * UTF-8 decoding and the character classes every stage agrees on: what is a
 * word character, what is white space, which apostrophes and hyphens are the
 * same.  Invalid bytes decode as NG_CP_INVALID, one byte at a time, so any
 * byte string can be walked without failing.  Internal; not installed.
 */
#ifndef NG_UTF8_H
#define NG_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NG_CP_INVALID (-1)

/* Decode the code point at s[i] (i < len) into *cp; return its length in
 * bytes (1..4).  Invalid or truncated sequences, overlongs and surrogates
 * give *cp = NG_CP_INVALID and length 1. */
size_t ng_utf8_decode_multi(const unsigned char *s, size_t len, size_t i, int32_t *cp);
/* ASCII, most of any text, is decided here without a call. */
static inline size_t ng_utf8_decode(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
    if (s[i] < 0x80) {
        *cp = s[i];
        return 1;
    }
    return ng_utf8_decode_multi(s, len, i, cp);
}

/* Decode the code point that ends just before s[i] (i > 0); its start is
 * stored in *start.  Same invalid-byte convention as ng_utf8_decode. */
int32_t ng_utf8_prev(const unsigned char *s, size_t i, size_t *start);

/* Encode cp into out (4 bytes room); return the length. */
size_t ng_utf8_encode(int32_t cp, unsigned char *out);

/* Offset of the first invalid byte in s[0..len), or len if all is valid. */
size_t ng_utf8_first_invalid(const unsigned char *s, size_t len);

/* The Unicode half of the classes below (code points from 0x80, and
 * NG_CP_INVALID); the ASCII half is inline. */
bool ng_is_word_cp_unicode(int32_t cp);
bool ng_is_space_cp_unicode(int32_t cp);
bool ng_is_upper_cp_unicode(int32_t cp);
bool ng_is_lower_cp_unicode(int32_t cp);

/* Letters, digits and combining marks of any script. */
static inline bool ng_is_word_cp(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return (unsigned)((cp | 0x20) - 'a') < 26u || (unsigned)(cp - '0') < 10u;
    return ng_is_word_cp_unicode(cp);
}
static inline bool ng_is_newline_cp(int32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C ||
           cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}
/* White space: Unicode Zs, tab, line and paragraph separators, CR, LF, VT,
 * FF, NEL. */
static inline bool ng_is_space_cp(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    return ng_is_space_cp_unicode(cp);
}
/* ' and the typographic apostrophes and single quotes that stand for it. */
bool ng_is_apostrophe_cp(int32_t cp);
/* - and the Unicode hyphens and en dash that stand for it in names. */
bool ng_is_hyphen_cp(int32_t cp);
/* Scripts written without spaces between words (Han, kana, Thai, Lao,
 * Khmer, Myanmar, Tibetan): a word boundary cannot be required there. */
bool ng_is_unspaced_cp(int32_t cp);
static inline bool ng_is_upper_cp(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return ng_is_upper_cp_unicode(cp);
}
static inline bool ng_is_lower_cp(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return ng_is_lower_cp_unicode(cp);
}

#endif
