/*
 * The pipeline as a hub: which window events sinks receive, in what order,
 * with which byte ranges and mentions; how a sink stops a run; and the
 * counter sink's window counts and merge.
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

static const char gaz_text[] =
    "alice\tperson\tAlice Smith\n"
    "bob\tperson\tBob Jones\n"
    "fr\tcountry\tFrance\n";

typedef struct fixture {
    ng_gazetteer_t *gz;
    ng_tagger_t *tagger;
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    ng_error_t err = {0};
    f->gz = ng_gazetteer_new();
    if (ng_gazetteer_load_buffer(f->gz, "t.tsv", gaz_text, strlen(gaz_text), &err))
        return -1;
    f->tagger = ng_tagger_new(f->gz, NULL, &err);
    *state = f;
    return f->tagger ? 0 : -1;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    ng_tagger_free(f->tagger);
    ng_gazetteer_free(f->gz);
    free(f);
    return 0;
}

static ng_pipeline_t *new_pipeline(const fixture_t *f, const char *window)
{
    ng_window_t w;
    assert_int_equal(ng_window_parse(window, &w, NULL), NG_OK);
    return ng_pipeline_new(f->tagger, &w);
}

/* ---- a sink that writes every event as one line ------------------------- */

typedef struct recorder {
    const ng_gazetteer_t *gz;
    char log[4096];
    size_t len;
    int stop_at;      /* stop with NG_EIO at this event (1-based); 0 = never */
    int events;
} recorder_t;

static int note(recorder_t *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(r->log + r->len, sizeof r->log - r->len, fmt, ap);
    va_end(ap);
    assert_true(n > 0 && (size_t)n < sizeof r->log - r->len);
    r->len += (size_t)n;
    return ++r->events == r->stop_at ? NG_EIO : NG_OK;
}

static int rec_begin(void *ctx, const ng_document_t *doc, ng_error_t *err)
{
    (void)err;
    return note(ctx, "begin %s #%zu\n", doc->name, doc->index);
}

static int rec_end(void *ctx, const ng_document_t *doc, ng_error_t *err)
{
    (void)err;
    return note(ctx, "end %s\n", doc->name);
}

static int rec_window(void *ctx, const ng_document_t *doc, const ng_window_event_t *w,
                      ng_error_t *err)
{
    recorder_t *r = ctx;
    static const char kinds[] = "SPDT";
    char ids[256] = "";
    for (size_t i = 0; i < w->mention_count; i++) {
        strcat(ids, i ? "," : "");
        strcat(ids, ng_gazetteer_entity_id(r->gz, w->mentions[i].entity));
        if (w->tokens) {
            char t[16];
            snprintf(t, sizeof t, "@%zu", w->tokens[i]);
            strcat(ids, t);
        }
    }
    int st = note(r, "%c%zu p%zu \"%.*s\" [%s]\n", kinds[w->kind], w->index, w->paragraph,
                  (int)(w->end - w->start), doc->text + w->start, ids);
    if (st)
        snprintf(err->message, sizeof err->message, "recorder: disk full");
    return st;
}

static ng_sink_t recorder_sink(recorder_t *r, unsigned windows)
{
    return (ng_sink_t){.ctx = r, .windows = windows, .begin_document = rec_begin,
                       .window = rec_window, .end_document = rec_end};
}

#define ALL_WINDOWS (NG_SINK_WANTS(NG_WINDOW_SENTENCE) | NG_SINK_WANTS(NG_WINDOW_PARAGRAPH) | \
                     NG_SINK_WANTS(NG_WINDOW_DOCUMENT))

static const char story[] =
    "Alice Smith met Bob Jones.  It rained. France agreed.\n"
    "\n"
    "Bob Jones left.\n";

/* ---- tests ---------------------------------------------------------------- */

