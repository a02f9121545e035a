/*
 * Unit tests for co-occurrence counting (ng_cooc_*), window specs
 * (ng_window_parse/format) and the graph built from the counts
 * (ng_graph_build, with its filters and its igraph copy).
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
#include "ng_graph_igraph.h"

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

/* ---- graph building ----------------------------------------------------- */

/*
 * Entities in gazetteer order (index: id):
 *   0 zeta (person), 1 alpha (country), 2 mid (organization),
 *   3 beta (person), 4 lonely (country), 5 unused (person)
 * Sorted by id: alpha beta lonely mid zeta.
 */
static const char gaz_text[] =
    "# test gazetteer\n"
    "zeta\tperson\tZeta Zed\n"
    "alpha\tcountry\tAlphaland\n"
    "mid\torganization\tMid Org\n"
    "beta\tperson\tBeta Bee\n"
    "lonely\tcountry\tLonelia\n"
    "unused\tperson\tNever Mentioned\n";

enum { ZETA, ALPHA, MID, BETA, LONELY, UNUSED };

typedef struct fixture {
    ng_gazetteer_t *gz;
    ng_cooc_t *c;
} fixture_t;

static int setup_graph(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    f->gz = ng_gazetteer_new();
    ng_error_t err = {0};
    if (ng_gazetteer_load_buffer(f->gz, "test.tsv", gaz_text, strlen(gaz_text), &err)) {
        fprintf(stderr, "gazetteer: %s\n", err.message);
        return -1;
    }
    if (ng_gazetteer_entity_count(f->gz) != 6)
        return -1;
    f->c = new_cooc(6, NG_WINDOW_SENTENCE, 0);
    /* doc 1: {zeta alpha mid} {zeta alpha} {beta mid} {lonely}
     * doc 2: {alpha zeta}
     * alpha-zeta 3 (2 docs), alpha-mid 1, mid-zeta 1, beta-mid 1. */
    const uint32_t e1[] = {ZETA, ALPHA, MID, ZETA, ALPHA, BETA, MID, LONELY};
    const size_t k1[] = {0, 0, 0, 1, 1, 2, 2, 3};
    const uint32_t e2[] = {ALPHA, ZETA};
    const size_t k2[] = {0, 0};
    add_doc(f->c, NG_WINDOW_SENTENCE, 0, e1, k1, 8);
    add_doc(f->c, NG_WINDOW_SENTENCE, 0, e2, k2, 2);
    *state = f;
    return 0;
}

static int teardown_graph(void **state)
{
    fixture_t *f = *state;
    ng_cooc_free(f->c);
    ng_gazetteer_free(f->gz);
    free(f);
    return 0;
}

typedef struct want_edge {
    const char *u, *v;
    size_t weight, documents;
} want_edge_t;

/* The graph has exactly these vertices (ids, in order) and edges (in order),
 * and igraph agrees. */
static void expect_graph(const ng_graph_t *g, const char *const *ids, size_t nv,
                         const want_edge_t *edges, size_t ne)
{
    const ng_gazetteer_t *gz = ng_graph_gazetteer(g);
    assert_int_equal(ng_graph_node_count(g), nv);
    for (size_t v = 0; v < nv; v++)
        assert_string_equal(ng_gazetteer_entity_id(gz, ng_graph_node_entity(g, v)), ids[v]);
    assert_int_equal(ng_graph_edge_count(g), ne);
    const igraph_t *ig = ng_graph_igraph(g);
    assert_false(igraph_is_directed(ig));
    assert_int_equal(igraph_vcount(ig), (igraph_integer_t)nv);
    assert_int_equal(igraph_ecount(ig), (igraph_integer_t)ne);
    for (size_t i = 0; i < ne; i++) {
        size_t u, v, w, d;
        ng_graph_edge(g, i, &u, &v, &w, &d);
        assert_true(u < v && v < nv);
        assert_string_equal(ng_gazetteer_entity_id(gz, ng_graph_node_entity(g, u)), edges[i].u);
        assert_string_equal(ng_gazetteer_entity_id(gz, ng_graph_node_entity(g, v)), edges[i].v);
        assert_int_equal(w, edges[i].weight);
        assert_int_equal(d, edges[i].documents);
        igraph_integer_t from, to;
        assert_int_equal(igraph_edge(ig, (igraph_integer_t)i, &from, &to), IGRAPH_SUCCESS);
        igraph_integer_t lo = from < to ? from : to, hi = from < to ? to : from;
        assert_int_equal(lo, (igraph_integer_t)u);
        assert_int_equal(hi, (igraph_integer_t)v);
    }
}

