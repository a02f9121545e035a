/*
 * fuzz_tagger: arbitrary bytes as a document, tagged against a fixed
 * gazetteer that covers the hard cases (case-sensitive and i: aliases with
 * non-ASCII folding such as Straße and İstanbul, ALL CAPS, multi-word names
 * with apostrophes and hyphens, shared aliases ranked by prior=, persons
 * with automatic surname aliases, PCRE2 pattern aliases, CJK, Cyrillic,
 * Greek, Arabic, Hangul and Thai names).
 *
 * Checks, aborting on violation:
 *  - ng_scanner_tag: mentions sorted, non-overlapping, 0 <= start < end <=
 *    len, entity < entity_count, the chosen entity among the candidates
 *    (see fuzz_util.h); spans are valid UTF-8; no literal match spans a
 *    blank line; tagging with a segmentation made by the caller gives
 *    exactly the mentions the scanner finds when it segments by itself;
 *  - the whole pipeline (ng_pipeline_new / ng_pipeline_add_document) with
 *    the window kind chosen by the first input byte, on the same bytes
 *    added twice as two documents: it reports exactly the mentions the
 *    scanner found (none, and counts no document, when a NUL byte in the
 *    first NG_BINARY_PROBE bytes marks the input as binary), with paragraph index <= sentence index, both
 *    non-decreasing; the counts add up (mentions, documents, edges a < b);
 *  - ng_graph_build (options from the second byte): vertices sorted by id,
 *    edges sorted with u < v and weight >= min_weight;
 *  - folding a window at a time (ng_fold_more, in steps of 1 to 16 bytes
 *    chosen by the third input byte) gives the bytes and offset map of
 *    folding the whole input at once (ng_fold_text);
 *  - ng_export_json, ng_export_dot and the mentions writer into memory
 *    streams succeed; the JSON and every mention line are valid JSON (the
 *    validator of tests/lib/json_check.h).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz_util.h"
#include "norm.h"

static const char gazetteer_tsv[] =
    "# fixed gazetteer for fuzz_tagger\n"
    "person:ada-lovelace\tperson\tAda Lovelace\tLovelace|Augusta Ada King|i:ada lovelace\tcountry=GB;born=1815\n"
    "person:donald-trump\tperson\tDonald Trump\tPresident Trump|@POTUS|i:donald j. trump\tprior=5\n"
    "person:donald-trump-jr\tperson\tDonald Trump Jr.\tDon Jr.|Donald Trump Jr\tsurname=Trump\n"
    "person:john-smith\tperson\tJohn Smith\t\tprior=1\n"
    "person:jane-smith\tperson\tJane Smith\t\tprior=2\n"
    "person:volodymyr-zelenskyy\tperson\tVolodymyr Zelenskyy\tZelensky|Zelenskiy|Володимир Зеленський|Зеленський\n"
    "person:vladimir-putin\tperson\tVladimir Putin\tПутин|Владимир Путин|i:putin\n"
    "person:xi-jinping\tperson\tXi Jinping\t习近平|President Xi\tsurname=Xi\n"
    "person:shaquille-oneal\tperson\tShaquille O'Neal\tShaq|O’Neal\n"
    "person:jean-luc-melenchon\tperson\tJean-Luc Mélenchon\tMélenchon|Jean‐Luc Melenchon\n"
    "person:recep-erdogan\tperson\tRecep Tayyip Erdoğan\tErdogan|i:erdoğan\n"
    "person:mlk\tperson\tMartin Luther King Jr.\tMLK|Dr. King\n"
    "person:ursula-von-der-leyen\tperson\tUrsula von der Leyen\tvon der Leyen\tsurname=von der Leyen\n"
    "country:US\tcountry\tUnited States\tUS|U.S.|USA|America|i:united states of america\tiso2=US\n"
    "country:GB\tcountry\tUnited Kingdom\tUK|U.K.|Britain|Great Britain\tiso2=GB\n"
    "country:DE\tcountry\tGermany\tDeutschland|i:bundesrepublik deutschland\n"
    "country:FR\tcountry\tFrance\n"
    "country:FR\tcountry\tFrankreich\tFrankrijk|Франция\talias_lang=de,nl\n"
    "country:GE\tcountry\tGeorgia\tSakartvelo\tprior=2\n"
    "state:georgia\tstate\tGeorgia\t\tprior=1\n"
    "country:CI\tcountry\tCôte d'Ivoire\tCote d'Ivoire|Ivory Coast|i:côte d’ivoire\n"
    "country:GW\tcountry\tGuinea-Bissau\tGuinea–Bissau|i:guinea bissau\n"
    "country:RU\tcountry\tRussia\tРоссия|Российская Федерация|i:russia\n"
    "country:UA\tcountry\tUkraine\tУкраїна|Украина|i:ukraine\n"
    "country:CN\tcountry\tChina\t中国|中華人民共和國|Chine\n"
    "country:JP\tcountry\tJapan\t日本|ニッポン\n"
    "country:KR\tcountry\tSouth Korea\t대한민국|한국\n"
    "country:TH\tcountry\tThailand\tประเทศไทย\n"
    "country:GR\tcountry\tGreece\tΕλλάδα|i:ελλάς\n"
    "country:SA\tcountry\tSaudi Arabia\tالسعودية\n"
    "city:istanbul\tcity\tİstanbul\ti:İstanbul|i:istanbul|Constantinople\n"
    "street:17-juni\tstreet\tStraße des 17. Juni\ti:straße des 17. juni|i:Strasse\n"
    "org:un\torganization\tUnited Nations\tUN|U.N.|i:united nations\n"
    "org:nato\torganization\tNATO\tNorth Atlantic Treaty Organization|i:otan\n"
    "org:who\torganization\tWorld Health Organization\tWHO\n"
    "org:al-jazeera\torganization\tAl Jazeera\tAl-Jazeera|i:al‑jazeera\n"
    "org:mcdonalds\torganization\tMcDonald's\tMcDonald’s|MCDONALD'S\n"
    "org:apple\torganization\tApple Inc.\tApple\tprior=3\n"
    "fruit:apple\tfruit\tapple\tApple|i:apples\tprior=1\n"
    "org:acme\torganization\tAcme Corporation\tAcme|ACME Corp.\tkind=company\n"
    "org:acme\torganization\tAcme Corp\tre:Acme\\s+(?:Inc|Corp)\\b\n"
    "org:gazprom\torganization\tGazprom\tre:(?i)\\bgaz\\s*prom(?:\\s*neft)?\\b\n";

static ng_gazetteer_t *gz;
static ng_tagger_t *tagger;
static ng_scanner_t *scanner;
static ng_segments_t seg; /* grown across inputs */
static bool *has_pattern; /* per entity: has a re: alias */
static size_t load_warnings;

