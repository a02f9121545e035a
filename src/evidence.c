/*
 * Evidence snippets, as a pipeline sink.  Pairs live in a hash table keyed
 * by the entity pair, like the counter's.  Each pair keeps the N smallest
 * snippets in one total order (document name, range, the mentions'
 * offsets, the texts), one per document and range, sorted: what is kept
 * is then a function of the set of windows read, not of the order they
 * came in, so collectors that read different documents (threads,
 * processes, machines) merge into what one collector reading them all
 * keeps.  Memory depends only on the number of pairs.  Sentence ranges of
 * the current document are remembered so that a paragraph, document or
 * tokens window can quote the sentences its pair occurs in rather than
 * the whole window.
 */
#include "nergraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "partial_internal.h"
#include "utf8.h"
#include "util.h"

typedef struct snippet {
    char *doc;            /* the document's name */
    size_t start, end;    /* quoted range in the document */
    size_t first, second; /* offsets of the two mentions quoted, in text order */
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
    range_t *sentences;   /* the current document's sentences so far */
    size_t sentence_count, sentence_cap;
    size_t *first;        /* per entity: its first mention in the window + 1, 0 = none */
    uint32_t *distinct;   /* entities of the current window, by first mention */
    size_t distinct_cap;
};

static void snippet_destroy(snippet_t *sn)
{
    free(sn->doc);
    free(sn->text);
    free(sn->text_a);
    free(sn->text_b);
}

ng_evidence_t *ng_evidence_new(size_t per_edge, size_t entity_count, const ng_window_t *w)
{
    ng_evidence_t *ev = ng_xcalloc(1, sizeof *ev);
    ev->window = *w;
    ev->per_edge = per_edge ? per_edge : 1;
    ev->entity_count = entity_count;
    ev->first = ng_xcalloc(entity_count + 1, sizeof *ev->first);
    return ev;
}

