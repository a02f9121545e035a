/*
 * Gazetteer parsing: what is accepted, how rows combine, and the exact
 * position and advice in every error message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nergraph.h"

static char warnings[8192];

static void collect_warning(void *ctx, const char *msg)
{
    (void)ctx;
    size_t len = strlen(warnings);
    snprintf(warnings + len, sizeof warnings - len, "%s\n", msg);
}

static int load(ng_gazetteer_t *gz, const char *text, ng_error_t *err)
{
    warnings[0] = '\0';
    ng_gazetteer_set_diagnostics(gz, collect_warning, NULL);
    int st = ng_gazetteer_load_buffer(gz, "t.tsv", text, strlen(text), err);
    ng_gazetteer_set_diagnostics(gz, NULL, NULL);
    return st;
}

/* A row that must be rejected, with the message fragments it must carry. */
typedef struct bad_row {
    const char *name;
    const char *text;
    const char *want[3];
} bad_row_t;

static const bad_row_t bad_rows[] = {
    {"too few columns", "# c\n\np:a\tperson\n", {"t.tsv:3:", "found 2", "TAB"}},
    {"too many columns", "p:a\tperson\tA\tB\tk=v\textra\n", {"t.tsv:1:", "found 6", NULL}},
    {"empty id", "\tperson\tA\n", {"t.tsv:1:", "id column is empty", NULL}},
    {"empty name", "p:a\tperson\t \tA\n", {"t.tsv:1:", "name column is empty", NULL}},
    {"bad type", "p:a\tPerson\tA\n", {"t.tsv:1:", "type 'Person'", "lowercase"}},
    {"two types for one id", "p:a\tperson\tA\np:a\tcountry\tB\n",
     {"t.tsv:2:", "'country' here but 'person' at t.tsv:1", NULL}},
    {"pattern does not compile", "p:a\tperson\tA\tre:(unclosed\n",
     {"t.tsv:1:", "'p:a'", "offset"}},
    {"empty pattern", "p:a\tperson\tA\tre:\n", {"t.tsv:1:", "no pattern", NULL}},
    {"attribute without =", "p:a\tperson\tA\t\tcountry\n", {"t.tsv:1:", "key=value", NULL}},
    {"reserved attribute", "p:a\tperson\tA\t\tlabel=B\n", {"t.tsv:1:", "'label' is reserved", NULL}},
    /* found by fuzz_export: the counter's windows column hid it */
    {"reserved windows", "p:a\tperson\tA\t\twindows=#\n", {"t.tsv:1:", "'windows' is reserved", NULL}},
    {"prior not a number", "p:a\tperson\tA\t\tprior=high\n", {"t.tsv:1:", "prior=high", NULL}},
    {"invalid UTF-8", "p:a\tperson\tA\xff\n", {"t.tsv:1:", "invalid UTF-8", NULL}},
    {"control character", "p:a\tperson\tA\x01" "B\n", {"t.tsv:1:", "control character", NULL}},
    {"id starting with %", "%p\tperson\tA\n", {"t.tsv:1:", "'%p' starts with '%'", NULL}},
    {"attribute name with a backslash", "p:a\tperson\tA\t\tro\\le=x\n",
     {"t.tsv:1:", "attribute name 'ro\\le' is not a plain name", NULL}},
    {"attribute name starting with a digit", "p:a\tperson\tA\t\t1st=x\n",
     {"t.tsv:1:", "'1st'", NULL}},
    {"attribute name with a space", "p:a\tperson\tA\t\tmy key=x\n",
     {"t.tsv:1:", "'my key' is not a plain name", NULL}},
    {"alias_lang not codes", "c:fr\tcountry\tFrance\nc:fr\tcountry\tFrankreich\t\talias_lang=German\n",
     {"t.tsv:2:", "alias_lang=German", "alias_lang=de,fr"}},
    {"alias_lang with spaces", "c:fr\tcountry\tFrankreich\t\talias_lang=de fr\n",
     {"t.tsv:1:", "ISO 639 codes separated by ','", NULL}},
};

