/*
 * Unit tests for the JSON validator the other tests and the fuzz targets
 * rely on (tests/lib/json_check.h): an oracle that accepted everything
 * would make every JSON check pass, so it gets a table of its own, valid
 * texts and broken ones, each broken one with the message and offset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_check.h"

typedef struct bad_case {
    const char *text;
    size_t len; /* 0: strlen(text) */
    const char *message;
    size_t offset;
} bad_case_t;

static void test_valid(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "{}", "[]", " \t\r\n{ } \n", "0", "-0", "1.5e+10", "-12.25E-3", "\"\"", "true",
        "false", "null", "{\"a\": [1, 2, {\"b\": null}], \"c\": \"x\\u00e9\\ud83d\\ude00\"}",
        "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        json_check_result_t res;
        if (!json_check(texts[i], strlen(texts[i]), NULL, NULL, &res)) {
            print_error("rejected %s: %s at %zu\n", texts[i], res.message, res.offset);
            fail();
        }
    }
}

static void test_invalid(void **state)
{
    (void)state;
    static const bad_case_t cases[] = {
        {"", 0, "unexpected end", 0},
        {"{} x", 0, "trailing data after the value", 3},
        {"{\"a\" 1}", 0, "expected ':'", 5},
        {"{\"a\": 1,}", 0, "expected string", 8},
        {"[1 2]", 0, "expected ',' or ']'", 3},
        {"{\"a\": 1 \"b\"}", 0, "expected ',' or '}'", 8},
        {"01", 0, "trailing data after the value", 1},
        {"1.", 0, "bad fraction", 2},
        {"1e", 0, "bad exponent", 2},
        {"+1", 0, "bad number", 0},
        {"tru", 0, "bad literal", 0},
        {"\"abc", 0, "unterminated string", 4},
        {"\"a\tb\"", 0, "raw control character in string", 2},
        {"\"\\x\"", 0, "bad escape", 3},
        {"\"\\u12g4\"", 0, "bad \\u escape", 3},
        {"\"\\ud83d\"", 0, "lone high surrogate escape", 7},
        {"\"\\ude00\"", 0, "lone low surrogate escape", 7},
        {"\"\\ud83d\\u0041\"", 0, "bad low surrogate escape", 13},
        {"\"\xC0\xAF\"", 0, "invalid UTF-8 lead byte", 1},
        {"\"\xE0\x80\xAF\"", 0, "overlong, surrogate or out-of-range UTF-8", 1},
        {"\"\xED\xA0\x80\"", 0, "overlong, surrogate or out-of-range UTF-8", 1},
        {"\"\xF4\x90\x80\x80\"", 0, "overlong, surrogate or out-of-range UTF-8", 1},
        {"\"\xC3\"", 0, "invalid UTF-8 continuation", 1},
        {"\"\xE2\x82", 0, "truncated UTF-8", 1},
        {"\"a\0b\"", 5, "raw control character in string", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bad_case_t *c = &cases[i];
        size_t len = c->len ? c->len : strlen(c->text);
        json_check_result_t res;
        if (json_check(c->text, len, NULL, NULL, &res)) {
            print_error("accepted case %zu: %s\n", i, c->text);
            fail();
        }
        if (strcmp(res.message, c->message) != 0 || res.offset != c->offset) {
            print_error("case %zu (%s): got '%s' at %zu, want '%s' at %zu\n", i, c->text,
                        res.message, res.offset, c->message, c->offset);
            fail();
        }
    }
}

static void test_too_deep(void **state)
{
    (void)state;
    char text[2 * (JSON_CHECK_MAX_DEPTH + 1) + 1];
    for (int i = 0; i <= JSON_CHECK_MAX_DEPTH; i++) {
        text[i] = '[';
        text[2 * (JSON_CHECK_MAX_DEPTH + 1) - 1 - i] = ']';
    }
    text[sizeof text - 1] = '\0';
    json_check_result_t res;
    assert_false(json_check(text, strlen(text), NULL, NULL, &res));
    assert_string_equal(res.message, "nested too deep");
    assert_int_equal(res.offset, JSON_CHECK_MAX_DEPTH + 1);
}

/* The member hook sees every string member, decoded, with its depth. */
typedef struct seen {
    char log[512];
    int stop_at; /* stop at this call (1-based), or 0 */
    int calls;
} seen_t;

static int record(void *ctx, int depth, const char *key, size_t key_len, const char *value,
                  size_t value_len)
{
    seen_t *s = ctx;
    size_t n = strlen(s->log);
    snprintf(s->log + n, sizeof s->log - n, "%d %s(%zu)=%s(%zu);", depth, key, key_len, value,
             value_len);
    return ++s->calls == s->stop_at;
}

static void test_member_hook(void **state)
{
    (void)state;
    static const char text[] =
        "{\"graph\": {\"window\": \"sen\\ttence\"}, \"n\": 2,"
        " \"nodes\": [{\"id\": \"a\\u00e9\", \"label\": \"\\ud83d\\ude00\"}, \"loose\"],"
        " \"k\\\"ey\": \"v\\u0000w\"}";
    seen_t s = {{0}, 0, 0};
    assert_true(json_check(text, strlen(text), record, &s, NULL));
    assert_string_equal(s.log, "1 window(6)=sen\ttence(9);"
                               "2 id(2)=a\xC3\xA9(3);"
                               "2 label(5)=\xF0\x9F\x98\x80(4);"
                               "0 k\"ey(4)=v(3);");

    seen_t stop = {{0}, 2, 0};
    json_check_result_t res;
    assert_false(json_check(text, strlen(text), record, &stop, &res));
    assert_string_equal(res.message, "stopped by the caller");
    assert_int_equal(stop.calls, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_too_deep),
        cmocka_unit_test(test_member_hook),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
