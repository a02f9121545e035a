/*
 * Gazetteer check and statistics (ng_gazetteer_check.h): each finding has
 * the right kind, file, line and message, in order, whatever the path looks
 * like; the summary counts them; the statistics count by type and script.
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

static char dir[] = "/tmp/ng-check-XXXXXX";

/* Every finding as "kind|file|line|message\n". */
static char found[8192];

static void collect(void *ctx, const ng_check_finding_t *f)
{
    (void)ctx;
    static const char *const kinds[] = {"error", "warning", "ambiguous", "common"};
    size_t len = strlen(found);
    snprintf(found + len, sizeof found - len, "%s|%s|%zu|%s\n", kinds[f->kind],
             f->file ? f->file : "-", f->line, f->message);
}

static char *write_file(const char *name, const char *text)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

static void check_paths(const char *const *paths, size_t n, const char *words,
                        ng_check_summary_t *sum)
{
    found[0] = '\0';
    ng_gazetteer_t *gz = ng_gazetteer_new();
    if (words) {
        char *wpath = write_file("words.txt", words);
        assert_int_equal(ng_gazetteer_load_words(gz, wpath, NULL), NG_OK);
        free(wpath);
    }
    ng_gazetteer_check(gz, paths, n, collect, NULL, sum);
    ng_gazetteer_free(gz);
}

/* A path with colons and digits of its own ("a:1: b") stays whole, and
 * every kind of finding arrives in order with its location split off. */
static void test_findings(void **state)
{
    (void)state;
    char *bad = write_file("a:1: b.tsv",
                           "p:a\tperson\tAnn Lee\tLee\n"
                           "p:b\tPerson\tBad\n"
                           "p:a\tperson\tAnn Lee\tAnnie\n"
                           "o:x\torganization\tLee Co\tLee|i:shell|\n"
                           "o:y\torganization\tTurkey Co\tTurkey\n");
    const char *paths[] = {bad};
    ng_check_summary_t sum;
    check_paths(paths, 1, "lee\nturkey\nshell\n", &sum);
    char want[4096];
    snprintf(want, sizeof want,
             "error|%1$s|2|type 'Person' is not a lowercase word; use person, country, "
             "organization or another lowercase word\n"
             "warning|%1$s|3|id 'p:a' is already defined at line 1 of this file; merge the "
             "two rows\n"
             "warning|%1$s|4|empty alias ignored (remove the extra '|')\n"
             "ambiguous|%1$s|1|'Lee' names 2 entities: p:a (%1$s:1) o:x (%1$s:4)\n"
             "common|%1$s|1|'Lee' (p:a) is also the word 'lee'\n"
             "common|%1$s|4|'Lee' (o:x) is also the word 'lee'\n"
             "warning|%1$s|4|alias 'i:shell' of o:x matches the everyday word 'shell' in "
             "any case; drop the 'i:'\n"
             "common|%1$s|5|'Turkey' (o:y) is also the word 'turkey'\n",
             bad);
    assert_string_equal(found, want);
    assert_int_equal(sum.entities, 3);
    assert_int_equal(sum.errors, 1);
    assert_int_equal(sum.warnings, 3);
    assert_int_equal(sum.ambiguous, 1);
    assert_int_equal(sum.common_words, 3);
    assert_int_equal(sum.patterns, 0);
    free(bad);
}

/* Problems with a whole file have a file and no line; without a word list
 * there is no common-word finding. */
static void test_file_problems(void **state)
{
    (void)state;
    char empty_dir[64], missing[64];
    snprintf(empty_dir, sizeof empty_dir, "%s/empty", dir);
    snprintf(missing, sizeof missing, "%s/missing.tsv", dir);
    assert_int_equal(mkdir(empty_dir, 0700), 0);
    char *ok = write_file("ok.tsv", "c:a\tcountry\tTurkey\tre:T(?:u|ü)rkiye\n");
    const char *paths[] = {missing, empty_dir, ok};
    ng_check_summary_t sum;
    check_paths(paths, 3, NULL, &sum);
    char want[1024];
    snprintf(want, sizeof want,
             "error|%s|0|cannot open gazetteer: No such file or directory\n"
             "error|%s|0|directory holds no *.tsv gazetteer files\n", missing, empty_dir);
    assert_string_equal(found, want);
    assert_int_equal(sum.errors, 2);
    assert_int_equal(sum.literal_aliases, 1);
    assert_int_equal(sum.patterns, 1);
    assert_int_equal(sum.common_words, 0);
    rmdir(empty_dir);
    free(ok);
}

static void test_stats(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = ng_gazetteer_new();
    const char *text = "c:ua\tcountry\tUkraine\tУкраїна|Украина|Ουκρανία\n"
                       "c:jp\tcountry\tJapan\t日本|2024\n"
                       "p:a\tperson\tAnn Lee\tre:Ann\\s+Lee\n";
    assert_int_equal(ng_gazetteer_load_buffer(gz, "s.tsv", text, strlen(text), NULL), NG_OK);
    ng_gazetteer_stats_t st;
    ng_gazetteer_stats_init(&st, gz);
    assert_int_equal(st.entities, 3);
    assert_int_equal(st.patterns, 1);
    assert_int_equal(st.aliases, 9);
    /* Most aliases first. */
    assert_int_equal(st.type_count, 2);
    assert_string_equal(st.types[0].name, "country");
    assert_int_equal(st.types[0].entities, 2);
    assert_int_equal(st.types[0].aliases, 7);
    assert_string_equal(st.types[1].name, "person");
    assert_int_equal(st.types[1].aliases, 2);
    /* Latin 3 (Ukraine, Japan, Ann Lee), Cyrillic 2, then Common (2024),
     * Greek and Han with 1 each, in name order. */
    const char *names[] = {"Latin", "Cyrillic", "Common", "Greek", "Han"};
    const size_t counts[] = {3, 2, 1, 1, 1};
    assert_int_equal(st.script_count, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(st.scripts[i].name, names[i]);
        assert_int_equal(st.scripts[i].aliases, counts[i]);
    }
    ng_gazetteer_stats_destroy(&st);
    assert_null(st.types);
    ng_gazetteer_free(gz);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_findings),
        cmocka_unit_test(test_file_problems),
        cmocka_unit_test(test_stats),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