static void test_bad_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_rows / sizeof *bad_rows; i++) {
        const bad_row_t *b = &bad_rows[i];
        ng_gazetteer_t *gz = ng_gazetteer_new();
        ng_error_t err = {0};
        int st = load(gz, b->text, &err);
        if (st != NG_EDATA)
            fail_msg("case '%s': status %d, expected NG_EDATA", b->name, st);
        for (int k = 0; k < 3 && b->want[k]; k++)
            if (!strstr(err.message, b->want[k]))
                fail_msg("case '%s': message '%s' lacks '%s'", b->name, err.message, b->want[k]);
        ng_gazetteer_free(gz);
    }
}

static void test_rows_combine(void **state)
{
    (void)state;
    const char *text =
        "\xEF\xBB\xBF# countries\r\n"
        "c:us\tcountry\tUnited States\tUS|U.S.|i:america\tiso2=US;prior=3\r\n"
        "\r\n"
        "c:us\tcountry\tUSA\tUS\tcapital=Washington; iso2=XX\r\n"
        "p:b\tperson\tJoe   Biden\tBiden||  \t\n";
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(load(gz, text, &err), NG_OK);
    assert_int_equal(ng_gazetteer_entity_count(gz), 2);
    assert_int_equal(ng_gazetteer_find(gz, "c:us"), 0);
    assert_int_equal(ng_gazetteer_find(gz, "p:b"), 1);
    assert_int_equal(ng_gazetteer_find(gz, "nope"), -1);
    assert_string_equal(ng_gazetteer_entity_name(gz, 0), "United States");
    assert_string_equal(ng_gazetteer_entity_type(gz, 0), "country");
    assert_true(ng_gazetteer_entity_prior(gz, 0) == 3.0);
    /* First value of an attribute wins, with a warning; new keys add. */
    assert_string_equal(ng_gazetteer_attr(gz, 0, "iso2"), "US");
    assert_string_equal(ng_gazetteer_attr(gz, 0, "capital"), "Washington");
    assert_non_null(strstr(warnings, "t.tsv:4:"));
    /* Empty aliases are skipped with a warning naming the line. */
    assert_non_null(strstr(warnings, "t.tsv:5: empty alias"));

    /* c:us: United States, US, U.S., i:america, USA (US again is a dup);
     * p:b: "Joe Biden" (spaces normalized), Biden. */
    size_t us = 0, fold = 0, b = 0;
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (a->entity == 0)
            us++;
        else
            b++;
        if (a->flags & NG_ALIAS_FOLD) {
            fold++;
            assert_string_equal(a->text, "america");
        }
        if (a->entity == 1 && (a->flags & NG_ALIAS_NAME))
            assert_string_equal(a->text, "Joe Biden");
    }
    assert_int_equal(us, 5);
    assert_int_equal(fold, 1);
    assert_int_equal(b, 2);
    ng_gazetteer_free(gz);
}

static const char *langs_of(const ng_gazetteer_t *gz, const char *text)
{
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (strcmp(a->text, text) == 0)
            return a->langs ? a->langs : "(any)";
    }
    return "(none)";
}

/* alias_lang= belongs to the row: its name and aliases are names in those
 * languages.  It is no attribute of the entity, and a row with it may
 * repeat an id of its file without a report. */
static void reported(void *ctx, ng_report_kind kind, const char *message)
{
    (void)kind;
    (void)message;
    (*(int *)ctx)++;
}

static void test_alias_languages(void **state)
{
    (void)state;
    const char *text =
        "c:fr\tcountry\tFrance\tLa France\tiso2=FR\n"
        "c:fr\tcountry\tFrankreich\tFrankrike\talias_lang=de; note=x\n"
        "c:fr\tcountry\tFrankrike\t\talias_lang=da,sv,de\n"
        "c:fr\tcountry\tFrança\t\talias_lang=pt\n"
        "c:fr\tcountry\tFrança\t\talias_lang=\n"
        "c:fr\tcountry\tLa France\t\talias_lang=fr\n";
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    int reports = 0;
    ng_gazetteer_keep_going(gz, reported, &reports);
    assert_int_equal(load(gz, text, &err), NG_OK);
    assert_int_equal(reports, 1); /* line 5: no alias_lang, a plain repeat */
    assert_int_equal(ng_gazetteer_entity_count(gz), 1);
    assert_string_equal(ng_gazetteer_entity_name(gz, 0), "France");
    assert_null(ng_gazetteer_attr(gz, 0, "alias_lang"));
    assert_string_equal(ng_gazetteer_attr(gz, 0, "note"), "x");
    assert_int_equal(ng_gazetteer_attr_count(gz, 0), 2);
    assert_string_equal(langs_of(gz, "France"), "(any)");
    assert_string_equal(langs_of(gz, "Frankreich"), "de");
    /* given again: the languages of both rows, or any language once a
     * row gives it without */
    assert_string_equal(langs_of(gz, "Frankrike"), "de,da,sv");
    assert_string_equal(langs_of(gz, "França"), "(any)");
    assert_string_equal(langs_of(gz, "La France"), "(any)");
    ng_gazetteer_free(gz);
}

