/*
 * Unit tests for co-occurrence counting (ng_cooc_*) and window specs
 * (ng_window_parse/format).  The graph built from the counts is tested in
 * test_graph.c.
 *
 * Mentions are fed straight to ng_cooc_add_document as (entity, window key)
 * lists, so every expected count below follows from the rules in
 * include/ng_cooc.h and the contract, not from running the tagger.
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

#define NONE_W ((size_t)-1)

/* ---- helpers ------------------------------------------------------------ */

static ng_cooc_t *new_cooc(size_t entities, ng_window_kind kind, size_t tokens)
{
    ng_window_t w = {kind, tokens};
    return ng_cooc_new(entities, &w);
}

/* One document; the window must be the counter's own. */
static void add_doc(ng_cooc_t *c, ng_window_kind kind, size_t tokens, const uint32_t *ents,
                    const size_t *keys, size_t n)
{
    assert_int_equal(ng_cooc_window(c)->kind, kind);
    assert_int_equal(ng_cooc_window(c)->tokens, tokens);
    ng_cooc_add_document(c, ents, keys, n, 0);
}

/* Weight of the edge {a, b} (documents into *docs), or NONE_W. */
static size_t edge_weight(const ng_cooc_t *c, uint32_t a, uint32_t b, size_t *docs)
{
    size_t found = NONE_W;
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    for (size_t i = 0; i < ng_cooc_edge_count(c); i++) {
        uint32_t x, y;
        size_t w, d;
        ng_cooc_edge(c, i, &x, &y, &w, &d);
        assert_true(x < y); /* documented: a < b, hence no self-loops */
        if (x == a && y == b) {
            assert_int_equal(found, NONE_W); /* one edge per pair */
            found = w;
            if (docs)
                *docs = d;
        }
    }
    return found;
}

static void expect_edge(const ng_cooc_t *c, uint32_t a, uint32_t b, size_t weight,
                        size_t documents)
{
    size_t d = 0;
    size_t w = edge_weight(c, a, b, &d);
    if (w != weight || (weight != NONE_W && d != documents)) {
        print_error("edge %u-%u: weight %lld documents %zu, expected weight %lld documents %zu "
                    "(weight -1 = no edge)\n",
                    a, b, w == NONE_W ? -1LL : (long long)w, d,
                    weight == NONE_W ? -1LL : (long long)weight, documents);
        fail();
    }
}

static void expect_no_edge(const ng_cooc_t *c, uint32_t a, uint32_t b)
{
    expect_edge(c, a, b, NONE_W, 0);
}

/* ---- sentence / paragraph windows --------------------------------------- */

static void test_sentence_once_per_window(void **state)
{
    (void)state;
    ng_cooc_t *c = new_cooc(4, NG_WINDOW_SENTENCE, 0);
    /* Window 0: A B A B A (repeated mentions), window 1: A C. */
    const uint32_t e[] = {0, 1, 0, 1, 0, 0, 2};
    const size_t k[] = {0, 0, 0, 0, 0, 1, 1};
    add_doc(c, NG_WINDOW_SENTENCE, 0, e, k, 7);
    expect_edge(c, 0, 1, 1, 1);
    expect_edge(c, 0, 2, 1, 1);
    expect_no_edge(c, 1, 2); /* B and C never share a window */
    expect_no_edge(c, 0, 3);
    assert_int_equal(ng_cooc_edge_count(c), 2);
    assert_int_equal(ng_cooc_mentions(c, 0), 4);
    assert_int_equal(ng_cooc_mentions(c, 1), 2);
    assert_int_equal(ng_cooc_mentions(c, 2), 1);
    assert_int_equal(ng_cooc_mentions(c, 3), 0);
    assert_int_equal(ng_cooc_documents(c, 0), 1);
    assert_int_equal(ng_cooc_documents(c, 3), 0);
    assert_int_equal(ng_cooc_entity_count(c), 4);
    ng_cooc_free(c);
}

static void test_sentence_across_windows(void **state)
{
    (void)state;
    ng_cooc_t *c = new_cooc(3, NG_WINDOW_SENTENCE, 0);
    /* One entity per window: nothing co-occurs. Window keys need not be
     * consecutive (sentences without mentions are skipped). */
    const uint32_t e[] = {0, 1, 2, 0};
    const size_t k[] = {0, 3, 4, 9};
    add_doc(c, NG_WINDOW_SENTENCE, 0, e, k, 4);
    assert_int_equal(ng_cooc_edge_count(c), 0);
    assert_int_equal(ng_cooc_mentions(c, 0), 2);
    ng_cooc_free(c);
}

