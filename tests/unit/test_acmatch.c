/*
 * Unit tests for the Aho-Corasick matcher (src/acmatch.h).
 *
 * Table-driven cases list every expected hit as (key, end) worked out by
 * hand from the text; a randomized property test (fixed seed, own PRNG so
 * the sequence is the same on every libc) compares the complete hit set
 * with a naive search of every key at every position.
 *
 * Besides the hit set, every scan is checked against the documented order:
 * hits ascend by end, and for one end longer keys come first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "acmatch.h"

#define MAX_KEYS 64
#define MAX_HITS 4096

typedef struct hit {
    uint32_t key;
    size_t end;
} hit_t;

typedef struct ac_case {
    const char *name;
    const char *keys[MAX_KEYS]; /* NULL-terminated */
    const char *text;
    size_t text_len;            /* 0: strlen(text) */
    hit_t hits[32];             /* expected, terminated by {UINT32_MAX, 0} */
} ac_case_t;

#define END {UINT32_MAX, 0}

/* ---- collecting hits ---------------------------------------------------- */

typedef struct collector {
    hit_t *hits;
    size_t count, cap;
    size_t stop_after; /* return non-zero once this many were seen; 0 = never */
    size_t calls;
} collector_t;

static int collect(void *ctx, uint32_t key, size_t end)
{
    collector_t *c = ctx;
    c->calls++;
    if (c->count < c->cap)
        c->hits[c->count] = (hit_t){key, end};
    c->count++;
    return c->stop_after && c->count >= c->stop_after;
}

static int cmp_hit(const void *pa, const void *pb)
{
    const hit_t *a = pa, *b = pb;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return a->key < b->key ? -1 : a->key > b->key;
}

/* The documented order: by end, and for one end longer keys first. */
static void check_order(const char *name, const hit_t *h, size_t n, const uint32_t *lens)
{
    for (size_t i = 1; i < n; i++) {
        if (h[i].end < h[i - 1].end) {
            print_error("case '%s': hit %zu ends at %zu after a hit ending at %zu\n", name, i,
                        h[i].end, h[i - 1].end);
            fail();
        }
        if (h[i].end == h[i - 1].end && lens[h[i].key] > lens[h[i - 1].key]) {
            print_error("case '%s': at end %zu key %u (len %u) reported after shorter key %u\n",
                        name, h[i].end, h[i].key, lens[h[i].key], h[i - 1].key);
            fail();
        }
    }
}

static void print_hits(const char *what, const hit_t *h, size_t n)
{
    print_error("  %s (%zu):", what, n);
    for (size_t i = 0; i < n; i++)
        print_error(" (%u,%zu)", h[i].key, h[i].end);
    print_error("\n");
}

/* Compare as multisets (the order is checked separately). */
static void check_same_hits(const char *name, hit_t *want, size_t nwant, hit_t *got,
                            size_t ngot)
{
    qsort(want, nwant, sizeof *want, cmp_hit);
    qsort(got, ngot, sizeof *got, cmp_hit);
    /* Field-wise: the structs have padding, so no memcmp. */
    if (nwant == ngot) {
        size_t i = 0;
        while (i < nwant && want[i].key == got[i].key && want[i].end == got[i].end)
            i++;
        if (i == nwant)
            return;
    }
    print_error("case '%s': hit sets differ\n", name);
    print_hits("expected", want, nwant);
    print_hits("got", got, ngot);
    fail();
}

static ng_ac_t *build_from(const char *const *keys, size_t n, uint32_t *lens)
{
    for (size_t i = 0; i < n; i++)
        lens[i] = (uint32_t)strlen(keys[i]);
    return ng_ac_build((const unsigned char *const *)keys, lens, n);
}

/* ---- table-driven cases ------------------------------------------------- */

