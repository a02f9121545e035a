/*
 * The document pipeline: segment a document, tag it, and push its windows
 * to the sinks (ng_pipeline.h).  Segmentation comes first so that the
 * tagger's capitalisation rules and the windows agree on where sentences
 * start; afterwards, starts that fall inside a mention are dropped, so a
 * name wrapped across a line never splits its sentence.
 *
 * Everything per document lives in buffers owned here and reused, so a
 * corpus of any size runs in the memory of its largest document.
 */
#include "nergraph.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

struct ng_pipeline {
    const ng_tagger_t *tagger;
    ng_window_t window;
    ng_scanner_t *scanner;
    ng_segments_t seg;
    ng_cooc_t *cooc;
    ng_sink_t *sinks;
    size_t sink_count, sink_cap;
    unsigned wanted;     /* union of the sinks' window masks */
    ng_diag_t diag;
    size_t *tokens;      /* per mention, for tokens:N */
    size_t token_cap;
    size_t documents;
};

ng_pipeline_t *ng_pipeline_new(const ng_tagger_t *t, const ng_window_t *w)
{
    ng_pipeline_t *p = ng_xcalloc(1, sizeof *p);
    p->tagger = t;
    p->window = *w;
    p->scanner = ng_scanner_new(t);
    ng_segments_init(&p->seg);
    p->cooc = ng_cooc_new(ng_gazetteer_entity_count(ng_tagger_gazetteer(t)), w);
    ng_sink_t counter = ng_cooc_sink(p->cooc);
    ng_pipeline_add_sink(p, &counter);
    return p;
}

void ng_pipeline_free(ng_pipeline_t *p)
{
    if (!p)
        return;
    ng_scanner_free(p->scanner);
    ng_segments_destroy(&p->seg);
    ng_cooc_free(p->cooc);
    free(p->sinks);
    free(p->tokens);
    free(p);
}

void ng_pipeline_add_sink(ng_pipeline_t *p, const ng_sink_t *sink)
{
    NG_GROW(p->sinks, p->sink_cap, p->sink_count + 1);
    p->sinks[p->sink_count++] = *sink;
    p->wanted |= sink->windows;
}

void ng_pipeline_set_diagnostics(ng_pipeline_t *p, ng_diag_fn fn, void *ctx)
{
    p->diag = (ng_diag_t){fn, ctx};
    ng_scanner_set_diagnostics(p->scanner, fn, ctx);
}

const ng_cooc_t *ng_pipeline_cooc(const ng_pipeline_t *p)
{
    return p->cooc;
}

size_t ng_pipeline_document_count(const ng_pipeline_t *p)
{
    return p->documents;
}

/* Drop window starts that fall strictly inside a mention: a name wrapped
 * across a line ("President Donald\nTrump") must not split its sentence. */
static size_t drop_starts_inside(size_t *starts, size_t count, const ng_mention_t *m, size_t n)
{
    size_t out = 0, k = 0;
    for (size_t i = 0; i < count; i++) {
        while (k < n && m[k].end <= starts[i])
            k++;
        if (i > 0 && k < n && m[k].start < starts[i] && starts[i] < m[k].end)
            continue;
        starts[out++] = starts[i];
    }
    return out;
}

/* Is the document nothing but white space (and byte order marks)? */
static bool is_blank(const char *text, size_t len)
{
    size_t k = 0;
    while (k < len) {
        int32_t cp;
        size_t n = ng_utf8_decode((const unsigned char *)text, len, k, &cp);
        if (!ng_is_space_cp(cp) && cp != 0xFEFF) /* a BOM alone is no text either */
            return false;
        k += n;
    }
    return true;
}

/* In text[0, len): bytes no text file holds (NUL, control characters
 * other than white space and ESC) into *control, bytes of invalid UTF-8
 * into *invalid. */
static void count_unlikely_bytes(const char *text, size_t len, size_t *control, size_t *invalid)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    *control = *invalid = 0;
    while (i < len) {
        unsigned char b = s[i];
        if (b < 0x80) {
            if (b == 0 || (b < 0x20 && !strchr("\t\n\v\f\r\033", b)))
                (*control)++;
            i++;
            continue;
        }
        int32_t cp;
        size_t n = ng_utf8_decode(s, len, i, &cp);
        if (cp == NG_CP_INVALID)
            *invalid += n;
        i += n;
    }
}

static bool utf16_bom(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    return len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
}

