/*
 * Unit tests for discovery (src/discover.c): each rule finds its names in
 * texts written for the purpose, and each false friend stays out.  The
 * texts go through the real segmenter and tagger, with a small gazetteer,
 * so "never overlaps a gazetteer mention" is tested the way a run meets
 * it.  Expected results are written as "type:name" lists in text order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "nergraph.h"

static const char gazetteer[] =
    "country:RU\tcountry\tRuritania\tRuritanian|Ruritanians\n"
    "person:ana-lopes\tperson\tAna Lopes\n"
    "org:globex\torganization\tGlobex\n"
    "org:known\torganization\tKnown Holdings\n";

static const char given_names[] =
    "# test list\nDaniel\nRenata\nNicholas\nJohn\nWill\nGrace\nMay\nAna\nOmar\nEl\nTilda\nHarley\nTill\nElizabeth\n";

static const char words[] = "till\nwill\ngrace\nmay\ncompany\ncongress\nthe\nsurgeon\nsaid\ngroup\n";

typedef struct fixture {
    ng_gazetteer_t *gz;
    ng_tagger_t *tagger;
    ng_scanner_t *scanner;
    ng_discoverer_t *d;
    ng_segments_t seg;
    char out[2048];
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    ng_error_t err = {0};
    f->gz = ng_gazetteer_new();
    assert_int_equal(ng_gazetteer_load_buffer(f->gz, "test", gazetteer, strlen(gazetteer), &err), NG_OK);
    char path[] = "/tmp/test_discover_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, words, strlen(words)), (ssize_t)strlen(words));
    close(fd);
    assert_int_equal(ng_gazetteer_load_words(f->gz, path, &err), NG_OK);
    unlink(path);
    ng_tagger_options_t opts;
    ng_tagger_options_init(&opts);
    f->tagger = ng_tagger_new(f->gz, &opts, &err);
    assert_non_null(f->tagger);
    f->scanner = ng_scanner_new(f->tagger);
    f->d = ng_discoverer_new(f->gz);
    assert_int_equal(ng_discoverer_add_given_names(f->d, given_names, strlen(given_names), &err), NG_OK);
    assert_int_equal(ng_discoverer_given_name_count(f->d), 14);
    ng_segments_init(&f->seg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    ng_segments_destroy(&f->seg);
    ng_discoverer_free(f->d);
    ng_scanner_free(f->scanner);
    ng_tagger_free(f->tagger);
    ng_gazetteer_free(f->gz);
    free(f);
    return 0;
}

/* "type:name;" for each candidate of text, after checking that each lies
 * inside the text, on word boundaries, and off every mention. */
static const char *discover(fixture_t *f, const char *text)
{
    size_t len = strlen(text);
    ng_error_t err = {0};
    ng_segment_text(text, len, &f->seg);
    const ng_mention_t *m;
    size_t mc;
    assert_int_equal(ng_scanner_tag(f->scanner, &f->seg, "t", text, len, &m, &mc, &err), NG_OK);
    const ng_candidate_t *c;
    size_t cc;
    ng_discover_text(f->d, &f->seg, text, len, m, mc, &c, &cc);
    f->out[0] = '\0';
    for (size_t i = 0; i < cc; i++) {
        assert_true(c[i].start < c[i].end && c[i].end <= len);
        if (i)
            assert_true(c[i - 1].end <= c[i].start);
        for (size_t k = 0; k < mc; k++)
            assert_true(c[i].end <= m[k].start || m[k].end <= c[i].start);
        assert_int_equal(strlen(c[i].name), c[i].name_len);
        size_t used = strlen(f->out);
        snprintf(f->out + used, sizeof f->out - used, "%s:%s;", c[i].type, c[i].name);
    }
    return f->out;
}

static void test_titles(void **state)
{
    fixture_t *f = *state;
    assert_string_equal(discover(f, "Officials said Mr. Daniel Roe and Sen. Tilda Marsh met on a "
                                    "cold morning in the capital of the north."),
                        "person:Daniel Roe;person:Tilda Marsh;");
    assert_string_equal(discover(f, "The vote was close, and Gov. Harlan Voss said that Judge "
                                    "Pruitt would rule on the appeal next week."),
                        "person:Harlan Voss;person:Pruitt;");
    /* "President" written out before a common word is no name. */
    assert_string_equal(discover(f, "The deal was signed by the parties, the Company said in a "
                                    "statement issued late on the day."), "");
}

