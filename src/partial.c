/*
 * Partial results (ng_partial.h): counts and evidence written to bytes and
 * read back.  The writer puts everything in a canonical order (entities
 * and pairs ascending, snippets in the collector's order), so equal counts
 * give equal bytes.  The reader trusts nothing: every count is bounded,
 * every index checked against the entity count, every list must be in the
 * writer's order, and the counts must be ones a run can make (an edge's
 * entities were mentioned, a pair's documents are no more than its
 * windows...), since the graph builder relies on that.
 *
 * Body, in order (v = LEB128 varint, s = v length then bytes):
 *   s version; v window kind; v window tokens; v flags (1: auto aliases, 2: credits counted);
 *   v match limit; 16 bytes gazetteer fingerprint; v entity count;
 *   v evidence per pair;
 *   v documents; v windows;
 *   v n; n x (v entity gap; v mentions; v documents; v windows)
 *   v m; m x (v a gap; v b gap; v weight; v documents)
 *   when evidence: v k; k x (v a gap; v b gap; v count;
 *       count x (s doc; v start; v end - start; v first; v second - first;
 *                s text; s text_a; s text_b))
 * An entity gap is the distance to the previous entity minus one (the
 * first: the entity); a pair's a gap is the distance to the previous a,
 * its b gap the distance to the previous b (same a) or to a, minus one.
 */
#include "nergraph.h"
#include "ng_partial.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "partial_internal.h"
#include "stablehash.h"
#include "utf8.h"
#include "util.h"

#define HEADER_SIZE (NG_PARTIAL_MAGIC_SIZE + 4 + 8)
#define TRAILER_SIZE 8
#define MAX_EVIDENCE 1000
#define MAX_TOKENS 1000000
/* Edge weights are bounded by their entities' counts instead. */
#define MAX_WEIGHT ((uint64_t)1 << 62)

struct ng_partial {
    ng_partial_settings_t settings;
    ng_cooc_t *cooc;
    ng_evidence_t *evidence; /* NULL when settings.evidence is 0 */
};

/* ---- settings ----------------------------------------------------------- */

void ng_partial_settings_init(ng_partial_settings_t *s, const ng_gazetteer_t *gz,
                              const ng_window_t *w, const ng_tagger_options_t *t,
                              size_t evidence)
{
    ng_tagger_options_t defaults;
    if (!t) {
        ng_tagger_options_init(&defaults);
        t = &defaults;
    }
    memset(s, 0, sizeof *s);
    s->window = *w;
    s->auto_aliases = t->auto_aliases;
    s->match_limit = t->match_limit;
    s->count_credits = t->count_credits;
    s->evidence = evidence;
    s->entity_count = ng_gazetteer_entity_count(gz);
    ng_gazetteer_fingerprint(gz, s->gazetteer);
    snprintf(s->version, sizeof s->version, "%s", NG_VERSION);
}

int ng_partial_settings_compare(const ng_partial_settings_t *a, const ng_partial_settings_t *b,
                                ng_error_t *err)
{
    if (strcmp(a->version, b->version) != 0)
        return ng_fail(err, NG_EDATA, "made by nergraph %s, not %s (the nergraph version)",
                       b->version, a->version);
    if (a->window.kind != b->window.kind || a->window.tokens != b->window.tokens) {
        char wa[32], wb[32];
        ng_window_format(&a->window, wa, sizeof wa);
        ng_window_format(&b->window, wb, sizeof wb);
        return ng_fail(err, NG_EDATA, "window %s, not %s (-w)", wb, wa);
    }
    if (memcmp(a->gazetteer, b->gazetteer, NG_FINGERPRINT_SIZE) != 0 ||
        a->entity_count != b->entity_count) {
        char fa[NG_FINGERPRINT_HEX_SIZE], fb[NG_FINGERPRINT_HEX_SIZE];
        ng_fingerprint_hex(a->gazetteer, fa);
        ng_fingerprint_hex(b->gazetteer, fb);
        return ng_fail(err, NG_EDATA, "gazetteer fingerprint mismatch: %s (%zu entities), "
                       "not %s (%zu entities) (-g, --words)", fb, b->entity_count, fa,
                       a->entity_count);
    }
    if (a->auto_aliases != b->auto_aliases)
        return ng_fail(err, NG_EDATA, "%s, not %s (--no-auto-aliases)",
                       b->auto_aliases ? "automatic surname aliases" : "no automatic aliases",
                       a->auto_aliases ? "automatic surname aliases" : "no automatic aliases");
    if (a->count_credits != b->count_credits)
        return ng_fail(err, NG_EDATA, "%s, not %s (--count-credits)",
                       b->count_credits ? "credits counted" : "credits not counted",
                       a->count_credits ? "credits counted" : "credits not counted");
    if (a->match_limit != b->match_limit)
        return ng_fail(err, NG_EDATA, "pattern match limit %" PRIu32 ", not %" PRIu32,
                       b->match_limit, a->match_limit);
    if (a->evidence != b->evidence)
        return ng_fail(err, NG_EDATA, "%zu evidence snippets per pair, not %zu (--evidence)",
                       b->evidence, a->evidence);
    return NG_OK;
}

