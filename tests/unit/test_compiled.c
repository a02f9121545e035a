/*
 * Compiled gazetteers (ng_gazetteer_write_compiled, .ngz): a round trip
 * keeps every accessor's answer and every mention; the loader refuses a
 * truncated, foreign or corrupt file with a message that says what to do,
 * whatever byte is wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nergraph.h"
#include "ngz.h"

/* Every kind of row: aliases, any-case, a pattern, attributes and a prior,
 * an id extended by a second file, an "ignore" entity, non-ASCII names. */
static const char rows_a[] =
    "person:ada\tperson\tAda Lovelace\tA. Lovelace|Countess  Lovelace\tborn=1815;prior=2\n"
    "org:acme\torganization\tAcme Corp\ti:acme|ACME\tprior=1\n"
    "place:paris\tcountry\tParis\tParigi\n"
    "place:turkey\tcountry\tTurkey\n"
    "person:unal\tperson\tÜnal Özdemir\n"
    "ignore:hilton\tignore\tParis Hilton\n"
    "model:zed\torganization\tZed Models\tre:[Zz]ed-[0-9]+\n";
static const char rows_b[] =
    "# translations\n"
    "place:paris\tcountry\tParis\tParís|Pariisi\n"
    "place:paris\tcountry\tPariz\t\talias_lang=hr,sl\n"
    "place:paris\tcountry\tПариж\t\talias_lang=ru\n"
    "person:paris\tperson\tParis Jackson\t\tsurname=\n";
static const char text[] =
    "Ada Lovelace met Lovelace in Paris. PARIS SPEAKS. The Acme Corp's plan and acme's.\n\n"
    "Turkey and turkey; Zed-42 and zed-7, Ünal Özdemir and Özdemir, París, Paris Hilton.\n\n"
    "Pariz, or Париж, is not a name of English prose.";

static char tmpdir[64];

static char *path_in_tmp(const char *name)
{
    static char buf[4][128];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    void *data = malloc(*len ? *len : 1);
    assert_int_equal(fread(data, 1, *len, f), *len);
    fclose(f);
    return data;
}

static void quiet(void *ctx, const char *msg)
{
    (void)ctx, (void)msg;
}

/* The source gazetteer, with a common-word list and a given-name list. */
static ng_gazetteer_t *source_gazetteer(void)
{
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_gazetteer_set_diagnostics(gz, quiet, NULL);
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_buffer(gz, "a.tsv", rows_a, strlen(rows_a), &err), NG_OK);
    assert_int_equal(ng_gazetteer_load_buffer(gz, "b.tsv", rows_b, strlen(rows_b), &err), NG_OK);
    const char words[] = "# common words\nturkey\nshell\nacme\n";
    write_file(path_in_tmp("words.txt"), words, strlen(words));
    assert_int_equal(ng_gazetteer_load_words(gz, path_in_tmp("words.txt"), &err), NG_OK);
    const char given[] = "Paris\nAda\nZed\n";
    assert_int_equal(ng_gazetteer_add_given_names(gz, "given", given, strlen(given), &err),
                     NG_OK);
    return gz;
}

static void compile_to(const ng_gazetteer_t *gz, const char *path)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_write_compiled(gz, f, &err), NG_OK);
    assert_int_equal(fclose(f), 0);
}

static ng_gazetteer_t *load_compiled(const char *path)
{
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_path(gz, path, &err), NG_OK);
    assert_true(ng_gazetteer_is_compiled(gz));
    return gz;
}