static void test_sentence_weight_counts_windows(void **state)
{
    (void)state;
    ng_cooc_t *c = new_cooc(3, NG_WINDOW_SENTENCE, 0);
    /* A-B together in windows 0, 2 and 5; A-C in window 2 only; window 3
     * holds A alone. */
    const uint32_t e[] = {0, 1, 1, 2, 0, 0, 0, 1, 1};
    const size_t k[] = {0, 0, 2, 2, 2, 3, 5, 5, 5};
    add_doc(c, NG_WINDOW_SENTENCE, 0, e, k, 9);
    expect_edge(c, 0, 1, 3, 1);
    expect_edge(c, 0, 2, 1, 1);
    expect_edge(c, 1, 2, 1, 1);
    assert_int_equal(ng_cooc_edge_count(c), 3);
    ng_cooc_free(c);
}

static void test_paragraph_window(void **state)
{
    (void)state;
    ng_cooc_t *c = new_cooc(3, NG_WINDOW_PARAGRAPH, 0);
    const uint32_t e[] = {0, 1, 2, 2, 0};
    const size_t k[] = {0, 0, 1, 1, 1};
    add_doc(c, NG_WINDOW_PARAGRAPH, 0, e, k, 5);
    expect_edge(c, 0, 1, 1, 1);
    expect_edge(c, 0, 2, 1, 1);
    expect_no_edge(c, 1, 2);
    ng_cooc_free(c);
}

static void test_no_self_loops(void **state)
{
    (void)state;
    const uint32_t e[] = {1, 1, 1, 1};
    const size_t k[] = {0, 0, 0, 0};
    const ng_window_kind kinds[] = {NG_WINDOW_SENTENCE, NG_WINDOW_DOCUMENT, NG_WINDOW_TOKENS};
    for (size_t i = 0; i < 3; i++) {
        size_t tokens = kinds[i] == NG_WINDOW_TOKENS ? 3 : 0;
        ng_cooc_t *c = new_cooc(2, kinds[i], tokens);
        add_doc(c, kinds[i], tokens, e, tokens ? (const size_t[]){0, 1, 2, 3} : k, 4);
        assert_int_equal(ng_cooc_edge_count(c), 0);
        assert_int_equal(ng_cooc_mentions(c, 1), 4);
        assert_int_equal(ng_cooc_documents(c, 1), 1);
        ng_cooc_free(c);
    }
}

/* ---- document window ---------------------------------------------------- */

static void test_document_window(void **state)
{
    (void)state;
    ng_cooc_t *c = new_cooc(4, NG_WINDOW_DOCUMENT, 0);
    /* All of one document is one window: repeated pairs count once. */
    const uint32_t e[] = {0, 1, 0, 2, 1};
    const size_t k[] = {0, 0, 0, 0, 0};
    add_doc(c, NG_WINDOW_DOCUMENT, 0, e, k, 5);
    expect_edge(c, 0, 1, 1, 1);
    expect_edge(c, 0, 2, 1, 1);
    expect_edge(c, 1, 2, 1, 1);
    assert_int_equal(ng_cooc_edge_count(c), 3);
    /* A second document: the pairs it holds count again, in weight and
     * documents; a pair of the first document only stays. */
    const uint32_t e2[] = {2, 0, 3};
    add_doc(c, NG_WINDOW_DOCUMENT, 0, e2, k, 3);
    expect_edge(c, 0, 2, 2, 2);
    expect_edge(c, 0, 1, 1, 1);
    expect_edge(c, 0, 3, 1, 1);
    expect_edge(c, 2, 3, 1, 1);
    expect_no_edge(c, 1, 3);
    ng_cooc_free(c);
}

/* ---- token windows ------------------------------------------------------ */

static void test_tokens_distance(void **state)
{
    (void)state;
    ng_cooc_t *c = new_cooc(3, NG_WINDOW_TOKENS, 2);
    /* N = 2.  A@0 B@2 (2 apart: yes), B@2 C@5 (3: no), C@5 A@6 (1: yes),
     * B@2 A@6 (4: no), A@0 C@5 (5: no). */
    const uint32_t e[] = {0, 1, 2, 0};
    const size_t k[] = {0, 2, 5, 6};
    add_doc(c, NG_WINDOW_TOKENS, 2, e, k, 4);
    expect_edge(c, 0, 1, 1, 1);
    expect_edge(c, 0, 2, 1, 1);
    expect_no_edge(c, 1, 2);
    assert_int_equal(ng_cooc_edge_count(c), 2);
    ng_cooc_free(c);
}

