/*
 * The strict JSON validator of json_check.h: a recursive-descent parser
 * over a byte range that builds nothing, except the decoded key and value
 * of string members when the caller wants to see them.
 */
#include "json_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A growable byte string, NUL-terminated when not empty. */
typedef struct buf {
    char *p;
    size_t len, cap;
} buf_t;

typedef struct parser {
    const unsigned char *start, *p, *end;
    const char *error;
    const unsigned char *error_at;
    int depth;
    json_check_member_fn on_member;
    void *ctx;
    buf_t key, value;
} parser_t;

static bool value(parser_t *j);

static bool error(parser_t *j, const char *msg)
{
    if (!j->error) {
        j->error = msg;
        j->error_at = j->p;
    }
    return false;
}

static bool put(parser_t *j, buf_t *b, const void *data, size_t n)
{
    if (!b)
        return true;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return error(j, "out of memory");
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = '\0';
    return true;
}

static void skip_space(parser_t *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static bool literal(parser_t *j, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0)
        return error(j, "bad literal");
    j->p += n;
    return true;
}

static bool is_digit(const parser_t *j)
{
    return j->p < j->end && *j->p >= '0' && *j->p <= '9';
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool number(parser_t *j)
{
    if (j->p < j->end && *j->p == '-')
        j->p++;
    if (j->p < j->end && *j->p == '0')
        j->p++;
    else if (is_digit(j))
        while (is_digit(j))
            j->p++;
    else
        return error(j, "bad number");
    if (j->p < j->end && *j->p == '.') {
        j->p++;
        if (!is_digit(j))
            return error(j, "bad fraction");
        while (is_digit(j))
            j->p++;
    }
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
            j->p++;
        if (!is_digit(j))
            return error(j, "bad exponent");
        while (is_digit(j))
            j->p++;
    }
    return true;
}

/* One UTF-8 sequence, strictly: no overlongs, no surrogates, at most
 * U+10FFFF. */
static bool utf8_char(parser_t *j, buf_t *decoded)
{
    const unsigned char *s = j->p;
    unsigned c = s[0];
    size_t n;
    uint32_t cp;
    if (c < 0x80)
        n = 1, cp = c;
    else if (c >= 0xC2 && c <= 0xDF)
        n = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, cp = c & 0x07;
    else
        return error(j, "invalid UTF-8 lead byte");
    if ((size_t)(j->end - s) < n)
        return error(j, "truncated UTF-8");
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return error(j, "invalid UTF-8 continuation");
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return error(j, "overlong, surrogate or out-of-range UTF-8");
    j->p += n;
    return put(j, decoded, s, n);
}

static int hex4(parser_t *j)
{
    if (j->end - j->p < 4)
        return -1;
    int v = 0;
    for (int k = 0; k < 4; k++) {
        int c = j->p[k];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    j->p += 4;
    return v;
}

static bool put_utf8(parser_t *j, buf_t *b, uint32_t cp)
{
    unsigned char out[4];
    size_t n;
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (unsigned char)(0xF0 | (cp >> 18));
        out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return put(j, b, out, n);
}

/* After the backslash.  A \u escape of a high surrogate must be followed by
 * one of a low surrogate: alone, either half is no character. */
static bool escape(parser_t *j, buf_t *decoded)
{
    static const char names[] = "\"\\/bfnrt";
    static const char chars[] = "\"\\/\b\f\n\r\t";
    if (j->p >= j->end)
        return error(j, "truncated escape");
    unsigned char e = *j->p++;
    const char *simple = e ? strchr(names, e) : NULL;
    if (simple)
        return put(j, decoded, &chars[simple - names], 1);
    if (e != 'u')
        return error(j, "bad escape");
    int cp = hex4(j);
    if (cp < 0)
        return error(j, "bad \\u escape");
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return error(j, "lone low surrogate escape");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (j->end - j->p < 2 || j->p[0] != '\\' || j->p[1] != 'u')
            return error(j, "lone high surrogate escape");
        j->p += 2;
        int lo = hex4(j);
        if (lo < 0xDC00 || lo > 0xDFFF)
            return error(j, "bad low surrogate escape");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    return put_utf8(j, decoded, (uint32_t)cp);
}

/* A string; its decoded bytes go to *decoded unless it is NULL. */
static bool string(parser_t *j, buf_t *decoded)
{
    if (decoded)
        decoded->len = 0;
    if (j->p >= j->end || *j->p != '"')
        return error(j, "expected string");
    j->p++;
    if (!put(j, decoded, "", 0))
        return false;
    while (j->p < j->end) {
        unsigned char c = *j->p;
        if (c == '"') {
            j->p++;
            return true;
        }
        if (c < 0x20)
            return error(j, "raw control character in string");
        if (c == '\\') {
            j->p++;
            if (!escape(j, decoded))
                return false;
        } else if (!utf8_char(j, decoded)) {
            return false;
        }
    }
    return error(j, "unterminated string");
}

/* An object member: key, ':', value.  A string value is decoded and shown
 * to the caller's hook. */
static bool member(parser_t *j, int depth)
{
    buf_t *key = j->on_member ? &j->key : NULL;
    if (!string(j, key))
        return false;
    skip_space(j);
    if (j->p >= j->end || *j->p != ':')
        return error(j, "expected ':'");
    j->p++;
    skip_space(j);
    if (!j->on_member || j->p >= j->end || *j->p != '"')
        return value(j);
    if (!string(j, &j->value))
        return false;
    if (j->on_member(j->ctx, depth, j->key.p, j->key.len, j->value.p, j->value.len) != 0)
        return error(j, "stopped by the caller");
    return true;
}

static bool container(parser_t *j, char close, bool object)
{
    int depth = j->depth;
    j->p++;
    if (++j->depth > JSON_CHECK_MAX_DEPTH)
        return error(j, "nested too deep");
    skip_space(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        j->depth--;
        return true;
    }
    for (;;) {
        if (!(object ? member(j, depth) : value(j)))
            return false;
        skip_space(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            skip_space(j);
            continue;
        }
        if (j->p < j->end && *j->p == close) {
            j->p++;
            j->depth--;
            return true;
        }
        return error(j, object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static bool value(parser_t *j)
{
    skip_space(j);
    if (j->p >= j->end)
        return error(j, "unexpected end");
    switch (*j->p) {
    case '{': return container(j, '}', true);
    case '[': return container(j, ']', false);
    case '"': return string(j, NULL);
    case 't': return literal(j, "true");
    case 'f': return literal(j, "false");
    case 'n': return literal(j, "null");
    default: return number(j);
    }
}

bool json_check(const char *text, size_t len, json_check_member_fn on_member, void *ctx,
                json_check_result_t *res)
{
    parser_t j = {0};
    j.start = j.p = (const unsigned char *)text;
    j.end = j.start + len;
    j.on_member = on_member;
    j.ctx = ctx;
    bool ok = value(&j);
    if (ok) {
        skip_space(&j);
        if (j.p != j.end)
            ok = error(&j, "trailing data after the value");
    }
    if (res) {
        res->message = ok ? NULL : j.error;
        res->offset = ok ? 0 : (size_t)(j.error_at - j.start);
    }
    free(j.key.p);
    free(j.value.p);
    return ok;
}
