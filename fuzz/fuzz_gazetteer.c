/*
 * fuzz_gazetteer: arbitrary bytes as a gazetteer file.
 *
 * ng_gazetteer_load_buffer must never crash, leak or hang, whatever it is
 * given; errors are fine but must come with a message.  When the load
 * succeeds, the accessors must agree with each other (every id is found
 * again by ng_gazetteer_find, every alias names an existing entity), a
 * tagger must compile (patterns were already checked at load time) and,
 * since the data itself contains every alias, tagging the same bytes as a
 * document must give mentions that satisfy the tagger's contract.  The
 * same bytes are also read as a given-name list (ng_gazetteer_add_given_names,
 * the reader of given-names.txt), and every other alias is added as a given
 * name too, so that the first-name rule meets the aliases.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_gazetteer_t *gz = fuzz_load_gazetteer("fuzz.tsv", data, size);
    if (!gz)
        return 0;

    size_t n = ng_gazetteer_entity_count(gz);
    for (uint32_t e = 0; e < n; e++) {
        const char *id = ng_gazetteer_entity_id(gz, e);
        FUZZ_CHECK(id && *id);
        FUZZ_CHECK(ng_gazetteer_find(gz, id) == (int64_t)e);
        FUZZ_CHECK(ng_gazetteer_entity_type(gz, e)[0] != '\0');
        FUZZ_CHECK(ng_gazetteer_entity_name(gz, e)[0] != '\0');
        for (size_t i = 0; i < ng_gazetteer_attr_count(gz, e); i++) {
            const char *key = ng_gazetteer_attr_key(gz, e, i);
            FUZZ_CHECK(*key);
            FUZZ_CHECK(ng_gazetteer_attr(gz, e, key) == ng_gazetteer_attr_value(gz, e, i));
        }
    }
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        FUZZ_CHECK(a->entity < n);
        FUZZ_CHECK(a->len > 0 && strlen(a->text) == a->len);
    }

    ng_error_t err;
    memset(&err, 0, sizeof err);
    int st = ng_gazetteer_add_given_names(gz, "fuzz-names.txt", (const char *)data, size, &err);
    FUZZ_CHECK(st == NG_OK || (st == NG_EDATA && err.message[0] != '\0'));
    size_t names_before = ng_gazetteer_given_name_count(gz);
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i += 2) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        FUZZ_CHECK(ng_gazetteer_add_given_names(gz, "alias", a->text, a->len, &err) == NG_OK);
        FUZZ_CHECK(ng_gazetteer_given_name_count(gz) >= names_before);
    }

    ng_tagger_options_t opts;
    ng_tagger_options_init(&opts);
    opts.auto_aliases = size % 2 == 0;
    opts.match_limit = 100000; /* keep pathological patterns fast */
    ng_tagger_t *t = ng_tagger_new(gz, &opts, &err);
    /* The load compiled every pattern already: the tagger cannot fail. */
    FUZZ_CHECK(t != NULL);
    ng_scanner_t *s = ng_scanner_new(t);
    const ng_mention_t *m;
    size_t count;
    st = ng_scanner_tag(s, NULL, "fuzz.txt", (const char *)data, size, &m, &count, &err);
    FUZZ_CHECK(st == NG_OK);
    fuzz_check_mentions(gz, (const char *)data, size, m, count);
    ng_scanner_free(s);
    ng_tagger_free(t);
    ng_gazetteer_free(gz);
    return 0;
}
