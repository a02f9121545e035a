/*
 * Helpers shared by the libFuzzer targets: a silent warning handler, a
 * check that aborts with a message, the invariants every tagger result
 * must satisfy whatever the input, and the JSON validator the unit tests
 * use too (tests/lib/json_check.h).
 */
#ifndef NG_FUZZ_UTIL_H
#define NG_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_check.h"
#include "nergraph.h"
#include "utf8.h"

static inline void fuzz_quiet(void *ctx, const char *message)
{
    (void)message;
    (void)ctx;
}

#define FUZZ_CHECK(cond)                                                          \
    do {                                                                          \
        if (!(cond)) {                                                            \
            fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, \
                    #cond);                                                       \
            abort();                                                              \
        }                                                                         \
    } while (0)

/*
 * Loads untrusted bytes as a gazetteer named `name` (its extension is only
 * for messages).  A failed load must be NG_EDATA with a message in err;
 * then the gazetteer is freed and NULL returned.  On success the caller
 * owns the gazetteer (ng_gazetteer_free).
 */
static inline ng_gazetteer_t *fuzz_load_gazetteer(const char *name, const uint8_t *data,
                                                  size_t size)
{
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_gazetteer_set_diagnostics(gz, fuzz_quiet, NULL);
    ng_error_t err;
    memset(&err, 0, sizeof err);
    int st = ng_gazetteer_load_buffer(gz, name, (const char *)data, size, &err);
    if (st == NG_OK)
        return gz;
    FUZZ_CHECK(st == NG_EDATA);
    FUZZ_CHECK((int)err.status == st);
    FUZZ_CHECK(err.message[0] != '\0');
    FUZZ_CHECK(memchr(err.message, '\0', sizeof err.message) != NULL);
    ng_gazetteer_free(gz);
    return NULL;
}

/*
 * The contract of ng_scanner_tag (ng_tagger.h): mentions in text order,
 * non-overlapping, inside the text; a resolved entity that exists and is
 * one of the candidates; candidates in gazetteer order without repeats;
 * "ambiguous" exactly when there are several.  A mention covers an alias,
 * which is valid UTF-8, so the span must be valid UTF-8 too.
 */
static inline void fuzz_check_mentions(const ng_gazetteer_t *gz, const char *text, size_t len,
                                const ng_mention_t *m, size_t n)
{
    size_t entities = ng_gazetteer_entity_count(gz);
    FUZZ_CHECK(n == 0 || m != NULL);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(m[i].start < m[i].end);
        FUZZ_CHECK(m[i].end <= len);
        if (i > 0)
            FUZZ_CHECK(m[i - 1].end <= m[i].start);
        FUZZ_CHECK(m[i].entity < entities);
        FUZZ_CHECK(m[i].candidate_count >= 1);
        FUZZ_CHECK(m[i].candidates != NULL);
        FUZZ_CHECK(m[i].ambiguous == (m[i].candidate_count > 1));
        int found = 0;
        for (size_t k = 0; k < m[i].candidate_count; k++) {
            FUZZ_CHECK(m[i].candidates[k] < entities);
            if (k > 0)
                FUZZ_CHECK(m[i].candidates[k - 1] < m[i].candidates[k]);
            found |= m[i].candidates[k] == m[i].entity;
        }
        FUZZ_CHECK(found);
        const unsigned char *span = (const unsigned char *)text + m[i].start;
        size_t span_len = m[i].end - m[i].start;
        FUZZ_CHECK(ng_utf8_first_invalid(span, span_len) == span_len);
    }
}

/* Abort unless text[0..len) is one valid JSON text (see json_check.h);
 * on_member sees every string member, decoded. */
static inline void fuzz_check_json(const char *who, const char *text, size_t len,
                                   json_check_member_fn on_member, void *ctx)
{
    json_check_result_t res;
    if (!json_check(text, len, on_member, ctx, &res)) {
        fprintf(stderr, "%s: invalid JSON (%s) at byte %zu:\n%.*s\n", who, res.message,
                res.offset, (int)len, text);
        abort();
    }
}

/* The same for JSON Lines (-f mentions): every line one valid JSON text,
 * the last one ended by a newline too. */
static inline void fuzz_check_json_lines(const char *who, const char *text, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        if (!nl) {
            fprintf(stderr, "%s: JSON Lines output does not end with a newline\n", who);
            abort();
        }
        size_t line_len = (size_t)(nl - (text + pos));
        fuzz_check_json(who, text + pos, line_len, NULL, NULL);
        pos += line_len + 1;
    }
}

#endif
