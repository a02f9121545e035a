/*
 * Unit tests for association weights (--weight), the disparity filter
 * (--backbone) and evidence snippets (--evidence).
 *
 * Expected figures are worked out by hand in the comments from the
 * definitions in ng_graph.h and graph_weights.h, not from earlier runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <stdbool.h>

#include <cmocka.h>

#include "nergraph.h"
#include "graph_weights.h"

#define EPS 1e-12

static void assert_near(double got, double want)
{
    if (fabs(got - want) > EPS) {
        print_error("got %.17g, want %.17g\n", got, want);
        fail();
    }
}

/* Whole, well-formed UTF-8 sequences only (no overlong forms to worry
 * about here: the texts are ours). */
static bool valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
                 : (*p & 0xF8) == 0xF0 ? 4 : 0;
        if (!n)
            return false;
        for (size_t i = 1; i < n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return false;
        p += n;
    }
    return true;
}

/* ---- measures -------------------------------------------------------------- */

/* c = 2 shared windows, a = 4, b = 3, N = 10 windows read:
 *   dice    = 2*2 / (4+3)          = 4/7
 *   jaccard = 2 / (4+3-2)          = 2/5
 *   pmi     = log2(2*10 / (4*3))   = log2(5/3)
 *   npmi    = log2(5/3) / -log2(2/10) = log2(5/3) / log2(5) */
static void test_measures(void **state)
{
    (void)state;
    assert_near(ng_association(NG_WEIGHT_COUNT, 2, 4, 3, 10), 2);
    assert_near(ng_association(NG_WEIGHT_DICE, 2, 4, 3, 10), 4.0 / 7.0);
    assert_near(ng_association(NG_WEIGHT_JACCARD, 2, 4, 3, 10), 2.0 / 5.0);
    assert_near(ng_association(NG_WEIGHT_PMI, 2, 4, 3, 10), log2(5.0 / 3.0));
    assert_near(ng_association(NG_WEIGHT_NPMI, 2, 4, 3, 10), log2(5.0 / 3.0) / log2(5.0));
    /* Independent entities: pmi 0.  Always together: dice and jaccard 1,
     * npmi 1, even when they fill every window (c = N, pmi 0/0). */
    assert_near(ng_association(NG_WEIGHT_PMI, 1, 2, 5, 10), 0);
    assert_near(ng_association(NG_WEIGHT_DICE, 3, 3, 3, 10), 1);
    assert_near(ng_association(NG_WEIGHT_JACCARD, 3, 3, 3, 10), 1);
    assert_near(ng_association(NG_WEIGHT_NPMI, 3, 3, 3, 10), 1);
    assert_near(ng_association(NG_WEIGHT_NPMI, 4, 4, 4, 4), 1);
    /* Rarer together than apart: negative. */
    assert_true(ng_association(NG_WEIGHT_PMI, 1, 5, 5, 10) < 0);
}

static void test_weight_names(void **state)
{
    (void)state;
    static const char *const names[] = {"count", "dice", "jaccard", "pmi", "npmi"};
    ng_error_t err = {0};
    for (int i = 0; i < 5; i++) {
        ng_weight_t w = NG_WEIGHT_COUNT;
        assert_int_equal(ng_weight_parse(names[i], &w, &err), NG_OK);
        assert_int_equal(w, i);
        assert_string_equal(ng_weight_name(w), names[i]);
    }
    ng_weight_t w = NG_WEIGHT_DICE;
    assert_int_equal(ng_weight_parse("Dice", &w, &err), NG_EUSAGE);
    assert_non_null(strstr(err.message, "'Dice'"));
    assert_int_equal(w, NG_WEIGHT_DICE);
}

