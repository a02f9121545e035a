/*
 * Evidence snippets, as a pipeline sink.  Pairs live in a hash table keyed
 * by the entity pair, like the counter's; a pair stops taking snippets once
 * it has N, so what is kept depends only on the input order and memory
 * only on the number of pairs.  Sentence ranges of the current document
 * are remembered so that a paragraph, document or tokens window can quote
 * the sentences its pair occurs in rather than the whole window.
 */
#include "nergraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "utf8.h"
#include "util.h"

typedef struct snippet {
    size_t doc;           /* index into docs */
    size_t start, end;    /* quoted range in the document */
    char *text;           /* the excerpt, valid UTF-8 */
    char *text_a, *text_b; /* surface forms of the pair's entities a < b */
} snippet_t;

typedef struct pair {
    uint32_t a, b;        /* a < b */
    snippet_t *snippets;
    size_t count, cap;
} pair_t;

typedef struct range {
    size_t start, end;
} range_t;

struct ng_evidence {
    ng_window_t window;
    size_t per_edge;
    size_t entity_count;
    pair_t *pairs;
    size_t pair_count, pair_cap;
    uint32_t *table;      /* open addressing: pair index + 1, 0 = empty */
    size_t table_cap;
    char **docs;          /* names of documents some snippet quotes */
    size_t doc_count, doc_cap;
    size_t current_doc;   /* index in docs of the document being read, or SIZE_MAX */
    range_t *sentences;   /* the current document's sentences so far */
    size_t sentence_count, sentence_cap;
    size_t *first;        /* per entity: its first mention in the window + 1, 0 = none */
    uint32_t *distinct;   /* entities of the current window, by first mention */
    size_t distinct_cap;
};

ng_evidence_t *ng_evidence_new(size_t per_edge, size_t entity_count, const ng_window_t *w)
{
    ng_evidence_t *ev = ng_xcalloc(1, sizeof *ev);
    ev->window = *w;
    ev->per_edge = per_edge ? per_edge : 1;
    ev->entity_count = entity_count;
    ev->first = ng_xcalloc(entity_count + 1, sizeof *ev->first);
    ev->current_doc = SIZE_MAX;
    return ev;
}

void ng_evidence_free(ng_evidence_t *ev)
{
    if (!ev)
        return;
    for (size_t i = 0; i < ev->pair_count; i++) {
        for (size_t k = 0; k < ev->pairs[i].count; k++) {
            free(ev->pairs[i].snippets[k].text);
            free(ev->pairs[i].snippets[k].text_a);
            free(ev->pairs[i].snippets[k].text_b);
        }
        free(ev->pairs[i].snippets);
    }
    for (size_t i = 0; i < ev->doc_count; i++)
        free(ev->docs[i]);
    free(ev->docs);
    free(ev->pairs);
    free(ev->table);
    free(ev->sentences);
    free(ev->first);
    free(ev->distinct);
    free(ev);
}

/* ---- the pair table ------------------------------------------------------ */

static size_t pair_slot(uint32_t a, uint32_t b, size_t cap)
{
    uint64_t x = ((uint64_t)a << 32) | b;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x & (cap - 1);
}

static void table_grow(ng_evidence_t *ev)
{
    size_t ncap = ev->table_cap ? ev->table_cap * 2 : 1024;
    uint32_t *nt = ng_xcalloc(ncap, sizeof *nt);
    for (size_t i = 0; i < ev->pair_count; i++) {
        size_t h = pair_slot(ev->pairs[i].a, ev->pairs[i].b, ncap);
        while (nt[h])
            h = (h + 1) & (ncap - 1);
        nt[h] = (uint32_t)(i + 1);
    }
    free(ev->table);
    ev->table = nt;
    ev->table_cap = ncap;
}