void ng_evidence_free(ng_evidence_t *ev)
{
    if (!ev)
        return;
    for (size_t i = 0; i < ev->pair_count; i++) {
        for (size_t k = 0; k < ev->pairs[i].count; k++)
            snippet_destroy(&ev->pairs[i].snippets[k]);
        free(ev->pairs[i].snippets);
    }
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

/* ---- which snippets a pair keeps ------------------------------------------ */

/* Snippets of one document name and range are one group: a pair keeps one
 * snippet per group, from its N smallest groups. */
static int cmp_group(const char *doc, size_t start, size_t end, const snippet_t *sn)
{
    int c = strcmp(doc, sn->doc);
    if (c)
        return c;
    if (start != sn->start)
        return start < sn->start ? -1 : 1;
    return end < sn->end ? -1 : end > sn->end;
}

/* Within a group: the mentions that come first, then the texts (two
 * documents can share a name).  A candidate whose texts are not made yet
 * (NULL) and that ties on the offsets gets TIE. */
enum { TIE = 2 };
static int cmp_within(const snippet_t *c, const snippet_t *sn)
{
    if (c->first != sn->first)
        return c->first < sn->first ? -1 : 1;
    if (c->second != sn->second)
        return c->second < sn->second ? -1 : 1;
    if (!c->text)
        return TIE;
    int r = strcmp(c->text, sn->text);
    if (!r)
        r = strcmp(c->text_a, sn->text_a);
    if (!r)
        r = strcmp(c->text_b, sn->text_b);
    return r < 0 ? -1 : r > 0;
}

enum { REJECT, INSERT, REPLACE };

/* Where candidate c goes among p's snippets: REJECT, or INSERT before /
 * REPLACE the snippet at *pos; TIE when c's texts are needed to decide. */
static int locate(const ng_evidence_t *ev, const pair_t *p, const snippet_t *c, size_t *pos)
{
    size_t lo = 0, hi = p->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_group(c->doc, c->start, c->end, &p->snippets[mid]) > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *pos = lo;
    if (lo < p->count && cmp_group(c->doc, c->start, c->end, &p->snippets[lo]) == 0) {
        int r = cmp_within(c, &p->snippets[lo]);
        return r == TIE ? TIE : r < 0 ? REPLACE : REJECT;
    }
    return lo < ev->per_edge ? INSERT : REJECT;
}

/* Put c (whose strings p now owns) at pos, as locate said. */
static void place(const ng_evidence_t *ev, pair_t *p, snippet_t *c, size_t pos, int how)
{
    if (how == REPLACE) {
        snippet_destroy(&p->snippets[pos]);
        p->snippets[pos] = *c;
        return;
    }
    if (p->count == ev->per_edge)
        snippet_destroy(&p->snippets[--p->count]);
    NG_GROW(p->snippets, p->cap, p->count + 1);
    memmove(p->snippets + pos + 1, p->snippets + pos, (p->count - pos) * sizeof *p->snippets);
    p->snippets[pos] = *c;
    p->count++;
}

/* ---- collecting ------------------------------------------------------------ */

/* Offer the window [ws, we) as evidence for the entities of mentions x
 * and y.  The texts are made only when the snippet is kept (or needed to
 * break a tie): most offers of a long run are turned away. */
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
    size_t s = ws, e = we;
    if (ev->window.kind != NG_WINDOW_SENTENCE) {
        const range_t *first = sentence_at(ev, x->start), *second = sentence_at(ev, y->start);
        if (first && second && first->start >= ws && second->end <= we) {
            s = first->start;
            e = second->end > y->end ? second->end : y->end;
        }
    }
    pair_t *p = find_pair(ev, a, b, true);
    snippet_t c = {.doc = (char *)doc->name, .start = s, .end = e,
                   .first = x->start, .second = y->start};
    size_t pos;
    int how = locate(ev, p, &c, &pos);
    if (how == REJECT)
        return;
    const ng_mention_t *ma = x->entity == a ? x : y;
    const ng_mention_t *mb = x->entity == a ? y : x;
    c.doc = ng_xstrdup(doc->name);
    c.text = excerpt(doc->text, s, e, x->start, y->end);
    c.text_a = surface(doc->text, ma);
    c.text_b = surface(doc->text, mb);
    if (how == TIE)
        how = locate(ev, p, &c, &pos);
    if (how == REJECT)
        snippet_destroy(&c);
    else
        place(ev, p, &c, pos, how);
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

static void write_json_list(FILE *out, const pair_t *p, bool source_is_a)
{
    putc('[', out);
    for (size_t k = 0; k < p->count; k++) {
        const snippet_t *sn = &p->snippets[k];
        fputs(k ? ", {\"doc\": " : "{\"doc\": ", out);
        ng_json_cstring(out, sn->doc);
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
            append_one_line(&line, sn->doc);
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
        write_json_list(mem, p, eu < evx);
        fclose(mem);
        ng_graph_set_edge_json(g, (size_t)col, i, json);
        free(json);
    }
    ng_buf_free(&line);
    return NG_OK;
}

/* ---- merging, and the contents one by one (partial_internal.h) ------------ */

static snippet_t view_copy(const ng_snippet_view_t *s)
{
    return (snippet_t){ng_xstrdup(s->doc), s->start, s->end, s->first, s->second,
                       ng_xstrdup(s->text), ng_xstrdup(s->text_a), ng_xstrdup(s->text_b)};
}

void ng_evidence_offer(ng_evidence_t *ev, uint32_t a, uint32_t b, const ng_snippet_view_t *s)
{
    pair_t *p = find_pair(ev, a, b, true);
    snippet_t c = {(char *)s->doc, s->start, s->end, s->first, s->second,
                   (char *)s->text, (char *)s->text_a, (char *)s->text_b};
    size_t pos;
    int how = locate(ev, p, &c, &pos);
    if (how == REJECT)
        return;
    c = view_copy(s);
    place(ev, p, &c, pos, how);
}

int ng_evidence_merge(ng_evidence_t *into, const ng_evidence_t *from, ng_error_t *err)
{
    if (into->window.kind != from->window.kind || into->window.tokens != from->window.tokens) {
        char a[32], b[32];
        ng_window_format(&into->window, a, sizeof a);
        ng_window_format(&from->window, b, sizeof b);
        return ng_fail(err, NG_EUSAGE, "cannot merge evidence of window %s into window %s",
                       b, a);
    }
    if (into->entity_count != from->entity_count)
        return ng_fail(err, NG_EUSAGE, "cannot merge evidence over %zu entities into evidence "
                       "over %zu: they were made with different gazetteers",
                       from->entity_count, into->entity_count);
    if (into->per_edge > from->per_edge)
        return ng_fail(err, NG_EUSAGE, "cannot merge evidence of %zu snippets per pair into "
                       "%zu per pair: the snippets it dropped may be among the first %zu",
                       from->per_edge, into->per_edge, into->per_edge);
    for (size_t i = 0; i < from->pair_count; i++) {
        const pair_t *p = &from->pairs[i];
        for (size_t k = 0; k < p->count; k++) {
            ng_snippet_view_t v;
            ng_evidence_snippet_at(from, i, k, &v);
            ng_evidence_offer(into, p->a, p->b, &v);
        }
    }
    return NG_OK;
}

size_t ng_evidence_per_edge(const ng_evidence_t *ev) { return ev->per_edge; }
const ng_window_t *ng_evidence_window(const ng_evidence_t *ev) { return &ev->window; }
size_t ng_evidence_entity_count(const ng_evidence_t *ev) { return ev->entity_count; }
size_t ng_evidence_pair_count(const ng_evidence_t *ev) { return ev->pair_count; }

void ng_evidence_pair_at(const ng_evidence_t *ev, size_t i, uint32_t *a, uint32_t *b,
                         size_t *count)
{
    *a = ev->pairs[i].a;
    *b = ev->pairs[i].b;
    *count = ev->pairs[i].count;
}

void ng_evidence_snippet_at(const ng_evidence_t *ev, size_t i, size_t k, ng_snippet_view_t *out)
{
    const snippet_t *sn = &ev->pairs[i].snippets[k];
    *out = (ng_snippet_view_t){sn->doc, sn->start, sn->end, sn->first, sn->second,
                               sn->text, sn->text_a, sn->text_b};
}

int ng_snippet_compare(const ng_snippet_view_t *x, const ng_snippet_view_t *y, int *same_group)
{
    snippet_t cx = {(char *)x->doc, x->start, x->end, x->first, x->second,
                    (char *)x->text, (char *)x->text_a, (char *)x->text_b};
    snippet_t cy = {(char *)y->doc, y->start, y->end, y->first, y->second,
                    (char *)y->text, (char *)y->text_a, (char *)y->text_b};
    int g = cmp_group(cx.doc, cx.start, cx.end, &cy);
    *same_group = g == 0;
    return g ? g : cmp_within(&cx, &cy);
}