static void test_check_weights(void **state)
{
    (void)state;
    ng_error_t err = {0};
    ng_graph_options_t o;
    ng_graph_options_init(&o);
    ng_window_t sentence = {NG_WINDOW_SENTENCE, 0}, tokens = {NG_WINDOW_TOKENS, 5};
    assert_int_equal(ng_graph_check_weights(&o, &tokens, &err), NG_OK);
    o.weight = NG_WEIGHT_NPMI;
    assert_int_equal(ng_graph_check_weights(&o, &sentence, &err), NG_OK);
    assert_int_equal(ng_graph_check_weights(&o, &tokens, &err), NG_EUSAGE);
    assert_non_null(strstr(err.message, "tokens:N"));
    o.backbone = 0.05;
    assert_int_equal(ng_graph_check_weights(&o, &sentence, &err), NG_EUSAGE);
    assert_non_null(strstr(err.message, "positive"));
    o.weight = NG_WEIGHT_JACCARD;
    assert_int_equal(ng_graph_check_weights(&o, &sentence, &err), NG_OK);
    o.backbone = 1;
    assert_int_equal(ng_graph_check_weights(&o, &sentence, &err), NG_EUSAGE);
    o.backbone = NAN;
    assert_int_equal(ng_graph_check_weights(&o, &sentence, &err), NG_EUSAGE);
}

/* ---- the disparity filter ---------------------------------------------------- */

/*
 * Nodes A0 B1 C2 D3 E4; edges (weight): AB 8, AC 1, AD 1, BC 2, CE 7.
 *   A: s = 10, k = 3   AB (1-0.8)^2 = 0.04   AC (1-0.1)^2 = 0.81   AD 0.81
 *   B: s = 10, k = 2   AB (1-0.8)^1 = 0.2    BC (1-0.2)^1 = 0.8
 *   C: s = 10, k = 3   AC 0.81   BC (1-0.2)^2 = 0.64   CE (1-0.7)^2 = 0.09
 *   D: k = 1           AD 1
 *   E: k = 1           CE 1
 * Smallest alpha per edge: AB 0.04, AC 0.81, AD 0.81, BC 0.64, CE 0.09.
 * ALPHA 0.1 keeps AB and CE; 0.7 adds BC; 0.85 keeps everything; 0.03
 * nothing.
 */
static const ng_weighted_edge_t example[] = {
    {0, 1, 8}, {0, 2, 1}, {0, 3, 1}, {1, 2, 2}, {2, 4, 7},
};

static void test_disparity_alpha(void **state)
{
    (void)state;
    assert_near(ng_disparity_alpha(8, 10, 3), 0.04);
    assert_near(ng_disparity_alpha(1, 10, 3), 0.81);
    assert_near(ng_disparity_alpha(8, 10, 2), 0.2);
    assert_near(ng_disparity_alpha(2, 10, 3), 0.64);
    assert_near(ng_disparity_alpha(7, 10, 3), 0.09);
    assert_near(ng_disparity_alpha(1, 1, 1), 1);
}

static void expect_kept(double alpha, const bool *want)
{
    bool keep[5];
    ng_disparity_filter(example, 5, 5, alpha, keep);
    for (size_t i = 0; i < 5; i++) {
        if (keep[i] != want[i]) {
            print_error("alpha %g: edge %zu kept=%d, want %d\n", alpha, i, keep[i], want[i]);
            fail();
        }
    }
}

static void test_disparity_filter(void **state)
{
    (void)state;
    expect_kept(0.1, (const bool[]){true, false, false, false, true});
    expect_kept(0.7, (const bool[]){true, false, false, true, true});
    expect_kept(0.85, (const bool[]){true, true, true, true, true});
    expect_kept(0.03, (const bool[]){false, false, false, false, false});
}

/* ---- through ng_graph_build -------------------------------------------------- */

static const char gaz_text[] =
    "a\tperson\tAnna Alpha\n"
    "b\tperson\tBen Beta\n"
    "c\tperson\tCai Gamma\n"
    "d\tperson\tDee Delta\n"
    "e\tperson\tEve Epsilon\n";

static ng_gazetteer_t *load_gazetteer(void)
{
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_buffer(gz, "w.tsv", gaz_text, strlen(gaz_text), &err),
                     NG_OK);
    return gz;
}

/* The example as sentence windows: one window per unit of weight, each
 * holding just the pair, plus 3 windows without mentions: N = 22.
 * Windows per entity: A 10, B 10, C 10, D 1, E 7. */