static void assert_same_gazetteer(const ng_gazetteer_t *a, const ng_gazetteer_t *b)
{
    size_t n = ng_gazetteer_entity_count(a);
    assert_int_equal(ng_gazetteer_entity_count(b), n);
    for (uint32_t e = 0; e < n; e++) {
        assert_string_equal(ng_gazetteer_entity_id(a, e), ng_gazetteer_entity_id(b, e));
        assert_string_equal(ng_gazetteer_entity_type(a, e), ng_gazetteer_entity_type(b, e));
        assert_string_equal(ng_gazetteer_entity_name(a, e), ng_gazetteer_entity_name(b, e));
        assert_true(ng_gazetteer_entity_prior(a, e) == ng_gazetteer_entity_prior(b, e));
        assert_int_equal(ng_gazetteer_find(b, ng_gazetteer_entity_id(a, e)), e);
        size_t na = ng_gazetteer_attr_count(a, e);
        assert_int_equal(ng_gazetteer_attr_count(b, e), na);
        for (size_t i = 0; i < na; i++) {
            assert_string_equal(ng_gazetteer_attr_key(a, e, i), ng_gazetteer_attr_key(b, e, i));
            assert_string_equal(ng_gazetteer_attr_value(a, e, i),
                                ng_gazetteer_attr_value(b, e, i));
            assert_string_equal(ng_gazetteer_attr(b, e, ng_gazetteer_attr_key(a, e, i)),
                                ng_gazetteer_attr_value(a, e, i));
        }
    }
    assert_int_equal(ng_gazetteer_find(b, "no:such"), -1);
    assert_int_equal(ng_gazetteer_find(b, "person:ad"), -1);
    size_t nal = ng_gazetteer_alias_count(a);
    assert_int_equal(ng_gazetteer_alias_count(b), nal);
    for (size_t i = 0; i < nal; i++) {
        const ng_alias_t *x = ng_gazetteer_alias(a, i), *y = ng_gazetteer_alias(b, i);
        assert_int_equal(x->entity, y->entity);
        assert_int_equal(x->flags, y->flags);
        assert_int_equal(x->len, y->len);
        assert_memory_equal(x->text, y->text, x->len);
        assert_string_equal(x->source, y->source);
        assert_int_equal(x->line, y->line);
        if (x->langs)
            assert_string_equal(x->langs, y->langs);
        else
            assert_null(y->langs);
    }
    assert_int_equal(ng_gazetteer_word_count(b), ng_gazetteer_word_count(a));
    assert_true(ng_gazetteer_is_word(b, "Turkey", 6));
    assert_true(ng_gazetteer_is_word(b, "SHELL", 5));
    assert_false(ng_gazetteer_is_word(b, "Paris", 5));
    assert_int_equal(ng_gazetteer_given_name_count(b), ng_gazetteer_given_name_count(a));
    assert_true(ng_gazetteer_is_given_name(b, "Paris", 5));
    assert_false(ng_gazetteer_is_given_name(b, "PARIS", 5));
    assert_false(ng_gazetteer_is_given_name(b, "Turkey", 6));
}

/* Mentions of text as "start-end:entity/candidates;..." */
static void tag(const ng_gazetteer_t *gz, bool auto_aliases, char *out, size_t cap)
{
    ng_tagger_options_t opts;
    ng_tagger_options_init(&opts);
    opts.auto_aliases = auto_aliases;
    ng_error_t err = {0};
    ng_tagger_t *t = ng_tagger_new(gz, &opts, &err);
    assert_non_null(t);
    ng_scanner_t *s = ng_scanner_new(t);
    const ng_mention_t *m;
    size_t count;
    assert_int_equal(ng_scanner_tag(s, NULL, "t", text, strlen(text), &m, &count, &err), NG_OK);
    size_t at = 0;
    out[0] = '\0';
    for (size_t i = 0; i < count; i++)
        at += (size_t)snprintf(out + at, cap - at, "%zu-%zu:%u/%zu;", m[i].start, m[i].end,
                               m[i].entity, m[i].candidate_count);
    assert_true(at < cap);
    ng_scanner_free(s);
    ng_tagger_free(t);
}

static void test_round_trip(void **state)
{
    (void)state;
    ng_gazetteer_t *src = source_gazetteer();
    compile_to(src, path_in_tmp("g.ngz"));
    ng_gazetteer_t *c = load_compiled(path_in_tmp("g.ngz"));
    assert_same_gazetteer(src, c);
    char want[4096], got[4096];
    for (int auto_aliases = 0; auto_aliases < 2; auto_aliases++) {
        tag(src, auto_aliases, want, sizeof want);
        tag(c, auto_aliases, got, sizeof got);
        assert_string_equal(want, got);
    }
    /* A Latin-script name of other languages does not count in English
     * prose, a Cyrillic one does, stored or not. */
    char span[64];
    size_t pariz = (size_t)(strstr(text, "Pariz") - text);
    snprintf(span, sizeof span, "%zu-%zu:", pariz, pariz + 5);
    assert_null(strstr(want, span));
    size_t cyr = (size_t)(strstr(text, "Париж") - text);
    snprintf(span, sizeof span, "%zu-%zu:", cyr, cyr + strlen("Париж"));
    assert_non_null(strstr(want, span));
    /* The same text finds people, places, the pattern and the surname. */
    assert_non_null(strstr(want, ":0/1;"));
    ng_tagger_t *ts = ng_tagger_new(src, NULL, NULL), *tc = ng_tagger_new(c, NULL, NULL);
    assert_int_equal(ng_tagger_literal_count(ts), ng_tagger_literal_count(tc));
    ng_tagger_free(ts);
    ng_tagger_free(tc);

    /* Compiling the compiled gazetteer gives the same bytes. */
    compile_to(c, path_in_tmp("g2.ngz"));
    size_t l1, l2;
    void *b1 = read_file(path_in_tmp("g.ngz"), &l1), *b2 = read_file(path_in_tmp("g2.ngz"), &l2);
    assert_int_equal(l1, l2);
    assert_memory_equal(b1, b2, l1);
    free(b1);
    free(b2);
    ng_gazetteer_free(c);
    ng_gazetteer_free(src);
}

