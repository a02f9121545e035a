/*
 * A strict JSON validator for the tests and the fuzz targets: one copy, so
 * what "valid JSON" means is decided once (RFC 8259: the number grammar,
 * valid escapes, paired \u surrogates, no raw control character in a
 * string, well-formed UTF-8 without overlongs or surrogates, nothing after
 * the value but white space).
 *
 * It is written apart from the library on purpose (its own UTF-8 rules, no
 * libnergraph calls), so a bug in the library's UTF-8 code cannot hide
 * behind the same bug in the check.  Not part of the library; linked into
 * tests/unit and fuzz/ binaries only.
 */
#ifndef JSON_CHECK_H
#define JSON_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Containers nested deeper than this are an error: the exporters write
 * three levels, and a parser with no limit can be made to overflow. */
#define JSON_CHECK_MAX_DEPTH 64

/*
 * Called for each object member whose value is a string, with the decoded
 * key and value (escapes resolved, NUL-terminated; a decoded "\u0000" ends
 * the C string early, the lengths do not).  depth is the depth of the
 * object holding the member: 0 for the top-level object, one more for each
 * enclosing array or object.  The strings belong to the validator and are
 * valid during the call only.  A non-zero return stops the validation,
 * which then fails with the message "stopped by the caller".
 */
typedef int (*json_check_member_fn)(void *ctx, int depth, const char *key, size_t key_len,
                                    const char *value, size_t value_len);

typedef struct json_check_result {
    const char *message; /* what is wrong (a static string), or NULL */
    size_t offset;       /* byte offset of the error in the text */
} json_check_result_t;

/*
 * Validate text[0..len) as one JSON text.  on_member may be NULL.  Returns
 * true if it is valid; false with *res filled in otherwise (res may be NULL).
 * Allocates only while it runs; out of memory is reported as an error.
 */
bool json_check(const char *text, size_t len, json_check_member_fn on_member, void *ctx,
                json_check_result_t *res);

#endif