static ng_cooc_t *example_counts(void)
{
    ng_window_t w = {NG_WINDOW_SENTENCE, 0};
    ng_cooc_t *c = ng_cooc_new(5, &w);
    uint32_t ents[2 * 19];
    size_t keys[2 * 19], n = 0, window = 0;
    for (size_t i = 0; i < 5; i++) {
        for (int k = 0; k < (int)example[i].weight; k++, window++) {
            ents[n] = (uint32_t)example[i].u;
            keys[n++] = window;
            ents[n] = (uint32_t)example[i].v;
            keys[n++] = window;
        }
    }
    ng_cooc_add_document(c, ents, keys, n, window + 3);
    return c;
}

static void test_graph_weights(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = load_gazetteer();
    ng_cooc_t *c = example_counts();
    ng_error_t err = {0};
    ng_graph_options_t o;
    ng_graph_options_init(&o);
    o.weight = NG_WEIGHT_DICE;
    ng_graph_t *g = ng_graph_build(gz, c, &o, &err);
    assert_non_null(g);
    assert_int_equal(ng_graph_edge_column_type(g, 0), NG_COLUMN_FLOAT);
    int64_t count = ng_graph_edge_column_find(g, "count");
    assert_int_equal(ng_graph_edge_column_type(g, (size_t)count), NG_COLUMN_INT);
    int64_t windows = ng_graph_node_column_find(g, "windows");
    assert_true(windows >= 0);
    /* Edge order: ab ac ad bc ce.  AB: 2*8 / (10+10) = 0.8;
     * CE: 2*7 / (10+7) = 14/17; AD: 2 / (10+1) = 2/11. */
    assert_int_equal(ng_graph_edge_count(g), 5);
    assert_near(ng_graph_edge_float(g, 0, 0), 0.8);
    assert_near(ng_graph_edge_float(g, 0, 2), 2.0 / 11.0);
    assert_near(ng_graph_edge_float(g, 0, 4), 14.0 / 17.0);
    assert_int_equal(ng_graph_edge_int(g, (size_t)count, 4), 7);
    assert_int_equal(ng_graph_node_int(g, (size_t)windows, 4), 7);
    int64_t attr = ng_graph_attr_find(g, "windows");
    assert_int_equal(ng_graph_attr_int(g, (size_t)attr), 22);
    attr = ng_graph_attr_find(g, "measure");
    assert_string_equal(ng_graph_attr_string(g, (size_t)attr), "dice");
    assert_int_equal(ng_graph_attr_find(g, "filters"), -1);
    ng_graph_free(g);

    /* --min-weight on the measure: dice >= 0.5 keeps AB (0.8) and CE
     * (0.82); AC 0.1, AD 0.18, BC 0.2 go. */
    o.min_weight = 0.5;
    g = ng_graph_build(gz, c, &o, &err);
    assert_int_equal(ng_graph_edge_count(g), 2);
    assert_int_equal(ng_graph_edge_int(g, (size_t)count, 0), 8);
    assert_int_equal(ng_graph_edge_int(g, (size_t)count, 1), 7);
    ng_graph_free(g);

    /* pmi: AB log2(8*22 / (10*10)) */
    o.weight = NG_WEIGHT_PMI;
    o.min_weight = -INFINITY;
    g = ng_graph_build(gz, c, &o, &err);
    assert_near(ng_graph_edge_float(g, 0, 0), log2(8.0 * 22 / 100));
    ng_graph_free(g);

    /* A refused combination fails the build with the check's message. */
    o.backbone = 0.1;
    assert_null(ng_graph_build(gz, c, &o, &err));
    assert_int_equal(err.status, NG_EUSAGE);
    ng_cooc_free(c);
    ng_gazetteer_free(gz);
}

/* The backbone pass on counts gives the hand-computed edges, and the
 * graph says it was applied. */