/* ---- writing ------------------------------------------------------------ */

static void put_varint(ng_buf_t *b, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;
    do {
        tmp[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            tmp[n] |= 0x80;
        n++;
    } while (v);
    ng_buf_append(b, tmp, n);
}

static void put_string(ng_buf_t *b, const char *s)
{
    size_t len = strlen(s);
    put_varint(b, len);
    ng_buf_append(b, s, len);
}

static void put_le(unsigned char *out, uint64_t v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (unsigned char)(v >> (8 * i));
}

typedef struct pair_ref {
    uint32_t a, b;
    size_t index;
} pair_ref_t;

static int cmp_pair_ref(const void *pa, const void *pb)
{
    const pair_ref_t *x = pa, *y = pb;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    return x->b < y->b ? -1 : x->b > y->b;
}

/* The gaps of pair (a, b) after (*pa, *pb); the first pair follows (0, 0)
 * with "no previous b". */
static void put_pair(ng_buf_t *b, uint32_t x, uint32_t y, uint32_t *pa, uint32_t *pb,
                     bool *first)
{
    put_varint(b, x - (*first ? 0 : *pa));
    put_varint(b, (!*first && x == *pa) ? y - *pb - 1 : y - x - 1);
    *pa = x;
    *pb = y;
    *first = false;
}

static void put_counts(ng_buf_t *b, const ng_cooc_t *c)
{
    put_varint(b, ng_cooc_document_count(c));
    put_varint(b, ng_cooc_window_count(c));
    size_t ne = ng_cooc_entity_count(c), n = 0;
    for (uint32_t e = 0; e < ne; e++)
        n += ng_cooc_mentions(c, e) != 0;
    put_varint(b, n);
    uint64_t prev = 0;
    bool first = true;
    for (uint32_t e = 0; e < ne; e++) {
        if (!ng_cooc_mentions(c, e))
            continue;
        put_varint(b, first ? e : e - prev - 1);
        put_varint(b, ng_cooc_mentions(c, e));
        put_varint(b, ng_cooc_documents(c, e));
        put_varint(b, ng_cooc_windows(c, e));
        prev = e;
        first = false;
    }
    size_t m = ng_cooc_edge_count(c);
    pair_ref_t *refs = ng_xmalloc((m + 1) * sizeof *refs);
    for (size_t i = 0; i < m; i++) {
        size_t w, d;
        ng_cooc_edge(c, i, &refs[i].a, &refs[i].b, &w, &d);
        refs[i].index = i;
    }
    qsort(refs, m, sizeof *refs, cmp_pair_ref);
    put_varint(b, m);
    uint32_t pa = 0, pb = 0;
    first = true;
    for (size_t i = 0; i < m; i++) {
        uint32_t x, y;
        size_t w, d;
        ng_cooc_edge(c, refs[i].index, &x, &y, &w, &d);
        put_pair(b, x, y, &pa, &pb, &first);
        put_varint(b, w);
        put_varint(b, d);
    }
    free(refs);
}

static void put_evidence(ng_buf_t *b, const ng_evidence_t *ev)
{
    size_t k = ng_evidence_pair_count(ev);
    pair_ref_t *refs = ng_xmalloc((k + 1) * sizeof *refs);
    for (size_t i = 0; i < k; i++) {
        size_t count;
        ng_evidence_pair_at(ev, i, &refs[i].a, &refs[i].b, &count);
        refs[i].index = i;
    }
    qsort(refs, k, sizeof *refs, cmp_pair_ref);
    put_varint(b, k);
    uint32_t pa = 0, pb = 0;
    bool first = true;
    for (size_t i = 0; i < k; i++) {
        uint32_t x, y;
        size_t count;
        ng_evidence_pair_at(ev, refs[i].index, &x, &y, &count);
        put_pair(b, x, y, &pa, &pb, &first);
        put_varint(b, count);
        for (size_t j = 0; j < count; j++) {
            ng_snippet_view_t s;
            ng_evidence_snippet_at(ev, refs[i].index, j, &s);
            put_string(b, s.doc);
            put_varint(b, s.start);
            put_varint(b, s.end - s.start);
            put_varint(b, s.first);
            put_varint(b, s.second - s.first);
            put_string(b, s.text);
            put_string(b, s.text_a);
            put_string(b, s.text_b);
        }
    }
    free(refs);
}

int ng_partial_write(FILE *out, const ng_partial_settings_t *s, const ng_cooc_t *c,
                     const ng_evidence_t *ev, ng_error_t *err)
{
    const ng_window_t *w = ng_cooc_window(c);
    if (w->kind != s->window.kind || w->tokens != s->window.tokens ||
        ng_cooc_entity_count(c) != s->entity_count)
        return ng_fail(err, NG_EUSAGE, "the counts do not fit the partial's settings "
                       "(window or entity count)");
    if (s->evidence ? !ev || ng_evidence_per_edge(ev) != s->evidence ||
                          ng_evidence_entity_count(ev) != s->entity_count
                    : ev != NULL)
        return ng_fail(err, NG_EUSAGE, "the evidence does not fit the partial's settings "
                       "(snippets per pair or entity count)");
    ng_buf_t b = {0};
    put_string(&b, s->version);
    put_varint(&b, (uint64_t)s->window.kind);
    put_varint(&b, s->window.tokens);
    put_varint(&b, (s->auto_aliases ? 1u : 0u) | (s->count_credits ? 2u : 0u));
    put_varint(&b, s->match_limit);
    ng_buf_append(&b, s->gazetteer, NG_FINGERPRINT_SIZE);
    put_varint(&b, s->entity_count);
    put_varint(&b, s->evidence);
    put_counts(&b, c);
    if (ev)
        put_evidence(&b, ev);

    unsigned char header[HEADER_SIZE], trailer[TRAILER_SIZE];
    memcpy(header, NG_PARTIAL_MAGIC, NG_PARTIAL_MAGIC_SIZE);
    put_le(header + NG_PARTIAL_MAGIC_SIZE, NG_PARTIAL_FORMAT, 4);
    put_le(header + NG_PARTIAL_MAGIC_SIZE + 4, b.len, 8);
    put_le(trailer, ng_stable_hash(b.data ? b.data : "", b.len, NG_PARTIAL_CHECKSUM_SEED), 8);
    bool ok = fwrite(header, 1, sizeof header, out) == sizeof header &&
              fwrite(b.data, 1, b.len, out) == b.len &&
              fwrite(trailer, 1, sizeof trailer, out) == sizeof trailer;
    ng_buf_free(&b);
    if (!ok || ferror(out))
        return ng_fail(err, NG_EIO, "cannot write the partial");
    return NG_OK;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct reader {
    const unsigned char *p;
    size_t pos, len;         /* within the body */
    size_t base;             /* the body's offset in the file, for messages */
    const char *name;
    ng_error_t *err;
    bool failed;
} reader_t;

/* Corrupt at the current byte: the first complaint wins. */
static bool corrupt(reader_t *r, const char *what)
{
    if (!r->failed)
        ng_fail(r->err, NG_EDATA, "%s: corrupt partial at byte %zu: %s; make it again with "
                "nergraph --emit partial", r->name, r->base + r->pos, what);
    r->failed = true;
    return false;
}

static bool get_varint(reader_t *r, uint64_t max, uint64_t *out, const char *what)
{
    uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
        if (r->pos >= r->len)
            return corrupt(r, "the counts end in the middle of a number");
        unsigned char byte = r->p[r->pos++];
        if (shift == 63 && byte > 1)
            return corrupt(r, "a number is too large");
        v |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            /* One encoding per number: no trailing zero groups. */
            if (shift && byte == 0)
                return corrupt(r, "a number is not in its shortest form");
            break;
        }
        if (shift == 63)
            return corrupt(r, "a number is too large");
    }
    if (v > max) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s is %" PRIu64 ", more than %" PRIu64, what, v, max);
        return corrupt(r, msg);
    }
    *out = v;
    return true;
}

