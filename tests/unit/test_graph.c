/*
 * Unit tests for the graph built from co-occurrence counts
 * (ng_graph_build, with its filters and its igraph copy).
 *
 * Mentions are fed straight to ng_cooc_add_document as (entity, window key)
 * lists, so every expected vertex and edge below follows from the rules in
 * include/ng_graph.h and the contract, not from running the tagger.
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

/* ---- helpers ------------------------------------------------------------ */

static ng_cooc_t *new_cooc(size_t entities, ng_window_kind kind)
{
    ng_window_t w = {kind, 0};
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
    f->c = new_cooc(6, NG_WINDOW_SENTENCE);
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
    assert_int_equal(o.weight, NG_WEIGHT_COUNT);
    assert_true(o.min_weight < 0 && o.min_weight * 2 == o.min_weight); /* -infinity */
    assert_true(o.backbone == 0);
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
    ng_cooc_t *c = new_cooc(6, NG_WINDOW_DOCUMENT);
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
    ng_cooc_t *c = new_cooc(6, NG_WINDOW_SENTENCE);
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
        cmocka_unit_test_setup_teardown(test_graph_default, setup_graph, teardown_graph),
        cmocka_unit_test_setup_teardown(test_graph_min_weight, setup_graph, teardown_graph),
        cmocka_unit_test_setup_teardown(test_graph_no_isolates, setup_graph, teardown_graph),
        cmocka_unit_test_setup_teardown(test_graph_types, setup_graph, teardown_graph),
        cmocka_unit_test_setup_teardown(test_graph_outlives_counts, setup_graph, teardown_graph),
        cmocka_unit_test(test_graph_byte_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
