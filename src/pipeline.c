/*
 * The document pipeline: segment a document, tag it, place each mention in
 * its window and hand the mentions to the counter and to an optional sink.
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
    uint32_t *entities;
    size_t *keys;
    size_t *sentence_of;
    size_t *paragraph_of;
    size_t cap;
    size_t documents;
};

ng_pipeline_t *ng_pipeline_new(const ng_tagger_t *t, const ng_window_t *w)
{
    ng_pipeline_t *p = ng_xcalloc(1, sizeof *p);
    p->tagger = t;
    p->window = *w;
    p->scanner = ng_scanner_new(t);
    ng_segments_init(&p->seg);
    p->cooc = ng_cooc_new(ng_gazetteer_entity_count(ng_tagger_gazetteer(t)));
    return p;
}

void ng_pipeline_free(ng_pipeline_t *p)
{
    if (!p)
        return;
    ng_scanner_free(p->scanner);
    ng_segments_destroy(&p->seg);
    ng_cooc_free(p->cooc);
    free(p->entities);
    free(p->keys);
    free(p->sentence_of);
    free(p->paragraph_of);
    free(p);
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

/* Assign each mention (in text order) the index of its window. */
static void place(const size_t *starts, size_t count, const ng_mention_t *m, size_t n,
                  size_t *index_of)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        while (w + 1 < count && starts[w + 1] <= m[i].start)
            w++;
        index_of[i] = w;
    }
}

int ng_pipeline_add_document(ng_pipeline_t *p, const char *name, const char *text,
                             size_t len, ng_mention_sink_fn sink, void *sink_ctx,
                             ng_error_t *err)
{
    /* A NUL byte near the start means a binary file (or UTF-16) named like
     * text: its "names" would be noise, so it is left out whole, as grep
     * and git do.  NULs further in are read as separators. */
    const char *nul = memchr(text, '\0', len < NG_BINARY_PROBE ? len : NG_BINARY_PROBE);
    if (nul) {
        ng_warn("%s: looks like a binary file (NUL byte at offset %zu); skipped "
                "(nergraph reads UTF-8 text; convert UTF-16 with iconv)", name,
                (size_t)(nul - text));
        return NG_OK;
    }
    p->documents++;
    size_t bad = ng_utf8_first_invalid((const unsigned char *)text, len);
    if (bad < len)
        ng_warn("%s: invalid UTF-8 at byte %zu; invalid bytes are read as separators "
                "(convert the file to UTF-8, e.g. with iconv)", name, bad);
    size_t k = 0;
    while (k < len) {
        int32_t cp;
        size_t n = ng_utf8_decode((const unsigned char *)text, len, k, &cp);
        if (!ng_is_space_cp(cp) && cp != 0xFEFF) /* a BOM alone is no text either */
            break;
        k += n;
    }
    if (k == len)
        ng_warn("%s: empty document (no text)", name);

    ng_segment_text(text, len, &p->seg);
    const ng_mention_t *m;
    size_t n;
    int st = ng_scanner_tag(p->scanner, &p->seg, name, text, len, &m, &n, err);
    if (st)
        return st;

    p->seg.sentence_count = drop_starts_inside(p->seg.sentence_starts, p->seg.sentence_count, m, n);
    p->seg.paragraph_count = drop_starts_inside(p->seg.paragraph_starts, p->seg.paragraph_count, m, n);

    if (n > p->cap) {
        p->cap = n;
        p->entities = ng_xrealloc(p->entities, n * sizeof *p->entities);
        p->keys = ng_xrealloc(p->keys, n * sizeof *p->keys);
        p->sentence_of = ng_xrealloc(p->sentence_of, n * sizeof *p->sentence_of);
        p->paragraph_of = ng_xrealloc(p->paragraph_of, n * sizeof *p->paragraph_of);
    }
    place(p->seg.sentence_starts, p->seg.sentence_count, m, n, p->sentence_of);
    place(p->seg.paragraph_starts, p->seg.paragraph_count, m, n, p->paragraph_of);
    size_t token = 0, token_from = 0;
    for (size_t i = 0; i < n; i++) {
        p->entities[i] = m[i].entity;
        switch (p->window.kind) {
        case NG_WINDOW_SENTENCE: p->keys[i] = p->sentence_of[i]; break;
        case NG_WINDOW_PARAGRAPH: p->keys[i] = p->paragraph_of[i]; break;
        case NG_WINDOW_DOCUMENT: p->keys[i] = 0; break;
        case NG_WINDOW_TOKENS:
            /* Token index of the mention's first token: tokens starting
             * before it, counted incrementally. */
            token += ng_count_tokens(text, token_from, m[i].start);
            token_from = m[i].start;
            p->keys[i] = token;
            break;
        }
    }
    ng_cooc_add_document(p->cooc, &p->window, p->entities, p->keys, n);

    if (sink) {
        ng_mention_place_t pl = {name, text, 0, 0};
        for (size_t i = 0; i < n; i++) {
            pl.sentence = p->sentence_of[i];
            pl.paragraph = p->paragraph_of[i];
            if (sink(sink_ctx, &pl, &m[i]))
                return ng_fail(err, NG_EIO, "cannot write mentions of %s", name);
        }
    }
    return NG_OK;
}