static void test_graph_backbone(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = load_gazetteer();
    ng_cooc_t *c = example_counts();
    ng_error_t err = {0};
    ng_graph_options_t o;
    ng_graph_options_init(&o);
    o.backbone = 0.1;
    ng_graph_t *g = ng_graph_build(gz, c, &o, &err);
    assert_non_null(g);
    assert_int_equal(ng_graph_edge_count(g), 2);
    size_t u, v;
    ng_graph_edge_nodes(g, 0, &u, &v);
    assert_string_equal(ng_graph_node_id(g, u), "a");
    assert_string_equal(ng_graph_node_id(g, v), "b");
    ng_graph_edge_nodes(g, 1, &u, &v);
    assert_string_equal(ng_graph_node_id(g, u), "c");
    assert_string_equal(ng_graph_node_id(g, v), "e");
    int64_t f = ng_graph_attr_find(g, "filters");
    assert_true(f >= 0);
    assert_string_equal(ng_graph_attr_string(g, (size_t)f), "backbone=0.1");
    /* Nodes stay (D lost its edge); --no-isolates drops them. */
    assert_int_equal(ng_graph_node_count(g), 5);
    ng_graph_free(g);
    o.no_isolates = true;
    o.backbone = 0.7;
    g = ng_graph_build(gz, c, &o, &err);
    assert_int_equal(ng_graph_edge_count(g), 3);
    assert_int_equal(ng_graph_node_count(g), 4);
    ng_graph_free(g);
    ng_cooc_free(c);
    ng_gazetteer_free(gz);
}

/* ---- evidence ------------------------------------------------------------------ */

typedef struct run {
    ng_gazetteer_t *gz;
    ng_tagger_t *t;
    ng_pipeline_t *p;
    ng_evidence_t *ev;
    ng_graph_t *g;
} run_t;

static void run_docs(run_t *r, ng_window_t w, size_t per_edge, const char *const *docs,
                     size_t n)
{
    ng_error_t err = {0};
    r->gz = load_gazetteer();
    ng_tagger_options_t to;
    ng_tagger_options_init(&to);
    r->t = ng_tagger_new(r->gz, &to, &err);
    assert_non_null(r->t);
    r->p = ng_pipeline_new(r->t, &w);
    r->ev = ng_evidence_new(per_edge, ng_gazetteer_entity_count(r->gz), &w);
    ng_sink_t sink = ng_evidence_sink(r->ev);
    ng_pipeline_add_sink(r->p, &sink);
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "doc%zu.txt", i);
        assert_int_equal(ng_pipeline_add_document(r->p, name, docs[i], strlen(docs[i]), &err),
                         NG_OK);
    }
    r->g = ng_graph_build(r->gz, ng_pipeline_cooc(r->p), NULL, &err);
    assert_non_null(r->g);
    assert_int_equal(ng_evidence_add_column(r->ev, r->g, &err), NG_OK);
}

static void run_free(run_t *r)
{
    ng_graph_free(r->g);
    ng_pipeline_free(r->p);
    ng_evidence_free(r->ev);
    ng_tagger_free(r->t);
    ng_gazetteer_free(r->gz);
}

/* Edge index of {x, y} by id, or -1. */
static int64_t edge_of(const ng_graph_t *g, const char *x, const char *y)
{
    for (size_t i = 0; i < ng_graph_edge_count(g); i++) {
        size_t u, v;
        ng_graph_edge_nodes(g, i, &u, &v);
        if (strcmp(ng_graph_node_id(g, u), x) == 0 && strcmp(ng_graph_node_id(g, v), y) == 0)
            return (int64_t)i;
    }
    return -1;
}