static void count_warning(void *ctx, const char *message)
{
    (void)ctx;
    fprintf(stderr, "fuzz_tagger: gazetteer warning: %s\n", message);
    load_warnings++;
}

static void init(void)
{
    gz = ng_gazetteer_new();
    ng_gazetteer_set_diagnostics(gz, count_warning, NULL);
    ng_error_t err;
    if (ng_gazetteer_load_buffer(gz, "fuzz_tagger.tsv", gazetteer_tsv, sizeof gazetteer_tsv - 1,
                                 &err) != NG_OK) {
        fprintf(stderr, "fuzz_tagger: embedded gazetteer: %s\n", err.message);
        abort();
    }
    FUZZ_CHECK(load_warnings == 0);
    tagger = ng_tagger_new(gz, NULL, &err);
    FUZZ_CHECK(tagger != NULL);
    scanner = ng_scanner_new(tagger);
    ng_scanner_set_diagnostics(scanner, fuzz_quiet, NULL);
    size_t n = ng_gazetteer_entity_count(gz);
    has_pattern = calloc(n + 1, sizeof *has_pattern);
    FUZZ_CHECK(has_pattern != NULL);
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (a->flags & NG_ALIAS_PATTERN)
            has_pattern[a->entity] = true;
    }
}

/* README: "No match spans a blank line" (for literal aliases). */
static bool spans_blank_line(const unsigned char *s, size_t start, size_t end)
{
    size_t i = start;
    int newlines = 0;
    while (i < end) {
        int32_t cp;
        size_t n = ng_utf8_decode(s, end, i, &cp);
        if (!ng_is_space_cp(cp)) {
            newlines = 0;
        } else if (cp == '\r' && i + 1 < end && s[i + 1] == '\n') {
            newlines++;
            n = 2;
        } else if (ng_is_newline_cp(cp)) {
            newlines++;
        }
        if (newlines >= 2)
            return true;
        i += n;
    }
    return false;
}

/* What the mention sink compares against. */
typedef struct expect {
    const ng_mention_t *m; /* from the fuzzer's own scanner */
    size_t n;
    size_t seen;
    const char *text;
    size_t last_sentence, last_paragraph, last_end, windows;
    FILE *out;
} expect_t;

