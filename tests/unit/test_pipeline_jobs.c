/*
 * The pipeline with jobs > 1: worker threads tag documents while the
 * caller's thread emits them, so every sink sees exactly the events, and
 * the diagnostics callback exactly the warnings, of a one-job run, in the
 * same order; the caller's buffer is borrowed for the call only; a sink
 * that stops the run stops it; the counts are complete after
 * ng_pipeline_finish.
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

/* Two people share a surname alias and a country is also a common word,
 * so that document-level rules (surname after full name, one sense per
 * document, the ambiguous alias) are exercised per document. */
static const char gaz_text[] =
    "alice\tperson\tAlice Smith\tAl Smith\n"
    "bob\tperson\tBob Jones\n"
    "jane\tperson\tJane Jones\n"
    "tr\tcountry\tTurkey\n"
    "fr\tcountry\tFrance\tFrench Republic\n"
    "x:slow\tthing\tSlow\tre:(a+)+$\n";

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
    ng_tagger_options_t opts;
    ng_tagger_options_init(&opts);
    opts.match_limit = 10000; /* the slow pattern warns from the scanner */
    f->tagger = ng_tagger_new(f->gz, &opts, &err);
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

/* ---- a growing log of events and warnings ------------------------------- */

typedef struct recorder {
    const ng_gazetteer_t *gz;
    char *log;
    size_t len, cap;
    size_t events;
    size_t stop_at;   /* stop with NG_EIO at this event (1-based); 0 = never */
} recorder_t;

static void append(recorder_t *r, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof buf);
    if (r->len + (size_t)n + 1 > r->cap) {
        r->cap = 2 * (r->len + (size_t)n + 1);
        r->log = realloc(r->log, r->cap);
        assert_non_null(r->log);
    }
    memcpy(r->log + r->len, buf, (size_t)n + 1);
    r->len += (size_t)n;
}

static int event(recorder_t *r, ng_error_t *err)
{
    if (++r->events != r->stop_at)
        return NG_OK;
    snprintf(err->message, sizeof err->message, "recorder: disk full");
    return NG_EIO;
}

static int rec_begin(void *ctx, const ng_document_t *doc, ng_error_t *err)
{
    recorder_t *r = ctx;
    append(r, "begin %s #%zu %zu bytes\n", doc->name, doc->index, doc->len);
    return event(r, err);
}

static int rec_end(void *ctx, const ng_document_t *doc, ng_error_t *err)
{
    recorder_t *r = ctx;
    append(r, "end %s\n", doc->name);
    return event(r, err);
}

static int rec_window(void *ctx, const ng_document_t *doc, const ng_window_event_t *w,
                      ng_error_t *err)
{
    recorder_t *r = ctx;
    append(r, "%d%zu p%zu [%zu,%zu) \"%.*s\"", (int)w->kind, w->index, w->paragraph, w->start,
           w->end, (int)(w->end - w->start < 40 ? w->end - w->start : 40),
           doc->text + w->start);
    for (size_t i = 0; i < w->mention_count; i++) {
        const ng_mention_t *m = &w->mentions[i];
        append(r, " %s@%zu-%zu%s", ng_gazetteer_entity_id(r->gz, m->entity), m->start, m->end,
               m->ambiguous ? "?" : "");
        for (size_t k = 0; k < m->candidate_count; k++)
            append(r, "%c%s", k ? ',' : '(', ng_gazetteer_entity_id(r->gz, m->candidates[k]));
        if (m->candidate_count)
            append(r, ")");
        if (w->tokens)
            append(r, "#%zu", w->tokens[i]);
    }
    append(r, "\n");
    return event(r, err);
}

static void on_warning(void *ctx, const char *message)
{
    append(ctx, "warning: %s\n", message);
}

#define ALL_WINDOWS (NG_SINK_WANTS(NG_WINDOW_SENTENCE) | NG_SINK_WANTS(NG_WINDOW_PARAGRAPH) | \
                     NG_SINK_WANTS(NG_WINDOW_DOCUMENT))

/* ---- the corpus --------------------------------------------------------- */

/* Document i of a corpus of many short documents, a few warned about, and
 * some longer ones; written into buf, the one buffer the caller reuses. */
static size_t make_document(size_t i, char *buf, size_t cap, char *name, size_t name_cap)
{
    static const char *const shapes[] = {
        "Alice Smith met Bob Jones in France. Jones left.\n\nTurkey agreed.\n",
        "Turkey was roasted. We ate turkey and more turkey.\n",
        "TURKEY SPEAKS\n\nJane Jones said Jones would go. Bob Jones agreed.\nJones left. Al Smith stayed.\n",
        "   \n\t\n",                           /* empty: a warning */
        "France \xFF and Bob Jones.\n",       /* invalid UTF-8: a warning */
        "Bob\0\0\0\0Jones\0\0\0\0in\0France\n", /* binary: a warning, no events */
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! Slow pattern, Alice Smith.\n",
    };
    static const size_t lens[] = {0, 0, 0, 0, 0, 26, 0};
    size_t shape = (i * 7 + i / 5) % (sizeof shapes / sizeof *shapes);
    snprintf(name, name_cap, "doc%03zu-%zu.txt", i, shape);
    size_t unit = lens[shape] ? lens[shape] : strlen(shapes[shape]);
    /* every 9th document is long: the same text many times over */
    size_t reps = i % 9 == 4 ? 400 + i : 1 + i % 3;
    size_t len = 0;
    for (size_t k = 0; k < reps && len + unit <= cap; k++) {
        memcpy(buf + len, shapes[shape], unit);
        len += unit;
    }
    return len;
}

