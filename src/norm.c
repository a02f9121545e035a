/*
 * Normalization.  Text and aliases go through the same rules, so the
 * matcher only ever compares like with like.  The folded text keeps a map
 * back to the original bytes: every offset nergraph reports points into the
 * input as given, however much folding changed lengths.
 */
#include "norm.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "utf8.h"

void ng_folded_destroy(ng_folded_t *f)
{
    free(f->bytes);
    free(f->map);
    memset(f, 0, sizeof *f);
}

static void reserve(ng_folded_t *f, size_t need)
{
    if (need <= f->cap)
        return;
    /* Exact for one big document (the map costs 4 bytes a byte, so slack
     * is expensive), but at least 1.5x so regrowth stays amortised. */
    size_t ncap = f->cap + f->cap / 2;
    if (ncap < need)
        ncap = need;
    f->bytes = ng_xrealloc(f->bytes, ncap);
    f->map = ng_xrealloc(f->map, (ncap + 1) * sizeof *f->map);
    f->cap = ncap;
}

/* Fold one code point into out; returns the byte count (at most 4 * 4:
 * utf8proc's longest full case folding is three code points). */
static size_t fold_cp(int32_t cp, unsigned char *out)
{
    utf8proc_int32_t dst[4];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, dst, 4, UTF8PROC_CASEFOLD, &last);
    if (n <= 0 || n > 4)
        return ng_utf8_encode(cp, out);
    size_t w = 0;
    for (utf8proc_ssize_t k = 0; k < n; k++)
        w += ng_utf8_encode(dst[k], out + w);
    return w;
}

void ng_fold_text(const unsigned char *text, size_t len, ng_folded_t *out)
{
    /* ASCII and white space never grow when folded, so the input length is
     * enough for most text; only a case folding that expands (ß -> ss)
     * asks for more, sized by what is left of the input. */
    reserve(out, len + 64);
    size_t o = 0;
    size_t i = 0;
    while (i < len) {
        if (out->cap - o < 16)
            reserve(out, o + 2 * (len - i) + 64);
        unsigned char c = text[i];
        if (c >= 'A' && c <= 'Z') {
            out->bytes[o] = (unsigned char)(c + 32);
            out->map[o++] = (uint32_t)i++;
            continue;
        }
        if (c > ' ' && c < 0x7F) {
            out->bytes[o] = c;
            out->map[o++] = (uint32_t)i++;
            continue;
        }
        int32_t cp;
        size_t n = ng_utf8_decode(text, len, i, &cp);
        if (ng_is_space_cp(cp)) {
            /* One run of white space is one space; a run holding two line
             * breaks (a blank line) is a paragraph break. */
            size_t start = i;
            int newlines = 0;
            while (i < len) {
                size_t m = ng_utf8_decode(text, len, i, &cp);
                if (!ng_is_space_cp(cp))
                    break;
                if (cp == '\r' && i + 1 < len && text[i + 1] == '\n') {
                    newlines++;
                    i += 2;
                    continue;
                }
                if (ng_is_newline_cp(cp))
                    newlines++;
                i += m;
            }
            out->bytes[o] = newlines >= 2 ? NG_FOLD_PARAGRAPH : ' ';
            out->map[o++] = (uint32_t)start;
            continue;
        }
        if (cp == NG_CP_INVALID || cp < ' ' || cp == 0x7F) {
            out->bytes[o] = NG_FOLD_OPAQUE;
            out->map[o++] = (uint32_t)i;
            i += n;
            continue;
        }
        if (ng_is_apostrophe_cp(cp))
            cp = '\'';
        else if (ng_is_hyphen_cp(cp))
            cp = '-';
        unsigned char buf[16];
        size_t w = fold_cp(cp, buf);
        for (size_t k = 0; k < w; k++) {
            out->bytes[o] = buf[k];
            out->map[o++] = (uint32_t)i;
        }
        i += n;
    }
    out->map[o] = (uint32_t)len;
    out->len = o;
}

/* Printable ASCII and spaces, where NFC changes nothing and only space
 * runs need care: most aliases, done without utf8proc.  False (nothing
 * written) for anything else. */
static bool normalize_ascii(const char *s, size_t len, ng_buf_t *out)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < ' ' || (unsigned char)s[i] >= 0x7F)
            return false;
    bool pending_space = false, any = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ') {
            pending_space = any;
            continue;
        }
        if (pending_space)
            ng_buf_putc(out, ' ');
        pending_space = false;
        any = true;
        ng_buf_putc(out, s[i]);
    }
    return true;
}

void ng_normalize_alias(const char *s, size_t len, ng_buf_t *out)
{
    if (normalize_ascii(s, len, out))
        return;
    /* NFC first, so an alias typed with combining accents matches text
     * that uses precomposed ones (the usual form). */
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                      &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    const unsigned char *p = n >= 0 ? nfc : (const unsigned char *)s;
    size_t plen = n >= 0 ? (size_t)n : len;
    bool pending_space = false;
    bool any = false;
    size_t i = 0;
    while (i < plen) {
        int32_t cp;
        size_t k = ng_utf8_decode(p, plen, i, &cp);
        if (ng_is_space_cp(cp)) {
            pending_space = any;
            i += k;
            continue;
        }
        if (pending_space)
            ng_buf_putc(out, ' ');
        pending_space = false;
        any = true;
        if (ng_is_apostrophe_cp(cp))
            ng_buf_putc(out, '\'');
        else if (ng_is_hyphen_cp(cp))
            ng_buf_putc(out, '-');
        else
            ng_buf_append(out, p + i, k);
        i += k;
    }
    free(nfc);
}

void ng_fold_string(const char *s, size_t len, ng_buf_t *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t k = ng_utf8_decode(p, len, i, &cp);
        unsigned char buf[16];
        size_t w = cp == NG_CP_INVALID ? (buf[0] = NG_FOLD_OPAQUE, 1) : fold_cp(cp, buf);
        ng_buf_append(out, buf, w);
        i += k;
    }
}