static void test_event_order_and_ranges(void **state)
{
    fixture_t *f = *state;
    ng_pipeline_t *p = new_pipeline(f, "sentence");
    recorder_t r = {.gz = f->gz};
    ng_sink_t s = recorder_sink(&r, ALL_WINDOWS);
    ng_pipeline_add_sink(p, &s);
    ng_error_t err = {0};
    assert_int_equal(ng_pipeline_add_document(p, "a.txt", story, strlen(story), &err), NG_OK);
    /* Every sentence, with or without names; each paragraph after its
     * last sentence; the document last; trailing white space trimmed. */
    assert_string_equal(r.log,
        "begin a.txt #0\n"
        "S0 p0 \"Alice Smith met Bob Jones.\" [alice,bob]\n"
        "S1 p0 \"It rained.\" []\n"
        "S2 p0 \"France agreed.\" [fr]\n"
        "P0 p0 \"Alice Smith met Bob Jones.  It rained. France agreed.\" [alice,bob,fr]\n"
        "S3 p1 \"Bob Jones left.\" [bob]\n"
        "P1 p1 \"Bob Jones left.\" [bob]\n"
        "D0 p0 \"Alice Smith met Bob Jones.  It rained. France agreed.\n\nBob Jones left.\" "
        "[alice,bob,fr,bob]\n"
        "end a.txt\n");
    ng_pipeline_free(p);
}

/* A sink sees only the window kinds it asked for. */
static void test_sink_mask(void **state)
{
    fixture_t *f = *state;
    ng_pipeline_t *p = new_pipeline(f, "sentence");
    recorder_t r = {.gz = f->gz};
    ng_sink_t s = recorder_sink(&r, NG_SINK_WANTS(NG_WINDOW_PARAGRAPH));
    s.begin_document = s.end_document = NULL;
    ng_pipeline_add_sink(p, &s);
    assert_int_equal(ng_pipeline_add_document(p, "a.txt", story, strlen(story), NULL), NG_OK);
    assert_string_equal(r.log,
        "P0 p0 \"Alice Smith met Bob Jones.  It rained. France agreed.\" [alice,bob,fr]\n"
        "P1 p1 \"Bob Jones left.\" [bob]\n");
    ng_pipeline_free(p);
}

/* A sink's own status and message stop the run; later sinks and events
 * are not reached. */
static void test_sink_stops_run(void **state)
{
    fixture_t *f = *state;
    ng_pipeline_t *p = new_pipeline(f, "sentence");
    recorder_t first = {.gz = f->gz, .stop_at = 3}, second = {.gz = f->gz};
    ng_sink_t s1 = recorder_sink(&first, ALL_WINDOWS), s2 = recorder_sink(&second, ALL_WINDOWS);
    ng_pipeline_add_sink(p, &s1);
    ng_pipeline_add_sink(p, &s2);
    ng_error_t err = {0};
    assert_int_equal(ng_pipeline_add_document(p, "a.txt", story, strlen(story), &err), NG_EIO);
    assert_string_equal(err.message, "recorder: disk full");
    assert_int_equal(err.status, NG_EIO);
    assert_int_equal(first.events, 3);
    assert_int_equal(second.events, 2); /* begin and S0, not S1 */
    ng_pipeline_free(p);
}

/* A sink that stops without a message still gives the caller one. */
static int mute_stop(void *ctx, const ng_document_t *doc, ng_error_t *err)
{
    (void)ctx;
    (void)doc;
    (void)err;
    return NG_EDATA;
}

static void test_sink_stops_without_message(void **state)
{
    fixture_t *f = *state;
    ng_pipeline_t *p = new_pipeline(f, "sentence");
    ng_sink_t s = {.begin_document = mute_stop};
    ng_pipeline_add_sink(p, &s);
    ng_error_t err = {0};
    assert_int_equal(ng_pipeline_add_document(p, "x.txt", "France.", 7, &err), NG_EDATA);
    assert_non_null(strstr(err.message, "x.txt"));
    ng_pipeline_free(p);
}

/* Diagnostics go to the pipeline's callback, not to stderr. */
static void collect(void *ctx, const char *message)
{
    char *buf = ctx;
    strncat(buf, message, 255 - strlen(buf));
    strncat(buf, "|", 255 - strlen(buf));
}

