/*
 * Unit tests for the graph's typed columns and graph attributes
 * (include/ng_graph.h): adding, finding, reading and writing columns of
 * each type; the built-in columns ng_graph_build fills, gazetteer
 * attribute columns and their order; the filter passes and their order;
 * igraph's error handler scoped to graph building; and the exporters
 * writing columns they were never told about.
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

/* The umbrella header must not pull in igraph (ng_graph_igraph.h does). */
#ifdef IGRAPH_H
#error "nergraph.h includes igraph.h"
#endif

#include "ng_graph_igraph.h"

/*
 * Sorted by id: a-org, b-person, c-person, d-country.
 *   a-org:     kind=ngo;country=X
 *   b-person:  country=Y;role=chair
 *   c-person:  (no attributes)
 *   d-country: iso=DD
 * First appearance over sorted nodes: kind, country, role, iso; but b lists
 * country before... nothing earlier, and a lists kind before country, so
 * the order kind, country, role, iso agrees with every node.
 */
static const char gaz_text[] =
    "c-person\tperson\tCee\n"
    "a-org\torganization\tAy Org\t\tkind=ngo;country=X\n"
    "d-country\tcountry\tDeeland\t\tiso=DD\n"
    "b-person\tperson\tBee\t\tcountry=Y;role=chair\n"
    "e-unused\tperson\tNever\t\tunseen=1\n";

typedef struct world {
    ng_gazetteer_t *gz;
    ng_cooc_t *c;
} world_t;

static world_t *world_new(const char *text, size_t entities)
{
    world_t *w = calloc(1, sizeof *w);
    w->gz = ng_gazetteer_new();
    ng_error_t err = {0};
    if (ng_gazetteer_load_buffer(w->gz, "t.tsv", text, strlen(text), &err)) {
        print_error("gazetteer: %s\n", err.message);
        fail();
    }
    assert_int_equal(ng_gazetteer_entity_count(w->gz), entities);
    ng_window_t sw = {NG_WINDOW_SENTENCE, 0};
    w->c = ng_cooc_new(entities, &sw);
    return w;
}

static uint32_t ent(const world_t *w, const char *id)
{
    int64_t e = ng_gazetteer_find(w->gz, id);
    assert_true(e >= 0);
    return (uint32_t)e;
}

/* One sentence window per group of ids; groups end at NULL, the list at
 * two NULLs. */
static void add_windows(world_t *w, const char *const *ids)
{
    uint32_t e[64];
    size_t k[64], n = 0, win = 0;
    for (; ids[0] || ids[1]; ids++) {
        if (!*ids) {
            win++;
            continue;
        }
        e[n] = ent(w, *ids);
        k[n++] = win;
    }
    ng_cooc_add_document(w->c, e, k, n, win + 1);
}

static void world_free(world_t *w)
{
    ng_cooc_free(w->c);
    ng_gazetteer_free(w->gz);
    free(w);
}

static ng_graph_t *build(const world_t *w, const ng_graph_options_t *o)
{
    ng_error_t err = {0};
    ng_graph_t *g = ng_graph_build(w->gz, w->c, o, &err);
    if (!g) {
        print_error("ng_graph_build: %s\n", err.message);
        fail();
    }
    return g;
}

/* The standard world: {a b} {a b} {b c} {d}. */
static world_t *standard(void)
{
    world_t *w = world_new(gaz_text, 5);
    static const char *const ids[] = {"a-org", "b-person", NULL, "a-org", "b-person", NULL,
                                      "b-person", "c-person", NULL, "d-country", NULL, NULL};
    add_windows(w, ids);
    return w;
}

static char *capture(ng_graph_writer_fn fn, const ng_graph_t *g)
{
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    assert_non_null(f);
    ng_error_t err = {0};
    assert_int_equal(fn(f, g, NULL, &err), NG_OK);
    assert_int_equal(fclose(f), 0);
    return data;
}

/* ---- built-in columns ----------------------------------------------------- */

