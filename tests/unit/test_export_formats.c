/*
 * Unit tests for the GraphML, GML, GEXF, CSV and JSON writers: exact
 * escapes and number spellings, on a graph whose columns hold what a
 * gazetteer cannot (control characters, bytes that are not UTF-8, U+FFFE,
 * NaN and infinities) and whose column names clash with each format's own
 * names.  The Python clients (networkx, igraph, csv) read the files in
 * tests/cli/interop_formats.sh; here the bytes themselves are checked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "nergraph.h"

/* A string no gazetteer can hold: a C0 control, tab, LF, CR, the five XML
 * specials, a byte that is not UTF-8 and U+FFFE (not an XML character). */
static const char hostile[] = "x\x01y\tz\nw\r<&>\"'\xFF\xEF\xBF\xBE";

typedef struct world {
    ng_gazetteer_t *gz;
    ng_cooc_t *c;
    ng_graph_t *g;
} world_t;

/*
 * Nodes (sorted by id): "a&<\"'>" (0), "b" (1), Cyrillic "\xD0\x9A" (2).
 * Windows {0, 1} twice and {1, 2} once.  Extra columns: node string "bad"
 * (hostile on node 0), float "score" (1e20, NaN, -inf), int "ID", string
 * "my-key" and "name"; edge float "f" (2.0, +inf).
 */
static int setup(void **state)
{
    static const char gaz[] = "a&<\"'>\tperson\tAlpha\n"
                              "b\tperson\tBeta\n"
                              "\xD0\x9A\tcountry\t\xD0\x9A\xD0\xB8\n";
    world_t *w = calloc(1, sizeof *w);
    ng_error_t err = {0};
    w->gz = ng_gazetteer_new();
    assert_int_equal(ng_gazetteer_load_buffer(w->gz, "t.tsv", gaz, strlen(gaz), &err), NG_OK);
    uint32_t a = (uint32_t)ng_gazetteer_find(w->gz, "a&<\"'>");
    uint32_t b = (uint32_t)ng_gazetteer_find(w->gz, "b");
    uint32_t k = (uint32_t)ng_gazetteer_find(w->gz, "\xD0\x9A");
    ng_window_t sentence = {NG_WINDOW_SENTENCE, 0};
    w->c = ng_cooc_new(ng_gazetteer_entity_count(w->gz), &sentence);
    uint32_t e[] = {a, b, a, b, b, k};
    size_t keys[] = {0, 0, 1, 1, 2, 2};
    ng_cooc_add_document(w->c, e, keys, 6, 0);
    w->g = ng_graph_build(w->gz, w->c, NULL, &err);
    assert_non_null(w->g);
    assert_int_equal(ng_graph_node_count(w->g), 3);
    assert_int_equal(ng_graph_edge_count(w->g), 2);
    ng_graph_t *g = w->g;
    int64_t bad = ng_graph_add_node_column(g, "bad", NG_COLUMN_STRING);
    int64_t score = ng_graph_add_node_column(g, "score", NG_COLUMN_FLOAT);
    int64_t id = ng_graph_add_node_column(g, "ID", NG_COLUMN_INT);
    int64_t myk = ng_graph_add_node_column(g, "my-key", NG_COLUMN_STRING);
    int64_t name = ng_graph_add_node_column(g, "name", NG_COLUMN_STRING);
    int64_t f = ng_graph_add_edge_column(g, "f", NG_COLUMN_FLOAT);
    assert_true(bad >= 0 && score >= 0 && id >= 0 && myk >= 0 && name >= 0 && f >= 0);
    ng_graph_set_node_string(g, (size_t)bad, 0, hostile);
    ng_graph_set_node_float(g, (size_t)score, 0, 1e20);
    ng_graph_set_node_float(g, (size_t)score, 1, 0.0 / 0.0);
    ng_graph_set_node_float(g, (size_t)score, 2, -1.0 / 0.0);
    ng_graph_set_node_int(g, (size_t)id, 1, -7);
    ng_graph_set_node_string(g, (size_t)myk, 1, "v");
    ng_graph_set_node_string(g, (size_t)name, 1, "n");
    ng_graph_set_edge_float(g, (size_t)f, 0, 2.0);
    ng_graph_set_edge_float(g, (size_t)f, 1, 1.0 / 0.0);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world_t *w = *state;
    ng_graph_free(w->g);
    ng_cooc_free(w->c);
    ng_gazetteer_free(w->gz);
    free(w);
    return 0;
}

/* The output of writer on the world's graph; caller frees. */
static char *render(void **state, ng_graph_writer_fn writer)
{
    world_t *w = *state;
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    ng_error_t err = {0};
    assert_int_equal(writer(f, w->g, NULL, &err), NG_OK);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(strlen(data), len); /* no NUL written */
    return data;
}

static void expect_in(const char *out, const char *want)
{
    if (!strstr(out, want)) {
        print_error("missing: %s\n---- output:\n%s\n", want, out);
        fail();
    }
}