static ng_graph_t *build(const fixture_t *f, const ng_graph_options_t *o)
{
    ng_error_t err = {0};
    ng_graph_t *g = ng_graph_build(f->gz, f->c, o, &err);
    if (!g) {
        print_error("ng_graph_build: %s\n", err.message);
        fail();
    }
    return g;
}

static void test_graph_default(void **state)
{
    fixture_t *f = *state;
    ng_graph_options_t o;
    ng_graph_options_init(&o);
    assert_int_equal(o.min_weight, 1);
    assert_false(o.no_isolates);
    assert_null(o.types);
    ng_graph_t *g = build(f, &o);
    /* "unused" was never mentioned: no vertex.  lonely has no edge but is
     * kept (isolates stay unless asked). */
    const char *ids[] = {"alpha", "beta", "lonely", "mid", "zeta"};
    const want_edge_t edges[] = {
        {"alpha", "mid", 1, 1}, {"alpha", "zeta", 3, 2}, {"beta", "mid", 1, 1},
        {"mid", "zeta", 1, 1}};
    expect_graph(g, ids, 5, edges, 4);
    /* Node counts. */
    const size_t mentions[] = {3, 1, 1, 2, 3}, documents[] = {2, 1, 1, 1, 2};
    for (size_t v = 0; v < 5; v++) {
        assert_int_equal(ng_graph_node_mentions(g, v), mentions[v]);
        assert_int_equal(ng_graph_node_documents(g, v), documents[v]);
    }
    assert_ptr_equal(ng_graph_gazetteer(g), f->gz);
    ng_graph_free(g);

    /* NULL options mean the defaults. */
    g = build(f, NULL);
    expect_graph(g, ids, 5, edges, 4);
    ng_graph_free(g);
}

static void test_graph_min_weight(void **state)
{
    fixture_t *f = *state;
    ng_graph_options_t o;
    ng_graph_options_init(&o);
    o.min_weight = 2;
    ng_graph_t *g = build(f, &o);
    const char *ids[] = {"alpha", "beta", "lonely", "mid", "zeta"};
    const want_edge_t edges[] = {{"alpha", "zeta", 3, 2}};
    expect_graph(g, ids, 5, edges, 1);
    ng_graph_free(g);

    o.min_weight = 3;
    g = build(f, &o);
    expect_graph(g, ids, 5, edges, 1);
    ng_graph_free(g);

    o.min_weight = 4;
    g = build(f, &o);
    expect_graph(g, ids, 5, NULL, 0);
    ng_graph_free(g);
}

static void test_graph_no_isolates(void **state)
{
    fixture_t *f = *state;
    ng_graph_options_t o;
    ng_graph_options_init(&o);
    o.no_isolates = true;
    ng_graph_t *g = build(f, &o);
    const char *ids[] = {"alpha", "beta", "mid", "zeta"};
    const want_edge_t edges[] = {
        {"alpha", "mid", 1, 1}, {"alpha", "zeta", 3, 2}, {"beta", "mid", 1, 1},
        {"mid", "zeta", 1, 1}};
    expect_graph(g, ids, 4, edges, 4);
    ng_graph_free(g);

    /* Isolated after the weight filter: only alpha and zeta are left. */
    o.min_weight = 2;
    g = build(f, &o);
    const char *ids2[] = {"alpha", "zeta"};
    const want_edge_t edges2[] = {{"alpha", "zeta", 3, 2}};
    expect_graph(g, ids2, 2, edges2, 1);
    assert_int_equal(ng_graph_node_mentions(g, 1), 3);
    ng_graph_free(g);

    /* Nothing left at all. */
    o.min_weight = 10;
    g = build(f, &o);
    expect_graph(g, NULL, 0, NULL, 0);
    ng_graph_free(g);
}