static void test_unusable_aliases_warn(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(load(gz, "p:a\tperson\tA B\t---| . |i:\n", &err), NG_OK);
    assert_non_null(strstr(warnings, "'---' has no letter or digit"));
    assert_non_null(strstr(warnings, "'.' has no letter or digit"));
    assert_non_null(strstr(warnings, "empty alias"));
    assert_int_equal(ng_gazetteer_alias_count(gz), 1);
    ng_gazetteer_free(gz);
}

static void test_patterns(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(load(gz, "p:a\tperson\tA\tre:x*\np:b\tperson\tB\tre:B[0-9]+|C\n", &err), NG_OK);
    assert_non_null(strstr(warnings, "'p:a' can match the empty string"));
    size_t patterns = 0;
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (a->flags & NG_ALIAS_PATTERN) {
            patterns++;
            /* The whole field is one pattern: '|' is alternation. */
            if (a->entity == 1)
                assert_string_equal(a->text, "B[0-9]+|C");
        }
    }
    assert_int_equal(patterns, 2);
    ng_gazetteer_free(gz);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_directory_and_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng-gaz-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/b.tsv", dir);
    write_file(path, "b:1\tthing\tBee\n");
    snprintf(path, sizeof path, "%s/a.tsv", dir);
    write_file(path, "a:1\tthing\tAy\n");
    snprintf(path, sizeof path, "%s/notes.txt", dir);
    write_file(path, "not a gazetteer\n");

    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_path(gz, dir, &err), NG_OK);
    /* Sorted by file name: a.tsv first, and notes.txt ignored. */
    assert_int_equal(ng_gazetteer_entity_count(gz), 2);
    assert_string_equal(ng_gazetteer_entity_id(gz, 0), "a:1");
    assert_string_equal(ng_gazetteer_entity_id(gz, 1), "b:1");
    ng_gazetteer_free(gz);

    /* An error inside a directory names the file. */
    snprintf(path, sizeof path, "%s/c.tsv", dir);
    write_file(path, "c:1\tthing\n");
    gz = ng_gazetteer_new();
    assert_int_equal(ng_gazetteer_load_path(gz, dir, &err), NG_EDATA);
    assert_non_null(strstr(err.message, "/c.tsv:1:"));
    ng_gazetteer_free(gz);

    gz = ng_gazetteer_new();
    snprintf(path, sizeof path, "%s/missing.tsv", dir);
    assert_int_equal(ng_gazetteer_load_path(gz, path, &err), NG_EIO);
    assert_non_null(strstr(err.message, "missing.tsv"));
    ng_gazetteer_free(gz);

    const char *names[] = {"a.tsv", "b.tsv", "c.tsv", "notes.txt"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    gz = ng_gazetteer_new();
    assert_int_equal(ng_gazetteer_load_path(gz, dir, &err), NG_EDATA);
    assert_non_null(strstr(err.message, "no *.tsv"));
    ng_gazetteer_free(gz);
    rmdir(dir);
}

/* The given-name list: as written (case counts), comments, blank lines and
 * the white space around a name skipped, added to, cleared; a bad list is
 * refused with file:line. */
