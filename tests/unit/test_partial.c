/*
 * Unit tests for partial results (ng_partial.h), the gazetteer fingerprint
 * (ng_gazetteer_fingerprint.h) and evidence merging (ng_evidence_merge).
 *
 * The central property: documents split into parts, each part counted by
 * its own pipeline and written as a partial, read back and merged in any
 * order and grouping, give the same bytes as one pipeline over all the
 * documents.  The reader is then fed every truncation, every flipped
 * byte and hand-made bodies that are well framed but say impossible
 * things; each must be refused with a message, never accepted or crash.
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
#include "partial_internal.h"
#include "stablehash.h"

static const char gaz_text[] =
    "a\tperson\tAnna Alpha\n"
    "b\tperson\tBen Beta\n"
    "c\tperson\tCai Gamma\tCai\n"
    "x\tcountry\tXland\t\tcapital=Xtown\n";

static ng_gazetteer_t *load(const char *name, const char *text)
{
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_buffer(gz, name, text, strlen(text), &err), NG_OK);
    return gz;
}

/* Documents, written for these tests: pairs repeat across documents so
 * that evidence has to choose. */
static const char *const docs[] = {
    "Anna Alpha met Ben Beta in Xland. Rain fell.\n\nBen Beta thanked Anna Alpha.\n",
    "Cai Gamma and Anna Alpha spoke. Later Anna Alpha saw Ben Beta.\n",
    "Xland hosted Cai Gamma. Cai said Ben Beta would come.\n\nAnna Alpha did not.\n",
    "Nothing here. Ben Beta and Anna Alpha again, with Cai Gamma in Xland.\n",
    "Xland and Ben Beta.\n",
};
#define NDOCS (sizeof docs / sizeof *docs)

/* One run over docs[order[0..n)] into a partial's bytes (caller frees). */
typedef struct bytes {
    char *data;
    size_t len;
} bytes_t;

static bytes_t run_partial(const ng_gazetteer_t *gz, ng_window_t w, size_t evidence,
                           const size_t *order, size_t n)
{
    ng_error_t err = {0};
    ng_tagger_options_t to;
    ng_tagger_options_init(&to);
    ng_tagger_t *t = ng_tagger_new(gz, &to, &err);
    assert_non_null(t);
    ng_pipeline_t *p = ng_pipeline_new(t, &w);
    ng_evidence_t *ev = NULL;
    if (evidence) {
        ev = ng_evidence_new(evidence, ng_gazetteer_entity_count(gz), &w);
        ng_sink_t sink = ng_evidence_sink(ev);
        ng_pipeline_add_sink(p, &sink);
    }
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "doc%zu.txt", order[i]);
        assert_int_equal(ng_pipeline_add_document(p, name, docs[order[i]],
                                                  strlen(docs[order[i]]), &err), NG_OK);
    }
    ng_partial_settings_t s;
    ng_partial_settings_init(&s, gz, &w, &to, evidence);
    bytes_t b = {0};
    FILE *f = open_memstream(&b.data, &b.len);
    assert_non_null(f);
    assert_int_equal(ng_partial_write(f, &s, ng_pipeline_cooc(p), ev, &err), NG_OK);
    fclose(f);
    ng_pipeline_free(p);
    ng_evidence_free(ev);
    ng_tagger_free(t);
    return b;
}

/* Settings that carry gz's fingerprint (NULL for NULL), to read against. */
static const ng_partial_settings_t *like(const ng_gazetteer_t *gz)
{
    static ng_partial_settings_t s;
    if (!gz)
        return NULL;
    ng_partial_settings_init(&s, gz, &(ng_window_t){NG_WINDOW_SENTENCE, 0}, NULL, 0);
    return &s;
}

static ng_partial_t *read_ok(const bytes_t *b, const ng_gazetteer_t *gz)
{
    ng_error_t err = {0};
    size_t used = 0;
    ng_partial_t *p = ng_partial_read("test.ngp", b->data, b->len, &used, like(gz), &err);
    if (!p)
        print_error("%s\n", err.message);
    assert_non_null(p);
    assert_int_equal(used, b->len);
    return p;
}