static void test_builtin_columns(void **state)
{
    (void)state;
    world_t *w = standard();
    ng_graph_t *g = build(w, NULL);
    assert_int_equal(ng_graph_node_count(g), 4);
    static const char *const names[] = {"label", "type", "mentions", "documents", "windows",
                                        "kind", "country", "role", "iso"};
    static const ng_column_type types[] = {NG_COLUMN_STRING, NG_COLUMN_STRING, NG_COLUMN_INT,
                                           NG_COLUMN_INT, NG_COLUMN_INT, NG_COLUMN_STRING,
                                           NG_COLUMN_STRING, NG_COLUMN_STRING, NG_COLUMN_STRING};
    /* "unseen" belongs to an entity never mentioned: no column. */
    assert_int_equal(ng_graph_node_column_count(g), 9);
    for (size_t c = 0; c < 9; c++) {
        assert_string_equal(ng_graph_node_column_name(g, c), names[c]);
        assert_int_equal(ng_graph_node_column_type(g, c), types[c]);
        assert_int_equal(ng_graph_node_column_find(g, names[c]), (int64_t)c);
    }
    assert_int_equal(ng_graph_node_column_find(g, "unseen"), -1);
    assert_int_equal(ng_graph_node_column_find(g, "id"), -1);

    /* Node 1 is b-person: 3 mentions, country=Y, role=chair, no kind. */
    assert_string_equal(ng_graph_node_id(g, 1), "b-person");
    assert_string_equal(ng_graph_node_string(g, 0, 1), "Bee");
    assert_string_equal(ng_graph_node_string(g, 1, 1), "person");
    assert_int_equal(ng_graph_node_int(g, 2, 1), 3);
    assert_int_equal(ng_graph_node_int(g, 3, 1), 1);
    assert_int_equal(ng_graph_node_mentions(g, 1), 3);
    assert_null(ng_graph_node_string(g, 5, 1));
    assert_string_equal(ng_graph_node_string(g, 6, 1), "Y");
    assert_string_equal(ng_graph_node_string(g, 7, 1), "chair");
    /* c-person has no attributes at all. */
    for (size_t c = 5; c < 9; c++)
        assert_null(ng_graph_node_string(g, c, 2));

    /* Edges: a-b weight 2, b-c weight 1; count repeats the weight. */
    assert_int_equal(ng_graph_edge_column_count(g), 3);
    assert_string_equal(ng_graph_edge_column_name(g, 0), "weight");
    assert_string_equal(ng_graph_edge_column_name(g, 1), "documents");
    assert_string_equal(ng_graph_edge_column_name(g, 2), "count");
    assert_int_equal(ng_graph_edge_column_find(g, "documents"), 1);
    assert_int_equal(ng_graph_edge_count(g), 2);
    size_t u, v;
    ng_graph_edge_nodes(g, 0, &u, &v);
    assert_int_equal(u, 0);
    assert_int_equal(v, 1);
    assert_int_equal(ng_graph_edge_int(g, 0, 0), 2);
    assert_int_equal(ng_graph_edge_int(g, 0, 1), 1);
    assert_int_equal(ng_graph_edge_int(g, 1, 0), 1);

    /* Graph attributes: the name, then what the counter read, then the
     * measure the weights are. */
    assert_int_equal(ng_graph_attr_count(g), 5);
    assert_string_equal(ng_graph_attr_name(g, 0), "name");
    assert_string_equal(ng_graph_attr_string(g, 0), "nergraph");
    assert_string_equal(ng_graph_attr_name(g, 1), "window");
    assert_string_equal(ng_graph_attr_string(g, 1), "sentence");
    assert_int_equal(ng_graph_attr_find(g, "documents"), 2);
    assert_int_equal(ng_graph_attr_type(g, 2), NG_COLUMN_INT);
    assert_int_equal(ng_graph_attr_int(g, 2), 1);
    assert_string_equal(ng_graph_attr_name(g, 3), "windows");
    assert_int_equal(ng_graph_attr_type(g, 3), NG_COLUMN_INT);
    assert_string_equal(ng_graph_attr_name(g, 4), "measure");
    assert_string_equal(ng_graph_attr_string(g, 4), "count");
    ng_graph_free(g);
    world_free(w);

    /* A tokens:5 counter over two documents. */
    w = world_new(gaz_text, 5);
    ng_cooc_free(w->c);
    ng_window_t tw = {NG_WINDOW_TOKENS, 5};
    w->c = ng_cooc_new(5, &tw);
    const uint32_t e[] = {ent(w, "a-org"), ent(w, "b-person")};
    const size_t k[] = {0, 3};
    ng_cooc_add_document(w->c, e, k, 2, 0);
    ng_cooc_add_document(w->c, e, k, 2, 0);
    g = build(w, NULL);
    assert_string_equal(ng_graph_attr_string(g, 1), "tokens:5");
    assert_int_equal(ng_graph_attr_int(g, 2), 2);
    assert_int_equal(ng_graph_edge_int(g, 0, 0), 2);
    ng_graph_free(g);
    world_free(w);
}