static void test_diagnostics_callback(void **state)
{
    fixture_t *f = *state;
    ng_pipeline_t *p = new_pipeline(f, "sentence");
    char got[256] = "";
    ng_pipeline_set_diagnostics(p, collect, got);
    assert_int_equal(ng_pipeline_add_document(p, "e.txt", "  \n", 3, NULL), NG_OK);
    assert_int_equal(ng_pipeline_add_document(p, "u.txt", "France \xFF.", 9, NULL), NG_OK);
    assert_string_equal(got, "e.txt: empty document (no text)|u.txt: invalid UTF-8 at byte 7; "
                        "invalid bytes are read as separators (convert the file to UTF-8, "
                        "e.g. with iconv)|");
    ng_pipeline_free(p);
}

/* Binary documents give no events and are not counted. */
static void test_binary_document_skipped(void **state)
{
    fixture_t *f = *state;
    ng_pipeline_t *p = new_pipeline(f, "sentence");
    recorder_t r = {.gz = f->gz};
    ng_sink_t s = recorder_sink(&r, ALL_WINDOWS);
    ng_pipeline_add_sink(p, &s);
    char got[256] = "";
    ng_pipeline_set_diagnostics(p, collect, got);
    static const char bin[] = "France\0\0\0\0\0\0Bob\0\0\0\0\0Jones";
    assert_true(ng_document_is_binary(bin, sizeof bin - 1));
    ng_error_t err = {0};
    assert_int_equal(ng_pipeline_add_document(p, "b.bin", bin, sizeof bin - 1, &err), NG_OK);
    assert_non_null(strstr(got, "b.bin: looks like a binary file (11 of its first 25 bytes are "
                            "NUL or control bytes, 0 invalid UTF-8); skipped"));
    assert_int_equal(r.events, 0);
    assert_int_equal(ng_pipeline_document_count(p), 0);
    assert_int_equal(ng_cooc_document_count(ng_pipeline_cooc(p)), 0);
    ng_pipeline_free(p);
}

/* A few stray NUL bytes in text (a scraped page): read, each NUL a
 * separator, one warning with their number and the first offset; UTF-16
 * with a byte order mark is skipped. */
static void test_stray_nul_is_text(void **state)
{
    fixture_t *f = *state;
    ng_pipeline_t *p = new_pipeline(f, "document");
    char got[512] = "";
    ng_pipeline_set_diagnostics(p, collect, got);
    static const char text[] = "Alice Smith flew to France.\0 Bob Jones met her there.\0";
    assert_false(ng_document_is_binary(text, sizeof text - 1));
    assert_int_equal(ng_pipeline_add_document(p, "n.txt", text, sizeof text - 1, NULL), NG_OK);
    assert_string_equal(got, "n.txt: 2 NUL bytes (the first at offset 27) read as separators|");
    assert_int_equal(ng_pipeline_document_count(p), 1);
    assert_int_equal(ng_cooc_edge_count(ng_pipeline_cooc(p)), 3); /* Alice, France, Bob */
    static const char utf16[] = "\xFF\xFE" "F\0r\0a\0n\0c\0e\0";
    assert_true(ng_document_is_binary(utf16, sizeof utf16 - 1));
    ng_pipeline_free(p);
}

/* tokens:N: the document window carries each mention's token index. */
static void test_token_indexes(void **state)
{
    fixture_t *f = *state;
    ng_pipeline_t *p = new_pipeline(f, "tokens:3");
    recorder_t r = {.gz = f->gz};
    ng_sink_t s = recorder_sink(&r, NG_SINK_WANTS(NG_WINDOW_DOCUMENT));
    s.begin_document = s.end_document = NULL;
    ng_pipeline_add_sink(p, &s);
    static const char text[] = "Alice Smith and then France, one two three Bob Jones";
    assert_int_equal(ng_pipeline_add_document(p, "t.txt", text, strlen(text), NULL), NG_OK);
    assert_non_null(strstr(r.log, "[alice@0,fr@4,bob@8]"));
    /* Alice-France 4 tokens apart: no; France-Bob 4: no; so no edge. */
    const ng_cooc_t *c = ng_pipeline_cooc(p);
    assert_int_equal(ng_cooc_edge_count(c), 0);
    assert_int_equal(ng_cooc_window_count(c), 3); /* one per mention */
    ng_pipeline_free(p);
}