/* The pair a < b; created empty when `create`, else NULL when unknown. */
static pair_t *find_pair(ng_evidence_t *ev, uint32_t a, uint32_t b, bool create)
{
    if (create && (ev->pair_count + 1) * 2 > ev->table_cap)
        table_grow(ev);
    if (!ev->table_cap)
        return NULL;
    size_t h = pair_slot(a, b, ev->table_cap);
    for (uint32_t slot; (slot = ev->table[h]) != 0; h = (h + 1) & (ev->table_cap - 1)) {
        pair_t *p = &ev->pairs[slot - 1];
        if (p->a == a && p->b == b)
            return p;
    }
    if (!create)
        return NULL;
    NG_GROW(ev->pairs, ev->pair_cap, ev->pair_count + 1);
    ev->pairs[ev->pair_count] = (pair_t){a, b, NULL, 0, 0};
    ev->table[h] = (uint32_t)(++ev->pair_count);
    return &ev->pairs[ev->pair_count - 1];
}

size_t ng_evidence_count(const ng_evidence_t *ev, uint32_t a, uint32_t b)
{
    pair_t *p = find_pair((ng_evidence_t *)ev, a < b ? a : b, a < b ? b : a, false);
    return p ? p->count : 0;
}

/* ---- texts ----------------------------------------------------------------- */

/* text[from, to) as valid UTF-8: invalid bytes as U+FFFD, NUL as a space. */
static void append_clean(ng_buf_t *b, const char *text, size_t from, size_t to)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = from; i < to;) {
        int32_t cp;
        size_t n = ng_utf8_decode(s, to, i, &cp);
        if (cp == NG_CP_INVALID)
            ng_buf_append(b, "\xEF\xBF\xBD", 3);
        else if (cp == 0)
            ng_buf_putc(b, ' ');
        else
            ng_buf_append(b, text + i, n);
        i += n;
    }
}

/* Move i forward (or back) to the start of a UTF-8 sequence. */
static size_t boundary_forward(const char *text, size_t i, size_t limit)
{
    while (i < limit && ((unsigned char)text[i] & 0xC0) == 0x80)
        i++;
    return i;
}

