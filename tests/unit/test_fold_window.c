/*
 * Folding and matching a window at a time: ng_fold_more in any steps gives
 * the bytes and offset map of one ng_fold_text call, and a scanner finds in
 * a long document (many 64 KiB windows) exactly the mentions it finds in
 * each of its parts alone, wherever the windows cut.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nergraph.h"
#include "norm.h"
#include "utf8.h"

/* Everything folding treats specially: capitals, expansions (ß, ﬁ, İ),
 * white space runs with and without blank lines (CRLF, NBSP, U+2028),
 * apostrophe and hyphen variants, invalid and control bytes. */
static const char mixed[] =
    "Straße  İstanbul\r\n\r\nﬁnance x\xff y\t\t’s — ABC\xc2\xa0\xe2\x80\xa8Z\x01"
    "end-to‐end O’Neil   \n \n ΣΊΣΥΦΟΣ\x7f\xe2\x82 done.";

/* Plain prose, which whole-text folding takes sixteen bytes at a time
 * where it can (single spaces, visible ASCII) and steps of 1 to 23 bytes
 * never do: runs of two spaces, a space at every position of a block, a
 * line break, a tab, a multi-byte character at every offset. */
static char prose[16384];

static void make_prose(void)
{
    static const char *const words[] = {"The", "quick", "BROWN", "fox", "jumps", "over",
                                        "Mr.", "O'Neil's", "dog;", "[Zed]", "@home", "~x\x1f~",
                                        "a", "I", "Zanzibar-Ltd", "\"Quoted,\""};
    static const char *const gaps[] = {" ", " ", " ", " ", " ", " ", " ", " ", " ", " ",
                                       " ", " ", "  ", "  ", "   ", "\n", " \t",
                                       "\xc2\xa0", " \r\n", "\n\n"};
    uint32_t r = 12345;
    size_t len = 0;
    for (size_t k = 0; len + 40 < sizeof prose; k++) {
        r = r * 1103515245u + 12345u;
        const char *w = words[(r >> 8) % 16];
        const char *g = gaps[(r >> 16) % 20];
        memcpy(prose + len, w, strlen(w));
        len += strlen(w);
        if ((r >> 24) % 29 == 0) {
            memcpy(prose + len, "\xc3\x89", 2); /* É */
            len += 2;
        }
        memcpy(prose + len, g, strlen(g));
        len += strlen(g);
    }
    prose[len] = '\0';
}

static void check_fold_in_steps(const char *text)
{
    ng_folded_t whole = {0};
    size_t len = strlen(text);
    ng_fold_text((const unsigned char *)text, len, &whole);
    assert_true(whole.len > 0);
    assert_int_equal(whole.map[whole.len], len);
    for (size_t step = 1; step < 24; step++) {
        ng_folded_t part = {0};
        size_t at = 0;
        while (at < len) {
            size_t before = part.len;
            at = ng_fold_more((const unsigned char *)text, len, at, part.len + step, &part);
            assert_true(part.len > before); /* always progress */
            assert_int_equal(part.map[part.len], at);
        }
        assert_int_equal(part.len, whole.len);
        assert_memory_equal(part.bytes, whole.bytes, whole.len);
        assert_memory_equal(part.map, whole.map, (whole.len + 1) * sizeof *whole.map);
        ng_folded_destroy(&part);
    }
    ng_folded_destroy(&whole);
}

static void test_fold_in_steps(void **state)
{
    (void)state;
    check_fold_in_steps(mixed);
    make_prose();
    check_fold_in_steps(prose);
    /* spot checks of the folding itself */
    ng_folded_t f = {0};
    ng_fold_text((const unsigned char *)mixed, strlen(mixed), &f);
    assert_memory_equal(f.bytes, "strasse i", 9); /* İ folds to i and a dot */
    assert_non_null(memchr(f.bytes, '\n', f.len)); /* the blank line */
    static const char plain[] = "The Quick Brown Fox Jumps Over A Lazy Dog";
    ng_fold_text((const unsigned char *)plain, strlen(plain), &f);
    assert_int_equal(f.len, strlen(plain));
    assert_memory_equal(f.bytes, "the quick brown fox jumps over a lazy dog", f.len);
    for (size_t i = 0; i <= f.len; i++)
        assert_int_equal(f.map[i], i);
    ng_folded_destroy(&f);
}