static bytes_t write_partial(const ng_partial_t *p)
{
    ng_error_t err = {0};
    bytes_t b = {0};
    FILE *f = open_memstream(&b.data, &b.len);
    assert_non_null(f);
    assert_int_equal(ng_partial_write(f, ng_partial_settings(p), ng_partial_cooc(p),
                                      ng_partial_evidence(p), &err), NG_OK);
    fclose(f);
    return b;
}

static void assert_same_bytes(const bytes_t *x, const bytes_t *y)
{
    assert_int_equal(x->len, y->len);
    assert_memory_equal(x->data, y->data, x->len);
}

/* ---- merging ------------------------------------------------------------ */

/* Parts in different groupings and orders, merged, against one run. */
static void check_split(ng_window_t w, size_t evidence)
{
    ng_gazetteer_t *gz = load("g.tsv", gaz_text);
    static const size_t all[] = {0, 1, 2, 3, 4};
    bytes_t whole = run_partial(gz, w, evidence, all, NDOCS);
    /* The whole read in another order keeps the same evidence. */
    static const size_t shuffled[] = {3, 0, 4, 2, 1};
    bytes_t whole2 = run_partial(gz, w, evidence, shuffled, NDOCS);
    assert_same_bytes(&whole, &whole2);

    static const size_t p1[] = {2, 0}, p2[] = {4}, p3[] = {1, 3};
    bytes_t b1 = run_partial(gz, w, evidence, p1, 2);
    bytes_t b2 = run_partial(gz, w, evidence, p2, 1);
    bytes_t b3 = run_partial(gz, w, evidence, p3, 2);
    ng_error_t err = {0};

    /* (1 + 2) + 3 */
    ng_partial_t *x = read_ok(&b1, gz), *y = read_ok(&b2, gz), *z = read_ok(&b3, gz);
    assert_int_equal(ng_partial_merge(x, y, &err), NG_OK);
    assert_int_equal(ng_partial_merge(x, z, &err), NG_OK);
    bytes_t m1 = write_partial(x);
    assert_same_bytes(&m1, &whole);
    ng_partial_free(x);
    ng_partial_free(y);
    ng_partial_free(z);

    /* 3 + (2 + 1), through a partial of partials written and read again */
    x = read_ok(&b1, gz);
    y = read_ok(&b2, gz);
    z = read_ok(&b3, gz);
    assert_int_equal(ng_partial_merge(y, x, &err), NG_OK);
    bytes_t yx = write_partial(y);
    ng_partial_t *y2 = read_ok(&yx, gz);
    assert_int_equal(ng_partial_merge(z, y2, &err), NG_OK);
    bytes_t m2 = write_partial(z);
    assert_same_bytes(&m2, &whole);

    /* Counts read back are the counts written: writing again is the
     * identity. */
    ng_partial_t *w1 = read_ok(&whole, NULL);
    bytes_t again = write_partial(w1);
    assert_same_bytes(&again, &whole);
    assert_int_equal(ng_cooc_document_count(ng_partial_cooc(w1)), NDOCS);

    ng_partial_free(w1);
    ng_partial_free(x);
    ng_partial_free(y);
    ng_partial_free(y2);
    ng_partial_free(z);
    free(whole.data);
    free(whole2.data);
    free(b1.data);
    free(b2.data);
    free(b3.data);
    free(m1.data);
    free(m2.data);
    free(yx.data);
    free(again.data);
    ng_gazetteer_free(gz);
}

static void test_merge_sentence(void **state)
{
    (void)state;
    check_split((ng_window_t){NG_WINDOW_SENTENCE, 0}, 0);
}

static void test_merge_sentence_evidence(void **state)
{
    (void)state;
    check_split((ng_window_t){NG_WINDOW_SENTENCE, 0}, 2);
    check_split((ng_window_t){NG_WINDOW_SENTENCE, 0}, 1);
}

static void test_merge_paragraph_evidence(void **state)
{
    (void)state;
    check_split((ng_window_t){NG_WINDOW_PARAGRAPH, 0}, 2);
}

static void test_merge_document_evidence(void **state)
{
    (void)state;
    check_split((ng_window_t){NG_WINDOW_DOCUMENT, 0}, 3);
}

static void test_merge_tokens_evidence(void **state)
{
    (void)state;
    check_split((ng_window_t){NG_WINDOW_TOKENS, 4}, 2);
}