static void test_graph_types(void **state)
{
    fixture_t *f = *state;
    ng_graph_options_t o;
    ng_graph_options_init(&o);
    const char *person[] = {"person"};
    o.types = person;
    o.type_count = 1;
    ng_graph_t *g = build(f, &o);
    const char *ids[] = {"beta", "zeta"};
    expect_graph(g, ids, 2, NULL, 0);
    ng_graph_free(g);

    const char *po[] = {"organization", "person"};
    o.types = po;
    o.type_count = 2;
    g = build(f, &o);
    const char *ids2[] = {"beta", "mid", "zeta"};
    const want_edge_t edges2[] = {{"beta", "mid", 1, 1}, {"mid", "zeta", 1, 1}};
    expect_graph(g, ids2, 3, edges2, 2);
    ng_graph_free(g);

    /* Type filter, then isolates: countries only -> alpha and lonely, no
     * edge between them, so nothing is left. */
    const char *country[] = {"country"};
    o.types = country;
    o.type_count = 1;
    g = build(f, &o);
    const char *ids3[] = {"alpha", "lonely"};
    expect_graph(g, ids3, 2, NULL, 0);
    ng_graph_free(g);
    o.no_isolates = true;
    g = build(f, &o);
    expect_graph(g, NULL, 0, NULL, 0);
    ng_graph_free(g);

    /* A type nobody has. */
    const char *none[] = {"planet"};
    o.types = none;
    o.no_isolates = false;
    g = build(f, &o);
    expect_graph(g, NULL, 0, NULL, 0);
    ng_graph_free(g);
}

/* The counts may be freed once the graph is built. */
static void test_graph_outlives_counts(void **state)
{
    fixture_t *f = *state;
    ng_cooc_t *c = new_cooc(6, NG_WINDOW_DOCUMENT, 0);
    const uint32_t e[] = {BETA, LONELY};
    const size_t k[] = {0, 0};
    add_doc(c, NG_WINDOW_DOCUMENT, 0, e, k, 2);
    ng_error_t err = {0};
    ng_graph_t *g = ng_graph_build(f->gz, c, NULL, &err);
    assert_non_null(g);
    ng_cooc_free(c);
    const char *ids[] = {"beta", "lonely"};
    const want_edge_t edges[] = {{"beta", "lonely", 1, 1}};
    expect_graph(g, ids, 2, edges, 1);
    ng_graph_free(g);
}

/* Byte order, not locale or case-folded order: "B" (0x42) < "a" < "a10" <
 * "a2" < "b" < "é" (0xC3 0xA9). */
static void test_graph_byte_order(void **state)
{
    (void)state;
    static const char text[] =
        "b\tperson\tBee\n"
        "\xC3\xA9\tperson\tE acute\n"
        "a2\tperson\tA two\n"
        "B\tperson\tBig Bee\n"
        "a10\tperson\tA ten\n"
        "a\tperson\tA\n";
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_buffer(gz, "order.tsv", text, strlen(text), &err), 0);
    ng_cooc_t *c = new_cooc(6, NG_WINDOW_SENTENCE, 0);
    /* One window: every pair once. */
    const uint32_t e[] = {0, 1, 2, 3, 4, 5};
    const size_t k[] = {0, 0, 0, 0, 0, 0};
    add_doc(c, NG_WINDOW_SENTENCE, 0, e, k, 6);
    ng_graph_t *g = ng_graph_build(gz, c, NULL, &err);
    assert_non_null(g);
    const char *ids[] = {"B", "a", "a10", "a2", "b", "\xC3\xA9"};
    want_edge_t edges[15];
    size_t n = 0;
    for (size_t i = 0; i < 6; i++)
        for (size_t j = i + 1; j < 6; j++)
            edges[n++] = (want_edge_t){ids[i], ids[j], 1, 1};
    expect_graph(g, ids, 6, edges, 15);
    ng_graph_free(g);
    ng_cooc_free(c);
    ng_gazetteer_free(gz);
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
        cmocka_unit_test_setup_teardown(test_graph_default, setup_graph, teardown_graph),
        cmocka_unit_test_setup_teardown(test_graph_min_weight, setup_graph, teardown_graph),
        cmocka_unit_test_setup_teardown(test_graph_no_isolates, setup_graph, teardown_graph),
        cmocka_unit_test_setup_teardown(test_graph_types, setup_graph, teardown_graph),
        cmocka_unit_test_setup_teardown(test_graph_outlives_counts, setup_graph, teardown_graph),
        cmocka_unit_test(test_graph_byte_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