static const char gaz_text[] =
    "alice\tperson\tAlice Smith\n"
    "bob\tperson\tBob Jones\n"
    "fr\tcountry\tFrance\tFrench Republic\n"
    "st\tcity\tStraße der Einheit\n";

/* A long document of sentences with names, their white space varied so
 * that the window edges fall at every position of a name in turn. */
static void test_long_document_windows(void **state)
{
    (void)state;
    ng_error_t err = {0};
    ng_gazetteer_t *gz = ng_gazetteer_new();
    assert_int_equal(ng_gazetteer_load_buffer(gz, "t.tsv", gaz_text, strlen(gaz_text), &err),
                     NG_OK);
    ng_tagger_t *t = ng_tagger_new(gz, NULL, &err);
    assert_non_null(t);
    ng_scanner_t *sc = ng_scanner_new(t);

    static const char *const parts[] = {
        "Alice Smith met Bob Jones in France.",
        "The FRENCH REPUBLIC said no.",          /* ALL CAPS, no telling */
        "Bob Jones walked down Straße der Einheit.",
        "AliceSmith is no name; Bob  Jones is.",
    };
    size_t cap = 600000, len = 0;
    char *text = malloc(cap);
    size_t expected = 0;
    size_t *starts = malloc(cap / 8 * sizeof *starts);
    for (size_t k = 0; len + 200 < cap; k++) {
        const char *p = parts[k % 4];
        /* tag the part alone: its mentions, shifted, are what the long
         * document must give */
        const ng_mention_t *m;
        size_t n;
        assert_int_equal(ng_scanner_tag(sc, NULL, "part", p, strlen(p), &m, &n, &err), NG_OK);
        for (size_t i = 0; i < n; i++)
            starts[expected++] = len + m[i].start;
        memcpy(text + len, p, strlen(p));
        len += strlen(p);
        size_t spaces = 1 + k % 7;
        memset(text + len, k % 11 == 0 ? '\n' : ' ', spaces);
        len += spaces;
    }
    const ng_mention_t *m;
    size_t n;
    assert_int_equal(ng_scanner_tag(sc, NULL, "long", text, len, &m, &n, &err), NG_OK);
    assert_true(len > 8 * (64 << 10));
    assert_true(expected > 10000);
    assert_int_equal(n, expected);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(m[i].start, starts[i]);
    free(starts);
    free(text);
    ng_scanner_free(sc);
    ng_tagger_free(t);
    ng_gazetteer_free(gz);
}

/* The first invalid byte is found wherever it falls among the eight-byte
 * strides of the ASCII fast path, and valid multi-byte text is not one. */
static void test_first_invalid_any_offset(void **state)
{
    (void)state;
    unsigned char buf[48];
    for (size_t len = 0; len <= sizeof buf; len++) {
        memset(buf, 'a', sizeof buf);
        assert_int_equal(ng_utf8_first_invalid(buf, len), len);
        for (size_t k = 0; k < len; k++) {
            memset(buf, 'a', sizeof buf);
            buf[k] = 0xFF;
            assert_int_equal(ng_utf8_first_invalid(buf, len), k);
            if (k + 2 <= len) {
                buf[k] = 0xC3; /* é, then a truncated one at the end */
                buf[k + 1] = 0xA9;
                assert_int_equal(ng_utf8_first_invalid(buf, len), len);
                buf[len - 1] = 0xC3;
                assert_int_equal(ng_utf8_first_invalid(buf, len),
                                 k + 1 == len - 1 ? k : len - 1);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_invalid_any_offset),
        cmocka_unit_test(test_fold_in_steps),
        cmocka_unit_test(test_long_document_windows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