/* A string of at most `len` bytes, NUL-free; valid UTF-8 when `text`.
 * Returns a copy the caller frees, or NULL. */
static char *get_string(reader_t *r, bool text, const char *what)
{
    uint64_t n;
    if (!get_varint(r, r->len - r->pos, &n, what))
        return NULL;
    const unsigned char *s = r->p + r->pos;
    char msg[128];
    if (memchr(s, 0, (size_t)n)) {
        snprintf(msg, sizeof msg, "%s holds a NUL byte", what);
        corrupt(r, msg);
        return NULL;
    }
    if (text && ng_utf8_first_invalid(s, (size_t)n) != (size_t)n) {
        snprintf(msg, sizeof msg, "%s is not valid UTF-8", what);
        corrupt(r, msg);
        return NULL;
    }
    r->pos += (size_t)n;
    return ng_xstrndup((const char *)s, (size_t)n);
}

static uint64_t get_le(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static bool read_settings(reader_t *r, ng_partial_settings_t *s, const ng_partial_settings_t *like)
{
    memset(s, 0, sizeof *s);
    char *version = get_string(r, true, "the version");
    if (!version)
        return false;
    bool ok = strlen(version) < sizeof s->version;
    for (const char *c = version; ok && *c; c++)
        ok = *c > ' ' && *c < 0x7f;
    if (ok)
        memcpy(s->version, version, strlen(version) + 1);
    free(version);
    if (!ok)
        return corrupt(r, "the version is not a version number");
    uint64_t kind, tokens, flags, limit, entities, evidence;
    if (!get_varint(r, NG_WINDOW_TOKENS, &kind, "the window kind") ||
        !get_varint(r, MAX_TOKENS, &tokens, "the window size") ||
        !get_varint(r, 3, &flags, "the flags") ||
        !get_varint(r, UINT32_MAX, &limit, "the match limit"))
        return false;
    if ((kind == NG_WINDOW_TOKENS) != (tokens != 0))
        return corrupt(r, "the window size does not fit the window kind");
    s->window = (ng_window_t){(ng_window_kind)kind, (size_t)tokens};
    s->auto_aliases = flags & 1;
    s->count_credits = (flags & 2) != 0;
    s->match_limit = (uint32_t)limit;
    if (r->len - r->pos < NG_FINGERPRINT_SIZE)
        return corrupt(r, "the counts end in the gazetteer fingerprint");
    memcpy(s->gazetteer, r->p + r->pos, NG_FINGERPRINT_SIZE);
    r->pos += NG_FINGERPRINT_SIZE;
    if (!get_varint(r, UINT32_MAX, &entities, "the entity count") ||
        !get_varint(r, MAX_EVIDENCE, &evidence, "the snippets per pair"))
        return false;
    s->entity_count = (size_t)entities;
    s->evidence = (size_t)evidence;
    if (like) {
        if (memcmp(like->gazetteer, s->gazetteer, NG_FINGERPRINT_SIZE) != 0 ||
            like->entity_count != s->entity_count) {
            char have[NG_FINGERPRINT_HEX_SIZE], want[NG_FINGERPRINT_HEX_SIZE];
            ng_fingerprint_hex(s->gazetteer, want);
            ng_fingerprint_hex(like->gazetteer, have);
            r->failed = true;
            ng_fail(r->err, NG_EDATA, "%s: gazetteer fingerprint mismatch: made with "
                    "gazetteers of fingerprint %s (%zu entities), but those loaded have %s "
                    "(%zu entities); merge with the -g and --words it was made with",
                    r->name, want, s->entity_count, have, like->entity_count);
            return false;
        }
    } else if (s->entity_count > NG_PARTIAL_MAX_ENTITIES) {
        return corrupt(r, "more entities than a partial is read for without its gazetteer");
    }
    return true;
}

/* The next pair after (*pa, *pb): a < b < entities, ascending. */
static bool get_pair(reader_t *r, size_t entities, uint32_t *pa, uint32_t *pb, bool *first)
{
    uint64_t ga, gb;
    if (!get_varint(r, UINT32_MAX, &ga, "a pair's first entity") ||
        !get_varint(r, UINT32_MAX, &gb, "a pair's second entity"))
        return false;
    uint64_t a = (*first ? 0 : *pa) + ga;
    uint64_t b = (!*first && ga == 0) ? (uint64_t)*pb + gb + 1 : a + gb + 1;
    if (b >= entities)
        return corrupt(r, "a pair names an entity past the entity count");
    *pa = (uint32_t)a;
    *pb = (uint32_t)b;
    *first = false;
    return true;
}

static bool read_counts(reader_t *r, ng_cooc_t *c)
{
    size_t entities = ng_cooc_entity_count(c);
    bool tokens = ng_cooc_window(c)->kind == NG_WINDOW_TOKENS;
    uint64_t docs, windows, n, m;
    if (!get_varint(r, NG_PARTIAL_MAX_COUNT, &docs, "the document count") ||
        !get_varint(r, NG_PARTIAL_MAX_COUNT, &windows, "the window count"))
        return false;
    ng_cooc_add_totals(c, (size_t)docs, (size_t)windows);
    if (!get_varint(r, entities, &n, "the number of entities with counts"))
        return false;
    uint64_t next = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t gap, mentions, edocs, ewindows;
        if (!get_varint(r, UINT32_MAX, &gap, "an entity number") ||
            !get_varint(r, NG_PARTIAL_MAX_COUNT, &mentions, "an entity's mentions") ||
            !get_varint(r, docs, &edocs, "an entity's documents") ||
            !get_varint(r, windows, &ewindows, "an entity's windows"))
            return false;
        uint64_t e = next + gap;
        if (e >= entities)
            return corrupt(r, "an entity number is past the entity count");
        if (edocs == 0 || edocs > ewindows || ewindows > mentions ||
            (tokens && ewindows != mentions))
            return corrupt(r, "an entity's counts cannot go together (documents, windows, "
                           "mentions)");
        ng_cooc_add_entity(c, (uint32_t)e, (size_t)mentions, (size_t)edocs, (size_t)ewindows);
        next = e + 1;
    }
    if (!get_varint(r, r->len - r->pos, &m, "the number of pairs"))
        return false;
    uint32_t pa = 0, pb = 0;
    bool first = true;
    for (uint64_t i = 0; i < m; i++) {
        uint64_t w, d;
        if (!get_pair(r, entities, &pa, &pb, &first) ||
            !get_varint(r, MAX_WEIGHT, &w, "a pair's weight") ||
            !get_varint(r, MAX_WEIGHT, &d, "a pair's documents"))
            return false;
        size_t ma = ng_cooc_mentions(c, pa), mb = ng_cooc_mentions(c, pb);
        if (!ma || !mb)
            return corrupt(r, "a pair names an entity without mentions");
        /* A window holds a pair once; tokens:N counts pairs of mentions. */
        uint64_t wa = ng_cooc_windows(c, pa), wb = ng_cooc_windows(c, pb);
        uint64_t limit = wa < wb ? wa : wb;
        if (tokens)
            limit = (uint64_t)ma > MAX_WEIGHT / mb ? MAX_WEIGHT : (uint64_t)ma * mb;
        size_t da = ng_cooc_documents(c, pa), db = ng_cooc_documents(c, pb);
        if (d == 0 || d > w || w > limit || d > da || d > db)
            return corrupt(r, "a pair's counts cannot go together with its entities'");
        ng_cooc_add_pair(c, pa, pb, (size_t)w, (size_t)d);
    }
    return true;
}

