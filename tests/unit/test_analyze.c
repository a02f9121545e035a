/*
 * Unit tests for ng_graph_analyze (include/nergraph/ng_analyze.h) on graphs
 * small enough to work out by hand: a star, a weighted path, and a graph
 * of several components; determinism, weights that cannot be strengths,
 * and igraph's handlers and RNG put back.  The filters' measures
 * (ng_graph_options_check) are covered too.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nergraph.h"
#include "ng_graph_igraph.h"

#define D 0.85

static const char gaz_text[] =
    "a\tperson\tA\n"
    "b\tperson\tB\n"
    "c\tperson\tC\n"
    "d\tperson\tD\n"
    "e\tperson\tE\n"
    "f\tperson\tF\n";

typedef struct world {
    ng_gazetteer_t *gz;
    ng_cooc_t *c;
    ng_graph_t *g;
} world_t;

/* A graph from sentence windows: each string is one window's ids ("ab":
 * a and b together); an id alone is a mention without an edge. */
static world_t *world(const char *const *windows, size_t count)
{
    world_t *w = calloc(1, sizeof *w);
    w->gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_buffer(w->gz, "t.tsv", gaz_text, strlen(gaz_text), &err),
                     NG_OK);
    ng_window_t sw = {NG_WINDOW_SENTENCE, 0};
    w->c = ng_cooc_new(6, &sw);
    uint32_t e[64];
    size_t k[64], n = 0;
    for (size_t i = 0; i < count; i++)
        for (const char *p = windows[i]; *p; p++) {
            char id[2] = {*p, 0};
            e[n] = (uint32_t)ng_gazetteer_find(w->gz, id);
            k[n++] = i;
        }
    ng_cooc_add_document(w->c, e, k, n, count);
    w->g = ng_graph_build(w->gz, w->c, NULL, &err);
    assert_non_null(w->g);
    return w;
}

static void world_free(world_t *w)
{
    ng_graph_free(w->g);
    ng_cooc_free(w->c);
    ng_gazetteer_free(w->gz);
    free(w);
}

static void analyze(world_t *w)
{
    ng_error_t err = {0};
    int st = ng_graph_analyze(w->g, NULL, &err);
    if (st)
        print_error("ng_graph_analyze: %s\n", err.message);
    assert_int_equal(st, NG_OK);
}

static size_t col(const ng_graph_t *g, const char *name)
{
    int64_t c = ng_graph_node_column_find(g, name);
    assert_true(c >= 0);
    return (size_t)c;
}

static double f(const ng_graph_t *g, const char *name, size_t v)
{
    return ng_graph_node_float(g, col(g, name), v);
}

static int64_t i(const ng_graph_t *g, const char *name, size_t v)
{
    return ng_graph_node_int(g, col(g, name), v);
}

static void near(double got, double want)
{
    if (fabs(got - want) > 1e-9) {
        print_error("got %.17g, want %.17g\n", got, want);
        fail();
    }
}

static double modularity(const ng_graph_t *g)
{
    int64_t a = ng_graph_attr_find(g, "modularity");
    assert_true(a >= 0);
    assert_int_equal(ng_graph_attr_type(g, (size_t)a), NG_COLUMN_FLOAT);
    return ng_graph_attr_float(g, (size_t)a);
}

/* Star: a at the centre, b c d leaves, weight 1 each. */
static void test_star(void **state)
{
    (void)state;
    static const char *const win[] = {"ab", "ac", "ad"};
    world_t *w = world(win, 3);
    analyze(w);
    const ng_graph_t *g = w->g;
    assert_int_equal(ng_graph_node_count(g), 4);
    assert_int_equal(ng_graph_node_column_type(g, col(g, "degree")), NG_COLUMN_INT);
    assert_int_equal(i(g, "degree", 0), 3);
    near(f(g, "weighted_degree", 0), 3);
    /* Centre c and leaf l: c = (1-D)/4 + D*3l, l = (1-D)/4 + D*c/3, so
     * c = (1 + 3D) / (4 (1 + D)). */
    double centre = (1 + 3 * D) / (4 * (1 + D));
    near(f(g, "pagerank", 0), centre);
    /* Every pair of leaves goes through the centre: 3 of 3 pairs. */
    near(f(g, "betweenness", 0), 1.0);
    /* Leading eigenvector (sqrt 3, 1, 1, 1), scaled to max 1. */
    assert_true(f(g, "eigenvector", 0) == 1.0);
    for (size_t v = 1; v < 4; v++) {
        assert_int_equal(i(g, "degree", v), 1);
        near(f(g, "weighted_degree", v), 1);
        near(f(g, "pagerank", v), (1 - centre) / 3);
        near(f(g, "betweenness", v), 0);
        near(f(g, "eigenvector", v), 1 / sqrt(3));
    }
    /* Any split of a star has negative modularity: one community, Q = 0. */
    for (size_t v = 0; v < 4; v++) {
        assert_int_equal(i(g, "component", v), 0);
        assert_int_equal(i(g, "community", v), 0);
    }
    near(modularity(g), 0);
    world_free(w);
}