static void test_tokens_counts_mention_pairs(void **state)
{
    (void)state;
    ng_cooc_t *c = new_cooc(2, NG_WINDOW_TOKENS, 2);
    /* N = 2.  A@0 A@1 B@2: pairs (A@0,B@2) and (A@1,B@2) are both within
     * reach: weight 2 (mention pairs, not windows); (A@0,A@1) is the same
     * entity and never counts. */
    const uint32_t e[] = {0, 0, 1};
    const size_t k[] = {0, 1, 2};
    add_doc(c, NG_WINDOW_TOKENS, 2, e, k, 3);
    expect_edge(c, 0, 1, 2, 1);
    assert_int_equal(ng_cooc_edge_count(c), 1);
    /* Same list again as a second document: weight 4, documents 2. */
    add_doc(c, NG_WINDOW_TOKENS, 2, e, k, 3);
    expect_edge(c, 0, 1, 4, 2);
    ng_cooc_free(c);
}

static void test_tokens_one(void **state)
{
    (void)state;
    ng_cooc_t *c = new_cooc(3, NG_WINDOW_TOKENS, 1);
    /* N = 1: only adjacent tokens.  A@10 B@11 yes; B@11 C@13 no; A@10 C@13 no. */
    const uint32_t e[] = {0, 1, 2};
    const size_t k[] = {10, 11, 13};
    add_doc(c, NG_WINDOW_TOKENS, 1, e, k, 3);
    expect_edge(c, 0, 1, 1, 1);
    expect_no_edge(c, 1, 2);
    expect_no_edge(c, 0, 2);
    ng_cooc_free(c);
}

static void test_tokens_not_across_documents(void **state)
{
    (void)state;
    ng_cooc_t *c = new_cooc(2, NG_WINDOW_TOKENS, 1000);
    const uint32_t a[] = {0}, b[] = {1};
    const size_t ka[] = {100}, kb[] = {0};
    add_doc(c, NG_WINDOW_TOKENS, 1000, a, ka, 1);
    add_doc(c, NG_WINDOW_TOKENS, 1000, b, kb, 1);
    assert_int_equal(ng_cooc_edge_count(c), 0);
    ng_cooc_free(c);
}

/* ---- node and edge counts over two documents ---------------------------- */

static void test_two_documents(void **state)
{
    (void)state;
    ng_cooc_t *c = new_cooc(4, NG_WINDOW_SENTENCE, 0);
    /* doc 1, sentences: {A B} {A B C} {C}
     * doc 2, sentences: {A B} {D} */
    const uint32_t e1[] = {0, 1, 0, 1, 2, 2};
    const size_t k1[] = {0, 0, 1, 1, 1, 2};
    const uint32_t e2[] = {1, 0, 3};
    const size_t k2[] = {0, 0, 1};
    add_doc(c, NG_WINDOW_SENTENCE, 0, e1, k1, 6);
    add_doc(c, NG_WINDOW_SENTENCE, 0, e2, k2, 3);
    expect_edge(c, 0, 1, 3, 2);
    expect_edge(c, 0, 2, 1, 1);
    expect_edge(c, 1, 2, 1, 1);
    expect_no_edge(c, 0, 3);
    assert_int_equal(ng_cooc_edge_count(c), 3);
    const size_t mentions[] = {3, 3, 2, 1}, documents[] = {2, 2, 1, 1};
    for (uint32_t i = 0; i < 4; i++) {
        assert_int_equal(ng_cooc_mentions(c, i), mentions[i]);
        assert_int_equal(ng_cooc_documents(c, i), documents[i]);
    }
    ng_cooc_free(c);
}

static void test_empty_document(void **state)
{
    (void)state;
    ng_cooc_t *c = new_cooc(2, NG_WINDOW_SENTENCE, 0);
    add_doc(c, NG_WINDOW_SENTENCE, 0, NULL, NULL, 0);
    const uint32_t e[] = {0, 1};
    const size_t k[] = {0, 0};
    add_doc(c, NG_WINDOW_SENTENCE, 0, e, k, 2);
    add_doc(c, NG_WINDOW_SENTENCE, 0, NULL, NULL, 0);
    expect_edge(c, 0, 1, 1, 1);
    assert_int_equal(ng_cooc_documents(c, 0), 1);
    assert_int_equal(ng_cooc_mentions(c, 1), 1);
    assert_int_equal(ng_cooc_document_count(c), 3);
    ng_cooc_free(c);
    /* Empty documents of token windows count as documents, nothing else. */
    c = new_cooc(2, NG_WINDOW_TOKENS, 5);
    add_doc(c, NG_WINDOW_TOKENS, 5, NULL, NULL, 0);
    assert_int_equal(ng_cooc_document_count(c), 1);
    assert_int_equal(ng_cooc_window_count(c), 0);
    assert_int_equal(ng_cooc_edge_count(c), 0);
    ng_cooc_free(c);
}