static void expect_not_in(const char *out, const char *unwanted)
{
    if (strstr(out, unwanted)) {
        print_error("unexpected: %s\n---- output:\n%s\n", unwanted, out);
        fail();
    }
}

/* XML output may hold no control character but the line feeds between
 * elements, and only valid UTF-8 (0xFF never appears in UTF-8). */
static void expect_clean_xml(const char *out)
{
    for (const unsigned char *p = (const unsigned char *)out; *p; p++)
        if ((*p < 0x20 && *p != '\n') || *p == 0xFF) {
            print_error("byte 0x%02x at %td\n", *p, (const char *)p - out);
            fail();
        }
    expect_not_in(out, "\xEF\xBF\xBE");
}

#define REPLACEMENT "\xEF\xBF\xBD"
static const char xml_hostile[] = "x" REPLACEMENT "y&#9;z&#10;w&#13;&lt;&amp;&gt;&quot;&apos;"
                                  REPLACEMENT REPLACEMENT;

static void test_graphml(void **state)
{
    char *out = render(state, ng_export_graphml);
    expect_clean_xml(out);
    expect_in(out, "<key id=\"g0\" for=\"graph\" attr.name=\"name\" attr.type=\"string\"/>");
    expect_in(out, "<key id=\"g2\" for=\"graph\" attr.name=\"documents\" attr.type=\"long\"/>");
    expect_in(out, "attr.name=\"mentions\" attr.type=\"long\"/>");
    expect_in(out, "attr.name=\"score\" attr.type=\"double\"/>");
    expect_in(out, "attr.name=\"my-key\" attr.type=\"string\"/>");
    expect_in(out, "<node id=\"a&amp;&lt;&quot;&apos;&gt;\">");
    expect_in(out, "<node id=\"\xD0\x9A\">");
    expect_in(out, xml_hostile);
    expect_in(out, ">1e+20</data>");
    expect_in(out, ">NaN</data>");
    expect_in(out, ">-INF</data>");
    expect_in(out, ">INF</data>");
    expect_in(out, "<edge source=\"a&amp;&lt;&quot;&apos;&gt;\" target=\"b\">");
    expect_in(out, "<graph id=\"G\" edgedefault=\"undirected\">");
    free(out);
}

static void test_gexf(void **state)
{
    char *out = render(state, ng_export_gexf);
    expect_clean_xml(out);
    expect_in(out, "<gexf xmlns=\"http://www.gexf.net/1.2draft\"");
    expect_in(out, "<graph mode=\"static\" defaultedgetype=\"undirected\">");
    expect_in(out, "<description>name=nergraph; window=sentence; documents=1; windows=3; "
                   "measure=count</description>");
    /* label and weight are GEXF's own attributes, not declared ones */
    expect_in(out, "<node id=\"a&amp;&lt;&quot;&apos;&gt;\" label=\"Alpha\">");
    expect_not_in(out, "title=\"label\"");
    expect_not_in(out, "title=\"weight\"");
    expect_in(out, "title=\"mentions\" type=\"long\"/>");
    expect_in(out, "title=\"score\" type=\"double\"/>");
    expect_in(out, xml_hostile);
    expect_in(out, "<edge id=\"0\" source=\"a&amp;&lt;&quot;&apos;&gt;\" target=\"b\" weight=\"2\">");
    expect_in(out, "value=\"NaN\"/>");
    expect_in(out, "value=\"INF\"/>");
    free(out);
}

static void test_gml(void **state)
{
    char *out = render(state, ng_export_gml);
    for (const unsigned char *p = (const unsigned char *)out; *p; p++)
        if (*p >= 0x80 || (*p < 0x20 && *p != '\n')) {
            print_error("byte 0x%02x at %td is not printable ASCII\n", *p,
                        (const char *)p - out);
            fail();
        }
    expect_in(out, "graph [\n  directed 0\n  name \"nergraph\"\n");
    expect_in(out, "    id 0\n    label \"a&#38;<&quot;'>\"\n    name \"Alpha\"\n");
    expect_in(out, "    label \"&#1050;\"\n    name \"&#1050;&#1080;\"\n");
    expect_in(out, "bad \"x&#1;y&#9;z&#10;w&#13;<&#38;>&quot;'&#65533;&#65534;\"\n");
    /* reals always look like reals; integers stay integers */
    expect_in(out, "score 1.0e+20\n");
    expect_in(out, "score NAN\n");
    expect_in(out, "score -INF\n");
    expect_in(out, "    f 2.0\n");
    expect_in(out, "    f INF\n");
    expect_in(out, "    ID -7\n");
    expect_in(out, "    weight 2\n");
    /* keys: "my-key" is not one; "name" is taken by the display name */
    expect_in(out, "    my_2Dkey \"v\"\n");
    expect_in(out, "    name_2 \"n\"\n");
    expect_in(out, "  edge [\n    source 0\n    target 1\n    weight 2\n    documents 1\n");
    free(out);
}