/* Attribute columns follow each node's own order when one order can:
 * y-node lists k0 before k1, so k0 comes first although x-node showed k1
 * first. */
static void test_attribute_column_order(void **state)
{
    (void)state;
    static const char text[] = "x\tperson\tEx\t\tk1=a;k2=b\n"
                               "y\tperson\tWhy\t\tk0=c;k1=d\n";
    world_t *w = world_new(text, 2);
    static const char *const ids[] = {"x", "y", NULL, NULL};
    add_windows(w, ids);
    ng_graph_t *g = build(w, NULL);
    assert_string_equal(ng_graph_node_column_name(g, 5), "k0");
    assert_string_equal(ng_graph_node_column_name(g, 6), "k1");
    assert_string_equal(ng_graph_node_column_name(g, 7), "k2");
    char *json = capture(ng_export_json, g);
    assert_non_null(strstr(json, "\"id\": \"x\", \"label\": \"Ex\", \"type\": \"person\", "
                                 "\"mentions\": 1, \"documents\": 1, \"windows\": 1, \"k1\": \"a\", "
                                 "\"k2\": \"b\"}"));
    assert_non_null(strstr(json, "\"windows\": 1, \"k0\": \"c\", \"k1\": \"d\"}"));
    free(json);
    ng_graph_free(g);
    world_free(w);

    /* Nodes that disagree (p;q against q;p): first appearance decides. */
    static const char text2[] = "x\tperson\tEx\t\tp=1;q=2\n"
                                "y\tperson\tWhy\t\tq=3;p=4\n";
    w = world_new(text2, 2);
    add_windows(w, ids);
    g = build(w, NULL);
    assert_string_equal(ng_graph_node_column_name(g, 5), "p");
    assert_string_equal(ng_graph_node_column_name(g, 6), "q");
    ng_graph_free(g);
    world_free(w);
}

/* ---- adding and setting columns ------------------------------------------- */