#define DOCS 120

typedef struct run_result {
    recorder_t events;    /* events and warnings, interleaved as they came */
    size_t documents;
    size_t windows;
    int status;
    char message[sizeof ((ng_error_t *)0)->message];
} run_result_t;

/* Run the corpus through a pipeline of `jobs` jobs; the caller's buffer is
 * overwritten right after every call, as a reader reusing it would. */
static void run_corpus(const fixture_t *f, const char *window, unsigned jobs, size_t stop_at,
                       run_result_t *out)
{
    memset(out, 0, sizeof *out);
    out->events.gz = f->gz;
    out->events.stop_at = stop_at;
    ng_window_t w;
    assert_int_equal(ng_window_parse(window, &w, NULL), NG_OK);
    ng_pipeline_t *p = ng_pipeline_new(f->tagger, &w);
    ng_error_t err = {0};
    assert_int_equal(ng_pipeline_set_jobs(p, jobs, &err), NG_OK);
    assert_int_equal(ng_pipeline_jobs(p), jobs);
    ng_pipeline_set_diagnostics(p, on_warning, &out->events);
    ng_sink_t s = {.ctx = &out->events, .windows = ALL_WINDOWS, .begin_document = rec_begin,
                   .window = rec_window, .end_document = rec_end};
    ng_pipeline_add_sink(p, &s);
    size_t cap = 64 << 10;
    /* Zeroed: PCRE2's JIT scans ahead of a subject's end in whole SIMD
     * words (inside the allocation), which valgrind reports as a read of
     * uninitialised bytes. */
    char *buf = calloc(1, cap);
    char name[64];
    int st = NG_OK;
    for (size_t i = 0; i < DOCS && !st; i++) {
        size_t len = make_document(i, buf, cap, name, sizeof name);
        st = ng_pipeline_add_document(p, name, buf, len, &err);
        memset(buf, 'Z', cap);
        memset(name, 'Z', sizeof name - 1);
    }
    if (!st)
        st = ng_pipeline_finish(p, &err);
    out->status = st;
    snprintf(out->message, sizeof out->message, "%s", st ? err.message : "");
    out->documents = ng_pipeline_document_count(p);
    out->windows = ng_cooc_window_count(ng_pipeline_cooc(p));
    free(buf);
    ng_pipeline_free(p);
}

static void result_free(run_result_t *r)
{
    free(r->events.log);
}

/* ---- tests -------------------------------------------------------------- */

/* The same events and warnings, in the same order, for every job count and
 * window kind. */
static void test_same_as_one_job(void **state)
{
    fixture_t *f = *state;
    static const char *const windows[] = {"sentence", "tokens:5", "document"};
    static const unsigned jobs[] = {2, 3, 8};
    for (size_t w = 0; w < sizeof windows / sizeof *windows; w++) {
        run_result_t one;
        run_corpus(f, windows[w], 1, 0, &one);
        assert_int_equal(one.status, NG_OK);
        /* the corpus is what it should be: warnings, skips and names */
        assert_non_null(strstr(one.events.log, "empty document"));
        assert_non_null(strstr(one.events.log, "invalid UTF-8"));
        assert_non_null(strstr(one.events.log, "binary file"));
        assert_non_null(strstr(one.events.log, "x:slow"));
        assert_non_null(strstr(one.events.log, "bob@"));
        assert_non_null(strstr(one.events.log, "?(bob,jane)"));
        assert_true(one.documents > DOCS / 2 && one.documents < DOCS);
        for (size_t j = 0; j < sizeof jobs / sizeof *jobs; j++) {
            run_result_t many;
            run_corpus(f, windows[w], jobs[j], 0, &many);
            assert_int_equal(many.status, NG_OK);
            assert_int_equal(many.events.len, one.events.len);
            assert_string_equal(many.events.log, one.events.log);
            assert_int_equal(many.documents, one.documents);
            assert_int_equal(many.windows, one.windows);
            result_free(&many);
        }
        result_free(&one);
    }
}

/* A sink that stops the run: the same status and message, the same events
 * before it, and every later call says the run was stopped. */