/*
 * Offsets: "ushers" = u0 s1 h2 e3 r4 s5.  "ahishers" = a0 h1 i2 s3 h4 e5 r6 s7.
 * "в Київі, 北京市": в 0-1, ' ' 2, К 3-4, и 5-6, ї 7-8, в 9-10, і 11-12, ',' 13,
 * ' ' 14, 北 15-17, 京 18-20, 市 21-23.
 */
static const ac_case_t cases[] = {
    {"classic ushers", {"he", "she", "his", "hers", NULL}, "ushers", 0,
     {{1, 4}, {0, 4}, {3, 6}, END}},
    {"classic ahishers", {"he", "she", "his", "hers", NULL}, "ahishers", 0,
     {{2, 4}, {1, 6}, {0, 6}, {3, 8}, END}},
    {"no match", {"he", "she", "his", "hers", NULL}, "xyz abc", 0, {END}},
    {"suffix chain", {"abcd", "bcd", "cd", "d", "bc", NULL}, "xabcdx", 0,
     {{4, 4}, {0, 5}, {1, 5}, {2, 5}, {3, 5}, END}},
    {"suffix key listed first", {"d", "cd", "abcd", NULL}, "abcdabcd", 0,
     {{2, 4}, {1, 4}, {0, 4}, {2, 8}, {1, 8}, {0, 8}, END}},
    {"prefix keys", {"a", "ab", "abc", NULL}, "abcab", 0,
     {{0, 1}, {1, 2}, {2, 3}, {0, 4}, {1, 5}, END}},
    {"self-overlapping key", {"aa", NULL}, "aaaa", 0, {{0, 2}, {0, 3}, {0, 4}, END}},
    {"overlapping different keys", {"aba", "bab", NULL}, "ababab", 0,
     {{0, 3}, {1, 4}, {0, 5}, {1, 6}, END}},
    {"duplicate keys", {"foo", "bar", "foo", NULL}, "foobarfoo", 0,
     {{0, 3}, {2, 3}, {1, 6}, {0, 9}, {2, 9}, END}},
    {"triplicate short key inside long one", {"b", "abc", "b", "b", NULL}, "abc", 0,
     {{0, 2}, {2, 2}, {3, 2}, {1, 3}, END}},
    {"single-byte keys", {"a", "b", NULL}, "abba", 0,
     {{0, 1}, {1, 2}, {1, 3}, {0, 4}, END}},
    {"utf-8 cyrillic and cjk",
     {"Київ", "ї", "北京", "京", "市", "в", NULL},
     "в Київі, 北京市", 0,
     {{5, 2}, {1, 9}, {0, 11}, {5, 11}, {2, 21}, {3, 21}, {4, 24}, END}},
    {"utf-8 key does not match a prefix of a multibyte char",
     {"\xD1\x97", NULL}, "\xD1\x96\xD1\x97", 0, {{0, 4}, END}},
    {"raw high bytes", {"\xFF\xFE", "\xFE\xFF", "\x80", NULL},
     "a\xFF\xFE\xFF\xFE\x80", 0,
     {{0, 3}, {1, 4}, {0, 5}, {2, 6}, END}},
    {"key with NUL byte inside text", {"b", NULL}, "a\0b\0b", 5, {{0, 3}, {0, 5}, END}},
    {"empty text", {"he", "she", NULL}, "", 0, {END}},
    {"key longer than text", {"abcdef", NULL}, "abc", 0, {END}},
    {"key equals text", {"abc", NULL}, "abc", 0, {{0, 3}, END}},
    {"failure link into a deeper state", {"abcx", "bcd", "cde", NULL}, "abcde", 0,
     {{1, 4}, {2, 5}, END}},
    {"case-sensitive bytes", {"Abc", NULL}, "abc ABC Abc", 0, {{0, 11}, END}},
};

