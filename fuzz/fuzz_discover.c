/*
 * fuzz_discover: arbitrary bytes as a document, segmented, tagged against
 * a small fixed gazetteer and searched for names the gazetteer lacks
 * (ng_discover_text), with a given-name list that includes names that are
 * also words, particles and non-Latin names.
 *
 * Checks, aborting on violation:
 *  - candidates in text order, disjoint, 0 <= start < end <= len, valid
 *    UTF-8, on word boundaries (no word character just before or after);
 *  - none overlaps a mention of the tagger;
 *  - the name is NUL-terminated, name_len long, without two spaces in a
 *    row and without a space at either end, and the type is "person" or
 *    "organization" matching the kind;
 *  - the slug of every name is non-empty and made of a-z, 0-9 and '-';
 *  - the same bytes give the same candidates a second time.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz_util.h"

static const char gazetteer_tsv[] =
    "# fixed gazetteer for fuzz_discover\n"
    "person:ada-lovelace\tperson\tAda Lovelace\tLovelace\n"
    "person:jean-luc-melenchon\tperson\tJean-Luc Mélenchon\tMélenchon\n"
    "country:RU\tcountry\tRuritania\ti:ruritania\n"
    "country:US\tcountry\tUnited States\tUS|U.S.\n"
    "org:acme\torganization\tAcme Holdings\tAcme\n"
    "org:globex\torganization\tGlobex Inc.\tGlobex\n";

static const char given_names[] =
    "Ada\nDaniel\nRenata\nJohn\nWill\nGrace\nMay\nEl\nJosé\nÉmile\nИван\n李\nO'Neil\nAnna Maria\n";

static ng_gazetteer_t *gz;
static ng_tagger_t *tagger;
static ng_scanner_t *scanner;
static ng_discoverer_t *disc;
static ng_segments_t seg;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void init(void)
{
    gz = ng_gazetteer_new();
    ng_error_t err;
    FUZZ_CHECK(ng_gazetteer_load_buffer(gz, "fuzz_discover.tsv", gazetteer_tsv,
                                        sizeof gazetteer_tsv - 1, &err) == NG_OK);
    tagger = ng_tagger_new(gz, NULL, &err);
    FUZZ_CHECK(tagger != NULL);
    scanner = ng_scanner_new(tagger);
    ng_scanner_set_diagnostics(scanner, fuzz_quiet, NULL);
    disc = ng_discoverer_new(gz);
    FUZZ_CHECK(ng_discoverer_add_given_names(disc, given_names, sizeof given_names - 1, &err) ==
               NG_OK);
    ng_segments_init(&seg);
}

static bool word_at(const unsigned char *s, size_t len, size_t i)
{
    int32_t cp;
    ng_utf8_decode(s, len, i, &cp);
    return ng_is_word_cp(cp);
}

static bool word_before(const unsigned char *s, size_t i)
{
    size_t start;
    int32_t cp = ng_utf8_prev(s, i, &start);
    return ng_is_word_cp(cp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!gz)
        init();
    const char *text = (const char *)data;
    ng_error_t err;
    ng_segment_text(text, size, &seg);
    const ng_mention_t *m;
    size_t mc;
    if (ng_scanner_tag(scanner, &seg, "fuzz", text, size, &m, &mc, &err) != NG_OK)
        return 0;
    const ng_candidate_t *c;
    size_t cc;
    ng_discover_text(disc, &seg, text, size, m, mc, &c, &cc);
    uint64_t sum = 0;
    for (size_t i = 0; i < cc; i++) {
        FUZZ_CHECK(c[i].start < c[i].end && c[i].end <= size);
        if (i)
            FUZZ_CHECK(c[i - 1].end <= c[i].start);
        FUZZ_CHECK(ng_utf8_first_invalid(data + c[i].start, c[i].end - c[i].start) ==
                   c[i].end - c[i].start);
        FUZZ_CHECK(c[i].start == 0 || !word_before(data, c[i].start) ||
                   !word_at(data, size, c[i].start));
        FUZZ_CHECK(c[i].end == size || !word_at(data, size, c[i].end));
        for (size_t k = 0; k < mc; k++)
            FUZZ_CHECK(c[i].end <= m[k].start || m[k].end <= c[i].start);
        FUZZ_CHECK(c[i].name && c[i].name_len > 0 && strlen(c[i].name) == c[i].name_len);
        FUZZ_CHECK(c[i].name[0] != ' ' && c[i].name[c[i].name_len - 1] != ' ');
        FUZZ_CHECK(!strstr(c[i].name, "  "));
        FUZZ_CHECK(strcmp(c[i].type, c[i].kind == NG_DISCOVER_PERSON ? "person" : "organization") == 0);
        char *slug = ng_discover_slug(c[i].name, c[i].name_len);
        FUZZ_CHECK(slug[0]);
        for (const char *p = slug; *p; p++)
            FUZZ_CHECK((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
        free(slug);
        sum += c[i].start * 31 + c[i].end;
    }
    /* Once more: the same candidates (the discoverer keeps no state). */
    size_t first_count = cc;
    ng_discover_text(disc, &seg, text, size, m, mc, &c, &cc);
    FUZZ_CHECK(cc == first_count);
    for (size_t i = 0; i < cc; i++)
        sum -= c[i].start * 31 + c[i].end;
    FUZZ_CHECK(sum == 0);
    return 0;
}