static void test_column_types(void **state)
{
    (void)state;
    world_t *w = standard();
    ng_graph_t *g = build(w, NULL);
    size_t base = ng_graph_node_column_count(g);
    int64_t ci = ng_graph_add_node_column(g, "degree", NG_COLUMN_INT);
    int64_t cf = ng_graph_add_node_column(g, "pagerank", NG_COLUMN_FLOAT);
    int64_t cs = ng_graph_add_node_column(g, "community", NG_COLUMN_STRING);
    assert_int_equal(ci, (int64_t)base);
    assert_int_equal(cf, (int64_t)base + 1);
    assert_int_equal(cs, (int64_t)base + 2);
    assert_int_equal(ng_graph_node_column_count(g), base + 3);
    /* A taken name (built-in or added) is refused. */
    assert_int_equal(ng_graph_add_node_column(g, "degree", NG_COLUMN_FLOAT), -1);
    assert_int_equal(ng_graph_add_node_column(g, "label", NG_COLUMN_STRING), -1);
    assert_int_equal(ng_graph_add_node_column(g, NULL, NG_COLUMN_INT), -1);
    /* The writers' row keys are not column names. */
    assert_int_equal(ng_graph_add_node_column(g, "id", NG_COLUMN_STRING), -1);
    assert_int_equal(ng_graph_add_edge_column(g, "source", NG_COLUMN_STRING), -1);
    assert_int_equal(ng_graph_add_edge_column(g, "target", NG_COLUMN_STRING), -1);
    assert_true(ng_graph_add_edge_column(g, "id", NG_COLUMN_STRING) >= 0);
    assert_int_equal(ng_graph_add_node_column(g, "bad", (ng_column_type)42), -1);
    assert_int_equal(ng_graph_node_column_count(g), base + 3);

    /* New columns start empty. */
    for (size_t v = 0; v < 4; v++) {
        assert_int_equal(ng_graph_node_int(g, (size_t)ci, v), 0);
        assert_true(ng_graph_node_float(g, (size_t)cf, v) == 0.0);
        assert_null(ng_graph_node_string(g, (size_t)cs, v));
    }
    assert_int_equal(ng_graph_set_node_int(g, (size_t)ci, 2, -9000000000LL), NG_OK);
    assert_int_equal(ng_graph_node_int(g, (size_t)ci, 2), -9000000000LL);
    assert_int_equal(ng_graph_set_node_float(g, (size_t)cf, 3, 0.125), NG_OK);
    assert_true(ng_graph_node_float(g, (size_t)cf, 3) == 0.125);

    /* Strings are copied: the caller's buffer may change or go. */
    char *buf = strdup("blue");
    assert_int_equal(ng_graph_set_node_string(g, (size_t)cs, 0, buf), NG_OK);
    buf[0] = 'g';
    free(buf);
    assert_string_equal(ng_graph_node_string(g, (size_t)cs, 0), "blue");
    /* Replacing with itself and with NULL (absent) frees cleanly. */
    assert_int_equal(ng_graph_set_node_string(g, (size_t)cs, 0,
                                              ng_graph_node_string(g, (size_t)cs, 0)), NG_OK);
    assert_string_equal(ng_graph_node_string(g, (size_t)cs, 0), "blue");
    assert_int_equal(ng_graph_set_node_string(g, (size_t)cs, 1, "red"), NG_OK);
    assert_int_equal(ng_graph_set_node_string(g, (size_t)cs, 1, NULL), NG_OK);
    assert_null(ng_graph_node_string(g, (size_t)cs, 1));

    /* Wrong type or out of range: nothing read, nothing written. */
    assert_int_equal(ng_graph_set_node_int(g, (size_t)cf, 0, 5), NG_EUSAGE);
    assert_int_equal(ng_graph_set_node_string(g, (size_t)ci, 0, "x"), NG_EUSAGE);
    assert_int_equal(ng_graph_set_node_float(g, (size_t)cs, 0, 1.0), NG_EUSAGE);
    assert_int_equal(ng_graph_set_node_int(g, (size_t)ci, 4, 5), NG_EUSAGE);
    assert_int_equal(ng_graph_set_node_int(g, 999, 0, 5), NG_EUSAGE);
    assert_int_equal(ng_graph_node_int(g, (size_t)cs, 0), 0);
    assert_null(ng_graph_node_string(g, (size_t)ci, 2));
    assert_true(ng_graph_node_float(g, (size_t)ci, 2) == 0.0);
    assert_null(ng_graph_node_column_name(g, 999));
    assert_int_equal(ng_graph_node_int(g, (size_t)ci, 2), -9000000000LL);

    /* Edge columns work the same way. */
    int64_t ew = ng_graph_add_edge_column(g, "pmi", NG_COLUMN_FLOAT);
    int64_t es = ng_graph_add_edge_column(g, "evidence", NG_COLUMN_STRING);
    int64_t en = ng_graph_add_edge_column(g, "rank", NG_COLUMN_INT);
    assert_int_equal(ew, 3 + 1); /* after weight, documents, count and id */
    assert_int_equal(ng_graph_add_edge_column(g, "weight", NG_COLUMN_INT), -1);
    assert_int_equal(ng_graph_edge_column_find(g, "pmi"), 4);
    assert_int_equal(ng_graph_edge_column_type(g, (size_t)es), NG_COLUMN_STRING);
    assert_int_equal(ng_graph_set_edge_float(g, (size_t)ew, 1, -2.5), NG_OK);
    assert_true(ng_graph_edge_float(g, (size_t)ew, 1) == -2.5);
    assert_int_equal(ng_graph_set_edge_string(g, (size_t)es, 0, "They met."), NG_OK);
    assert_string_equal(ng_graph_edge_string(g, (size_t)es, 0), "They met.");
    assert_null(ng_graph_edge_string(g, (size_t)es, 1));
    assert_int_equal(ng_graph_set_edge_int(g, (size_t)en, 1, 2), NG_OK);
    assert_int_equal(ng_graph_edge_int(g, (size_t)en, 1), 2);
    assert_int_equal(ng_graph_set_edge_int(g, (size_t)en, 2, 2), NG_EUSAGE); /* 2 edges */
    assert_int_equal(ng_graph_set_edge_string(g, (size_t)ew, 0, "x"), NG_EUSAGE);
    /* The shorthand still reads the built-in weight. */
    size_t a, b, wt, docs;
    ng_graph_edge(g, 0, &a, &b, &wt, &docs);
    assert_int_equal(wt, 2);
    assert_int_equal(docs, 1);
    ng_graph_free(g);
    world_free(w);
}