/* Text in a legacy 8-bit encoding has some invalid UTF-8 (read as
 * separators, with a warning); random bytes have most. */
static bool too_unlikely(size_t control, size_t invalid, size_t probe)
{
    return control * 100 > probe * NG_BINARY_PERCENT ||
           invalid * 100 > probe * 3 * NG_BINARY_PERCENT;
}

bool ng_document_is_binary(const char *text, size_t len)
{
    size_t probe = len < NG_BINARY_PROBE ? len : NG_BINARY_PROBE;
    size_t control, invalid;
    if (utf16_bom(text, len))
        return true;
    count_unlikely_bytes(text, probe, &control, &invalid);
    return too_unlikely(control, invalid, probe);
}

/* False (after a warning) when the document is to be skipped. */
static bool screen_document(ng_pipeline_t *p, const char *name, const char *text, size_t len)
{
    /* Binary or text is decided by content, as ripgrep does for files it
     * is asked to read: a scraped page with a few stray NUL bytes is text,
     * while an image, an executable or UTF-16 (every other byte NUL) has
     * a large share of bytes no UTF-8 text holds.  Its "names" would be
     * noise, so such a file is left out whole. */
    if (utf16_bom(text, len)) {
        ng_diag_warn(&p->diag, "%s: UTF-16 text (byte order mark); skipped (nergraph reads "
                     "UTF-8; convert with iconv -f UTF-16 -t UTF-8)", name);
        return false;
    }
    size_t probe = len < NG_BINARY_PROBE ? len : NG_BINARY_PROBE;
    size_t control, invalid;
    count_unlikely_bytes(text, probe, &control, &invalid);
    if (too_unlikely(control, invalid, probe)) {
        ng_diag_warn(&p->diag, "%s: looks like a binary file (%zu of its first %zu bytes are NUL "
                     "or control bytes, %zu invalid UTF-8); skipped (nergraph reads UTF-8 text; "
                     "convert UTF-16 with iconv)", name, control, probe, invalid);
        return false;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        size_t count = 0;
        for (const char *q = nul; q; q = memchr(q + 1, '\0', len - (size_t)(q + 1 - text)))
            count++;
        ng_diag_warn(&p->diag, "%s: %zu NUL byte%s (the first at offset %zu) read as separators",
                     name, count, count == 1 ? "" : "s", (size_t)(nul - text));
    }
    size_t bad = ng_utf8_first_invalid((const unsigned char *)text, len);
    if (bad < len)
        ng_diag_warn(&p->diag, "%s: invalid UTF-8 at byte %zu; invalid bytes are read as "
                     "separators (convert the file to UTF-8, e.g. with iconv)", name, bad);
    if (is_blank(text, len))
        ng_diag_warn(&p->diag, "%s: empty document (no text)", name);
    return true;
}

/* ---- events ------------------------------------------------------------ */

typedef struct emitter {
    ng_pipeline_t *p;
    const ng_document_t *doc;
    ng_error_t *err;
} emitter_t;

/* A sink said stop: make sure the caller gets a message. */
static int sink_stopped(emitter_t *em, int st)
{
    if (em->err && !em->err->message[0])
        ng_fail(em->err, st, "%s: an output stopped the run (status %d)", em->doc->name, st);
    else if (em->err)
        em->err->status = st;
    return st;
}

static int emit_window(emitter_t *em, ng_window_event_t *w)
{
    ng_pipeline_t *p = em->p;
    if (!(p->wanted & NG_SINK_WANTS(w->kind)))
        return NG_OK;
    for (size_t i = 0; i < p->sink_count; i++) {
        const ng_sink_t *s = &p->sinks[i];
        if (!s->window || !(s->windows & NG_SINK_WANTS(w->kind)))
            continue;
        int st = s->window(s->ctx, em->doc, w, em->err);
        if (st)
            return sink_stopped(em, st);
    }
    return NG_OK;
}

static int emit_document_edge(emitter_t *em, bool begin)
{
    ng_pipeline_t *p = em->p;
    for (size_t i = 0; i < p->sink_count; i++) {
        const ng_sink_t *s = &p->sinks[i];
        int (*fn)(void *, const ng_document_t *, ng_error_t *) =
            begin ? s->begin_document : s->end_document;
        if (!fn)
            continue;
        int st = fn(s->ctx, em->doc, em->err);
        if (st)
            return sink_stopped(em, st);
    }
    return NG_OK;
}