static void run_case(const ac_case_t *c)
{
    size_t n = 0;
    while (c->keys[n])
        n++;
    uint32_t lens[MAX_KEYS];
    ng_ac_t *ac = build_from(c->keys, n, lens);
    assert_non_null(ac);

    hit_t want[32];
    size_t nwant = 0;
    while (c->hits[nwant].key != UINT32_MAX) {
        want[nwant] = c->hits[nwant];
        nwant++;
    }
    hit_t got[64];
    collector_t col = {got, 0, 64, 0, 0};
    size_t len = c->text_len ? c->text_len : strlen(c->text);
    ng_ac_scan(ac, (const unsigned char *)c->text, len, collect, &col);
    if (col.count > col.cap) {
        print_error("case '%s': %zu hits, more than expected\n", c->name, col.count);
        fail();
    }
    check_order(c->name, got, col.count, lens);
    check_same_hits(c->name, want, nwant, got, col.count);
    ng_ac_free(ac);
}

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        run_case(&cases[i]);
}

/* States: root + h he her hers hi his s sh she = 10. */
static void test_state_count(void **state)
{
    (void)state;
    const char *keys[] = {"he", "she", "his", "hers"};
    uint32_t lens[4];
    ng_ac_t *ac = build_from(keys, 4, lens);
    assert_int_equal(ng_ac_state_count(ac), 10);
    ng_ac_free(ac);

    /* Duplicates add no states; a shared prefix is stored once. */
    const char *dup[] = {"abc", "abc", "abd", "ab"};
    ac = build_from(dup, 4, lens);
    assert_int_equal(ng_ac_state_count(ac), 5); /* root a ab abc abd */
    ng_ac_free(ac);
}

static void test_no_keys(void **state)
{
    (void)state;
    ng_ac_t *ac = ng_ac_build(NULL, NULL, 0);
    assert_non_null(ac);
    hit_t got[4];
    collector_t col = {got, 0, 4, 0, 0};
    ng_ac_scan(ac, (const unsigned char *)"anything", 8, collect, &col);
    assert_int_equal(col.count, 0);
    ng_ac_free(ac);
}

/* Keys are not retained: the automaton works after they are overwritten. */
static void test_keys_not_retained(void **state)
{
    (void)state;
    char k0[] = "needle", k1[] = "dle";
    const unsigned char *keys[] = {(unsigned char *)k0, (unsigned char *)k1};
    uint32_t lens[] = {6, 3};
    ng_ac_t *ac = ng_ac_build(keys, lens, 2);
    memset(k0, 'x', 6);
    memset(k1, 'x', 3);
    hit_t got[8];
    collector_t col = {got, 0, 8, 0, 0};
    ng_ac_scan(ac, (const unsigned char *)"a needle", 8, collect, &col);
    assert_int_equal(col.count, 2);
    assert_int_equal(got[0].key, 0); /* longer first at the same end */
    assert_int_equal(got[0].end, 8);
    assert_int_equal(got[1].key, 1);
    assert_int_equal(got[1].end, 8);
    ng_ac_free(ac);
}

/* A non-zero return from the callback ends the scan at once. */
static void test_stop(void **state)
{
    (void)state;
    const char *keys[] = {"he", "she", "his", "hers"};
    uint32_t lens[4];
    ng_ac_t *ac = build_from(keys, 4, lens);
    const char *text = "ahishers ushers";
    /* Full run: his@4, she@6, he@6, hers@8, she@13, he@13, hers@15 = 7 hits. */
    hit_t all[16];
    collector_t full = {all, 0, 16, 0, 0};
    ng_ac_scan(ac, (const unsigned char *)text, strlen(text), collect, &full);
    assert_int_equal(full.count, 7);

    for (size_t k = 1; k <= 7; k++) {
        hit_t got[16];
        collector_t col = {got, 0, 16, k, 0};
        ng_ac_scan(ac, (const unsigned char *)text, strlen(text), collect, &col);
        /* Stopping after hit k: exactly k calls, the first k of the full run
         * (including a stop between two keys ending at the same byte). */
        assert_int_equal(col.calls, k);
        for (size_t i = 0; i < k; i++) {
            assert_int_equal(got[i].key, all[i].key);
            assert_int_equal(got[i].end, all[i].end);
        }
    }
    ng_ac_free(ac);
}