static void test_graph_attributes(void **state)
{
    (void)state;
    world_t *w = standard();
    ng_graph_t *g = build(w, NULL);
    char *buf = strdup("my corpus");
    ng_graph_set_attr_string(g, "title", buf);
    free(buf);
    ng_graph_set_attr_int(g, "sentences", 42);
    ng_graph_set_attr_float(g, "density", 0.5);
    /* Five built-in attributes come first: name, window, documents,
     * windows, weight. */
    assert_int_equal(ng_graph_attr_find(g, "windows"), 3);
    assert_string_equal(ng_graph_attr_string(g, 4), "count");
    assert_int_equal(ng_graph_attr_count(g), 8);
    assert_string_equal(ng_graph_attr_string(g, 5), "my corpus");
    assert_int_equal(ng_graph_attr_int(g, 6), 42);
    assert_true(ng_graph_attr_float(g, 7) == 0.5);
    /* Wrong-type reads give nothing. */
    assert_null(ng_graph_attr_string(g, 6));
    assert_int_equal(ng_graph_attr_int(g, 7), 0);
    assert_true(ng_graph_attr_float(g, 5) == 0.0);
    assert_null(ng_graph_attr_name(g, 8));
    assert_null(ng_graph_attr_string(g, 99));
    assert_int_equal(ng_graph_attr_find(g, "nope"), -1);
    /* Setting again replaces in place, type included; the old string is
     * freed (ASan/valgrind would see a leak). */
    ng_graph_set_attr_int(g, "title", 3);
    assert_int_equal(ng_graph_attr_count(g), 8);
    assert_int_equal(ng_graph_attr_find(g, "title"), 5);
    assert_int_equal(ng_graph_attr_type(g, 5), NG_COLUMN_INT);
    assert_int_equal(ng_graph_attr_int(g, 5), 3);
    ng_graph_set_attr_string(g, "density", "high");
    ng_graph_set_attr_string(g, "density", NULL);
    assert_int_equal(ng_graph_attr_type(g, 7), NG_COLUMN_STRING);
    assert_null(ng_graph_attr_string(g, 7));
    ng_graph_set_attr_string(g, "name", ng_graph_attr_string(g, 0));
    assert_string_equal(ng_graph_attr_string(g, 0), "nergraph");
    ng_graph_free(g);
    world_free(w);
}

/* ---- the exporters write what they were never told about ----------------- */