static void test_sink_stops_run(void **state)
{
    fixture_t *f = *state;
    run_result_t one, many;
    run_corpus(f, "sentence", 1, 250, &one);
    run_corpus(f, "sentence", 4, 250, &many);
    assert_int_equal(one.status, NG_EIO);
    assert_int_equal(many.status, NG_EIO);
    assert_string_equal(many.message, "recorder: disk full");
    assert_int_equal(many.events.events, 250);
    assert_string_equal(many.events.log, one.events.log);
    result_free(&one);
    result_free(&many);

    ng_window_t w = {NG_WINDOW_SENTENCE, 0};
    ng_pipeline_t *p = ng_pipeline_new(f->tagger, &w);
    ng_error_t err = {0};
    assert_int_equal(ng_pipeline_set_jobs(p, 2, &err), NG_OK);
    recorder_t r = {.gz = f->gz, .stop_at = 1};
    ng_sink_t s = {.ctx = &r, .begin_document = rec_begin};
    ng_pipeline_add_sink(p, &s);
    int st = ng_pipeline_add_document(p, "a.txt", "France.", 7, &err);
    if (!st)
        st = ng_pipeline_finish(p, &err);
    assert_int_equal(st, NG_EIO);
    assert_int_equal(ng_pipeline_add_document(p, "b.txt", "France.", 7, &err), NG_EIO);
    assert_int_equal(ng_pipeline_finish(p, &err), NG_EIO);
    assert_int_equal(r.events, 1);
    free(r.log);
    ng_pipeline_free(p);
}

/* The job count: 1 to 256, set before the first document; finish with one
 * job has nothing to wait for. */
static void test_set_jobs(void **state)
{
    fixture_t *f = *state;
    ng_window_t w = {NG_WINDOW_SENTENCE, 0};
    ng_pipeline_t *p = ng_pipeline_new(f->tagger, &w);
    ng_error_t err = {0};
    assert_int_equal(ng_pipeline_jobs(p), 1);
    assert_int_equal(ng_pipeline_set_jobs(p, 0, &err), NG_EUSAGE);
    assert_non_null(strstr(err.message, "1 to 256"));
    assert_int_equal(ng_pipeline_set_jobs(p, 257, &err), NG_EUSAGE);
    assert_int_equal(ng_pipeline_jobs(p), 1);
    assert_int_equal(ng_pipeline_add_document(p, "a.txt", "France.", 7, &err), NG_OK);
    assert_int_equal(ng_pipeline_document_count(p), 1);
    assert_int_equal(ng_pipeline_set_jobs(p, 2, &err), NG_EUSAGE);
    assert_non_null(strstr(err.message, "before the first document"));
    assert_int_equal(ng_pipeline_finish(p, &err), NG_OK);
    assert_int_equal(ng_pipeline_document_count(p), 1);
    ng_pipeline_free(p);

    /* freed with documents in flight: nothing leaks, nothing is emitted */
    p = ng_pipeline_new(f->tagger, &w);
    assert_int_equal(ng_pipeline_set_jobs(p, 3, &err), NG_OK);
    for (int i = 0; i < 20; i++)
        assert_int_equal(ng_pipeline_add_document(p, "a.txt", "Bob Jones in France.", 20, &err),
                         NG_OK);
    ng_pipeline_free(p);
}

/* A document too big to copy is tagged on the caller's thread from the
 * caller's buffer, and still comes out in its place. */
static void test_big_document_in_order(void **state)
{
    fixture_t *f = *state;
    size_t big = (17u << 20);
    char *text = malloc(big);
    memset(text, ' ', big);
    memcpy(text, "Alice Smith met Jane Jones.", 27);
    memcpy(text + big - 30, "Jones went to France. ", 22);
    for (size_t i = 4096; i + 80 < big; i += 4096)
        text[i] = '\n';
    static const char small[] = "Bob Jones in France. Turkey agreed.\n";
    recorder_t logs[2] = {{.gz = f->gz}, {.gz = f->gz}};
    size_t counts[2];
    for (int k = 0; k < 2; k++) {
        ng_window_t w = {NG_WINDOW_SENTENCE, 0};
        ng_pipeline_t *p = ng_pipeline_new(f->tagger, &w);
        ng_error_t err = {0};
        assert_int_equal(ng_pipeline_set_jobs(p, k ? 2 : 1, &err), NG_OK);
        ng_sink_t s = {.ctx = &logs[k], .windows = ALL_WINDOWS, .begin_document = rec_begin,
                       .window = rec_window, .end_document = rec_end};
        ng_pipeline_add_sink(p, &s);
        for (int i = 0; i < 12; i++) {
            char name[16];
            snprintf(name, sizeof name, "s%d.txt", i);
            assert_int_equal(ng_pipeline_add_document(p, name, small, sizeof small - 1, &err),
                             NG_OK);
            if (i == 5)
                assert_int_equal(ng_pipeline_add_document(p, "big.txt", text, big, &err),
                                 NG_OK);
        }
        assert_int_equal(ng_pipeline_finish(p, &err), NG_OK);
        counts[k] = ng_pipeline_document_count(p);
        ng_pipeline_free(p);
    }
    assert_int_equal(counts[0], 13);
    assert_int_equal(counts[1], 13);
    assert_non_null(strstr(logs[0].log, "begin big.txt #6"));
    assert_non_null(strstr(logs[0].log, "jane@"));
    assert_string_equal(logs[1].log, logs[0].log);
    free(logs[0].log);
    free(logs[1].log);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_one_job),
        cmocka_unit_test(test_sink_stops_run),
        cmocka_unit_test(test_set_jobs),
        cmocka_unit_test(test_big_document_in_order),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