/* Another word list in place of the stored one, as --words does. */
static void test_words_replaced(void **state)
{
    (void)state;
    ng_gazetteer_t *src = source_gazetteer();
    compile_to(src, path_in_tmp("w.ngz"));
    ng_gazetteer_t *c = load_compiled(path_in_tmp("w.ngz"));
    ng_gazetteer_clear_words(c);
    ng_gazetteer_clear_words(src);
    assert_int_equal(ng_gazetteer_word_count(c), 0);
    assert_false(ng_gazetteer_is_word(c, "turkey", 6));
    const char words[] = "paris\n";
    write_file(path_in_tmp("w2.txt"), words, strlen(words));
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_words(c, path_in_tmp("w2.txt"), &err), NG_OK);
    assert_int_equal(ng_gazetteer_load_words(src, path_in_tmp("w2.txt"), &err), NG_OK);
    assert_true(ng_gazetteer_is_word(c, "Paris", 5));
    assert_int_equal(ng_gazetteer_word_count(c), 1);
    char want[4096], got[4096];
    tag(src, true, want, sizeof want);
    tag(c, true, got, sizeof got);
    assert_string_equal(want, got);
    ng_gazetteer_free(c);
    ng_gazetteer_free(src);
}

/* Another given-name list in place of the stored one, as --given-names
 * does: the stored literal table no longer fits and is rebuilt. */
static void test_given_names_replaced(void **state)
{
    (void)state;
    static const char first[] =
        "We met Paris Kell at the station, and later we went to see the office of Zed Models.";
    ng_gazetteer_t *src = source_gazetteer();
    compile_to(src, path_in_tmp("n.ngz"));
    ng_gazetteer_t *c = load_compiled(path_in_tmp("n.ngz"));
    ng_error_t err = {0};
    const ng_mention_t *m;
    size_t count;
    ng_tagger_t *t = ng_tagger_new(c, NULL, &err);
    ng_scanner_t *s = ng_scanner_new(t);
    /* "Paris Kell" is a first name; "Zed Models" the organization's name. */
    assert_int_equal(ng_scanner_tag(s, NULL, "t", first, strlen(first), &m, &count, &err), NG_OK);
    assert_int_equal(count, 1);
    ng_scanner_free(s);
    ng_tagger_free(t);

    ng_gazetteer_clear_given_names(c);
    ng_gazetteer_clear_given_names(src);
    assert_int_equal(ng_gazetteer_given_name_count(c), 0);
    assert_false(ng_gazetteer_is_given_name(c, "Paris", 5));
    t = ng_tagger_new(c, NULL, &err);
    s = ng_scanner_new(t);
    assert_int_equal(ng_scanner_tag(s, NULL, "t", first, strlen(first), &m, &count, &err), NG_OK);
    assert_int_equal(count, 2);
    ng_scanner_free(s);
    ng_tagger_free(t);

    const char names[] = "Turkey\n";
    write_file(path_in_tmp("n2.txt"), names, strlen(names));
    assert_int_equal(ng_gazetteer_load_given_names(c, path_in_tmp("n2.txt"), &err), NG_OK);
    assert_int_equal(ng_gazetteer_load_given_names(src, path_in_tmp("n2.txt"), &err), NG_OK);
    assert_true(ng_gazetteer_is_given_name(c, "Turkey", 6));
    assert_int_equal(ng_gazetteer_given_name_count(c), 1);
    char want[4096], got[4096];
    tag(src, true, want, sizeof want);
    tag(c, true, got, sizeof got);
    assert_string_equal(want, got);
    ng_gazetteer_free(c);
    ng_gazetteer_free(src);
}

