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
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
    /* Exact for one big text (the map costs 4 bytes a byte, so slack is
     * expensive), but at least 1.5x so regrowth stays amortised. */
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

#ifdef __SSE2__
/* Sixteen bytes of plain prose at once: visible ASCII and single spaces,
 * the last byte no space (so no white space run goes on past the block).
 * Those fold one byte to one byte, capitals to lowercase, each mapped to
 * its own offset.  False, with nothing written, for any other block. */
static bool fold16(const unsigned char *text, unsigned char *b, uint32_t *map, size_t at)
{
    __m128i v = _mm_loadu_si128((const __m128i *)text);
    /* signed compares: bytes from 0x80 are negative, so not above ' ' - 1 */
    __m128i plain = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(' ' - 1)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
    __m128i space = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
    __m128i pairs = _mm_and_si128(space, _mm_srli_si128(space, 1));
    if (_mm_movemask_epi8(plain) != 0xFFFF || _mm_movemask_epi8(pairs) != 0 ||
        (_mm_movemask_epi8(space) & 0x8000))
        return false;
    __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
    v = _mm_add_epi8(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
    _mm_storeu_si128((__m128i *)b, v);
    __m128i offs = _mm_add_epi32(_mm_set1_epi32((int)(uint32_t)at), _mm_setr_epi32(0, 1, 2, 3));
    __m128i four = _mm_set1_epi32(4);
    for (int k = 0; k < 4; k++) {
        _mm_storeu_si128((__m128i *)(map + 4 * k), offs);
        offs = _mm_add_epi32(offs, four);
    }
    return true;
}
#endif

/* The end of the white space run at text[i]; *newlines counts its line
 * breaks (CRLF is one).  ASCII is decided without decoding. */
static size_t space_run(const unsigned char *text, size_t len, size_t i, int *newlines)
{
    int nl = 0;
    while (i < len) {
        unsigned char c = text[i];
        if (c == ' ' || c == '\t') {
            i++;
            continue;
        }
        if (c == '\n' || c == '\v' || c == '\f') {
            nl++;
            i++;
            continue;
        }
        if (c == '\r') {
            nl++;
            i += i + 1 < len && text[i + 1] == '\n' ? 2 : 1;
            continue;
        }
        if (c < 0x80)
            break;
        int32_t cp;
        size_t m = ng_utf8_decode(text, len, i, &cp);
        if (!ng_is_space_cp(cp))
            break;
        if (ng_is_newline_cp(cp))
            nl++;
        i += m;
    }
    *newlines = nl;
    return i;
}

size_t ng_fold_more(const unsigned char *text, size_t len, size_t i, size_t until,
                    ng_folded_t *out)
{
    /* One step writes at most 16 bytes (the longest full case folding is
     * three code points), so room for `until` plus one step is enough. */
    reserve(out, until + 16);
    unsigned char *b = out->bytes;
    uint32_t *map = out->map;
    size_t o = out->len;
    while (i < len && o < until) {
        unsigned char c = text[i];
#ifdef __SSE2__
        if (c >= ' ' && c < 0x7F) {
            while (len - i >= 16 && until - o >= 16 && fold16(text + i, b + o, map + o, i)) {
                i += 16;
                o += 16;
            }
            if (i >= len || o >= until)
                break;
            c = text[i];
        }
#endif
        if (c > ' ' && c < 0x7F) {
            /* Most of any text: a run of visible ASCII, one byte each. */
            size_t stop = i + (until - o) < len ? i + (until - o) : len;
            do {
                b[o] = (unsigned char)(c + (((unsigned)(c - 'A') < 26u) << 5));
                map[o++] = (uint32_t)i++;
            } while (i < stop && (c = text[i]) > ' ' && c < 0x7F);
            continue;
        }
        int32_t cp;
        size_t n = c < 0x80 ? (cp = c, 1) : ng_utf8_decode(text, len, i, &cp);
        if (ng_is_space_cp(cp)) {
            /* One run of white space is one space; a run holding two line
             * breaks (a blank line) is a paragraph break. */
            int newlines;
            size_t start = i;
            i = space_run(text, len, i, &newlines);
            b[o] = newlines >= 2 ? NG_FOLD_PARAGRAPH : ' ';
            map[o++] = (uint32_t)start;
            continue;
        }
        if (cp == NG_CP_INVALID || cp < ' ' || cp == 0x7F) {
            b[o] = NG_FOLD_OPAQUE;
            map[o++] = (uint32_t)i;
            i += n;
            continue;
        }
        if (ng_is_apostrophe_cp(cp))
            cp = '\'';
        else if (ng_is_hyphen_cp(cp))
            cp = '-';
        size_t w = fold_cp(cp, b + o);
        for (size_t k = 0; k < w; k++)
            map[o++] = (uint32_t)i;
        i += n;
    }
    map[o] = (uint32_t)i;
    out->len = o;
    return i;
}

void ng_fold_text(const unsigned char *text, size_t len, ng_folded_t *out)
{
    /* ASCII and white space never grow when folded, so the input length is
     * enough for most text; a folding that expands (ß -> ss) takes another
     * round. */
    out->len = 0;
    size_t i = 0;
    do
        i = ng_fold_more(text, len, i, out->len + (len - i) + 64, out);
    while (i < len);
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
