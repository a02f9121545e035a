/*
 * fuzz_partial: hostile bytes through the partial-result reader
 * (ng_partial_read, ng_partial.h) and, when it accepts them, through the
 * merge and the graph built from the counts.
 *
 * A random body almost never carries the right checksum, so the first
 * byte chooses how the rest is read:
 *  - even: the rest is a whole file, read as it is (magic, format,
 *    length, checksum and all);
 *  - odd: the rest is a body, framed here with the right magic, format,
 *    length and checksum, so that mutations reach the body's parser.
 * Always against the gazetteer, as nergraph merge reads them: without it
 * a few bytes may ask for counts over 4 Mi entities (NG_PARTIAL_MAX_ENTITIES),
 * 200 MB a run, which makes the fuzzer crawl; the unit tests cover that
 * bound.  Seeds (fuzz/corpus/fuzz_partial/) are partials `nergraph --emit partial
 * --words none` wrote with the gazetteer below saved as a file (same
 * content, so the same fingerprint), both ways: whole, and as a body.
 *
 * Checks, aborting on violation:
 *  - a refusal is NG_EDATA with a message that starts with the name;
 *  - an accepted partial took at most the bytes it was given, and writing
 *    it again gives back exactly those bytes (the reader accepts only the
 *    canonical form the writer makes);
 *  - merged with itself its counts double, and the merge of a partial
 *    with another of other settings is refused;
 *  - read against the gazetteer, the graph of its counts builds, takes
 *    its evidence column, and exports as valid JSON.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "partial_internal.h"
#include "stablehash.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The gazetteer of the seeds. */
static const char gaz_text[] =
    "a\tperson\tAnna Alpha\n"
    "b\tperson\tBen Beta\n"
    "c\tperson\tCai Gamma\tCai\n"
    "x\tcountry\tXland\t\tcapital=Xtown\n";

static ng_gazetteer_t *gz;
static ng_partial_settings_t like; /* gz's fingerprint, to read against */

static ng_gazetteer_t *gazetteer(void)
{
    if (!gz) {
        gz = ng_gazetteer_new();
        ng_gazetteer_set_diagnostics(gz, fuzz_quiet, NULL);
        ng_error_t err;
        FUZZ_CHECK(ng_gazetteer_load_buffer(gz, "gazetteer.tsv", gaz_text, strlen(gaz_text),
                                            &err) == NG_OK);
        ng_partial_settings_init(&like, gz, &(ng_window_t){NG_WINDOW_SENTENCE, 0}, NULL, 0);
    }
    return gz;
}

static void check_refusal(const ng_error_t *err, const char *name)
{
    FUZZ_CHECK(err->status == NG_EDATA);
    FUZZ_CHECK(strncmp(err->message, name, strlen(name)) == 0);
    FUZZ_CHECK(err->message[strlen(name)] == ':' || err->message[strlen(name)] == ' ');
}

/* The partial written again: the bytes it was read from. */
static void check_rewrite(const ng_partial_t *p, const uint8_t *data, size_t used)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    FUZZ_CHECK(f != NULL);
    ng_error_t err;
    FUZZ_CHECK(ng_partial_write(f, ng_partial_settings(p), ng_partial_cooc(p),
                                ng_partial_evidence(p), &err) == NG_OK);
    fclose(f);
    FUZZ_CHECK(len == used);
    FUZZ_CHECK(memcmp(out, data, used) == 0);
    free(out);
}

static void check_merge(const uint8_t *data, size_t used)
{
    ng_error_t err;
    ng_partial_t *a = ng_partial_read("a", data, used, NULL, &like, &err);
    ng_partial_t *b = ng_partial_read("b", data, used, NULL, &like, &err);
    FUZZ_CHECK(a && b);
    const ng_cooc_t *ca = ng_partial_cooc(a), *cb = ng_partial_cooc(b);
    size_t docs = ng_cooc_document_count(ca), edges = ng_cooc_edge_count(ca);
    if (ng_partial_merge(a, b, &err) == NG_OK) {
        FUZZ_CHECK(ng_cooc_document_count(ca) == 2 * docs);
        FUZZ_CHECK(ng_cooc_edge_count(ca) == edges);
        for (uint32_t e = 0; e < ng_cooc_entity_count(ca); e++)
            FUZZ_CHECK(ng_cooc_mentions(ca, e) == 2 * ng_cooc_mentions(cb, e));
    } else {
        /* Only sums past the bound are refused between equal settings. */
        FUZZ_CHECK(strstr(err.message, "would pass") != NULL);
    }
    /* Another window is always refused. */
    ng_partial_settings_t other = *ng_partial_settings(b);
    other.window.kind = other.window.kind == NG_WINDOW_SENTENCE ? NG_WINDOW_PARAGRAPH
                                                                 : NG_WINDOW_SENTENCE;
    other.window.tokens = 0;
    FUZZ_CHECK(ng_partial_settings_compare(ng_partial_settings(b), &other, &err) == NG_EDATA);
    ng_partial_free(a);
    ng_partial_free(b);
}

static void check_graph(const ng_partial_t *p, const ng_gazetteer_t *gz)
{
    ng_error_t err;
    ng_graph_t *g = ng_graph_build(gz, ng_partial_cooc(p), NULL, &err);
    FUZZ_CHECK(g != NULL);
    if (ng_partial_evidence(p))
        FUZZ_CHECK(ng_evidence_add_column(ng_partial_evidence(p), g, &err) == NG_OK);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    FUZZ_CHECK(f != NULL);
    ng_export_options_t opts;
    ng_export_options_init(&opts);
    opts.diag = fuzz_quiet;
    FUZZ_CHECK(ng_export_format_find("json")->write_graph(f, g, &opts, &err) == NG_OK);
    fclose(f);
    fuzz_check_json("fuzz_partial json", out, len, NULL, NULL);
    free(out);
    ng_graph_free(g);
}

static void read_file(const uint8_t *data, size_t size)
{
    const ng_gazetteer_t *g = gazetteer();
    ng_error_t err;
    size_t used = 0;
    ng_partial_t *p = ng_partial_read("in.ngp", data, size, &used, &like, &err);
    if (!p) {
        check_refusal(&err, "in.ngp");
        return;
    }
    FUZZ_CHECK(used <= size);
    check_rewrite(p, data, used);
    check_merge(data, used);
    check_graph(p, g);
    ng_partial_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (!(data[0] & 1)) {
        read_file(data + 1, size - 1);
        return 0;
    }
    size_t body = size - 1;
    uint8_t *framed = malloc(body + 28);
    FUZZ_CHECK(framed != NULL);
    memcpy(framed, NG_PARTIAL_MAGIC, 8);
    uint64_t fields[2] = {NG_PARTIAL_FORMAT, body};
    for (int i = 0; i < 4; i++)
        framed[8 + i] = (uint8_t)(fields[0] >> (8 * i));
    for (int i = 0; i < 8; i++)
        framed[12 + i] = (uint8_t)(fields[1] >> (8 * i));
    memcpy(framed + 20, data + 1, body);
    uint64_t sum = ng_stable_hash(data + 1, body, NG_PARTIAL_CHECKSUM_SEED);
    for (int i = 0; i < 8; i++)
        framed[20 + body + i] = (uint8_t)(sum >> (8 * i));
    read_file(framed, body + 28);
    free(framed);
    return 0;
}