static void test_given_names(void **state)
{
    fixture_t *f = *state;
    assert_string_equal(discover(f, "Analysts including Renata Moura and Nicholas Kaufman said "
                                    "the outlook was weak for the rest of the year."),
                        "person:Renata Moura;person:Nicholas Kaufman;");
    assert_string_equal(discover(f, "A letter signed by John Q. Public arrived at the office "
                                    "late in the evening of that day."),
                        "person:John Q. Public;");
    assert_string_equal(discover(f, "The report by Ana de Souza and Daniel van Wyk was read out "
                                    "in full at the meeting on that day."),
                        "person:Ana de Souza;person:Daniel van Wyk;");
    /* A possessive stays outside; one line break inside a name is kept as
     * one space. */
    assert_string_equal(discover(f, "It was Renata Moura's report that was read out at the "
                                    "meeting, and Daniel\nRoe agreed with every word of it."),
                        "person:Renata Moura;person:Daniel Roe;");
}

/* A demonym the gazetteer knows before a given name is no part of the
 * name, as a title is not: the person is found after it, at a paragraph
 * start too. */
static void test_after_demonym(void **state)
{
    fixture_t *f = *state;
    assert_string_equal(discover(f, "The race was run in heavy rain.\n\nRuritanian Renata Moura, "
                                    "who won gold, said she was tired but happy."),
                        "person:Renata Moura;");
    assert_string_equal(discover(f, "The minister said that Ruritanian Daniel Kowal would lead "
                                    "the talks in the spring."),
                        "person:Daniel Kowal;");
}

/* Given names the gazetteer holds (ng_gazetteer_add_given_names, as the
 * command line loads given-names.txt) serve discovery as its own do. */
static void test_gazetteer_given_names(void **state)
{
    (void)state;
    ng_error_t err = {0};
    ng_gazetteer_t *gz = ng_gazetteer_new();
    assert_int_equal(ng_gazetteer_load_buffer(gz, "test", gazetteer, strlen(gazetteer), &err),
                     NG_OK);
    const char names[] = "Kofi\n";
    assert_int_equal(ng_gazetteer_add_given_names(gz, "names", names, strlen(names), &err), NG_OK);
    fixture_t f = {0};
    f.gz = gz;
    f.tagger = ng_tagger_new(gz, NULL, &err);
    f.scanner = ng_scanner_new(f.tagger);
    f.d = ng_discoverer_new(gz);
    assert_int_equal(ng_discoverer_given_name_count(f.d), 0);
    ng_segments_init(&f.seg);
    assert_string_equal(discover(&f, "Analysts including Kofi Mensah and Renata Moura said the "
                                     "outlook was weak for the rest of the year."),
                        "person:Kofi Mensah;");
    ng_segments_destroy(&f.seg);
    ng_discoverer_free(f.d);
    ng_scanner_free(f.scanner);
    ng_tagger_free(f.tagger);
    ng_gazetteer_free(gz);
}

static void test_apposition(void **state)
{
    fixture_t *f = *state;
    assert_string_equal(discover(f, "Chidi Okafor, a lawyer for the families, said the ruling "
                                    "was wrong and would be appealed."),
                        "person:Chidi Okafor;");
    assert_string_equal(discover(f, "Surgeon Omar Haddad, who works with a charity in the city, "
                                    "said the supplies would last only days."),
                        "person:Omar Haddad;");
    /* An organization before an apposition is not a person. */
    assert_string_equal(discover(f, "Northwind Traders, a maker of farm tools, said sales were "
                                    "flat in the quarter that ended in the spring."), "");
}

static void test_false_friends(void **state)
{
    fixture_t *f = *state;
    assert_string_equal(discover(f, "Will the talks succeed this week? Grace said nothing at all "
                                    "about it to the people who asked her."), "");
    assert_string_equal(discover(f, "Will Congress act on the budget before the summer recess "
                                    "that begins in a few weeks?"), "");
    assert_string_equal(discover(f, "The Company declined to comment on the matter when asked "
                                    "about it by reporters yesterday."), "");
    assert_string_equal(discover(f, "Prices rose in May and June across the region, and the "
                                    "Group said it expected more of the same."), "");
    /* A month that is also a given name needs a surname that is no word. */
    assert_string_equal(discover(f, "The results were known in May Company filings released "
                                    "to the public that week."), "");
    /* Articles of places are no given names. */
    assert_string_equal(discover(f, "Convoys have been blocked for weeks near El Fasher, aid "
                                    "workers said in a statement on the matter."), "");
    /* A given name before a word of places is a street or a house. */
    assert_string_equal(discover(f, "They walked from Harley Street to the house of the family "
                                    "in the rain, and Mrs. Harley Lodge was shut."), "");
    /* A given name that is a word, then a name of its own, at a sentence
     * start: the word, then the name alone. */
    assert_string_equal(discover(f, "Till Elizabeth came home, nobody in the house spoke of the "
                                    "letter or of what it said."), "");
    /* Capitals of a headline say nothing. */
    assert_string_equal(discover(f, "Judge Blocks New Tariffs\n\nThe ruling came late on a long "
                                    "day in the capital, officials said."), "");
    /* A blank line ends a name. */
    assert_string_equal(discover(f, "The letter was signed by Renata\n\nMoura and others "
                                    "came later in the day to read it."), "");
}