static void test_exporters_write_new_columns(void **state)
{
    (void)state;
    world_t *w = standard();
    ng_graph_t *g = build(w, NULL);
    size_t ci = (size_t)ng_graph_add_node_column(g, "degree", NG_COLUMN_INT);
    size_t cf = (size_t)ng_graph_add_node_column(g, "score", NG_COLUMN_FLOAT);
    size_t cs = (size_t)ng_graph_add_node_column(g, "group", NG_COLUMN_STRING);
    size_t ef = (size_t)ng_graph_add_edge_column(g, "pmi", NG_COLUMN_FLOAT);
    for (size_t v = 0; v < 4; v++)
        ng_graph_set_node_int(g, ci, v, (int64_t)v * 10);
    ng_graph_set_node_float(g, cf, 0, 0.1);
    ng_graph_set_node_float(g, cf, 1, 1e300 * 1e300); /* infinity */
    ng_graph_set_node_string(g, cs, 2, "g\"2");
    ng_graph_set_edge_float(g, ef, 0, 1.0 / 3.0);
    ng_graph_set_attr_float(g, "density", 2.5);

    char *json = capture(ng_export_json, g);
    /* a-org: every column in order, the absent string left out. */
    assert_non_null(strstr(json, "{\"id\": \"a-org\", \"label\": \"Ay Org\", \"type\": "
                                 "\"organization\", \"mentions\": 2, \"documents\": 1, "
                                 "\"windows\": 2, \"kind\": \"ngo\", \"country\": \"X\", \"degree\": 0, "
                                 "\"score\": 0.1}"));
    /* JSON has no infinity: null. */
    assert_non_null(strstr(json, "\"degree\": 10, \"score\": null}"));
    /* A float column stays float: 0.0, not 0. */
    assert_non_null(strstr(json, "\"degree\": 20, \"score\": 0.0, \"group\": \"g\\\"2\"}"));
    /* Exact floats: 1/3 reads back as the same double. */
    const char *pmi = strstr(json, "\"pmi\": ");
    assert_non_null(pmi);
    assert_true(strtod(pmi + 7, NULL) == 1.0 / 3.0);
    assert_non_null(strstr(json, "\"graph\": {\"name\": \"nergraph\", \"window\": "
                                 "\"sentence\", \"documents\": 1, \"windows\": 4, "
                                 "\"measure\": \"count\", \"density\": 2.5}"));
    free(json);

    char *dot = capture(ng_export_dot, g);
    assert_non_null(strstr(dot, "degree=20"));
    assert_non_null(strstr(dot, "score=0.1"));
    assert_non_null(strstr(dot, "group=\"g\\\"2\""));
    assert_non_null(strstr(dot, "density=2.5"));
    assert_non_null(strstr(dot, "pmi=0.333333333333333"));
    /* "name" names the graph; it is not an attribute. */
    assert_non_null(strstr(dot, "graph nergraph {"));
    assert_null(strstr(dot, "\tname="));
    assert_null(strstr(dot, "[name="));
    assert_null(strstr(dot, " name="));
    free(dot);
    ng_graph_free(g);
    world_free(w);
}

/* A gazetteer attribute that DOT reads as styling wins over the styling by
 * type where the node has it, and only there. */
static void test_dot_styling_columns(void **state)
{
    (void)state;
    static const char text[] = "p1\tperson\tOne\t\tshape=star\n"
                               "p2\tperson\tTwo\n";
    world_t *w = world_new(text, 2);
    static const char *const ids[] = {"p1", "p2", NULL, NULL};
    add_windows(w, ids);
    ng_graph_t *g = build(w, NULL);
    char *dot = capture(ng_export_dot, g);
    const char *p1 = strstr(dot, "p1\t[");
    const char *p2 = strstr(dot, "p2\t[");
    assert_non_null(p1);
    assert_non_null(p2);
    /* p1 (written first) is a star; p2 keeps the person shape, written
     * on the node itself like every attribute. */
    const char *star = strstr(dot, "shape=star");
    assert_true(star && star > p1 && star < p2);
    assert_null(strstr(p2, "shape=star"));
    assert_non_null(strstr(p2, "shape=ellipse"));
    free(dot);
    ng_graph_free(g);
    world_free(w);
}

/* ---- passes --------------------------------------------------------------- */

static void expect_ids(const ng_graph_t *g, const char *const *ids, size_t n)
{
    assert_int_equal(ng_graph_node_count(g), n);
    for (size_t v = 0; v < n; v++)
        assert_string_equal(ng_graph_node_id(g, v), ids[v]);
}