/* Path a -1- b -3- c. */
static void test_weighted_path(void **state)
{
    (void)state;
    static const char *const win[] = {"ab", "bc", "bc", "bc"};
    world_t *w = world(win, 4);
    analyze(w);
    const ng_graph_t *g = w->g;
    near(f(g, "weighted_degree", 0), 1);
    near(f(g, "weighted_degree", 1), 4);
    near(f(g, "weighted_degree", 2), 3);
    /* s = (1-D)/3; a = s + D b/4, c = s + 3 D b/4, b = s + D (a + c). */
    double s = (1 - D) / 3, b = s * (1 + 2 * D) / (1 - D * D);
    near(f(g, "pagerank", 0), s + D * b / 4);
    near(f(g, "pagerank", 1), b);
    near(f(g, "pagerank", 2), s + 3 * D * b / 4);
    /* The one pair a, c goes through b; normalised by 2/((n-1)(n-2)) = 1. */
    near(f(g, "betweenness", 0), 0);
    near(f(g, "betweenness", 1), 1);
    near(f(g, "betweenness", 2), 0);
    /* A = [0 1 0; 1 0 3; 0 3 0]: lambda = sqrt 10, x = (1, sqrt 10, 3). */
    near(f(g, "eigenvector", 0), 1 / sqrt(10));
    assert_true(f(g, "eigenvector", 1) == 1.0);
    near(f(g, "eigenvector", 2), 3 / sqrt(10));
    world_free(w);
}

/* Components a-b, c-d-e (a path), f alone: numbered by first node; only
 * the path (leading eigenvalue sqrt 2 > 1) keeps eigenvector values. */
static void test_components(void **state)
{
    (void)state;
    static const char *const win[] = {"cd", "de", "ab", "f"};
    world_t *w = world(win, 4);
    analyze(w);
    const ng_graph_t *g = w->g;
    static const int64_t comp[] = {0, 0, 1, 1, 1, 2};
    for (size_t v = 0; v < 6; v++)
        assert_int_equal(i(g, "component", v), comp[v]);
    near(f(g, "eigenvector", 0), 0);
    near(f(g, "eigenvector", 1), 0);
    near(f(g, "eigenvector", 2), 1 / sqrt(2));
    assert_true(f(g, "eigenvector", 3) == 1.0);
    near(f(g, "eigenvector", 4), 1 / sqrt(2));
    near(f(g, "eigenvector", 5), 0);
    /* f has no edge: the uniform jump, plus its own rank spread evenly
     * (a node without edges jumps anywhere): f = (1-D)/6 + D f/6. */
    near(f(g, "pagerank", 5), (1 - D) / 6 / (1 - D / 6));
    /* Each component is a community, numbered by first node: Q = sum over
     * communities of L_c/m - (d_c/2m)^2, m = 3:
     * (1/3 - (2/6)^2) + (2/3 - (4/6)^2) + (0 - 0) = 4/9. */
    for (size_t v = 0; v < 6; v++)
        assert_int_equal(i(g, "community", v), comp[v]);
    near(modularity(g), 4.0 / 9);
    world_free(w);
}