/* A compiled gazetteer is loaded alone. */
static void test_alone(void **state)
{
    (void)state;
    ng_gazetteer_t *src = source_gazetteer();
    compile_to(src, path_in_tmp("alone.ngz"));
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_path(src, path_in_tmp("alone.ngz"), &err), NG_EDATA);
    assert_non_null(strstr(err.message, "must be loaded alone"));
    ng_gazetteer_t *c = load_compiled(path_in_tmp("alone.ngz"));
    assert_int_equal(ng_gazetteer_load_buffer(c, "more.tsv", rows_b, strlen(rows_b), &err),
                     NG_EDATA);
    assert_non_null(strstr(err.message, "more.tsv: cannot be added to a compiled gazetteer"));
    ng_gazetteer_free(c);
    ng_gazetteer_free(src);
}

/* Load bytes as a compiled gazetteer: the status, the message in err. */
static int load_bytes(const void *data, size_t len, ng_error_t *err)
{
    write_file(path_in_tmp("bad.ngz"), data, len);
    ng_gazetteer_t *gz = ng_gazetteer_new();
    int st = ng_gazetteer_load_path(gz, path_in_tmp("bad.ngz"), err);
    ng_gazetteer_free(gz);
    return st;
}

static void expect_refused(const void *data, size_t len, const char *what)
{
    ng_error_t err = {0};
    assert_int_equal(load_bytes(data, len, &err), NG_EDATA);
    if (!strstr(err.message, what) || !strstr(err.message, "bad.ngz: ") ||
        !strstr(err.message, "nergraph gazetteer compile"))
        fail_msg("message '%s' lacks '%s'", err.message, what);
}

static unsigned char *compiled_bytes(size_t *len)
{
    ng_gazetteer_t *src = source_gazetteer();
    compile_to(src, path_in_tmp("c.ngz"));
    ng_gazetteer_free(src);
    return read_file(path_in_tmp("c.ngz"), len);
}

/* The section table entry of a tag. */
static ngz_section_t *find_section(unsigned char *b, uint32_t tag)
{
    ngz_header_t *h = (ngz_header_t *)b;
    ngz_section_t *s = (ngz_section_t *)(b + sizeof *h);
    for (uint32_t i = 0; i < h->section_count; i++)
        if (s[i].tag == tag)
            return &s[i];
    fail_msg("no section %u", tag);
    return NULL;
}

static void test_refused(void **state)
{
    (void)state;
    size_t len;
    unsigned char *good = compiled_bytes(&len);
    /* Truncated anywhere: inside the header, the table, the sections. */
    size_t hl = sizeof(ngz_header_t);
    size_t cuts[] = {9, hl - 1, hl + 5, len / 2, len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++)
        expect_refused(good, cuts[i], cuts[i] < hl ? "no header" : "truncated");
    /* Bytes after the end are refused too: a file cut and glued. */
    unsigned char *longer = calloc(1, len + 8);
    memcpy(longer, good, len);
    expect_refused(longer, len + 8, "has bytes after its end");
    /* The same bytes, whole, load. */
    ng_error_t err = {0};
    assert_int_equal(load_bytes(good, len, &err), NG_OK);
    free(longer);
    free(good);
}