/* Sentence windows: in order, covering their mentions, every mention once
 * and as the scanner alone found it. */
static int sink(void *ctx, const ng_document_t *doc, const ng_window_event_t *w,
                ng_error_t *err)
{
    (void)err;
    expect_t *x = ctx;
    FUZZ_CHECK(w->kind == NG_WINDOW_SENTENCE);
    FUZZ_CHECK(doc->text == x->text);
    FUZZ_CHECK(w->start <= w->end && w->end <= doc->len);
    /* Every paragraph start is a sentence start. */
    FUZZ_CHECK(w->paragraph <= w->index);
    if (x->windows > 0) {
        FUZZ_CHECK(w->index == x->last_sentence + 1);
        FUZZ_CHECK(w->paragraph >= x->last_paragraph);
        FUZZ_CHECK(w->start >= x->last_end);
    }
    for (size_t i = 0; i < w->mention_count; i++) {
        const ng_mention_t *m = &w->mentions[i];
        FUZZ_CHECK(x->seen < x->n);
        const ng_mention_t *want = &x->m[x->seen];
        FUZZ_CHECK(m->start == want->start && m->end == want->end);
        FUZZ_CHECK(m->entity == want->entity);
        FUZZ_CHECK(m->candidate_count == want->candidate_count);
        FUZZ_CHECK(w->start <= m->start && m->end <= w->end);
        x->seen++;
    }
    x->last_sentence = w->index;
    x->last_paragraph = w->paragraph;
    x->last_end = w->end;
    x->windows++;
    return NG_OK;
}