static void test_passes(void **state)
{
    (void)state;
    world_t *w = standard();
    ng_graph_options_t o;

    /* No filter: every mentioned entity. */
    ng_graph_options_init(&o);
    ng_graph_t *g = build(w, &o);
    static const char *const all[] = {"a-org", "b-person", "c-person", "d-country"};
    expect_ids(g, all, 4);
    ng_graph_free(g);

    /* types: a-org goes with its edge; c-person keeps b. */
    static const char *const persons[] = {"person"};
    o.types = persons;
    o.type_count = 1;
    g = build(w, &o);
    static const char *const p[] = {"b-person", "c-person"};
    expect_ids(g, p, 2);
    assert_int_equal(ng_graph_edge_count(g), 1);
    assert_int_equal(ng_graph_edge_int(g, 0, 0), 1);
    ng_graph_free(g);

    /* types before isolates: organization+country keeps a-org and
     * d-country, both without an edge once b-person is gone, so
     * --no-isolates empties the graph. */
    static const char *const oc[] = {"organization", "country"};
    o.types = oc;
    o.type_count = 2;
    o.no_isolates = true;
    g = build(w, &o);
    assert_int_equal(ng_graph_node_count(g), 0);
    assert_int_equal(ng_graph_edge_count(g), 0);
    ng_graph_free(g);

    /* min-weight before isolates: only a-b (weight 2) survives, and with it
     * only its two nodes; the node columns follow the renumbering. */
    ng_graph_options_init(&o);
    o.min_weight = 2;
    g = build(w, &o);
    expect_ids(g, all, 4);
    assert_int_equal(ng_graph_edge_count(g), 1);
    ng_graph_free(g);
    o.no_isolates = true;
    g = build(w, &o);
    static const char *const ab[] = {"a-org", "b-person"};
    expect_ids(g, ab, 2);
    assert_int_equal(ng_graph_edge_count(g), 1);
    assert_string_equal(ng_graph_node_string(g, 0, 1), "Bee");
    assert_int_equal(ng_graph_node_mentions(g, 1), 3);
    assert_int_equal(igraph_vcount(ng_graph_igraph(g)), 2);
    assert_int_equal(igraph_ecount(ng_graph_igraph(g)), 1);
    ng_graph_free(g);

    /* An empty graph still has its columns (exporters write no rows). */
    o.min_weight = 99;
    g = build(w, &o);
    assert_int_equal(ng_graph_node_count(g), 0);
    assert_int_equal(ng_graph_node_column_count(g), 5);
    assert_int_equal(ng_graph_edge_column_count(g), 3);
    ng_graph_free(g);
    world_free(w);
}

/* ---- igraph's handlers are the caller's again after building ------------- */

static void my_error_handler(const char *reason, const char *file, int line,
                             igraph_error_t code)
{
    (void)reason;
    (void)file;
    (void)line;
    (void)code;
    IGRAPH_FINALLY_FREE();
}

static void my_warning_handler(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line;
}

static void test_igraph_handler_restored(void **state)
{
    (void)state;
    igraph_error_handler_t *saved_error = igraph_set_error_handler(my_error_handler);
    igraph_warning_handler_t *saved_warning = igraph_set_warning_handler(my_warning_handler);
    world_t *w = standard();
    ng_graph_t *g = build(w, NULL);
    /* Setting the old ones back returns what was installed: ours. */
    assert_ptr_equal(igraph_set_error_handler(saved_error), my_error_handler);
    assert_ptr_equal(igraph_set_warning_handler(saved_warning), my_warning_handler);
    ng_graph_free(g);
    world_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_columns),
        cmocka_unit_test(test_attribute_column_order),
        cmocka_unit_test(test_column_types),
        cmocka_unit_test(test_graph_attributes),
        cmocka_unit_test(test_exporters_write_new_columns),
        cmocka_unit_test(test_dot_styling_columns),
        cmocka_unit_test(test_passes),
        cmocka_unit_test(test_igraph_handler_restored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