/* Settings that differ are named. */
static void test_merge_mismatch(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = load("g.tsv", gaz_text);
    static const size_t one[] = {0};
    bytes_t s = run_partial(gz, (ng_window_t){NG_WINDOW_SENTENCE, 0}, 0, one, 1);
    bytes_t p = run_partial(gz, (ng_window_t){NG_WINDOW_PARAGRAPH, 0}, 0, one, 1);
    bytes_t e = run_partial(gz, (ng_window_t){NG_WINDOW_SENTENCE, 0}, 2, one, 1);
    ng_partial_t *ps = read_ok(&s, gz), *pp = read_ok(&p, gz), *pe = read_ok(&e, gz);
    ng_error_t err = {0};
    assert_int_equal(ng_partial_merge(ps, pp, &err), NG_EDATA);
    assert_non_null(strstr(err.message, "window paragraph, not sentence"));
    assert_int_equal(ng_partial_merge(ps, pe, &err), NG_EDATA);
    assert_non_null(strstr(err.message, "--evidence"));
    /* Nothing changed. */
    assert_int_equal(ng_cooc_document_count(ng_partial_cooc(ps)), 1);

    /* Another gazetteer: refused when read against the loaded one. */
    ng_gazetteer_t *other = load("g.tsv", "a\tperson\tAnna Alpha\n");
    err.message[0] = '\0';
    assert_null(ng_partial_read("s.ngp", s.data, s.len, NULL, like(other), &err));
    assert_non_null(strstr(err.message, "s.ngp: gazetteer fingerprint mismatch"));
    ng_partial_settings_t so;
    ng_partial_settings_init(&so, other, &(ng_window_t){NG_WINDOW_SENTENCE, 0}, NULL, 0);
    assert_int_equal(ng_partial_settings_compare(ng_partial_settings(ps), &so, &err), NG_EDATA);
    assert_non_null(strstr(err.message, "gazetteer fingerprint mismatch"));

    /* The writer refuses counts that do not fit the settings. */
    bytes_t b = {0};
    FILE *f = open_memstream(&b.data, &b.len);
    assert_int_equal(ng_partial_write(f, &so, ng_partial_cooc(ps), NULL, &err), NG_EUSAGE);
    fclose(f);
    free(b.data);

    ng_partial_free(ps);
    ng_partial_free(pp);
    ng_partial_free(pe);
    free(s.data);
    free(p.data);
    free(e.data);
    ng_gazetteer_free(gz);
    ng_gazetteer_free(other);
}

/* Evidence kept N per pair may be cut to fewer, never stretched to more. */
static void test_evidence_merge_fewer(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = load("g.tsv", gaz_text);
    ng_window_t w = {NG_WINDOW_SENTENCE, 0};
    static const size_t all[] = {0, 1, 2, 3, 4};
    bytes_t three = run_partial(gz, w, 3, all, NDOCS), one = run_partial(gz, w, 1, all, NDOCS);
    ng_partial_t *p3 = read_ok(&three, gz), *p1 = read_ok(&one, gz);
    ng_error_t err = {0};
    ng_evidence_t *cut = ng_evidence_new(1, ng_gazetteer_entity_count(gz), &w);
    assert_int_equal(ng_evidence_merge(cut, ng_partial_evidence(p3), &err), NG_OK);
    ng_partial_settings_t s = *ng_partial_settings(p1);
    bytes_t b = {0};
    FILE *f = open_memstream(&b.data, &b.len);
    assert_int_equal(ng_partial_write(f, &s, ng_partial_cooc(p3), cut, &err), NG_OK);
    fclose(f);
    assert_same_bytes(&b, &one);
    /* a-b: Anna Alpha and Ben Beta share sentences in doc0 (twice),
     * doc1 and doc3: the first by name is doc0's first sentence. */
    assert_int_equal(ng_evidence_count(ng_partial_evidence(p3), 0, 1), 3);
    assert_int_equal(ng_evidence_count(cut, 0, 1), 1);

    ng_evidence_t *more = ng_evidence_new(5, ng_gazetteer_entity_count(gz), &w);
    assert_int_equal(ng_evidence_merge(more, ng_partial_evidence(p3), &err), NG_EUSAGE);
    assert_non_null(strstr(err.message, "3 snippets per pair into 5"));

    /* Taking the evidence leaves a partial without any, as its settings say. */
    ng_evidence_t *taken = ng_partial_take_evidence(p3);
    assert_non_null(taken);
    assert_int_equal(ng_evidence_per_edge(taken), 3);
    assert_null(ng_partial_evidence(p3));
    assert_int_equal(ng_partial_settings(p3)->evidence, 0);
    assert_int_equal(ng_partial_merge(p3, p1, &err), NG_EDATA);
    ng_evidence_free(taken);

    ng_evidence_free(cut);
    ng_evidence_free(more);
    ng_partial_free(p3);
    ng_partial_free(p1);
    free(three.data);
    free(one.data);
    free(b.data);
    ng_gazetteer_free(gz);
}