/* Many entities and pairs (the hash table grows several times). */
static void test_many_pairs(void **state)
{
    (void)state;
    enum { N = 200 };
    ng_cooc_t *c = new_cooc(N, NG_WINDOW_SENTENCE, 0);
    uint32_t e[N];
    size_t k[N];
    for (uint32_t i = 0; i < N; i++) {
        e[i] = N - 1 - i; /* any order in the window */
        k[i] = 0;
    }
    add_doc(c, NG_WINDOW_SENTENCE, 0, e, k, N);
    add_doc(c, NG_WINDOW_SENTENCE, 0, e, k, N);
    assert_int_equal(ng_cooc_edge_count(c), (size_t)N * (N - 1) / 2);
    for (size_t i = 0; i < ng_cooc_edge_count(c); i++) {
        uint32_t a, b;
        size_t w, d;
        ng_cooc_edge(c, i, &a, &b, &w, &d);
        assert_true(a < b && b < N);
        assert_int_equal(w, 2);
        assert_int_equal(d, 2);
    }
    ng_cooc_free(c);
}

/* ---- window specs ------------------------------------------------------- */

static void test_window_parse_ok(void **state)
{
    (void)state;
    static const struct {
        const char *spec;
        ng_window_kind kind;
        size_t tokens;
    } ok[] = {
        {"sentence", NG_WINDOW_SENTENCE, 0},
        {"paragraph", NG_WINDOW_PARAGRAPH, 0},
        {"document", NG_WINDOW_DOCUMENT, 0},
        {"tokens:1", NG_WINDOW_TOKENS, 1},
        {"tokens:5", NG_WINDOW_TOKENS, 5},
        {"tokens:250", NG_WINDOW_TOKENS, 250},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        ng_window_t w = {NG_WINDOW_DOCUMENT, 99};
        ng_error_t err = {0};
        int st = ng_window_parse(ok[i].spec, &w, &err);
        if (st != NG_OK) {
            print_error("'%s' rejected: %s\n", ok[i].spec, err.message);
            fail();
        }
        assert_int_equal(w.kind, ok[i].kind);
        if (ok[i].kind == NG_WINDOW_TOKENS)
            assert_int_equal(w.tokens, ok[i].tokens);
        /* The canonical spelling of a canonical spec is the spec itself. */
        char buf[64];
        ng_window_format(&w, buf, sizeof buf);
        assert_string_equal(buf, ok[i].spec);
    }
}

static void test_window_parse_errors(void **state)
{
    (void)state;
    static const char *bad[] = {"tokens:0", "tokens:", "foo", "", "tokens", "tokens:-1",
                                "tokens:5x", "tokens:99999999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ng_window_t w = {NG_WINDOW_SENTENCE, 0};
        ng_error_t err = {0};
        int st = ng_window_parse(bad[i], &w, &err);
        if (st != NG_EUSAGE || err.status != NG_EUSAGE) {
            print_error("'%s': status %d / err.status %d, expected NG_EUSAGE\n", bad[i], st,
                        (int)err.status);
            fail();
        }
        /* The message names the offending value, quoted. */
        char quoted[96];
        snprintf(quoted, sizeof quoted, "'%s'", bad[i]);
        if (!strstr(err.message, quoted)) {
            print_error("'%s': message does not name the value: %s\n", bad[i], err.message);
            fail();
        }
    }
    /* A NULL error pointer is allowed. */
    ng_window_t w;
    assert_int_equal(ng_window_parse("foo", &w, NULL), NG_EUSAGE);
}

static void test_window_format(void **state)
{
    (void)state;
    char buf[32];
    ng_window_t w = {NG_WINDOW_TOKENS, 12};
    ng_window_format(&w, buf, sizeof buf);
    assert_string_equal(buf, "tokens:12");
    /* Truncation stays within the buffer and NUL-terminates. */
    char small[5];
    memset(small, 'x', sizeof small);
    ng_window_format(&w, small, sizeof small);
    assert_int_equal(small[4], '\0');
    assert_string_equal(small, "toke");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentence_once_per_window),
        cmocka_unit_test(test_sentence_across_windows),
        cmocka_unit_test(test_sentence_weight_counts_windows),
        cmocka_unit_test(test_paragraph_window),
        cmocka_unit_test(test_no_self_loops),
        cmocka_unit_test(test_document_window),
        cmocka_unit_test(test_tokens_distance),
        cmocka_unit_test(test_tokens_counts_mention_pairs),
        cmocka_unit_test(test_tokens_one),
        cmocka_unit_test(test_tokens_not_across_documents),
        cmocka_unit_test(test_two_documents),
        cmocka_unit_test(test_empty_document),
        cmocka_unit_test(test_many_pairs),
        cmocka_unit_test(test_window_parse_ok),
        cmocka_unit_test(test_window_parse_errors),
        cmocka_unit_test(test_window_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
