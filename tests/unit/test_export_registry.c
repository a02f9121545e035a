/*
 * Unit tests for the export registry (lookups by name, by a path's
 * extension, iteration) and the mentions writer (include/ng_export.h).
 * The writer is driven the way a pipeline drives it: through its sink's
 * callbacks, with hand-built documents and sentence windows.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nergraph.h"

/* ---- the registry --------------------------------------------------------- */

static void test_registry_by_name(void **state)
{
    (void)state;
    assert_int_equal(ng_export_format_count(), 10);
    const ng_export_format_t *dot = ng_export_format_find("dot");
    const ng_export_format_t *json = ng_export_format_find("json");
    const ng_export_format_t *mentions = ng_export_format_find("mentions");
    assert_non_null(dot);
    assert_non_null(json);
    assert_non_null(mentions);
    /* The first is the default. */
    assert_ptr_equal(ng_export_format_at(0), dot);
    assert_true(dot->write_graph == ng_export_dot);
    assert_true(json->write_graph == ng_export_json);
    assert_int_equal(dot->kind, NG_EXPORT_GRAPH);
    assert_int_equal(json->kind, NG_EXPORT_GRAPH);
    assert_int_equal(mentions->kind, NG_EXPORT_MENTIONS);
    assert_null(mentions->write_graph);
    assert_false(dot->directory || json->directory || mentions->directory);
    assert_true(ng_export_format_find("graphml")->write_graph == ng_export_graphml);
    assert_true(ng_export_format_find("gml")->write_graph == ng_export_gml);
    assert_true(ng_export_format_find("gexf")->write_graph == ng_export_gexf);
    assert_true(ng_export_format_find("csv")->directory);
    assert_true(ng_export_format_find("csv")->write_dir == ng_export_csv);
    /* The diagrams, rendered in-process. */
    assert_true(ng_export_format_find("svg")->write_graph == ng_export_svg);
    assert_true(ng_export_format_find("png")->write_graph == ng_export_png);
    assert_true(ng_export_format_find("pdf")->write_graph == ng_export_pdf);
    assert_ptr_equal(ng_export_format_for_path("x.SVG"), ng_export_format_find("svg"));
    /* Names are exact. */
    assert_null(ng_export_format_find("DOT"));
    assert_null(ng_export_format_find("xlsx"));
    assert_null(ng_export_format_find(""));
    assert_null(ng_export_format_find(NULL));
}

static void test_registry_iteration(void **state)
{
    (void)state;
    size_t n = ng_export_format_count();
    for (size_t i = 0; i < n; i++) {
        const ng_export_format_t *f = ng_export_format_at(i);
        assert_non_null(f);
        assert_ptr_equal(ng_export_format_find(f->name), f);
        assert_true(f->description && *f->description && !strchr(f->description, '\n'));
        assert_non_null(f->extensions);
        assert_non_null(f->extensions[0]);
        /* A graph format has one writer: to a stream, or to a directory. */
        bool stream = f->write_graph != NULL, dir = f->write_dir != NULL;
        assert_true(f->kind == NG_EXPORT_GRAPH ? stream != dir : !stream && !dir);
        assert_true(dir == f->directory);
        /* Every extension leads back to its format. */
        for (const char *const *e = f->extensions; *e; e++) {
            char path[64];
            snprintf(path, sizeof path, "out/x.%s", *e);
            assert_ptr_equal(ng_export_format_for_path(path), f);
        }
    }
    assert_null(ng_export_format_at(n));
}

static void test_registry_by_extension(void **state)
{
    (void)state;
    const ng_export_format_t *dot = ng_export_format_find("dot");
    const ng_export_format_t *json = ng_export_format_find("json");
    const ng_export_format_t *mentions = ng_export_format_find("mentions");
    assert_ptr_equal(ng_export_format_for_path("graph.dot"), dot);
    assert_ptr_equal(ng_export_format_for_path("graph.gv"), dot);
    assert_ptr_equal(ng_export_format_for_path("/tmp/a.b/graph.json"), json);
    assert_ptr_equal(ng_export_format_for_path("m.jsonl"), mentions);
    assert_ptr_equal(ng_export_format_for_path("m.ndjson"), mentions);
    /* The case of the extension does not matter. */
    assert_ptr_equal(ng_export_format_for_path("GRAPH.JSON"), json);
    assert_ptr_equal(ng_export_format_for_path("g.Gv"), dot);
    assert_ptr_equal(ng_export_format_for_path("m.JsonL"), mentions);
    /* Only the last extension counts. */
    assert_ptr_equal(ng_export_format_for_path("graph.json.dot"), dot);
    assert_null(ng_export_format_for_path("graph.dot.bak"));
    /* Unknown, none, a dot in a directory name, a hidden file, stdout. */
    assert_null(ng_export_format_for_path("graph.txt"));
    assert_null(ng_export_format_for_path("graph"));
    assert_null(ng_export_format_for_path("out.d/graph"));
    assert_null(ng_export_format_for_path(".json"));
    assert_null(ng_export_format_for_path("dir/.dot"));
    assert_null(ng_export_format_for_path("graph."));
    assert_null(ng_export_format_for_path("-"));
    assert_null(ng_export_format_for_path(""));
    assert_null(ng_export_format_for_path(NULL));
}