/* ---- the fingerprint ---------------------------------------------------- */

static void fp_of(const char *text, unsigned char out[NG_FINGERPRINT_SIZE])
{
    ng_gazetteer_t *gz = load("one.tsv", text);
    ng_gazetteer_fingerprint(gz, out);
    ng_gazetteer_free(gz);
}

static void test_fingerprint(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool same; /* as the base */
    } cases[] = {
        /* The same content from another file name, comments, blank lines. */
        {"# people\n\na\tperson\tAnna Alpha\tAnnie|A. Alpha\tk=v;m=n\n", true},
        /* Aliases in another order. */
        {"a\tperson\tAnna Alpha\tA. Alpha|Annie\tk=v;m=n\n", true},
        /* The same entity in two rows. */
        {"a\tperson\tAnna Alpha\tAnnie\tk=v;m=n\na\tperson\tAnna Alpha\tA. Alpha\n", true},
        {"b\tperson\tAnna Alpha\tAnnie|A. Alpha\tk=v;m=n\n", false},     /* id */
        {"a\tcountry\tAnna Alpha\tAnnie|A. Alpha\tk=v;m=n\n", false},    /* type */
        {"a\tperson\tAnna Alphb\tAnnie|A. Alpha\tk=v;m=n\n", false},     /* name */
        {"a\tperson\tAnna Alpha\tAnnie\tk=v;m=n\n", false},              /* an alias */
        {"a\tperson\tAnna Alpha\ti:Annie|A. Alpha\tk=v;m=n\n", false},   /* a flag */
        {"a\tperson\tAnna Alpha\tAnnie|A. Alpha\tk=w;m=n\n", false},     /* a value */
        {"a\tperson\tAnna Alpha\tAnnie|A. Alpha\tm=n;k=v\n", false},     /* attribute order */
        {"a\tperson\tAnna Alpha\tre:Ann(ie)?\tk=v;m=n\n", false},        /* a pattern */
        /* Aliases of some languages only (alias_lang=, not an attribute). */
        {"a\tperson\tAnna Alpha\tAnnie|A. Alpha\tk=v;m=n\na\tperson\tAnna Alpha\tAnnie\talias_lang=de\n",
         true}, /* given before for any language: still any */
        {"a\tperson\tAnna Alpha\tA. Alpha\tk=v;m=n\na\tperson\tAnna Alpha\tAnnie\talias_lang=de\n",
         false},
    };
    unsigned char base[NG_FINGERPRINT_SIZE], fp[NG_FINGERPRINT_SIZE];
    fp_of("a\tperson\tAnna Alpha\tAnnie|A. Alpha\tk=v;m=n\n", base);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fp_of(cases[i].text, fp);
        if ((memcmp(fp, base, sizeof fp) == 0) != cases[i].same) {
            print_error("case %zu: fingerprint %s\n", i, cases[i].same ? "differs" : "is the same");
            fail();
        }
    }
    /* Entity order matters: counts are kept by entity number. */
    unsigned char ab[NG_FINGERPRINT_SIZE], ba[NG_FINGERPRINT_SIZE];
    fp_of("a\tperson\tAnna\nb\tperson\tBen\n", ab);
    fp_of("b\tperson\tBen\na\tperson\tAnna\n", ba);
    assert_memory_not_equal(ab, ba, sizeof ab);
    /* Common words count. */
    ng_gazetteer_t *gz = load("one.tsv", "a\tperson\tAnna\nb\tperson\tBen\n");
    char path[] = "/tmp/test_partial_wordsXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("apple\nshell\n", f);
    fclose(f);
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_words(gz, path, &err), NG_OK);
    remove(path);
    ng_gazetteer_fingerprint(gz, fp);
    assert_memory_not_equal(fp, ab, sizeof fp);
    ng_gazetteer_free(gz);
    /* Hex form. */
    char hex[NG_FINGERPRINT_HEX_SIZE];
    unsigned char known[NG_FINGERPRINT_SIZE] = {0x01, 0x23, 0xab, 0xff};
    ng_fingerprint_hex(known, hex);
    assert_string_equal(hex, "0123abff000000000000000000000000");
}