/* The end of window [start, next): trailing white space is not part of it. */
static size_t trim_end(const char *text, size_t start, size_t next)
{
    while (next > start && strchr(" \t\r\n\f\v", text[next - 1]) && text[next - 1])
        next--;
    return next;
}

/* First mention at or after offset `at`, from index k on. */
static size_t mentions_before(const ng_mention_t *m, size_t n, size_t k, size_t at)
{
    while (k < n && m[k].start < at)
        k++;
    return k;
}

/* m + from, where m may be NULL (no mentions: C forbids NULL + 0). */
static const ng_mention_t *slice(const ng_mention_t *m, size_t from)
{
    return m ? m + from : NULL;
}

/* Sentence windows, each paragraph's after its last sentence. */
static int emit_sentences_and_paragraphs(emitter_t *em, const ng_mention_t *m, size_t n)
{
    const ng_segments_t *seg = &em->p->seg;
    const char *text = em->doc->text;
    size_t len = em->doc->len;
    size_t para = 0, para_mention = 0, k = 0;
    for (size_t s = 0; s < seg->sentence_count; s++) {
        size_t start = seg->sentence_starts[s];
        size_t next = s + 1 < seg->sentence_count ? seg->sentence_starts[s + 1] : len;
        while (para + 1 < seg->paragraph_count && seg->paragraph_starts[para + 1] <= start)
            para++;
        size_t first = k;
        k = mentions_before(m, n, k, next);
        ng_window_event_t w = {NG_WINDOW_SENTENCE, s, start, trim_end(text, start, next),
                               para, slice(m, first), k - first, NULL};
        int st = emit_window(em, &w);
        if (st)
            return st;
        bool para_ends = para + 1 < seg->paragraph_count
                             ? seg->paragraph_starts[para + 1] <= next
                             : s + 1 == seg->sentence_count;
        if (para_ends) {
            size_t pstart = seg->paragraph_starts[para];
            ng_window_event_t pw = {NG_WINDOW_PARAGRAPH, para, pstart,
                                    trim_end(text, pstart, next), para,
                                    slice(m, para_mention), k - para_mention, NULL};
            st = emit_window(em, &pw);
            if (st)
                return st;
            para_mention = k;
        }
    }
    return NG_OK;
}

/* Token index of each mention's first token, counted incrementally. */
static const size_t *token_indexes(ng_pipeline_t *p, const char *text, const ng_mention_t *m,
                                   size_t n)
{
    if (p->window.kind != NG_WINDOW_TOKENS)
        return NULL;
    NG_GROW(p->tokens, p->token_cap, n + 1);
    size_t token = 0, from = 0;
    for (size_t i = 0; i < n; i++) {
        token += ng_count_tokens(text, from, m[i].start);
        from = m[i].start;
        p->tokens[i] = token;
    }
    return p->tokens;
}

static int emit_document(ng_pipeline_t *p, const ng_document_t *doc, const ng_mention_t *m,
                         size_t n, ng_error_t *err)
{
    emitter_t em = {p, doc, err};
    int st = emit_document_edge(&em, true);
    if (!st && (p->wanted & (NG_SINK_WANTS(NG_WINDOW_SENTENCE) |
                             NG_SINK_WANTS(NG_WINDOW_PARAGRAPH))))
        st = emit_sentences_and_paragraphs(&em, m, n);
    if (!st) {
        ng_window_event_t w = {NG_WINDOW_DOCUMENT, 0, 0, trim_end(doc->text, 0, doc->len), 0,
                               m, n, token_indexes(p, doc->text, m, n)};
        st = emit_window(&em, &w);
    }
    if (!st)
        st = emit_document_edge(&em, false);
    return st;
}

int ng_pipeline_add_document(ng_pipeline_t *p, const char *name, const char *text,
                             size_t len, ng_error_t *err)
{
    if (err)
        err->message[0] = '\0';
    if (!screen_document(p, name, text, len))
        return NG_OK;

    ng_segment_text(text, len, &p->seg);
    const ng_mention_t *m;
    size_t n;
    int st = ng_scanner_tag(p->scanner, &p->seg, name, text, len, &m, &n, err);
    if (st)
        return st;
    p->seg.sentence_count = drop_starts_inside(p->seg.sentence_starts, p->seg.sentence_count, m, n);
    p->seg.paragraph_count = drop_starts_inside(p->seg.paragraph_starts, p->seg.paragraph_count, m, n);

    ng_document_t doc = {name, text, len, p->documents++};
    return emit_document(p, &doc, m, n, err);
}