/* ---- export options: where the DOT writer's warnings go -------------------- */

typedef struct diag_log {
    size_t count;
    char last[512];
} diag_log_t;

static void collect(void *ctx, const char *message)
{
    diag_log_t *log = ctx;
    log->count++;
    snprintf(log->last, sizeof log->last, "%s", message);
}

/* An id DOT cannot hold as is (a backslash before a quote, and brackets
 * that do not balance, so no HTML-like string either) is written lossily
 * with a warning, which goes to the options' callback. */
static void test_dot_warning_to_callback(void **state)
{
    (void)state;
    static const char text[] = "q\\\"<\tperson\tQ\n"
                               "plain\tperson\tPlain\n";
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_buffer(gz, "d.tsv", text, strlen(text), &err), NG_OK);
    ng_window_t sw = {NG_WINDOW_SENTENCE, 0};
    ng_cooc_t *c = ng_cooc_new(2, &sw);
    const uint32_t e[] = {0, 1};
    const size_t k[] = {0, 0};
    ng_cooc_add_document(c, e, k, 2, 1);
    ng_graph_t *g = ng_graph_build(gz, c, NULL, &err);
    assert_non_null(g);

    diag_log_t log = {0};
    ng_export_options_t o;
    ng_export_options_init(&o);
    assert_null(o.diag);
    o.diag = collect;
    o.diag_ctx = &log;
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    assert_non_null(f);
    const ng_export_format_t *dot = ng_export_format_find("dot");
    assert_int_equal(dot->write_graph(f, g, &o, &err), NG_OK);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(log.count, 1);
    assert_non_null(strstr(log.last, "cannot be written in DOT as is"));
    /* The backslash became U+29F5; cgraph escaped the quote. */
    assert_non_null(strstr(data, "\"q\xE2\xA7\xB5\\\"<\""));
    free(data);
    ng_graph_free(g);
    ng_cooc_free(c);
    ng_gazetteer_free(gz);
}

/* ---- the mentions writer -------------------------------------------------- */

static const char gaz[] = "p:ann\tperson\tAnn Lee\n"
                          "c:nor\tcountry\tNorland\n"
                          "o:nor\torganization\tNorland Ltd\n";

static ng_gazetteer_t *load(void)
{
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_buffer(gz, "m.tsv", gaz, strlen(gaz), &err), NG_OK);
    return gz;
}

static uint32_t ent(const ng_gazetteer_t *gz, const char *id)
{
    int64_t e = ng_gazetteer_find(gz, id);
    assert_true(e >= 0);
    return (uint32_t)e;
}

/* One document, two paragraphs, three sentences: [0,20) "Ann Lee met
 * Norland.", [21,30) "She left." (no mention), [32,45) "Norland rose.".
 * "Norland" in the first is ambiguous (country or company). */
static const char text[] = "Ann Lee met Norland. She left.\n\nNorland rose.";

/* Feed the document's sentences to the writer's sink, as a pipeline
 * would; returns the first non-OK status. */
static int feed(ng_mentions_writer_t *w, const ng_gazetteer_t *gz, ng_error_t *err)
{
    ng_sink_t s = ng_mentions_writer_sink(w);
    assert_int_equal(s.windows, NG_SINK_WANTS(NG_WINDOW_SENTENCE));
    ng_document_t doc = {"news/a.txt", text, strlen(text), 0};
    const char *s1 = text, *s2 = strstr(text, "She"), *s3 = strstr(text, "\n\n") + 2;
    size_t ann = 0, nor1 = (size_t)(strstr(text, "Norland") - text);
    size_t nor2 = (size_t)(s3 - text);
    uint32_t cands[] = {ent(gz, "c:nor"), ent(gz, "o:nor")};
    ng_mention_t m1[] = {{ann, ann + 7, ent(gz, "p:ann"), false, NULL, 0, false},
                         {nor1, nor1 + 7, ent(gz, "c:nor"), true, cands, 2, false}};
    ng_mention_t m3[] = {{nor2, nor2 + 7, ent(gz, "o:nor"), false, NULL, 0, false}};
    ng_window_event_t ev[] = {
        {NG_WINDOW_SENTENCE, 0, 0, (size_t)(s2 - 1 - s1), 0, m1, 2, NULL},
        {NG_WINDOW_SENTENCE, 1, (size_t)(s2 - text), (size_t)(s3 - 2 - text), 0, NULL, 0, NULL},
        {NG_WINDOW_SENTENCE, 2, (size_t)(s3 - text), strlen(text), 1, m3, 1, NULL},
    };
    int st = s.begin_document ? s.begin_document(s.ctx, &doc, err) : NG_OK;
    for (size_t i = 0; i < 3 && st == NG_OK; i++)
        st = s.window(s.ctx, &doc, &ev[i], err);
    if (st == NG_OK && s.end_document)
        st = s.end_document(s.ctx, &doc, err);
    return st;
}