static size_t boundary_back(const char *text, size_t i, size_t floor)
{
    while (i > floor && ((unsigned char)text[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* Bytes kept before the first name when a long span has to be cut. */
#define LEAD_IN 60

/* The excerpt of span [s, e) that shows the names at [lo, hi), at most
 * NG_EVIDENCE_TEXT_MAX bytes of the document, with an ellipsis per cut. */
static char *excerpt(const char *text, size_t s, size_t e, size_t lo, size_t hi)
{
    size_t from = s, to = e;
    if (e - s > NG_EVIDENCE_TEXT_MAX) {
        if (hi > s + NG_EVIDENCE_TEXT_MAX)
            from = lo > s + LEAD_IN ? lo - LEAD_IN : s;
        from = boundary_forward(text, from, e);
        to = from + NG_EVIDENCE_TEXT_MAX < e ? from + NG_EVIDENCE_TEXT_MAX : e;
        if (to < e)
            to = boundary_back(text, to, from);
    }
    ng_buf_t b = {0};
    if (from > s)
        ng_buf_append(&b, "\xE2\x80\xA6", 3);
    append_clean(&b, text, from, to);
    if (to < e)
        ng_buf_append(&b, "\xE2\x80\xA6", 3);
    char *out = ng_xstrdup(ng_buf_cstr(&b));
    ng_buf_free(&b);
    return out;
}

/* A mention's text, cut like an excerpt when it is very long (a pattern
 * can match a lot). */
static char *surface(const char *text, const ng_mention_t *m)
{
    return excerpt(text, m->start, m->end, m->start, m->start);
}

/* The sentence holding byte offset at (the last one starting at or before
 * it), or NULL when none was seen. */
static const range_t *sentence_at(const ng_evidence_t *ev, size_t at)
{
    size_t lo = 0, hi = ev->sentence_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ev->sentences[mid].start <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? &ev->sentences[lo - 1] : NULL;
}

/* ---- collecting ------------------------------------------------------------ */

static size_t current_doc_index(ng_evidence_t *ev, const ng_document_t *doc)
{
    if (ev->current_doc == SIZE_MAX) {
        NG_GROW(ev->docs, ev->doc_cap, ev->doc_count + 1);
        ev->docs[ev->doc_count] = ng_xstrdup(doc->name);
        ev->current_doc = ev->doc_count++;
    }
    return ev->current_doc;
}

/* Offer the window [ws, we) as evidence for the entities of mentions x
 * and y: kept when their pair has room and it does not repeat the pair's
 * last snippet (tokens:N can count one sentence twice). */
static void offer(ng_evidence_t *ev, const ng_document_t *doc, size_t ws, size_t we,
                  const ng_mention_t *x, const ng_mention_t *y)
{
    if (x->entity == y->entity)
        return;
    if (y->start < x->start) {
        const ng_mention_t *t = x;
        x = y;
        y = t;
    }
    uint32_t a = x->entity < y->entity ? x->entity : y->entity;
    uint32_t b = x->entity < y->entity ? y->entity : x->entity;
    pair_t *p = find_pair(ev, a, b, true);
    if (p->count >= ev->per_edge)
        return;
    size_t s = ws, e = we;
    if (ev->window.kind != NG_WINDOW_SENTENCE) {
        const range_t *first = sentence_at(ev, x->start), *second = sentence_at(ev, y->start);
        if (first && second && first->start >= ws && second->end <= we) {
            s = first->start;
            e = second->end > y->end ? second->end : y->end;
        }
    }
    size_t doc_index = current_doc_index(ev, doc);
    if (p->count) {
        const snippet_t *last = &p->snippets[p->count - 1];
        if (last->doc == doc_index && last->start == s && last->end == e)
            return;
    }
    NG_GROW(p->snippets, p->cap, p->count + 1);
    snippet_t *sn = &p->snippets[p->count++];
    sn->doc = doc_index;
    sn->start = s;
    sn->end = e;
    sn->text = excerpt(doc->text, s, e, x->start, y->end);
    const ng_mention_t *ma = x->entity == a ? x : y;
    const ng_mention_t *mb = x->entity == a ? y : x;
    sn->text_a = surface(doc->text, ma);
    sn->text_b = surface(doc->text, mb);
}

/* Every pair of distinct entities of a window once, by their first
 * mentions in it. */
static void collect_window(ng_evidence_t *ev, const ng_document_t *doc,
                           const ng_window_event_t *w)
{
    NG_GROW(ev->distinct, ev->distinct_cap, w->mention_count + 1);
    size_t count = 0;
    for (size_t i = 0; i < w->mention_count; i++) {
        uint32_t e = w->mentions[i].entity;
        if (e >= ev->entity_count || ev->first[e])
            continue;
        ev->first[e] = i + 1;
        ev->distinct[count++] = e;
    }
    for (size_t i = 0; i < count; i++)
        for (size_t j = i + 1; j < count; j++)
            offer(ev, doc, w->start, w->end, &w->mentions[ev->first[ev->distinct[i]] - 1],
                  &w->mentions[ev->first[ev->distinct[j]] - 1]);
    for (size_t i = 0; i < count; i++)
        ev->first[ev->distinct[i]] = 0;
}

/* tokens:N: the mention pairs the counter counts (first tokens at most N
 * apart), in the same order. */
static void collect_token_pairs(ng_evidence_t *ev, const ng_document_t *doc,
                                const ng_window_event_t *w)
{
    size_t lo = 0;
    for (size_t j = 0; j < w->mention_count; j++) {
        while (w->tokens[j] - w->tokens[lo] > ev->window.tokens)
            lo++;
        for (size_t i = lo; i < j; i++)
            offer(ev, doc, w->start, w->end, &w->mentions[i], &w->mentions[j]);
    }
}

static int on_begin(void *ctx, const ng_document_t *doc, ng_error_t *err)
{
    (void)doc;
    (void)err;
    ng_evidence_t *ev = ctx;
    ev->sentence_count = 0;
    ev->current_doc = SIZE_MAX;
    return NG_OK;
}

static int on_window(void *ctx, const ng_document_t *doc, const ng_window_event_t *w,
                     ng_error_t *err)
{
    (void)err;
    ng_evidence_t *ev = ctx;
    if (w->kind == NG_WINDOW_SENTENCE) {
        NG_GROW(ev->sentences, ev->sentence_cap, ev->sentence_count + 1);
        ev->sentences[ev->sentence_count++] = (range_t){w->start, w->end};
    }
    if (ev->window.kind == NG_WINDOW_TOKENS) {
        if (w->kind == NG_WINDOW_DOCUMENT && w->tokens)
            collect_token_pairs(ev, doc, w);
    } else if (w->kind == ev->window.kind) {
        collect_window(ev, doc, w);
    }
    return NG_OK;
}

ng_sink_t ng_evidence_sink(ng_evidence_t *ev)
{
    ng_window_kind kind = ev->window.kind == NG_WINDOW_TOKENS ? NG_WINDOW_DOCUMENT
                                                              : ev->window.kind;
    return (ng_sink_t){.ctx = ev,
                       .windows = NG_SINK_WANTS(NG_WINDOW_SENTENCE) | NG_SINK_WANTS(kind),
                       .begin_document = on_begin, .window = on_window};
}

/* ---- into the graph -------------------------------------------------------- */

/* s with every run of white space made one space. */
static void append_one_line(ng_buf_t *b, const char *s)
{
    bool space = false;
    for (; *s; s++) {
        if (strchr(" \t\r\n\f\v", *s)) {
            space = true;
            continue;
        }
        if (space)
            ng_buf_putc(b, ' ');
        space = false;
        ng_buf_putc(b, *s);
    }
}

static void write_json_list(FILE *out, const ng_evidence_t *ev, const pair_t *p,
                            bool source_is_a)
{
    putc('[', out);
    for (size_t k = 0; k < p->count; k++) {
        const snippet_t *sn = &p->snippets[k];
        fputs(k ? ", {\"doc\": " : "{\"doc\": ", out);
        ng_json_cstring(out, ev->docs[sn->doc]);
        fprintf(out, ", \"start\": %zu, \"end\": %zu, \"text\": ", sn->start, sn->end);
        ng_json_cstring(out, sn->text);
        fputs(", \"source_text\": ", out);
        ng_json_cstring(out, source_is_a ? sn->text_a : sn->text_b);
        fputs(", \"target_text\": ", out);
        ng_json_cstring(out, source_is_a ? sn->text_b : sn->text_a);
        putc('}', out);
    }
    putc(']', out);
}

int ng_evidence_add_column(const ng_evidence_t *ev, ng_graph_t *g, ng_error_t *err)
{
    int64_t col = ng_graph_add_edge_column(g, "evidence", NG_COLUMN_STRING);
    if (col < 0)
        return ng_fail(err, NG_EUSAGE, "the graph already has an edge column called evidence");
    ng_buf_t line = {0};
    for (size_t i = 0; i < ng_graph_edge_count(g); i++) {
        size_t u, v;
        ng_graph_edge_nodes(g, i, &u, &v);
        uint32_t eu = ng_graph_node_entity(g, u), evx = ng_graph_node_entity(g, v);
        const pair_t *p = find_pair((ng_evidence_t *)ev, eu < evx ? eu : evx,
                                    eu < evx ? evx : eu, false);
        if (!p || !p->count)
            continue;
        line.len = 0;
        for (size_t k = 0; k < p->count; k++) {
            const snippet_t *sn = &p->snippets[k];
            if (k)
                ng_buf_putc(&line, '\n');
            append_one_line(&line, ev->docs[sn->doc]);
            ng_buf_printf(&line, ":%zu-%zu: ", sn->start, sn->end);
            append_one_line(&line, sn->text);
        }
        ng_graph_set_edge_string(g, (size_t)col, i, ng_buf_cstr(&line));
        char *json = NULL;
        size_t json_len = 0;
        FILE *mem = open_memstream(&json, &json_len);
        if (!mem) {
            ng_buf_free(&line);
            return ng_fail(err, NG_EINTERNAL, "out of memory writing evidence");
        }
        write_json_list(mem, ev, p, eu < evx);
        fclose(mem);
        ng_graph_set_edge_json(g, (size_t)col, i, json);
        free(json);
    }
    ng_buf_free(&line);
    return NG_OK;
}