static void test_deterministic(void **state)
{
    (void)state;
    static const char *const win[] = {"ab", "ac", "bc", "cd", "de", "df", "ef", "ab"};
    world_t *w1 = world(win, 8), *w2 = world(win, 8);
    analyze(w1);
    analyze(w2);
    const char *names[] = {"pagerank", "betweenness", "eigenvector"};
    for (size_t v = 0; v < 6; v++) {
        for (size_t k = 0; k < 3; k++) {
            double x = f(w1->g, names[k], v), y = f(w2->g, names[k], v);
            assert_memory_equal(&x, &y, sizeof x);
        }
        assert_int_equal(i(w1->g, "community", v), i(w2->g, "community", v));
    }
    double q1 = modularity(w1->g), q2 = modularity(w2->g);
    assert_memory_equal(&q1, &q2, sizeof q1);
    /* Two triangles joined by one edge: each triangle is a community. */
    assert_int_equal(i(w1->g, "community", 0), 0);
    assert_int_equal(i(w1->g, "community", 2), 0);
    assert_int_equal(i(w1->g, "community", 3), 1);
    assert_int_equal(i(w1->g, "community", 5), 1);
    /* Analysing again overwrites the columns, same values. */
    analyze(w1);
    assert_int_equal(ng_graph_node_column_find(w1->g, "pagerank"),
                     ng_graph_node_column_find(w2->g, "pagerank"));
    world_free(w1);
    world_free(w2);
}

static void test_no_edges(void **state)
{
    (void)state;
    static const char *const win[] = {"a", "b"};
    world_t *w = world(win, 2);
    analyze(w);
    assert_int_equal(ng_graph_attr_find(w->g, "modularity"), -1);
    assert_int_equal(i(w->g, "community", 0), 0);
    assert_int_equal(i(w->g, "community", 1), 1);
    near(f(w->g, "pagerank", 0), 0.5);
    near(f(w->g, "eigenvector", 0), 0);
    world_free(w);
}

static void test_bad_weights(void **state)
{
    (void)state;
    static const char *const win[] = {"ab", "bc"};
    world_t *w = world(win, 2);
    size_t wc = (size_t)ng_graph_edge_column_find(w->g, "weight");
    assert_int_equal(ng_graph_set_edge_int(w->g, wc, 1, 0), NG_OK);
    ng_error_t err = {0};
    assert_int_equal(ng_graph_analyze(w->g, NULL, &err), NG_EUSAGE);
    assert_non_null(strstr(err.message, "b -- c has weight 0"));
    world_free(w);

    /* A column of an analysis' name with another type is refused. */
    w = world(win, 2);
    assert_true(ng_graph_add_node_column(w->g, "pagerank", NG_COLUMN_STRING) >= 0);
    assert_int_equal(ng_graph_analyze(w->g, NULL, &err), NG_EUSAGE);
    assert_non_null(strstr(err.message, "pagerank"));
    world_free(w);
}

static void my_error_handler(const char *reason, const char *file, int line, igraph_error_t e)
{
    (void)reason, (void)file, (void)line, (void)e;
}

static void test_igraph_state_restored(void **state)
{
    (void)state;
    static const char *const win[] = {"ab", "bc", "ca", "cd"};
    world_t *w = world(win, 4);
    igraph_error_handler_t *before = igraph_set_error_handler(my_error_handler);
    igraph_rng_t *rng = igraph_rng_default();
    analyze(w);
    assert_ptr_equal(igraph_set_error_handler(before), my_error_handler);
    assert_ptr_equal(igraph_rng_default(), rng);
    world_free(w);
}

static void test_options_check(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_buffer(gz, "t.tsv", gaz_text, strlen(gaz_text), &err),
                     NG_OK);
    ng_graph_options_t o;
    ng_graph_options_init(&o);
    assert_int_equal(o.ego_depth, 1);
    assert_int_equal(ng_graph_options_check(gz, &o, &err), NG_OK);
    static const char *const ex[] = {"a", "zz"};
    o.exclude_ids = ex;
    o.exclude_id_count = 2;
    assert_int_equal(ng_graph_options_check(gz, &o, &err), NG_EUSAGE);
    assert_non_null(strstr(err.message, "'zz'"));
    o.exclude_id_count = 1;
    o.ego = "a";
    assert_int_equal(ng_graph_options_check(gz, &o, &err), NG_EUSAGE);
    o.ego = "b";
    o.top_by = "eigenvector";
    assert_int_equal(ng_graph_options_check(gz, &o, &err), NG_OK);
    o.top_by = "label";
    assert_int_equal(ng_graph_options_check(gz, &o, &err), NG_EUSAGE);
    ng_gazetteer_free(gz);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_star),
        cmocka_unit_test(test_weighted_path),
        cmocka_unit_test(test_components),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_no_edges),
        cmocka_unit_test(test_bad_weights),
        cmocka_unit_test(test_igraph_state_restored),
        cmocka_unit_test(test_options_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