static const char *const kept_types[] = {"person", "country"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!gz)
        init();
    const char *text = (const char *)data;
    const size_t ne = ng_gazetteer_entity_count(gz);
    ng_error_t err;

    /* 1. The scanner alone, segmenting by itself, then with the caller's
     * segmentation: the same mentions. */
    const ng_mention_t *m;
    size_t n;
    FUZZ_CHECK(ng_scanner_tag(scanner, NULL, "fuzz", text, size, &m, &n, &err) == NG_OK);
    ng_mention_t *alone = malloc((n + 1) * sizeof *alone);
    FUZZ_CHECK(alone != NULL);
    if (n)
        memcpy(alone, m, n * sizeof *m);
    size_t n_alone = n;
    ng_segment_text(text, size, &seg);
    FUZZ_CHECK(ng_scanner_tag(scanner, &seg, "fuzz", text, size, &m, &n, &err) == NG_OK);
    FUZZ_CHECK(n == n_alone);
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(m[i].start == alone[i].start && m[i].end == alone[i].end &&
                   m[i].entity == alone[i].entity);
    free(alone);
    fuzz_check_mentions(gz, text, size, m, n);
    for (size_t i = 0; i < n; i++)
        if (!has_pattern[m[i].entity])
            FUZZ_CHECK(!spans_blank_line(data, m[i].start, m[i].end));

    /* 1b. Folding in windows: what the scanner does to long documents. */
    {
        static ng_folded_t whole, part;
        ng_fold_text(data, size, &whole);
        size_t step = 1 + (size > 2 ? data[2] % 16 : 0);
        part.len = 0;
        size_t at = 0;
        while (at < size) {
            size_t before = part.len;
            at = ng_fold_more(data, size, at, part.len + step, &part);
            FUZZ_CHECK(part.len > before && part.map[part.len] == at);
        }
        FUZZ_CHECK(part.len == whole.len);
        FUZZ_CHECK(size == 0 || (memcmp(part.bytes, whole.bytes, whole.len) == 0 &&
                                 memcmp(part.map, whole.map,
                                        (whole.len + 1) * sizeof *whole.map) == 0));
    }

    /* 2. The pipeline, same bytes as two documents. */
    unsigned b0 = size > 0 ? data[0] : 0, b1 = size > 1 ? data[1] : 0;
    ng_window_t w = {(ng_window_kind)(b0 % 4), 1 + (b0 >> 2) % 16};
    if (w.kind != NG_WINDOW_TOKENS)
        w.tokens = 0;
    char *mbuf = NULL;
    size_t mlen = 0;
    FILE *mout = open_memstream(&mbuf, &mlen);
    FUZZ_CHECK(mout != NULL);
    /* Skipped as binary: no events, not counted. */
    bool binary = ng_document_is_binary(text, size);
    size_t want = binary ? 0 : n, docs = binary ? 0 : 2;
    ng_pipeline_t *p = ng_pipeline_new(tagger, &w);
    ng_pipeline_set_diagnostics(p, fuzz_quiet, NULL);
    expect_t x;
    ng_sink_t mentions = {.ctx = &x, .windows = NG_SINK_WANTS(NG_WINDOW_SENTENCE),
                          .window = sink};
    ng_pipeline_add_sink(p, &mentions);
    ng_mentions_writer_t *mw = ng_mentions_writer_new(mout, gz, NULL, 0);
    ng_sink_t writer = ng_mentions_writer_sink(mw);
    ng_pipeline_add_sink(p, &writer);
    for (int doc = 0; doc < 2; doc++) {
        x = (expect_t){m, want, 0, text, 0, 0, 0, 0, mout};
        FUZZ_CHECK(ng_pipeline_add_document(p, doc ? "b.txt" : "a.txt", text, size, &err) ==
                   NG_OK);
        FUZZ_CHECK(x.seen == want);
    }
    ng_mentions_writer_free(mw);
    fclose(mout);
    fuzz_check_json_lines("fuzz_tagger", mbuf, mlen);
    free(mbuf);
    FUZZ_CHECK(ng_pipeline_document_count(p) == docs);

    const ng_cooc_t *c = ng_pipeline_cooc(p);
    FUZZ_CHECK(ng_cooc_entity_count(c) == ne);
    size_t total = 0;
    for (uint32_t e = 0; e < ne; e++) {
        size_t me = ng_cooc_mentions(c, e), de = ng_cooc_documents(c, e);
        total += me;
        FUZZ_CHECK(de <= docs && (me == 0) == (de == 0));
    }
    FUZZ_CHECK(total == docs * n);
    for (size_t i = 0; i < ng_cooc_edge_count(c); i++) {
        uint32_t a, b;
        size_t wt, d;
        ng_cooc_edge(c, i, &a, &b, &wt, &d);
        FUZZ_CHECK(a < b && b < ne);
        FUZZ_CHECK(wt >= 1 && d >= 1 && d <= 2 && d <= wt);
        FUZZ_CHECK(ng_cooc_mentions(c, a) > 0 && ng_cooc_mentions(c, b) > 0);
    }

    /* 3. The graph. */
    ng_graph_options_t go;
    ng_graph_options_init(&go);
    go.min_weight = 1 + b1 % 3;
    go.no_isolates = (b1 & 4) != 0;
    if (b1 & 8) {
        go.types = kept_types;
        go.type_count = 2;
    }
    ng_graph_t *g = ng_graph_build(gz, c, &go, &err);
    FUZZ_CHECK(g != NULL);
    size_t nv = ng_graph_node_count(g);
    FUZZ_CHECK(nv <= ne);
    for (size_t v = 0; v < nv; v++) {
        uint32_t e = ng_graph_node_entity(g, v);
        FUZZ_CHECK(e < ne && ng_graph_node_mentions(g, v) == ng_cooc_mentions(c, e));
        if (v > 0)
            FUZZ_CHECK(strcmp(ng_gazetteer_entity_id(gz, ng_graph_node_entity(g, v - 1)),
                              ng_gazetteer_entity_id(gz, e)) < 0);
    }
    size_t pu = 0, pv = 0;
    for (size_t i = 0; i < ng_graph_edge_count(g); i++) {
        size_t u, v, wt, d;
        ng_graph_edge(g, i, &u, &v, &wt, &d);
        FUZZ_CHECK(u < v && v < nv && wt >= go.min_weight);
        if (i > 0)
            FUZZ_CHECK(pu < u || (pu == u && pv < v));
        pu = u;
        pv = v;
    }

    /* 4. The writers. */
    char win[32];
    ng_window_format(&w, win, sizeof win);
    /* The graph carries the counter's window and document count. */
    FUZZ_CHECK(strcmp(ng_graph_attr_string(g, (size_t)ng_graph_attr_find(g, "window")), win) == 0);
    FUZZ_CHECK(ng_graph_attr_int(g, (size_t)ng_graph_attr_find(g, "documents")) == (int64_t)ng_pipeline_document_count(p));
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    FUZZ_CHECK(out != NULL);
    FUZZ_CHECK(ng_export_json(out, g, NULL, &err) == NG_OK);
    FUZZ_CHECK(fflush(out) == 0);
    size_t json_len = len;
    FUZZ_CHECK(ng_export_dot(out, g, NULL, &err) == NG_OK);
    fclose(out);
    fuzz_check_json("fuzz_tagger", buf, json_len, NULL, NULL);
    free(buf);

    ng_graph_free(g);
    ng_pipeline_free(p);
    return 0;
}