static void view_free(ng_snippet_view_t *s)
{
    free((char *)s->doc);
    free((char *)s->text);
    free((char *)s->text_a);
    free((char *)s->text_b);
}

static bool read_snippet(reader_t *r, ng_snippet_view_t *s)
{
    memset(s, 0, sizeof *s);
    uint64_t start, span, firstpos, gap;
    if (!(s->doc = get_string(r, false, "a snippet's document name")) ||
        !get_varint(r, MAX_WEIGHT, &start, "a snippet's start") ||
        !get_varint(r, MAX_WEIGHT, &span, "a snippet's length") ||
        !get_varint(r, MAX_WEIGHT, &firstpos, "a snippet's first mention") ||
        !get_varint(r, MAX_WEIGHT, &gap, "a snippet's second mention") ||
        !(s->text = get_string(r, true, "a snippet's text")) ||
        !(s->text_a = get_string(r, true, "a snippet's name")) ||
        !(s->text_b = get_string(r, true, "a snippet's name"))) {
        view_free(s);
        return false;
    }
    s->start = (size_t)start;
    s->end = (size_t)(start + span);
    s->first = (size_t)firstpos;
    s->second = (size_t)(firstpos + gap);
    return true;
}

static bool read_evidence(reader_t *r, ng_evidence_t *ev, const ng_cooc_t *c)
{
    size_t entities = ng_cooc_entity_count(c), per_edge = ng_evidence_per_edge(ev);
    uint64_t k;
    if (!get_varint(r, r->len - r->pos, &k, "the number of pairs with evidence"))
        return false;
    uint32_t pa = 0, pb = 0;
    bool first = true;
    for (uint64_t i = 0; i < k; i++) {
        uint64_t count;
        if (!get_pair(r, entities, &pa, &pb, &first) ||
            !get_varint(r, per_edge, &count, "a pair's snippet count"))
            return false;
        if (!count)
            return corrupt(r, "a pair with evidence has no snippet");
        ng_snippet_view_t prev = {0}, s;
        for (uint64_t j = 0; j < count; j++) {
            if (!read_snippet(r, &s)) {
                view_free(&prev);
                return false;
            }
            int same_group = 0;
            if (j && (ng_snippet_compare(&prev, &s, &same_group) >= 0 || same_group)) {
                view_free(&prev);
                view_free(&s);
                return corrupt(r, "a pair's snippets are out of order or repeated");
            }
            ng_evidence_offer(ev, pa, pb, &s);
            view_free(&prev);
            prev = s;
        }
        view_free(&prev);
    }
    return true;
}