/* Stop among duplicates: one call, not one per duplicate id. */
static void test_stop_on_duplicate(void **state)
{
    (void)state;
    const char *keys[] = {"x", "x", "x"};
    uint32_t lens[3];
    ng_ac_t *ac = build_from(keys, 3, lens);
    hit_t got[8];
    collector_t col = {got, 0, 8, 1, 0};
    ng_ac_scan(ac, (const unsigned char *)"xx", 2, collect, &col);
    assert_int_equal(col.calls, 1);
    assert_int_equal(got[0].end, 1);
    ng_ac_free(ac);
}

/* Scanning is read-only: two scans of the same automaton agree. */
static void test_rescan(void **state)
{
    (void)state;
    const char *keys[] = {"ab", "b", "bab"};
    uint32_t lens[3];
    ng_ac_t *ac = build_from(keys, 3, lens);
    hit_t a[16], b[16];
    collector_t ca = {a, 0, 16, 0, 0}, cb = {b, 0, 16, 0, 0};
    ng_ac_scan(ac, (const unsigned char *)"babab", 5, collect, &ca);
    ng_ac_scan(ac, (const unsigned char *)"babab", 5, collect, &cb);
    assert_int_equal(ca.count, cb.count);
    for (size_t i = 0; i < ca.count; i++) {
        assert_int_equal(a[i].key, b[i].key);
        assert_int_equal(a[i].end, b[i].end);
    }
    /* b@1, ab@3, bab@3, b@3, ab@5, bab@5, b@5 */
    assert_int_equal(ca.count, 7);
    ng_ac_free(ac);
}

/* ---- randomized property test ------------------------------------------- */

static uint64_t rng_state;