static void test_organizations(void **state)
{
    fixture_t *f = *state;
    assert_string_equal(discover(f, "Students at New York University and staff of Acme Holdings "
                                    "and Quux Inc. protested outside the building."),
                        "organization:New York University;organization:Acme Holdings;"
                        "organization:Quux Inc;");
    assert_string_equal(discover(f, "He met officials of the Ministry of Fisheries and the "
                                    "University of Westhaven on a visit last week."),
                        "organization:Ministry of Fisheries;organization:University of Westhaven;");
    assert_string_equal(discover(f, "The case was handled by Baker Holt & Reyes and by Cole, "
                                    "Marsh & Dunn for the plaintiffs in the matter."),
                        "organization:Baker Holt & Reyes;organization:Cole, Marsh & Dunn;");
    assert_string_equal(discover(f, "The bonds were sold by Banco Sul S.A. to investors in the "
                                    "region over the course of the week."),
                        "organization:Banco Sul S.A.;");
}

static void test_gazetteer_wins(void **state)
{
    fixture_t *f = *state;
    /* Ana Lopes and Globex are the gazetteer's; "Globex Holdings" is left
     * alone, and so is "Known Holdings", an alias the gazetteer has. */
    assert_string_equal(discover(f, "Ana Lopes met Daniel Roe at Globex Holdings in the morning, "
                                    "and later at Known Holdings in the city."),
                        "person:Daniel Roe;");
    /* "University of Ruritania": the country is a mention. */
    assert_string_equal(discover(f, "She studied at the University of Ruritania for three long "
                                    "years before she left the country."), "");
    /* A lone surname after a title when the full name is in the document. */
    assert_string_equal(discover(f, "Daniel Roe spoke first at the hearing in the morning. "
                                    "Later Mr. Roe left the room without a word."),
                        "person:Daniel Roe;");
}

static void test_bytes(void **state)
{
    fixture_t *f = *state;
    /* Invalid UTF-8 and control bytes: no crash, candidates in bounds. */
    discover(f, "Mr. \xff\xfe Roe and Renata \x01Moura of Acme\x80 Holdings & \xc3 Co.");
    discover(f, "");
    discover(f, "&");
    discover(f, "Mr.");
    discover(f, "Ministry of");
    char big[4096];
    unsigned x = 12345;
    for (size_t i = 0; i + 1 < sizeof big; i++) {
        x = x * 1103515245u + 12345u;
        const char pick[] = "Aa .,&'\nMr Inc of-";
        big[i] = pick[(x >> 16) % (sizeof pick - 1)];
    }
    big[sizeof big - 1] = '\0';
    discover(f, big);
}

static void test_slug(void **state)
{
    (void)state;
    const struct {
        const char *name, *slug;
    } cases[] = {
        {"Renata Moura", "renata-moura"},
        {"José Núñez", "jose-nunez"},
        {"Straße AG", "strasse-ag"},
        {"O'Brien Group", "obrien-group"},
        {"Baker Holt & Reyes", "baker-holt-reyes"},
        {"Łukasz Żółw", "lukasz-zolw"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = ng_discover_slug(cases[i].name, strlen(cases[i].name));
        assert_string_equal(s, cases[i].slug);
        free(s);
    }
    /* Another script: a hash keeps different names apart. */
    char *a = ng_discover_slug("Иван Петров", strlen("Иван Петров"));
    char *b = ng_discover_slug("Пётр Иванов", strlen("Пётр Иванов"));
    assert_int_equal(strlen(a), 8);
    assert_string_not_equal(a, b);
    for (const char *p = a; *p; p++)
        assert_true((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'));
    free(a);
    free(b);
}

static void test_given_name_file(void **state)
{
    fixture_t *f = *state;
    ng_error_t err = {0};
    assert_int_equal(ng_discoverer_load_given_names(f->d, "/nonexistent/given-names.txt", &err),
                     NG_EIO);
    assert_non_null(strstr(err.message, "/nonexistent/given-names.txt"));
    assert_int_equal(ng_discoverer_add_given_names(f->d, "Ok\n\xff\xfe\n", 6, &err), NG_EDATA);
    assert_non_null(strstr(err.message, ":2:"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_titles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_given_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_after_demonym, setup, teardown),
        cmocka_unit_test(test_gazetteer_given_names),
        cmocka_unit_test_setup_teardown(test_apposition, setup, teardown),
        cmocka_unit_test_setup_teardown(test_false_friends, setup, teardown),
        cmocka_unit_test_setup_teardown(test_organizations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gazetteer_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bytes, setup, teardown),
        cmocka_unit_test(test_slug),
        cmocka_unit_test_setup_teardown(test_given_name_file, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