void ng_partial_free(ng_partial_t *p)
{
    if (!p)
        return;
    ng_cooc_free(p->cooc);
    ng_evidence_free(p->evidence);
    free(p);
}

ng_partial_t *ng_partial_read(const char *name, const void *data, size_t len, size_t *used,
                              const ng_partial_settings_t *like, ng_error_t *err)
{
    const unsigned char *p = data;
    if (len < NG_PARTIAL_MAGIC_SIZE || memcmp(p, NG_PARTIAL_MAGIC, NG_PARTIAL_MAGIC_SIZE) != 0) {
        ng_fail(err, NG_EDATA, "%s: not a nergraph partial file (it does not start with the "
                "partial header); give nergraph merge the files that nergraph --emit "
                "partial wrote", name);
        return NULL;
    }
    if (len < HEADER_SIZE) {
        ng_fail(err, NG_EDATA, "%s: truncated: %zu bytes, the partial header alone takes %d; "
                "copy or make it again", name, len, HEADER_SIZE);
        return NULL;
    }
    uint64_t format = get_le(p + NG_PARTIAL_MAGIC_SIZE, 4);
    if (format != NG_PARTIAL_FORMAT) {
        ng_fail(err, NG_EDATA, "%s: partial format version %" PRIu64 ", but nergraph %s reads "
                "version %d; merge it with the nergraph that made it", name, format,
                NG_VERSION, NG_PARTIAL_FORMAT);
        return NULL;
    }
    uint64_t body = get_le(p + NG_PARTIAL_MAGIC_SIZE + 4, 8);
    if (body > len - HEADER_SIZE || len - HEADER_SIZE - body < TRAILER_SIZE) {
        ng_fail(err, NG_EDATA, "%s: truncated: the partial takes %" PRIu64 " bytes, only %zu "
                "are there; copy or make it again", name,
                body > UINT64_MAX - HEADER_SIZE - TRAILER_SIZE ? UINT64_MAX
                                                                : body + HEADER_SIZE + TRAILER_SIZE,
                len);
        return NULL;
    }
    uint64_t sum = get_le(p + HEADER_SIZE + body, 8);
    if (sum != ng_stable_hash(p + HEADER_SIZE, (size_t)body, NG_PARTIAL_CHECKSUM_SEED)) {
        ng_fail(err, NG_EDATA, "%s: damaged: the partial's checksum does not match its "
                "contents; copy or make it again", name);
        return NULL;
    }
    reader_t r = {p + HEADER_SIZE, 0, (size_t)body, HEADER_SIZE, name, err, false};
    ng_partial_t *part = ng_xcalloc(1, sizeof *part);
    if (!read_settings(&r, &part->settings, like))
        goto fail;
    part->cooc = ng_cooc_new(part->settings.entity_count, &part->settings.window);
    if (part->settings.evidence)
        part->evidence = ng_evidence_new(part->settings.evidence, part->settings.entity_count,
                                         &part->settings.window);
    if (!read_counts(&r, part->cooc) ||
        (part->evidence && !read_evidence(&r, part->evidence, part->cooc)))
        goto fail;
    if (r.pos != r.len) {
        corrupt(&r, "bytes follow the counts");
        goto fail;
    }
    if (used)
        *used = HEADER_SIZE + (size_t)body + TRAILER_SIZE;
    return part;
fail:
    ng_partial_free(part);
    return NULL;
}