static uint32_t rng(void)
{
    /* xorshift64*: reproducible everywhere, unlike rand(). */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

static size_t naive(const unsigned char *const *keys, const uint32_t *lens, size_t n,
                    const unsigned char *text, size_t len, hit_t *out, size_t cap)
{
    size_t count = 0;
    for (size_t end = 1; end <= len; end++)
        for (size_t k = 0; k < n; k++)
            if (lens[k] <= end && memcmp(text + end - lens[k], keys[k], lens[k]) == 0) {
                assert_true(count < cap);
                out[count++] = (hit_t){(uint32_t)k, end};
            }
    return count;
}

/* How property runs build: dense rows for at most this many states (0:
 * the default budget, which covers every state of these small automata),
 * and whether the scan goes through ng_ac_from_flat over a copy. */
static uint32_t run_dense;
static bool run_via_flat;

/* A checked automaton over copies of ac's arrays (freed by free_copy). */
typedef struct flat_copy {
    ng_ac_flat_t f;
    void *parts[6];
} flat_copy_t;

static void copy_flat(const ng_ac_t *ac, flat_copy_t *c)
{
    ng_ac_flat(ac, &c->f);
    size_t sizes[6] = {((size_t)c->f.state_count + 1) * sizeof(ng_ac_state_t), c->f.state_count,
                       (size_t)c->f.out_count * 4,
                       (size_t)c->f.dense_count * c->f.class_count * 4, 256, c->f.state_count};
    const void *src[6] = {c->f.states, c->f.labels, c->f.out_keys, c->f.dense, c->f.classes,
                          c->f.depths};
    for (int i = 0; i < 6; i++) {
        c->parts[i] = malloc(sizes[i] ? sizes[i] : 1);
        memcpy(c->parts[i], src[i], sizes[i]);
    }
    c->f.states = c->parts[0];
    c->f.labels = c->parts[1];
    c->f.out_keys = c->parts[2];
    c->f.dense = c->parts[3];
    c->f.classes = c->parts[4];
    c->f.depths = c->parts[5];
}

static void free_copy(flat_copy_t *c)
{
    for (int i = 0; i < 6; i++)
        free(c->parts[i]);
}

static void property_run(uint64_t seed, const unsigned char *alphabet, size_t asize,
                         int rounds, size_t max_keys, uint32_t max_key_len, size_t max_text)
{
    rng_state = seed;
    unsigned char keybuf[MAX_KEYS][16];
    const unsigned char *keys[MAX_KEYS];
    uint32_t lens[MAX_KEYS];
    unsigned char text[512];
    static hit_t want[MAX_HITS], got[MAX_HITS];
    assert_true(max_keys <= MAX_KEYS && max_key_len <= 16 && max_text <= sizeof text);
    for (int r = 0; r < rounds; r++) {
        size_t n = 1 + rng() % max_keys;
        for (size_t k = 0; k < n; k++) {
            if (k > 0 && rng() % 8 == 0) {
                /* A duplicate of an earlier key, now and then. */
                size_t j = rng() % k;
                memcpy(keybuf[k], keybuf[j], lens[j]);
                lens[k] = lens[j];
            } else {
                lens[k] = 1 + rng() % max_key_len;
                for (uint32_t i = 0; i < lens[k]; i++)
                    keybuf[k][i] = alphabet[rng() % asize];
            }
            keys[k] = keybuf[k];
        }
        size_t len = rng() % (max_text + 1);
        for (size_t i = 0; i < len; i++)
            text[i] = alphabet[rng() % asize];

        ng_ac_t *ac = ng_ac_build_sized(keys, lens, n, run_dense);
        collector_t col = {got, 0, MAX_HITS, 0, 0};
        if (run_via_flat) {
            flat_copy_t copy;
            copy_flat(ac, &copy);
            char why[128];
            ng_ac_t *view = ng_ac_from_flat(&copy.f, (uint32_t)n, NULL, NULL, why, sizeof why);
            if (!view)
                fail_msg("a built automaton is refused: %s", why);
            ng_ac_scan(view, text, len, collect, &col);
            ng_ac_free(view);
            free_copy(&copy);
        } else {
            ng_ac_scan(ac, text, len, collect, &col);
        }
        ng_ac_free(ac);
        assert_true(col.count <= MAX_HITS);
        size_t nwant = naive(keys, lens, n, text, len, want, MAX_HITS);
        char name[64];
        snprintf(name, sizeof name, "random seed %llu round %d",
                 (unsigned long long)seed, r);
        check_order(name, got, col.count, lens);
        check_same_hits(name, want, nwant, got, col.count);
    }
}

static void test_random_small_alphabet(void **state)
{
    (void)state;
    const unsigned char abc[] = {'a', 'b', 'c'};
    property_run(0x5EED1234ULL, abc, sizeof abc, 400, 24, 5, 200);
}

/* Sixteen byte values spread over 0..255 (high bytes included): inner states
 * get more than 8 children, the binary-search path of the transition code. */
static void test_random_wide_alphabet(void **state)
{
    (void)state;
    const unsigned char wide[] = {0x00, 0x01, 'A', 'a', 'z', 0x7F, 0x80, 0x9F,
                                  0xA0, 0xC3, 0xD0, 0xE2, 0xEF, 0xF0, 0xFE, 0xFF};
    property_run(0xC0FFEEULL, wide, sizeof wide, 300, 64, 3, 400);
}

/* Many keys sharing one state with many children, on a 2-letter text. */
static void test_random_dense(void **state)
{
    (void)state;
    const unsigned char ab[] = {'x', 'y'};
    property_run(42, ab, sizeof ab, 300, 40, 8, 300);
}

/* Only the root dense, or a few states: the sparse child search and its
 * failure walk, and the hand-over between the two lookups. */
static void test_random_sparse(void **state)
{
    (void)state;
    const unsigned char abc[] = {'a', 'b', 'c'};
    const unsigned char wide[] = {0x00, 0x01, 'A', 'a', 'z', 0x7F, 0x80, 0x9F,
                                  0xA0, 0xC3, 0xD0, 0xE2, 0xEF, 0xF0, 0xFE, 0xFF};
    for (uint32_t dense = 1; dense <= 5; dense += 2) {
        run_dense = dense;
        property_run(0x5EED1234ULL + dense, abc, sizeof abc, 200, 24, 5, 200);
        property_run(0xC0FFEEULL + dense, wide, sizeof wide, 150, 64, 3, 400);
    }
    run_dense = 0;
}

/* Keys over all 256 byte values: few or no bytes are left for the class
 * of bytes no key holds. */
static void test_random_all_bytes(void **state)
{
    (void)state;
    unsigned char all[256];
    for (int b = 0; b < 256; b++)
        all[b] = (unsigned char)b;
    property_run(7, all, sizeof all, 60, 64, 16, 500);
    run_dense = 2;
    property_run(8, all, sizeof all, 60, 64, 16, 500);
    run_dense = 0;
}

/* The arrays as a compiled gazetteer stores them: checked and used in
 * place, the same hits. */
static void test_random_via_flat(void **state)
{
    (void)state;
    const unsigned char abc[] = {'a', 'b', 'c'};
    run_via_flat = true;
    property_run(99, abc, sizeof abc, 200, 24, 5, 200);
    run_dense = 2;
    property_run(100, abc, sizeof abc, 200, 24, 5, 200);
    run_dense = 0;
    run_via_flat = false;
}

/* A corrupt array is refused with the reason, whatever index is wrong. */
static void test_from_flat_refuses(void **state)
{
    (void)state;
    const char *keys[] = {"he", "she", "his", "hers"};
    uint32_t lens[4];
    for (int i = 0; i < 4; i++)
        lens[i] = (uint32_t)strlen(keys[i]);
    ng_ac_t *ac = ng_ac_build_sized((const unsigned char *const *)keys, lens, 4, 2);
    static const struct {
        const char *name, *why;
    } cases[] = {
        {"fail to itself", "failure link"},   {"emit to the root", "emit link"},
        {"children backwards", "children"},    {"key id too big", "key 9"},
        {"dense past the end", "dense"},       {"class too big", "class"},
        {"keys backwards", "keys out of order"}, {"too few states", "states"},
        {"a depth too small", "depth"},        {"fail within the level", "failure link goes"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        flat_copy_t c;
        copy_flat(ac, &c);
        ng_ac_state_t *st = c.parts[0];
        switch (k) {
        case 0: st[4].fail = 4; break;
        case 1: st[3].emit = 0; break;
        case 2: st[2].first = 1; break;
        case 3: ((uint32_t *)c.parts[2])[0] = 9; break;
        case 4: ((uint32_t *)c.parts[3])[3] = 1000; break;
        case 5: ((unsigned char *)c.parts[4])['h'] = 255; break;
        case 6: st[5].out = 4; break;
        case 7: c.f.state_count = 0; break;
        case 8: ((unsigned char *)c.parts[5])[6] = 1; break;
        case 9: st[7].fail = 6; break; /* "his" to "her": same level */
        }
        char why[128] = "";
        ng_ac_t *view = ng_ac_from_flat(&c.f, 4, NULL, NULL, why, sizeof why);
        if (view || !strstr(why, cases[k].why))
            fail_msg("%s: %s ('%s')", cases[k].name, view ? "accepted" : "wrong reason", why);
        free_copy(&c);
    }
    ng_ac_free(ac);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_state_count),
        cmocka_unit_test(test_no_keys),
        cmocka_unit_test(test_keys_not_retained),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_stop_on_duplicate),
        cmocka_unit_test(test_rescan),
        cmocka_unit_test(test_random_sparse),
        cmocka_unit_test(test_random_all_bytes),
        cmocka_unit_test(test_random_via_flat),
        cmocka_unit_test(test_from_flat_refuses),
        cmocka_unit_test(test_random_small_alphabet),
        cmocka_unit_test(test_random_wide_alphabet),
        cmocka_unit_test(test_random_dense),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
