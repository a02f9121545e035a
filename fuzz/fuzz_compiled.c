/*
 * fuzz_compiled: arbitrary bytes as a compiled gazetteer (.ngz).
 *
 * The loader must refuse anything it cannot use with NG_EDATA and a
 * message, and never read outside the bytes, crash, leak or hang.  The
 * file has no checksum to get past: every mutation reaches the structural
 * checks.  When a load succeeds the file may still be nonsense (a changed
 * name, a literal table that disagrees with the aliases), so only what
 * must hold for any accepted file is checked: every accessor stays inside
 * the tables, ids are found, and a tagger over the stored automaton tags
 * text without leaving it (mentions inside the text, entities that exist).
 *
 * The seeds (fuzz/corpus/fuzz_compiled) are files the tool wrote; a change
 * of format or version makes them stale (refused at the header), so write
 * them again then, e.g. mixed.ngz from a gazetteer of every row kind:
 *   nergraph gazetteer compile -o fuzz/corpus/fuzz_compiled/mixed.ngz \
 *       --words WORDS.txt GAZETTEER.tsv
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Names of the seed gazetteers (fuzz/corpus/fuzz_compiled), in the shapes
 * the tagger treats differently: sentence start, ALL CAPS, possessive,
 * lowercase, a pattern's target. */
static const char sample[] =
    "Ada Lovelace met Lovelace in Paris. PARIS SPEAKS. The Acme Corp's plan.\n\n"
    "turkey and Turkey; Zed-42 and zed-42, Ünal Özdemir, Ünal.";

static void check_tagger(const ng_gazetteer_t *gz, bool auto_aliases)
{
    ng_tagger_options_t opts;
    ng_tagger_options_init(&opts);
    opts.auto_aliases = auto_aliases;
    opts.match_limit = 100000;
    ng_error_t err;
    memset(&err, 0, sizeof err);
    ng_tagger_t *t = ng_tagger_new(gz, &opts, &err);
    FUZZ_CHECK(t != NULL);
    ng_scanner_t *s = ng_scanner_new(t);
    ng_scanner_set_diagnostics(s, fuzz_quiet, NULL);
    const ng_mention_t *m;
    size_t count;
    size_t len = sizeof sample - 1;
    FUZZ_CHECK(ng_scanner_tag(s, NULL, "sample", sample, len, &m, &count, &err) == NG_OK);
    size_t n = ng_gazetteer_entity_count(gz);
    for (size_t i = 0; i < count; i++) {
        FUZZ_CHECK(m[i].start < m[i].end && m[i].end <= len);
        FUZZ_CHECK(m[i].entity < n);
        for (size_t k = 0; k < m[i].candidate_count; k++)
            FUZZ_CHECK(m[i].candidates[k] < n);
    }
    ng_scanner_free(s);
    ng_tagger_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_gazetteer_t *gz = fuzz_load_gazetteer("fuzz.ngz", data, size);
    if (!gz)
        return 0;
    if (!ng_gazetteer_is_compiled(gz)) { /* bytes without the magic: a TSV */
        ng_gazetteer_free(gz);
        return 0;
    }

    size_t n = ng_gazetteer_entity_count(gz);
    for (uint32_t e = 0; e < n; e++) {
        const char *id = ng_gazetteer_entity_id(gz, e);
        int64_t found = ng_gazetteer_find(gz, id);
        /* A corrupt file may repeat an id or hash it elsewhere; what is
         * found must still be an entity with that id. */
        FUZZ_CHECK(found < (int64_t)n);
        if (found >= 0)
            FUZZ_CHECK(strcmp(ng_gazetteer_entity_id(gz, (uint32_t)found), id) == 0);
        (void)strlen(ng_gazetteer_entity_type(gz, e));
        (void)strlen(ng_gazetteer_entity_name(gz, e));
        (void)ng_gazetteer_entity_prior(gz, e);
        for (size_t i = 0; i < ng_gazetteer_attr_count(gz, e); i++) {
            const char *key = ng_gazetteer_attr_key(gz, e, i);
            (void)strlen(ng_gazetteer_attr_value(gz, e, i));
            FUZZ_CHECK(ng_gazetteer_attr(gz, e, key) != NULL);
        }
    }
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        FUZZ_CHECK(a->entity < n);
        FUZZ_CHECK(a->text[a->len] == '\0');
        (void)strlen(a->source);
    }
    (void)ng_gazetteer_is_word(gz, "the", 3);
    (void)ng_gazetteer_find(gz, "no such id");
    check_tagger(gz, true);  /* the stored automaton */
    check_tagger(gz, false); /* one rebuilt from the accessors */
    ng_gazetteer_free(gz);
    return 0;
}
