/*
 * Unit tests for the diagram (src/diagram.c, src/render.c) through the
 * public exporters: colour by community, size by any numeric column, the
 * title from the graph attributes, evidence in edge tooltips, DOT
 * numerals for floats, the options that do not fit a graph, and rendering
 * in-process.  Columns that other passes add (community, pagerank,
 * evidence) are set by hand here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <graphviz/cgraph.h>

#include "nergraph.h"

#define S(x) ((char *)(x))

typedef struct world {
    ng_gazetteer_t *gz;
    ng_cooc_t *c;
    ng_graph_t *g;
} world_t;

/* Four people: {a b} twice, {b c}, {c d}; a and b in community 0, c and d
 * in community 1; pagerank d > c > b > a. */
static void world_init(world_t *w)
{
    static const char text[] = "a\tperson\tAnn Ash\n"
                               "b\tperson\tBo Birch\n"
                               "c\tcountry\tCedaria\n"
                               "d\tthing\tDrum\n";
    w->gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_buffer(w->gz, "t.tsv", text, strlen(text), &err), NG_OK);
    ng_window_t sw = {NG_WINDOW_SENTENCE, 0};
    w->c = ng_cooc_new(4, &sw);
    uint32_t e[] = {0, 1, 0, 1, 1, 2, 2, 3};
    size_t k[] = {0, 0, 1, 1, 2, 2, 3, 3};
    ng_cooc_add_document(w->c, e, k, 8, 4);
    w->g = ng_graph_build(w->gz, w->c, NULL, &err);
    assert_non_null(w->g);
    assert_int_equal(ng_graph_node_count(w->g), 4);
    int64_t com = ng_graph_add_node_column(w->g, "community", NG_COLUMN_INT);
    int64_t pr = ng_graph_add_node_column(w->g, "pagerank", NG_COLUMN_FLOAT);
    assert_true(com >= 0 && pr >= 0);
    const double ranks[] = {0.00001, 0.2, 0.3, 0.49999};
    for (size_t v = 0; v < 4; v++) {
        ng_graph_set_node_int(w->g, (size_t)com, v, v < 2 ? 0 : 1);
        ng_graph_set_node_float(w->g, (size_t)pr, v, ranks[v]);
    }
    int64_t ev = ng_graph_add_edge_column(w->g, "evidence", NG_COLUMN_STRING);
    ng_graph_set_edge_string(w->g, (size_t)ev, 0, "Ann Ash met Bo Birch.");
    ng_graph_set_attr_string(w->g, "measure", "npmi");
    ng_graph_set_attr_string(w->g, "filters", "top=4 by pagerank");
}

static void world_free(world_t *w)
{
    ng_graph_free(w->g);
    ng_cooc_free(w->c);
    ng_gazetteer_free(w->gz);
}

/* fn's output for g with o, and its status. */
static char *capture(ng_graph_writer_fn fn, const ng_graph_t *g, const ng_export_options_t *o,
                     int *status, size_t *size)
{
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    assert_non_null(f);
    ng_error_t err = {0};
    *status = fn(f, g, o, &err);
    assert_int_equal(fclose(f), 0);
    if (size)
        *size = len;
    return data;
}

static Agraph_t *dot_of(const world_t *w, const ng_export_options_t *o, char **text)
{
    int st;
    *text = capture(ng_export_dot, w->g, o, &st, NULL);
    assert_int_equal(st, NG_OK);
    Agraph_t *dg = agmemread(*text);
    assert_non_null(dg);
    return dg;
}

static const char *node_attr(Agraph_t *dg, const char *id, const char *name)
{
    Agnode_t *n = agnode(dg, S(id), 0);
    assert_non_null(n);
    return agget(n, S(name));
}

static void test_color_by_community(void **state)
{
    (void)state;
    world_t w;
    world_init(&w);
    ng_export_options_t o;
    ng_export_options_init(&o);
    o.color_by = "community";
    char *text;
    Agraph_t *dg = dot_of(&w, &o, &text);
    assert_string_equal(node_attr(dg, "a", "fillcolor"), node_attr(dg, "b", "fillcolor"));
    assert_string_equal(node_attr(dg, "c", "fillcolor"), node_attr(dg, "d", "fillcolor"));
    assert_string_not_equal(node_attr(dg, "a", "fillcolor"), node_attr(dg, "c", "fillcolor"));
    /* Shapes still say the type. */
    assert_string_not_equal(node_attr(dg, "a", "shape"), node_attr(dg, "c", "shape"));
    const char *label = agget(dg, S("label"));
    assert_non_null(strstr(label, "community 0"));
    assert_non_null(strstr(label, "community 1"));
    assert_null(strstr(label, "community 2"));
    assert_non_null(strstr(label, "colour: community"));
    agclose(dg);
    free(text);
    world_free(&w);
}

static void test_size_by_column(void **state)
{
    (void)state;
    world_t w;
    world_init(&w);
    ng_export_options_t o;
    ng_export_options_init(&o);
    o.size_by = "pagerank";
    char *text;
    Agraph_t *dg = dot_of(&w, &o, &text);
    const char *ids[] = {"a", "b", "c", "d"};
    for (size_t i = 0; i + 1 < 4; i++) {
        double w1 = atof(node_attr(dg, ids[i], "width"));
        double w2 = atof(node_attr(dg, ids[i + 1], "width"));
        double f1 = atof(node_attr(dg, ids[i], "fontsize"));
        double f2 = atof(node_attr(dg, ids[i + 1], "fontsize"));
        assert_true(w1 < w2 && f1 < f2);
    }
    assert_non_null(strstr(agget(dg, S("label")), "node size: pagerank"));
    /* A float is a DOT numeral, not 1e-05. */
    assert_string_equal(node_attr(dg, "a", "pagerank"), "0.00001");
    assert_null(strstr(text, "pagerank=1e"));
    agclose(dg);
    free(text);
    world_free(&w);
}