/* ---- hostile files ------------------------------------------------------- */

/* Every prefix and every flipped byte of a good file is refused with a
 * message that names the file. */
static void test_truncated_and_flipped(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = load("g.tsv", gaz_text);
    static const size_t all[] = {0, 1, 2, 3, 4};
    bytes_t b = run_partial(gz, (ng_window_t){NG_WINDOW_PARAGRAPH, 0}, 2, all, NDOCS);
    ng_error_t err;
    for (size_t n = 0; n < b.len; n++) {
        err.message[0] = '\0';
        assert_null(ng_partial_read("cut.ngp", b.data, n, NULL, like(gz), &err));
        assert_int_equal(err.status, NG_EDATA);
        assert_true(strstr(err.message, "cut.ngp: truncated") ||
                    strstr(err.message, "cut.ngp: not a nergraph partial"));
    }
    for (size_t i = 0; i < b.len; i++) {
        b.data[i] ^= 0x20;
        err.message[0] = '\0';
        assert_null(ng_partial_read("flip.ngp", b.data, b.len, NULL, like(gz), &err));
        assert_true(strncmp(err.message, "flip.ngp: ", 10) == 0);
        b.data[i] ^= 0x20;
    }
    /* Two partials back to back: the first says where it ends. */
    bytes_t two = {malloc(2 * b.len), 2 * b.len};
    memcpy(two.data, b.data, b.len);
    memcpy(two.data + b.len, b.data, b.len);
    size_t used = 0;
    ng_partial_t *p = ng_partial_read("two.ngp", two.data, two.len, &used, like(gz), &err);
    assert_non_null(p);
    assert_int_equal(used, b.len);
    ng_partial_free(p);
    free(two.data);
    free(b.data);
    ng_gazetteer_free(gz);
}

/* A well-framed file around `body`: right magic, length and checksum. */
static bytes_t frame(const unsigned char *body, size_t len, uint32_t format)
{
    bytes_t b = {malloc(len + 28), len + 28};
    unsigned char *p = (unsigned char *)b.data;
    memcpy(p, NG_PARTIAL_MAGIC, 8);
    for (int i = 0; i < 4; i++)
        p[8 + i] = (unsigned char)(format >> (8 * i));
    for (int i = 0; i < 8; i++)
        p[12 + i] = (unsigned char)((uint64_t)len >> (8 * i));
    memcpy(p + 20, body, len);
    uint64_t sum = ng_stable_hash(body, len, NG_PARTIAL_CHECKSUM_SEED);
    for (int i = 0; i < 8; i++)
        p[20 + len + i] = (unsigned char)(sum >> (8 * i));
    return b;
}

/* A body: settings for `entities` (a varint's bytes, NULL: 3),
 * sentence windows, no evidence, then the counts given as bytes. */
static size_t body_of(unsigned char *out, const unsigned char *entities, size_t elen,
                      const unsigned char *counts, size_t n)
{
    size_t len = 0;
    out[len++] = 5;
    memcpy(out + len, NG_VERSION, 5);
    len += 5;
    out[len++] = 0;    /* sentence */
    out[len++] = 0;    /* tokens */
    out[len++] = 1;    /* auto aliases */
    out[len++] = 0x40; /* match limit 64 */
    memset(out + len, 0xab, NG_FINGERPRINT_SIZE);
    len += NG_FINGERPRINT_SIZE;
    if (entities) {
        memcpy(out + len, entities, elen);
        len += elen;
    } else {
        out[len++] = 3;
    }
    out[len++] = 0;    /* evidence */
    memcpy(out + len, counts, n);
    return len + n;
}