static void test_evidence_sentences(void **state)
{
    (void)state;
    /* a-b share three sentences (two in doc0, one in doc1); with N = 2
     * the first two (by document name, then position) are kept.  a-c
     * share one. */
    static const char *const docs[] = {
        "Anna Alpha met Ben Beta. Rain fell.\n\nBen Beta thanked Anna Alpha twice.\n",
        "Cai Gamma and Anna Alpha spoke. Later Anna Alpha saw Ben Beta.\n",
    };
    run_t r = {0};
    run_docs(&r, (ng_window_t){NG_WINDOW_SENTENCE, 0}, 2, docs, 2);
    assert_int_equal(ng_evidence_count(r.ev, 0, 1), 2);
    assert_int_equal(ng_evidence_count(r.ev, 1, 0), 2);
    assert_int_equal(ng_evidence_count(r.ev, 0, 2), 1);
    assert_int_equal(ng_evidence_count(r.ev, 1, 2), 0);
    int64_t col = ng_graph_edge_column_find(r.g, "evidence");
    assert_true(col >= 0);
    int64_t ab = edge_of(r.g, "a", "b"), ac = edge_of(r.g, "a", "c");
    assert_string_equal(ng_graph_edge_string(r.g, (size_t)col, (size_t)ab),
                        "doc0.txt:0-24: Anna Alpha met Ben Beta.\n"
                        "doc0.txt:37-71: Ben Beta thanked Anna Alpha twice.");
    assert_string_equal(ng_graph_edge_json(r.g, (size_t)col, (size_t)ab),
                        "[{\"doc\": \"doc0.txt\", \"start\": 0, \"end\": 24, "
                        "\"text\": \"Anna Alpha met Ben Beta.\", \"source_text\": "
                        "\"Anna Alpha\", \"target_text\": \"Ben Beta\"}, "
                        "{\"doc\": \"doc0.txt\", \"start\": 37, \"end\": 71, "
                        "\"text\": \"Ben Beta thanked Anna Alpha twice.\", \"source_text\": "
                        "\"Anna Alpha\", \"target_text\": \"Ben Beta\"}]");
    /* source is the edge's first node (a), whatever the order in the text. */
    assert_non_null(strstr(ng_graph_edge_json(r.g, (size_t)col, (size_t)ac),
                           "\"source_text\": \"Anna Alpha\", \"target_text\": \"Cai Gamma\""));
    run_free(&r);
}

/* Paragraph windows quote the sentences of the pair, not the paragraph. */
static void test_evidence_paragraph(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "Intro line here. Anna Alpha arrived. Nothing. Ben Beta left. Outro.\n",
    };
    run_t r = {0};
    run_docs(&r, (ng_window_t){NG_WINDOW_PARAGRAPH, 0}, 3, docs, 1);
    int64_t col = ng_graph_edge_column_find(r.g, "evidence");
    assert_string_equal(ng_graph_edge_string(r.g, (size_t)col, 0),
                        "doc0.txt:17-60: Anna Alpha arrived. Nothing. Ben Beta left.");
    run_free(&r);
}

/* A long sentence is cut to NG_EVIDENCE_TEXT_MAX bytes around the names,
 * at UTF-8 boundaries, with ellipses. */
static void test_evidence_long_sentence(void **state)
{
    (void)state;
    /* "€" (3 bytes) x 100, " Anna Alpha saw Ben Beta x" (Anna at byte 301),
     * "é" (2 bytes) x 200 from byte 326, " end.".  The cut starts 60 bytes before Anna,
     * at 241, the second byte of a "€": it moves on to 243 (58 bytes
     * before Anna).  243 + 300 = 543 is the second byte of an "é": the
     * end moves back to 542. */
    char doc[2048] = "";
    for (int i = 0; i < 100; i++)
        strcat(doc, "\xE2\x82\xAC");
    strcat(doc, " Anna Alpha saw Ben Beta x");
    for (int i = 0; i < 200; i++)
        strcat(doc, "\xC3\xA9");
    strcat(doc, " end.\n");
    const char *docs[] = {doc};
    run_t r = {0};
    run_docs(&r, (ng_window_t){NG_WINDOW_SENTENCE, 0}, 1, docs, 1);
    int64_t col = ng_graph_edge_column_find(r.g, "evidence");
    const char *s = ng_graph_edge_string(r.g, (size_t)col, 0);
    assert_non_null(s);
    const char *text = strstr(s, ": ") + 2;
    assert_true(valid_utf8(text));
    size_t len = strlen(text);
    assert_int_equal(len, 3 + (542 - 243) + 3);
    assert_memory_equal(text, "\xE2\x80\xA6\xE2\x82\xAC", 6);
    assert_memory_equal(text + 3 + 57, " Anna Alpha saw Ben Beta x\xC3\xA9", 28);
    assert_memory_equal(text + len - 5, "\xC3\xA9\xE2\x80\xA6", 5);
    /* The range is the whole sentence. */
    assert_non_null(strstr(s, "doc0.txt:0-"));
    run_free(&r);
}