static void test_given_names(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng-given-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], bad[256];
    snprintf(path, sizeof path, "%s/given-names.txt", dir);
    write_file(path, "# names\n\nJordan\n  Chad \r\nJosé\n");
    snprintf(bad, sizeof bad, "%s/bad.txt", dir);
    write_file(bad, "Ann\nBo\xff\n");

    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_given_name_count(gz), 0);
    assert_false(ng_gazetteer_is_given_name(gz, "Jordan", 6));
    assert_int_equal(ng_gazetteer_load_given_names(gz, path, &err), NG_OK);
    assert_int_equal(ng_gazetteer_given_name_count(gz), 3);
    assert_true(ng_gazetteer_is_given_name(gz, "Jordan", 6));
    assert_true(ng_gazetteer_is_given_name(gz, "Chad", 4));
    assert_true(ng_gazetteer_is_given_name(gz, "José", strlen("José")));
    assert_true(ng_gazetteer_is_given_name(gz, "Jordan Pike", 6)); /* len counts */
    assert_false(ng_gazetteer_is_given_name(gz, "JORDAN", 6));
    assert_false(ng_gazetteer_is_given_name(gz, "jordan", 6));
    assert_false(ng_gazetteer_is_given_name(gz, "Jorda", 5));
    assert_false(ng_gazetteer_is_given_name(gz, "# names", 7));
    /* Not a common word: the two lists are apart. */
    assert_false(ng_gazetteer_is_word(gz, "Jordan", 6));

    const char more[] = "Ann\nJordan\n";
    assert_int_equal(ng_gazetteer_add_given_names(gz, "more", more, strlen(more), &err), NG_OK);
    assert_int_equal(ng_gazetteer_given_name_count(gz), 4);
    assert_true(ng_gazetteer_is_given_name(gz, "Ann", 3));

    assert_int_equal(ng_gazetteer_load_given_names(gz, bad, &err), NG_EDATA);
    assert_non_null(strstr(err.message, "bad.txt:2: invalid UTF-8"));
    snprintf(path, sizeof path, "%s/missing.txt", dir);
    assert_int_equal(ng_gazetteer_load_given_names(gz, path, &err), NG_EIO);
    assert_non_null(strstr(err.message, "missing.txt"));

    ng_gazetteer_clear_given_names(gz);
    assert_int_equal(ng_gazetteer_given_name_count(gz), 0);
    assert_false(ng_gazetteer_is_given_name(gz, "Jordan", 6));
    ng_gazetteer_free(gz);

    unlink(bad);
    snprintf(path, sizeof path, "%s/given-names.txt", dir);
    unlink(path);
    rmdir(dir);
}

/* Diagnostics belong to the gazetteer that met them: two gazetteers, two
 * callbacks, no crossing. */
static void append(void *ctx, const char *msg)
{
    strncat(ctx, msg, 511 - strlen(ctx));
    strncat(ctx, "|", 511 - strlen(ctx));
}

static void test_diagnostics_per_gazetteer(void **state)
{
    (void)state;
    char a_got[512] = "", b_got[512] = "";
    ng_gazetteer_t *a = ng_gazetteer_new(), *b = ng_gazetteer_new();
    ng_gazetteer_set_diagnostics(a, append, a_got);
    ng_gazetteer_set_diagnostics(b, append, b_got);
    static const char ta[] = "x\tperson\tX Y\tXY||Z\n";
    static const char tb[] = "y\tperson\tY Z\t---\n";
    assert_int_equal(ng_gazetteer_load_buffer(a, "a.tsv", ta, strlen(ta), NULL), NG_OK);
    assert_int_equal(ng_gazetteer_load_buffer(b, "b.tsv", tb, strlen(tb), NULL), NG_OK);
    assert_string_equal(a_got, "a.tsv:1: empty alias ignored (remove the extra '|')|");
    assert_non_null(strstr(b_got, "b.tsv:1: alias '---' has no letter or digit"));
    assert_null(strstr(b_got, "a.tsv"));
    ng_gazetteer_free(a);
    ng_gazetteer_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_rows),
        cmocka_unit_test(test_rows_combine),
        cmocka_unit_test(test_unusable_aliases_warn),
        cmocka_unit_test(test_diagnostics_per_gazetteer),
        cmocka_unit_test(test_patterns),
        cmocka_unit_test(test_alias_languages),
        cmocka_unit_test(test_directory_and_files),
        cmocka_unit_test(test_given_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