static size_t body_with(unsigned char *out, const unsigned char *counts, size_t n)
{
    return body_of(out, NULL, 0, counts, n);
}

static void test_hostile_bodies(void **state)
{
    (void)state;
    static const struct {
        const char *what;
        unsigned char counts[32];
        size_t n;
        const char *message; /* NULL: accepted */
    } cases[] = {
        /* docs 2, windows 3; entities: 0 (m2 d1 w2), 1 (m1 d1 w1); pair 0-1 w1 d1 */
        {"good", {2, 3, 2, 0, 2, 1, 2, 0, 1, 1, 1, 1, 0, 0, 1, 1}, 16, NULL},
        {"entity past the count", {2, 3, 1, 3, 1, 1, 1, 0}, 8, "past the entity count"},
        {"documents above windows", {2, 3, 1, 0, 2, 2, 1, 0}, 8, "cannot go together"},
        {"entity documents above total", {2, 3, 1, 0, 3, 3, 3, 0}, 8, "more than 2"},
        {"zero documents", {2, 3, 1, 0, 1, 0, 1, 0}, 8, "cannot go together"},
        {"pair without mentions", {2, 3, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1}, 12,
         "without mentions"},
        {"pair weight above windows", {2, 3, 2, 0, 2, 1, 2, 0, 1, 1, 1, 1, 0, 0, 2, 1}, 16,
         "cannot go together"},
        {"pair past the count", {2, 3, 2, 0, 2, 1, 2, 0, 1, 1, 1, 1, 0, 5, 1, 1}, 16,
         "past the entity count"},
        {"trailing bytes", {2, 3, 0, 0, 7}, 5, "bytes follow"},
        {"cut number", {2, 3, 0x80}, 3, "middle of a number"},
        {"long number", {2, 3, 0x80, 0x00, 0}, 5, "shortest form"},
        {"huge number", {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, 10,
         "too large"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        unsigned char body[128];
        size_t len = body_with(body, cases[i].counts, cases[i].n);
        bytes_t b = frame(body, len, NG_PARTIAL_FORMAT);
        ng_error_t err = {0};
        ng_partial_t *p = ng_partial_read("h.ngp", b.data, b.len, NULL, NULL, &err);
        bool ok = cases[i].message ? !p && strstr(err.message, cases[i].message) : p != NULL;
        if (!ok) {
            print_error("%s: %s\n", cases[i].what, p ? "accepted" : err.message);
            fail();
        }
        ng_partial_free(p);
        free(b.data);
    }
    /* Another format version, and a body too long for the file. */
    unsigned char body[64];
    size_t len = body_with(body, (const unsigned char[]){0, 0, 0, 0}, 4);
    bytes_t b = frame(body, len, 2);
    ng_error_t err = {0};
    assert_null(ng_partial_read("v.ngp", b.data, b.len, NULL, NULL, &err));
    assert_non_null(strstr(err.message, "v.ngp: partial format version 2"));
    free(b.data);
    b = frame(body, len, NG_PARTIAL_FORMAT);
    b.data[12] = (char)0xff;
    assert_null(ng_partial_read("l.ngp", b.data, b.len, NULL, NULL, &err));
    assert_non_null(strstr(err.message, "l.ngp: truncated"));
    free(b.data);
    /* More entities than a reader without the gazetteer takes. */
    len = body_of(body, (const unsigned char[]){0xff, 0xff, 0xff, 0x0f}, 4,
                  (const unsigned char[]){0, 0, 0, 0}, 4);
    b = frame(body, len, NG_PARTIAL_FORMAT);
    assert_null(ng_partial_read("e.ngp", b.data, b.len, NULL, NULL, &err));
    assert_non_null(strstr(err.message, "without its gazetteer"));
    free(b.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_sentence),
        cmocka_unit_test(test_merge_sentence_evidence),
        cmocka_unit_test(test_merge_paragraph_evidence),
        cmocka_unit_test(test_merge_document_evidence),
        cmocka_unit_test(test_merge_tokens_evidence),
        cmocka_unit_test(test_merge_mismatch),
        cmocka_unit_test(test_evidence_merge_fewer),
        cmocka_unit_test(test_fingerprint),
        cmocka_unit_test(test_truncated_and_flipped),
        cmocka_unit_test(test_hostile_bodies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