/* ---- merging and accessors ---------------------------------------------- */

static bool sum_too_big(size_t a, size_t b)
{
    return (uint64_t)a + b > NG_PARTIAL_MAX_COUNT;
}

/* All edge weights added up, stopping past MAX_WEIGHT: when two such sums
 * stay below it, so does every merged weight. */
static uint64_t weight_sum(const ng_cooc_t *c)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < ng_cooc_edge_count(c) && sum <= MAX_WEIGHT; i++) {
        uint32_t a, b;
        size_t w, d;
        ng_cooc_edge(c, i, &a, &b, &w, &d);
        sum += w;
    }
    return sum > MAX_WEIGHT ? MAX_WEIGHT + 1 : sum;
}

int ng_partial_merge(ng_partial_t *into, const ng_partial_t *from, ng_error_t *err)
{
    int st = ng_partial_settings_compare(&into->settings, &from->settings, err);
    if (st)
        return st;
    const ng_cooc_t *a = into->cooc, *b = from->cooc;
    bool big = sum_too_big(ng_cooc_document_count(a), ng_cooc_document_count(b)) ||
               sum_too_big(ng_cooc_window_count(a), ng_cooc_window_count(b));
    for (uint32_t e = 0; e < into->settings.entity_count && !big; e++)
        big = sum_too_big(ng_cooc_mentions(a, e), ng_cooc_mentions(b, e));
    if (!big && ng_cooc_window(a)->kind == NG_WINDOW_TOKENS)
        big = weight_sum(a) + weight_sum(b) > MAX_WEIGHT;
    if (big)
        return ng_fail(err, NG_EDATA, "the merged counts would pass what a partial holds "
                       "(%" PRIu64 " per count)", NG_PARTIAL_MAX_COUNT);
    if ((st = ng_cooc_merge(into->cooc, from->cooc, err)) != NG_OK)
        return st;
    if (into->evidence)
        return ng_evidence_merge(into->evidence, from->evidence, err);
    return NG_OK;
}

const ng_partial_settings_t *ng_partial_settings(const ng_partial_t *p) { return &p->settings; }
const ng_cooc_t *ng_partial_cooc(const ng_partial_t *p) { return p->cooc; }
const ng_evidence_t *ng_partial_evidence(const ng_partial_t *p) { return p->evidence; }

ng_evidence_t *ng_partial_take_evidence(ng_partial_t *p)
{
    ng_evidence_t *ev = p->evidence;
    p->evidence = NULL;
    p->settings.evidence = 0;
    return ev;
}