static char *run_writer(const ng_gazetteer_t *gz, const char *const *types, size_t n)
{
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    assert_non_null(f);
    ng_mentions_writer_t *w = ng_mentions_writer_new(f, gz, types, n);
    ng_error_t err = {0};
    assert_int_equal(feed(w, gz, &err), NG_OK);
    ng_mentions_writer_free(w);
    assert_int_equal(fclose(f), 0);
    return data;
}

static void test_mentions_fields(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = load();
    char *out = run_writer(gz, NULL, 0);
    static const char want[] =
        "{\"doc\": \"news/a.txt\", \"sentence\": 0, \"paragraph\": 0, \"start\": 0, "
        "\"end\": 7, \"text\": \"Ann Lee\", \"id\": \"p:ann\", \"type\": \"person\", "
        "\"sentence_start\": 0, \"sentence_end\": 20}\n"
        "{\"doc\": \"news/a.txt\", \"sentence\": 0, \"paragraph\": 0, \"start\": 12, "
        "\"end\": 19, \"text\": \"Norland\", \"id\": \"c:nor\", \"type\": \"country\", "
        "\"sentence_start\": 0, \"sentence_end\": 20, \"candidates\": [\"c:nor\", \"o:nor\"]}\n"
        "{\"doc\": \"news/a.txt\", \"sentence\": 2, \"paragraph\": 1, \"start\": 32, "
        "\"end\": 39, \"text\": \"Norland\", \"id\": \"o:nor\", \"type\": \"organization\", "
        "\"sentence_start\": 32, \"sentence_end\": 45}\n";
    assert_string_equal(out, want);
    /* The ranges really are the sentences. */
    assert_memory_equal(text + 0, "Ann Lee met Norland.", 20);
    assert_memory_equal(text + 32, "Norland rose.", 13);
    free(out);
    ng_gazetteer_free(gz);
}

static void test_mentions_types_filter(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = load();
    static const char *const people_orgs[] = {"person", "organization"};
    char *out = run_writer(gz, people_orgs, 2);
    assert_non_null(strstr(out, "\"id\": \"p:ann\""));
    assert_non_null(strstr(out, "\"id\": \"o:nor\""));
    /* The country mention is not written, though "o:nor" is among its
     * candidates. */
    assert_null(strstr(out, "\"id\": \"c:nor\""));
    assert_null(strstr(out, "candidates"));
    free(out);

    static const char *const none[] = {"planet"};
    out = run_writer(gz, none, 1);
    assert_string_equal(out, "");
    free(out);
    ng_gazetteer_free(gz);
}

static void expect_write_failure(FILE *f, const ng_gazetteer_t *gz)
{
    ng_mentions_writer_t *w = ng_mentions_writer_new(f, gz, NULL, 0);
    ng_error_t err = {0};
    assert_int_equal(feed(w, gz, &err), NG_EIO);
    assert_int_equal(err.status, NG_EIO);
    if (strncmp(err.message, "cannot write mentions: ", 23) != 0)
        fail_msg("message: '%s'", err.message);
    ng_mentions_writer_free(w);
}

static void test_mentions_write_failure(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = load();
    /* A full device: the records reach it when the document ends. */
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        ng_mentions_writer_t *w = ng_mentions_writer_new(full, gz, NULL, 0);
        ng_error_t err = {0};
        assert_int_equal(feed(w, gz, &err), NG_EIO);
        assert_string_equal(err.message, "cannot write mentions: No space left on device");
        ng_mentions_writer_free(w);
        fclose(full);
    }
    /* A memory buffer too small for the first record. */
    char small[16];
    FILE *f = fmemopen(small, sizeof small, "w");
    assert_non_null(f);
    setvbuf(f, NULL, _IONBF, 0);
    expect_write_failure(f, gz);
    fclose(f);
    /* A stream opened for reading only. */
    f = fopen("/dev/null", "r");
    assert_non_null(f);
    expect_write_failure(f, gz);
    fclose(f);
    ng_gazetteer_free(gz);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry_by_name),
        cmocka_unit_test(test_registry_iteration),
        cmocka_unit_test(test_registry_by_extension),
        cmocka_unit_test(test_dot_warning_to_callback),
        cmocka_unit_test(test_mentions_fields),
        cmocka_unit_test(test_mentions_types_filter),
        cmocka_unit_test(test_mentions_write_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