static void test_csv(void **state)
{
    char *nodes = render(state, ng_export_csv_nodes);
    char *edges = render(state, ng_export_csv_edges);
    /* Gephi matches "ID" to its own Id: renamed */
    expect_in(nodes, "Id,Label,Type,mentions,documents,windows,bad,score,ID_2,my-key,name\r\n");
    expect_in(nodes, "\"a&<\"\"'>\",Alpha,person,2,1,2,\"x\x01y\tz\nw\r<&>\"\"'" REPLACEMENT
                     "\xEF\xBF\xBE\",1e+20,0,,\r\n");
    expect_in(nodes, "\r\nb,Beta,person,3,1,3,,NaN,-7,v,n\r\n");
    expect_in(nodes, ",-Infinity,0,,\r\n");
    expect_in(edges, "Source,Target,Type,Weight,documents,count,f\r\n");
    expect_in(edges, "\"a&<\"\"'>\",b,Undirected,2,1,2,2.0\r\n");
    expect_in(edges, "b,\xD0\x9A,Undirected,1,1,1,Infinity\r\n");
    free(nodes);
    free(edges);
}

static void test_json_links_and_edges(void **state)
{
    char *out = render(state, ng_export_json);
    const char *links = strstr(out, "\"links\": [");
    const char *edges = strstr(out, "\"edges\": [");
    assert_non_null(links);
    assert_non_null(edges);
    /* the same list under both names */
    const char *l = links + strlen("\"links\": ["), *e = edges + strlen("\"edges\": [");
    const char *lend = strchr(l, ']'), *eend = strchr(e, ']');
    assert_int_equal(lend - l, eend - e);
    assert_memory_equal(l, e, (size_t)(lend - l));
    expect_in(out, "\"score\": null");
    expect_in(out, "\"score\": 1e+20");
    expect_in(out, "\"f\": 2.0}"); /* a float column stays float */
    free(out);
}

static void test_csv_directory(void **state)
{
    world_t *w = *state;
    char dir[] = "/tmp/nergraph-csv.XXXXXX";
    assert_non_null(mkdtemp(dir));
    ng_error_t err = {0};
    assert_int_equal(ng_export_csv(dir, w->g, NULL, &err), NG_OK);
    char path[64];
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, i ? "edges.csv" : "nodes.csv");
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        char head[8] = "";
        assert_true(fread(head, 1, 6, f) == 6);
        assert_string_equal(head, i ? "Source" : "Id,Lab");
        fclose(f);
        unlink(path);
    }
    assert_int_equal(rmdir(dir), 0);
    /* a directory that is not there: an I/O error naming the file */
    assert_int_equal(ng_export_csv(dir, w->g, NULL, &err), NG_EIO);
    assert_non_null(strstr(err.message, "nodes.csv"));
}

static void test_registry(void **state)
{
    (void)state;
    const ng_export_format_t *csv = ng_export_format_find("csv");
    assert_non_null(csv);
    assert_true(csv->directory);
    assert_ptr_equal(csv->write_dir, ng_export_csv);
    assert_null(csv->write_graph);
    assert_ptr_equal(ng_export_format_for_path("g.GraphML"), ng_export_format_find("graphml"));
    assert_ptr_equal(ng_export_format_for_path("d/g.gml"), ng_export_format_find("gml"));
    assert_ptr_equal(ng_export_format_for_path("g.gexf"), ng_export_format_find("gexf"));
    for (size_t i = 0; i < ng_export_format_count(); i++) {
        const ng_export_format_t *f = ng_export_format_at(i);
        /* exactly one writer, of the kind the flag says */
        if (f->kind == NG_EXPORT_GRAPH)
            assert_true(f->directory ? f->write_dir && !f->write_graph
                                     : f->write_graph && !f->write_dir);
    }
}

/* "--write DIR": write the test graph in every graph format into DIR
 * (g.graphml, g.gml, g.gexf, g.json, nodes.csv, edges.csv), for the
 * Python clients in tests/cli/interop_formats.sh to read back. */
static int write_all(const char *dir)
{
    void *state;
    setup(&state);
    world_t *w = state;
    static const char *const names[] = {"graphml", "gml", "gexf", "json", "csv"};
    int st = 0;
    for (size_t i = 0; i < sizeof names / sizeof *names && !st; i++) {
        const ng_export_format_t *f = ng_export_format_find(names[i]);
        ng_error_t err = {0};
        if (f->directory) {
            st = f->write_dir(dir, w->g, NULL, &err);
        } else {
            char path[4096];
            snprintf(path, sizeof path, "%s/g.%s", dir, f->name);
            FILE *out = fopen(path, "wb");
            st = !out || f->write_graph(out, w->g, NULL, &err) || fclose(out);
        }
    }
    teardown(&state);
    return st ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--write") == 0)
        return write_all(argv[2]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_graphml, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gexf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gml, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_links_and_edges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_directory, setup, teardown),
        cmocka_unit_test(test_registry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