static void test_refused_fields(void **state)
{
    (void)state;
    size_t len;
    unsigned char *good = compiled_bytes(&len);
    unsigned char *b = malloc(len);
    ngz_header_t *h = (ngz_header_t *)b;
#define RESET() memcpy(b, good, len)

    RESET();
    h->format = NGZ_FORMAT + 1;
    char want[64];
    snprintf(want, sizeof want, "format %d, this nergraph reads format %d", NGZ_FORMAT + 1,
             NGZ_FORMAT);
    expect_refused(b, len, want);
    RESET();
    memcpy(h->version, "0.0.9\0", 6);
    expect_refused(b, len, "compiled by nergraph 0.0.9, this is nergraph " NG_VERSION);
    RESET();
    h->byte_order = 0x04030201;
    expect_refused(b, len, "byte order");
    RESET();
    h->section_count = 1000;
    expect_refused(b, len, "corrupt section table");
    RESET();
    find_section(b, NGZ_S_ALIASES)->offset = len + 8;
    expect_refused(b, len, "outside the file");
    RESET();
    find_section(b, NGZ_S_LITS)->tag = 99;
    expect_refused(b, len, "section is missing");

    /* Indexes inside sections. */
    RESET();
    ngz_entity_t *ents = (ngz_entity_t *)(b + find_section(b, NGZ_S_ENTITIES)->offset);
    ents[1].name = UINT32_MAX - 3;
    expect_refused(b, len, "entity 1 is corrupt");
    RESET();
    ngz_alias_t *al = (ngz_alias_t *)(b + find_section(b, NGZ_S_ALIASES)->offset);
    al[2].len += 1; /* no longer ends at its NUL */
    expect_refused(b, len, "alias 2 is corrupt");
    RESET();
    al[0].entity = 1000;
    expect_refused(b, len, "alias 0 is corrupt");
    RESET();
    al[1].langs = (uint32_t)len * 4;
    expect_refused(b, len, "alias 1 is corrupt");
    RESET();
    lit_t *lits = (lit_t *)(b + find_section(b, NGZ_S_LITS)->offset);
    lits[0].exact_off = len * 4;
    expect_refused(b, len, "literal 0 is corrupt");
    RESET();
    uint32_t *given = (uint32_t *)(b + find_section(b, NGZ_S_GIVEN)->offset);
    given[0] = (uint32_t)len * 2;
    expect_refused(b, len, "corrupt hash table");
    RESET();
    lits[3].key_len += 1;
    expect_refused(b, len, "key length differs");
    RESET();
    lits[2].flags |= LIT_LANG;
    lits[2].langs_off = (uint32_t)len * 4;
    expect_refused(b, len, "literal 2 is corrupt");
    RESET();
    ng_ac_state_t *st = (ng_ac_state_t *)(b + find_section(b, NGZ_S_AC_STATES)->offset);
    st[5].fail = 5;
    expect_refused(b, len, "failure link");
    RESET();
    st[7].emit = 9;
    expect_refused(b, len, "emit link");
    RESET();
    st[3].first = 0;
    expect_refused(b, len, "children out of order");
    RESET();
    uint32_t *dense = (uint32_t *)(b + find_section(b, NGZ_S_AC_DENSE)->offset);
    dense[0] = 1u << 30;
    expect_refused(b, len, "dense transition");
    RESET();
    uint32_t *ids = (uint32_t *)(b + find_section(b, NGZ_S_IDS)->offset);
    size_t cap = (size_t)find_section(b, NGZ_S_IDS)->size / 4;
    for (size_t i = 0; i < cap; i++)
        if (ids[i] != UINT32_MAX)
            ids[i] = 77777;
    expect_refused(b, len, "corrupt id table");
    free(b);
    free(good);
}

/* Every single-byte change and every truncation of a small file is either
 * refused with a message or loads and tags within bounds (the fuzz target
 * does this at random; here exhaustively for the header and table). */
static void test_every_header_byte(void **state)
{
    (void)state;
    size_t len;
    unsigned char *good = compiled_bytes(&len);
    unsigned char *b = malloc(len);
    size_t upto = sizeof(ngz_header_t) + NGZ_SECTION_COUNT * sizeof(ngz_section_t);
    for (size_t i = 0; i < upto; i++) {
        memcpy(b, good, len);
        b[i] ^= 0x5A;
        ng_error_t err = {0};
        ng_gazetteer_t *gz = ng_gazetteer_new();
        ng_gazetteer_set_diagnostics(gz, quiet, NULL);
        int st = ng_gazetteer_load_buffer(gz, "x.ngz", (const char *)b, len, &err);
        if (st != NG_OK) {
            assert_int_equal(st, NG_EDATA);
            assert_true(err.message[0] != '\0');
        }
        ng_gazetteer_free(gz);
    }
    free(b);
    free(good);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/ng-ngz-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {"words.txt", "w2.txt", "g.ngz", "g2.ngz", "w.ngz", "alone.ngz",
                           "bad.ngz", "c.ngz", "n.ngz", "n2.txt", NULL};
    for (const char **n = names; *n; n++)
        unlink(path_in_tmp(*n));
    return rmdir(tmpdir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_words_replaced),
        cmocka_unit_test(test_alone),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_refused_fields),
        cmocka_unit_test(test_given_names_replaced),
        cmocka_unit_test(test_every_header_byte),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
