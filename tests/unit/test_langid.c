/*
 * Document language identification (langid.h): TextCat's category names
 * as ISO 639 codes, language sets as alias_lang= writes them, and the
 * classifier on texts of our own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "langid.h"

static void expect_code(const char *name, const char *want)
{
    char out[NG_LANG_CODE_MAX];
    bool ok = ng_langid_code(name, strlen(name), out);
    if (!want) {
        assert_false(ok);
        return;
    }
    assert_true(ok);
    assert_string_equal(out, want);
}

static void test_textcat_names(void **state)
{
    (void)state;
    expect_code("de--utf8", "de");
    expect_code("en--utf8", "en");
    expect_code("zh-CN-utf8", "zh");
    expect_code("zh-TW-utf8", "zh");
    expect_code("az-cyrillic-utf8", "az");
    expect_code("uz-Cyrl-utf8", "uz");
    expect_code("haw-utf8", "haw");
    expect_code("emk-Latn-utf8", "emk");
    /* the catalogues' codes where TextCat has a variety of its own */
    expect_code("gug--utf8", "gn");
    expect_code("plt--utf8", "mg");
    expect_code("quz--utf8", "qu");
    expect_code("de", "de");
    expect_code("", NULL);
    expect_code("x--utf8", NULL);
    expect_code("SHORT", NULL);
    expect_code("toolongcode--utf8", NULL);
}

static void test_sets(void **state)
{
    (void)state;
    assert_true(ng_lang_set_has("de", "de"));
    assert_true(ng_lang_set_has("bar,de", "de"));
    assert_true(ng_lang_set_has("da,de,sv", "sv"));
    assert_false(ng_lang_set_has("ht", "en"));
    assert_false(ng_lang_set_has("de", "d"));
    assert_false(ng_lang_set_has("dea", "de"));
    assert_false(ng_lang_set_has("", "de"));
    /* languages TextCat does not keep apart */
    assert_true(ng_lang_set_has("hr", "sh"));
    assert_true(ng_lang_set_has("bs,sr", "sh"));
    assert_true(ng_lang_set_has("fil", "tl"));
    assert_true(ng_lang_set_has("nb", "nn"));
    assert_false(ng_lang_set_has("sr", "sl"));

    assert_true(ng_lang_set_valid("de", 2));
    assert_true(ng_lang_set_valid("bar,de", 6));
    assert_false(ng_lang_set_valid("", 0));
    assert_false(ng_lang_set_valid("de,", 3));
    assert_false(ng_lang_set_valid("DE", 2));
    assert_false(ng_lang_set_valid("de fr", 5));
    assert_false(ng_lang_set_valid("d", 1));
    assert_false(ng_lang_set_valid("deutsch", 7));
}

static size_t detect(ng_langid_t *l, const char *text, char codes[][NG_LANG_CODE_MAX])
{
    return ng_langid_detect(l, text, strlen(text), codes, NG_LANG_MAX_GUESSES);
}

static void test_detect(void **state)
{
    (void)state;
    ng_langid_t *l = ng_langid_new();
    char codes[NG_LANG_MAX_GUESSES][NG_LANG_CODE_MAX];
    size_t n = detect(l, "Deutschland und Frankreich wollen ihre Zusammenarbeit in der "
                         "Verteidigungspolitik vertiefen, sagte die Regierung am Dienstag.",
                      codes);
    assert_true(n >= 1);
    assert_string_equal(codes[0], "de");
    n = detect(l, "The investment bank said on Tuesday that its quarterly profit rose "
                  "sharply as bond trading revenue climbed.", codes);
    assert_true(n >= 1);
    assert_string_equal(codes[0], "en");
    /* too little text to tell: nothing concluded */
    assert_int_equal(detect(l, "Salomon Inc rose.", codes), 0);
    assert_int_equal(detect(l, "", codes), 0);
    /* a long text is classified on its first NG_LANGID_PREFIX bytes, cut
     * between characters */
    size_t len = NG_LANGID_PREFIX * 3;
    char *big = test_malloc(len + 1);
    static const char unit[] = "Die Zusammenarbeit wird fortgesetzt: über Grenzen hinweg. ";
    for (size_t i = 0; i < len; i++)
        big[i] = unit[i % (sizeof unit - 1)];
    big[len] = '\0';
    n = detect(l, big, codes);
    assert_true(n >= 1);
    assert_string_equal(codes[0], "de");
    test_free(big);
    ng_langid_free(l);
    ng_langid_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_textcat_names),
        cmocka_unit_test(test_sets),
        cmocka_unit_test(test_detect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