/* The counter counts every window read, and per entity the windows it
 * occurs in. */
static void test_window_counts(void **state)
{
    fixture_t *f = *state;
    const char *windows[] = {"sentence", "paragraph", "document"};
    const size_t total[] = {4, 2, 1};
    const size_t bob[] = {2, 2, 1};
    for (size_t i = 0; i < 3; i++) {
        ng_pipeline_t *p = new_pipeline(f, windows[i]);
        assert_int_equal(ng_pipeline_add_document(p, "a.txt", story, strlen(story), NULL), NG_OK);
        const ng_cooc_t *c = ng_pipeline_cooc(p);
        uint32_t b = (uint32_t)ng_gazetteer_find(f->gz, "bob");
        assert_int_equal(ng_cooc_window_count(c), total[i]);
        assert_int_equal(ng_cooc_windows(c, b), bob[i]);
        assert_int_equal(ng_cooc_mentions(c, b), 2);
        assert_int_equal(ng_cooc_document_count(c), 1);
        ng_pipeline_free(p);
    }
}

/* ---- merge ------------------------------------------------------------ */

static const char *docs[] = {
    "Alice Smith met Bob Jones. France agreed.",
    "France and Alice Smith. Bob Jones and Alice Smith.\n\nFrance.",
    "Nothing here. Bob Jones, France, Alice Smith.",
};

static size_t edge_weight(const ng_cooc_t *c, uint32_t a, uint32_t b, size_t *docs_out)
{
    for (size_t i = 0; i < ng_cooc_edge_count(c); i++) {
        uint32_t x, y;
        size_t w, d;
        ng_cooc_edge(c, i, &x, &y, &w, &d);
        if (x == a && y == b) {
            *docs_out = d;
            return w;
        }
    }
    *docs_out = 0;
    return 0;
}

static void expect_same_counts(const ng_cooc_t *a, const ng_cooc_t *b)
{
    assert_int_equal(ng_cooc_document_count(a), ng_cooc_document_count(b));
    assert_int_equal(ng_cooc_window_count(a), ng_cooc_window_count(b));
    assert_int_equal(ng_cooc_edge_count(a), ng_cooc_edge_count(b));
    uint32_t n = (uint32_t)ng_cooc_entity_count(a);
    for (uint32_t e = 0; e < n; e++) {
        assert_int_equal(ng_cooc_mentions(a, e), ng_cooc_mentions(b, e));
        assert_int_equal(ng_cooc_documents(a, e), ng_cooc_documents(b, e));
        assert_int_equal(ng_cooc_windows(a, e), ng_cooc_windows(b, e));
        for (uint32_t g = e + 1; g < n; g++) {
            size_t da, db;
            assert_int_equal(edge_weight(a, e, g, &da), edge_weight(b, e, g, &db));
            assert_int_equal(da, db);
        }
    }
}

static ng_cooc_t *count_docs(const fixture_t *f, const ng_window_t *w, const size_t *which,
                             size_t n)
{
    ng_pipeline_t *p = ng_pipeline_new(f->tagger, w);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ng_pipeline_add_document(p, "d", docs[which[i]],
                                                  strlen(docs[which[i]]), NULL), NG_OK);
    /* Take the counts out by merging into a fresh counter. */
    ng_cooc_t *c = ng_cooc_new(ng_gazetteer_entity_count(f->gz), w);
    assert_int_equal(ng_cooc_merge(c, ng_pipeline_cooc(p), NULL), NG_OK);
    expect_same_counts(c, ng_pipeline_cooc(p));
    ng_pipeline_free(p);
    return c;
}

/* Counting documents apart and merging gives the counts of one run over
 * all of them, in any grouping and order. */
