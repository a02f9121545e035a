/*
 * UTF-8 decoding and character classes.  Classification goes through
 * utf8proc's Unicode tables so that every script is treated alike.
 */
#include "utf8.h"

#include <string.h>
#include <utf8proc.h>

size_t ng_utf8_decode_multi(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
    unsigned char c = s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    int32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4; v = c & 0x07; min = 0x10000;
    } else {
        *cp = NG_CP_INVALID;
        return 1;
    }
    if (len - i < n) {
        *cp = NG_CP_INVALID;
        return 1;
    }
    for (size_t k = 1; k < n; k++) {
        unsigned char cc = s[i + k];
        if ((cc & 0xC0) != 0x80) {
            *cp = NG_CP_INVALID;
            return 1;
        }
        v = (v << 6) | (cc & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = NG_CP_INVALID;
        return 1;
    }
    *cp = v;
    return n;
}

int32_t ng_utf8_prev(const unsigned char *s, size_t i, size_t *start)
{
    /* Step back over at most three continuation bytes, then check that the
     * sequence found really ends at i; otherwise the last byte is invalid
     * on its own. */
    size_t j = i - 1;
    size_t back = 0;
    while (j > 0 && back < 3 && (s[j] & 0xC0) == 0x80) {
        j--;
        back++;
    }
    int32_t cp;
    size_t n = ng_utf8_decode(s, i, j, &cp);
    if (j + n == i && cp != NG_CP_INVALID) {
        *start = j;
        return cp;
    }
    *start = i - 1;
    return NG_CP_INVALID;
}

size_t ng_utf8_encode(int32_t cp, unsigned char *out)
{
    return (size_t)utf8proc_encode_char(cp, out);
}

size_t ng_utf8_first_invalid(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        /* ASCII eight bytes at a time: most text is all ASCII. */
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & UINT64_C(0x8080808080808080))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t n = ng_utf8_decode(s, len, i, &cp);
        if (cp == NG_CP_INVALID)
            return i;
        i += n;
    }
    return len;
}

bool ng_is_word_cp_unicode(int32_t cp)
{
    if (cp == NG_CP_INVALID)
        return false;
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

bool ng_is_space_cp_unicode(int32_t cp)
{
    if (cp == ' ' || cp == '\t' || ng_is_newline_cp(cp))
        return true;
    if (cp < 0x80 || cp == NG_CP_INVALID)
        return false;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

bool ng_is_apostrophe_cp(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC ||
           cp == 0x02BB;
}

bool ng_is_hyphen_cp(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2012 ||
           cp == 0x2013 || cp == 0x2212 || cp == 0xFE63 || cp == 0xFF0D;
}

bool ng_is_unspaced_cp(int32_t cp)
{
    return (cp >= 0x0E00 && cp <= 0x0EFF) ||   /* Thai, Lao */
           (cp >= 0x0F00 && cp <= 0x0FFF) ||   /* Tibetan */
           (cp >= 0x1000 && cp <= 0x109F) ||   /* Myanmar */
           (cp >= 0x1780 && cp <= 0x17FF) ||   /* Khmer */
           (cp >= 0x3040 && cp <= 0x30FF) ||   /* Hiragana, Katakana */
           (cp >= 0x3400 && cp <= 0x4DBF) ||   /* CJK extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* CJK unified */
           (cp >= 0xF900 && cp <= 0xFAFF) ||   /* CJK compatibility */
           (cp >= 0x20000 && cp <= 0x3134F);   /* CJK extensions B.. */
}

bool ng_is_upper_cp_unicode(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp == NG_CP_INVALID)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool ng_is_lower_cp_unicode(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp == NG_CP_INVALID)
        return false;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}