/* The title says what was read; the tooltips carry figures and evidence;
 * the default layout for a small graph is neato. */
static void test_title_tooltips_layout(void **state)
{
    (void)state;
    world_t w;
    world_init(&w);
    char *text;
    Agraph_t *dg = dot_of(&w, NULL, &text);
    const char *label = agget(dg, S("label"));
    assert_non_null(strstr(label, "4 entities, 3 links"));
    assert_non_null(strstr(label, "window: sentence"));
    assert_non_null(strstr(label, "weight: npmi"));
    assert_non_null(strstr(label, "filters: top=4 by pagerank"));
    /* The legend: the types present, each once. */
    assert_non_null(strstr(label, "person (ellipse)"));
    assert_non_null(strstr(label, "country (box)"));
    assert_non_null(strstr(label, "thing ("));
    assert_null(strstr(label, "organization"));
    assert_string_equal(agget(dg, S("layout")), "neato");
    const char *tip = node_attr(dg, "b", "tooltip");
    assert_non_null(strstr(tip, "Bo Birch (person)"));
    assert_non_null(strstr(tip, "\\nmentions: 3"));
    assert_non_null(strstr(tip, "\\npagerank: 0.2"));
    Agedge_t *ab = agedge(dg, agnode(dg, S("a"), 0), agnode(dg, S("b"), 0), NULL, 0);
    assert_non_null(ab);
    assert_non_null(strstr(agget(ab, S("tooltip")), "\\nweight: 2"));
    assert_non_null(strstr(agget(ab, S("tooltip")), "\\nevidence: Ann Ash met Bo Birch."));
    assert_string_equal(agget(ab, S("evidence")), "Ann Ash met Bo Birch.");
    agclose(dg);
    free(text);
    world_free(&w);
}

static void test_options_that_do_not_fit(void **state)
{
    (void)state;
    world_t w;
    world_init(&w);
    ng_export_options_t o;
    int st;
    struct { const char *layout, *color, *size; } bad[] = {
        {"spring", NULL, NULL}, {NULL, "shade", NULL}, {NULL, NULL, "label"},
        {NULL, NULL, "nothing"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ng_export_options_init(&o);
        o.layout = bad[i].layout;
        o.color_by = bad[i].color;
        o.size_by = bad[i].size;
        free(capture(ng_export_dot, w.g, &o, &st, NULL));
        assert_int_equal(st, NG_EUSAGE);
        free(capture(ng_export_svg, w.g, &o, &st, NULL));
        assert_int_equal(st, NG_EUSAGE);
    }
    /* No community column: a usage error that says how to get one. */
    ng_graph_t *plain = ng_graph_build(w.gz, w.c, NULL, NULL);
    ng_export_options_init(&o);
    o.color_by = "community";
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    ng_error_t err = {0};
    assert_int_equal(ng_export_png(f, plain, &o, &err), NG_EUSAGE);
    fclose(f);
    free(data);
    assert_non_null(strstr(err.message, "--analyze"));
    ng_graph_free(plain);
    world_free(&w);
}

/* Every layout renders; SVG, PNG and PDF come out whole and the same
 * twice. */
static void test_render(void **state)
{
    (void)state;
    world_t w;
    world_init(&w);
    ng_export_options_t o;
    ng_export_options_init(&o);
    static const char *const layouts[] = {"dot", "neato", "fdp", "sfdp", "circo"};
    for (size_t i = 0; i < 5; i++) {
        assert_true(ng_export_layout_known(layouts[i]));
        o.layout = layouts[i];
        int st;
        char *svg = capture(ng_export_svg, w.g, &o, &st, NULL);
        assert_int_equal(st, NG_OK);
        assert_non_null(strstr(svg, "<svg"));
        assert_non_null(strstr(svg, "</svg>"));
        free(svg);
    }
    assert_false(ng_export_layout_known("spring"));
    assert_false(ng_export_layout_known(NULL));
    ng_graph_writer_fn fns[] = {ng_export_svg, ng_export_png, ng_export_pdf};
    const char *magic[] = {"<?xml", "\x89PNG", "%PDF-"};
    for (size_t i = 0; i < 3; i++) {
        int st1, st2;
        size_t n1, n2;
        char *a = capture(fns[i], w.g, NULL, &st1, &n1);
        char *b = capture(fns[i], w.g, NULL, &st2, &n2);
        assert_int_equal(st1, NG_OK);
        assert_int_equal(st2, NG_OK);
        assert_true(n1 > 100 && n1 == n2);
        assert_memory_equal(a, magic[i], strlen(magic[i]));
        assert_memory_equal(a, b, n1);
        free(a);
        free(b);
    }
    world_free(&w);
}

/* A write error is NG_EIO. */
static void test_render_write_error(void **state)
{
    (void)state;
    world_t w;
    world_init(&w);
    FILE *r = fopen("/dev/null", "r");
    assert_non_null(r);
    ng_error_t err = {0};
    assert_int_equal(ng_export_svg(r, w.g, NULL, &err), NG_EIO);
    fclose(r);
    world_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_color_by_community),
        cmocka_unit_test(test_size_by_column),
        cmocka_unit_test(test_title_tooltips_layout),
        cmocka_unit_test(test_options_that_do_not_fit),
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_render_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