static void test_merge_equals_one_run(void **state)
{
    fixture_t *f = *state;
    const char *windows[] = {"sentence", "paragraph", "document", "tokens:4"};
    for (size_t i = 0; i < 4; i++) {
        ng_window_t w;
        assert_int_equal(ng_window_parse(windows[i], &w, NULL), NG_OK);
        ng_cooc_t *all = count_docs(f, &w, (const size_t[]){0, 1, 2}, 3);
        ng_cooc_t *a = count_docs(f, &w, (const size_t[]){0}, 1);
        ng_cooc_t *b = count_docs(f, &w, (const size_t[]){1}, 1);
        ng_cooc_t *c = count_docs(f, &w, (const size_t[]){2}, 1);
        assert_true(ng_cooc_edge_count(all) > 0);
        assert_true(ng_cooc_window_count(all) >= 3); /* one per document at least */
        /* (a + b) + c */
        ng_cooc_t *left = ng_cooc_new(ng_gazetteer_entity_count(f->gz), &w);
        assert_int_equal(ng_cooc_merge(left, a, NULL), NG_OK);
        assert_int_equal(ng_cooc_merge(left, b, NULL), NG_OK);
        assert_int_equal(ng_cooc_merge(left, c, NULL), NG_OK);
        expect_same_counts(left, all);
        /* c + (b + a) */
        assert_int_equal(ng_cooc_merge(b, a, NULL), NG_OK);
        assert_int_equal(ng_cooc_merge(c, b, NULL), NG_OK);
        expect_same_counts(c, all);
        ng_cooc_free(all);
        ng_cooc_free(a);
        ng_cooc_free(b);
        ng_cooc_free(c);
        ng_cooc_free(left);
    }
}

static void test_merge_refuses_mismatch(void **state)
{
    (void)state;
    ng_window_t s = {NG_WINDOW_SENTENCE, 0}, t5 = {NG_WINDOW_TOKENS, 5}, t6 = {NG_WINDOW_TOKENS, 6};
    ng_cooc_t *a = ng_cooc_new(3, &s), *b = ng_cooc_new(3, &t5), *c = ng_cooc_new(3, &t6),
              *d = ng_cooc_new(4, &s);
    ng_cooc_add_document(a, (const uint32_t[]){0, 1}, (const size_t[]){0, 0}, 2, 1);
    ng_error_t err = {0};
    assert_int_equal(ng_cooc_merge(b, a, &err), NG_EUSAGE);
    assert_string_equal(err.message, "cannot merge counts of window sentence into window tokens:5");
    assert_int_equal(ng_cooc_merge(b, c, &err), NG_EUSAGE);
    assert_int_equal(ng_cooc_merge(d, a, &err), NG_EUSAGE);
    assert_non_null(strstr(err.message, "different gazetteers"));
    /* Nothing changed on refusal. */
    assert_int_equal(ng_cooc_document_count(d), 0);
    assert_int_equal(ng_cooc_edge_count(d), 0);
    ng_cooc_free(a);
    ng_cooc_free(b);
    ng_cooc_free(c);
    ng_cooc_free(d);
}

/* Added directly, window_count says how many windows the document had. */
static void test_add_document_window_count(void **state)
{
    (void)state;
    ng_window_t s = {NG_WINDOW_SENTENCE, 0};
    ng_cooc_t *c = ng_cooc_new(3, &s);
    ng_cooc_add_document(c, (const uint32_t[]){0, 1, 1}, (const size_t[]){2, 2, 5}, 3, 7);
    assert_int_equal(ng_cooc_window_count(c), 7);
    assert_int_equal(ng_cooc_windows(c, 1), 2);
    assert_int_equal(ng_cooc_windows(c, 0), 1);
    /* Fewer windows than those with mentions is read as "at least those". */
    ng_cooc_add_document(c, (const uint32_t[]){2}, (const size_t[]){0}, 1, 0);
    assert_int_equal(ng_cooc_window_count(c), 8);
    ng_cooc_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_event_order_and_ranges),
        cmocka_unit_test(test_sink_mask),
        cmocka_unit_test(test_sink_stops_run),
        cmocka_unit_test(test_sink_stops_without_message),
        cmocka_unit_test(test_binary_document_skipped),
        cmocka_unit_test(test_stray_nul_is_text),
        cmocka_unit_test(test_diagnostics_callback),
        cmocka_unit_test(test_token_indexes),
        cmocka_unit_test(test_window_counts),
        cmocka_unit_test(test_merge_equals_one_run),
        cmocka_unit_test(test_merge_refuses_mismatch),
        cmocka_unit_test(test_add_document_window_count),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