/* Memory stays bounded: a thousand shared sentences keep N snippets. */
static void test_evidence_bounded(void **state)
{
    (void)state;
    size_t n = 1000;
    char *doc = malloc(n * 32 + 1);
    doc[0] = '\0';
    for (size_t i = 0; i < n; i++)
        strcat(doc, "Anna Alpha met Ben Beta. ");
    const char *docs[] = {doc};
    run_t r = {0};
    run_docs(&r, (ng_window_t){NG_WINDOW_SENTENCE, 0}, 3, docs, 1);
    assert_int_equal(ng_evidence_count(r.ev, 0, 1), 3);
    size_t u, v, count, d;
    ng_graph_edge(r.g, 0, &u, &v, &count, &d);
    assert_int_equal(count, n);
    int64_t col = ng_graph_edge_column_find(r.g, "evidence");
    assert_string_equal(ng_graph_edge_string(r.g, (size_t)col, 0),
                        "doc0.txt:0-24: Anna Alpha met Ben Beta.\n"
                        "doc0.txt:25-49: Anna Alpha met Ben Beta.\n"
                        "doc0.txt:50-74: Anna Alpha met Ben Beta.");
    /* A second column of that name is refused. */
    ng_error_t err = {0};
    assert_int_equal(ng_evidence_add_column(r.ev, r.g, &err), NG_EUSAGE);
    run_free(&r);
    free(doc);
}

/* tokens:N quotes the sentences of each counted mention pair, once per
 * span.  Tokens: Anna0 Alpha1 met2 Ben3 Beta4 and5 Ben6 Beta7 Ben8 Beta9
 * smiled10.  tokens:6 counts Anna-Ben@3 and Anna-Ben@6 (one sentence:
 * one snippet); Ben@8 is 8 tokens away.  tokens:8 adds Anna-Ben@8, whose
 * span runs over both sentences. */
static void test_evidence_tokens(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "Anna Alpha met Ben Beta and Ben Beta. Ben Beta smiled.\n"};
    run_t r = {0};
    run_docs(&r, (ng_window_t){NG_WINDOW_TOKENS, 6}, 5, docs, 1);
    int64_t col = ng_graph_edge_column_find(r.g, "evidence");
    size_t u, v, count, d;
    ng_graph_edge(r.g, 0, &u, &v, &count, &d);
    assert_int_equal(count, 2);
    assert_string_equal(ng_graph_edge_string(r.g, (size_t)col, 0),
                        "doc0.txt:0-37: Anna Alpha met Ben Beta and Ben Beta.");
    run_free(&r);
    run_docs(&r, (ng_window_t){NG_WINDOW_TOKENS, 8}, 5, docs, 1);
    assert_string_equal(ng_graph_edge_string(r.g, (size_t)col, 0),
                        "doc0.txt:0-37: Anna Alpha met Ben Beta and Ben Beta.\n"
                        "doc0.txt:0-54: Anna Alpha met Ben Beta and Ben Beta. Ben Beta smiled.");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_measures),
        cmocka_unit_test(test_weight_names),
        cmocka_unit_test(test_check_weights),
        cmocka_unit_test(test_disparity_alpha),
        cmocka_unit_test(test_disparity_filter),
        cmocka_unit_test(test_graph_weights),
        cmocka_unit_test(test_graph_backbone),
        cmocka_unit_test(test_evidence_sentences),
        cmocka_unit_test(test_evidence_paragraph),
        cmocka_unit_test(test_evidence_long_sentence),
        cmocka_unit_test(test_evidence_bounded),
        cmocka_unit_test(test_evidence_tokens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
