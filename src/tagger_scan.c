/*
 * Scanning one document: normalize -> match -> resolve.
 *
 * Literal aliases are case-folded into one Aho-Corasick automaton that runs
 * over the folded text once; every hit is then checked against the original
 * bytes (word boundaries, possessives, the case rule of its alias), so the
 * automaton never needs one key per spelling.  Pattern aliases add their
 * hits to the same candidate list.  Candidates are sorted and taken
 * leftmost-longest; resolution walks them in text order, which is what lets
 * "already mentioned in this document" and surname aliases work in one pass.
 *
 * Whether a capital is forced by position (a sentence start, a title line)
 * comes from the document's segmentation, given by the caller or made here.
 */
#include "tagger_internal.h"

#include <stdlib.h>
#include <string.h>

#include "gazetteer_internal.h"
#include "utf8.h"

typedef struct cand {
    uint32_t start, end; /* original byte offsets */
    uint32_t entity;
    uint32_t lit;        /* literal that matched, NO_LIT for patterns */
    uint8_t automatic;   /* from an automatic surname alias */
    uint8_t weak;        /* capitals forced by position (sentence start,
                          * title, ALL-CAPS line), so they say nothing about
                          * sense */
} cand_t;

#define NO_LIT UINT32_MAX

struct ng_scanner {
    const ng_tagger_t *t;
    ng_pattern_scratch_t *pattern_scratch;
    ng_folded_t folded;
    const unsigned char *text;
    size_t len;
    const ng_segments_t *seg; /* this document's, the caller's or own_seg */
    ng_segments_t own_seg;    /* when the caller gives none */
    ng_line_cache_t line;
    cand_t *cands;
    size_t cand_count, cand_cap;
    ng_mention_t *mentions;
    size_t mention_count, mention_cap;
    uint32_t *ids;       /* candidate lists of mentions, concatenated */
    size_t id_count, id_cap;
    /* Per-entity document stamps: equal to `doc` when true for this
     * document, so nothing needs clearing between documents. */
    uint32_t *seen_unambiguous;
    uint32_t *seen_explicit;
    /* Per literal, this document's lowercase uses as a word ("turkey") and
     * weak capitalized matches; per entity, whether a match with telling
     * capitals named it.  See weak_loses. */
    struct case_votes { uint32_t doc, lower, weak; } *votes;
    uint32_t *seen_strong;
    bool any_strong;     /* some entity is named with telling capitals */
    uint32_t doc;
    ng_diag_t diag;
};

void ng_scanner_set_diagnostics(ng_scanner_t *s, ng_diag_fn fn, void *ctx)
{
    s->diag = (ng_diag_t){fn, ctx};
}

ng_scanner_t *ng_scanner_new(const ng_tagger_t *t)
{
    ng_scanner_t *s = ng_xcalloc(1, sizeof *s);
    s->t = t;
    size_t n = ng_gazetteer_entity_count(t->gz);
    s->seen_unambiguous = ng_xcalloc(n + 1, sizeof *s->seen_unambiguous);
    s->seen_explicit = ng_xcalloc(n + 1, sizeof *s->seen_explicit);
    s->votes = ng_xcalloc(t->lit_count + 1, sizeof *s->votes);
    s->seen_strong = ng_xcalloc(n + 1, sizeof *s->seen_strong);
    if (t->patterns)
        s->pattern_scratch = ng_pattern_scratch_new(t->patterns);
    ng_segments_init(&s->own_seg);
    return s;
}

void ng_scanner_free(ng_scanner_t *s)
{
    if (!s)
        return;
    ng_pattern_scratch_free(s->pattern_scratch);
    ng_segments_destroy(&s->own_seg);
    ng_folded_destroy(&s->folded);
    free(s->cands);
    free(s->mentions);
    free(s->ids);
    free(s->seen_unambiguous);
    free(s->seen_explicit);
    free(s->votes);
    free(s->seen_strong);
    free(s);
}

/* ---- candidates ------------------------------------------------------ */

static void add_cand(ng_scanner_t *s, size_t start, size_t end, uint32_t entity, uint32_t lit,
                     bool automatic, bool weak)
{
    NG_GROW(s->cands, s->cand_cap, s->cand_count + 1);
    s->cands[s->cand_count++] =
        (cand_t){(uint32_t)start, (uint32_t)end, entity, lit, automatic, weak};
}

static void count_vote(ng_scanner_t *s, uint32_t lit, bool lower)
{
    struct case_votes *v = &s->votes[lit];
    if (v->doc != s->doc)
        *v = (struct case_votes){s->doc, 0, 0};
    if (lower)
        v->lower++;
    else
        v->weak++;
}

/* One sense per document: a weak capitalized match ("Turkey" opening a
 * sentence or in a title) counts if the document also names the entity
 * with telling capitals (mid-sentence "Turkey", "Turkish", "Ankara"...).
 * Otherwise it loses when the document writes it in lowercase ("turkey")
 * at least as often, and, for an alias that is a common word ("Shell",
 * "Apple"), when no entity at all is named with telling capitals: a text
 * that names nothing is not news, and "Shell the peas" is a verb. */
static bool weak_loses(const ng_scanner_t *s, const cand_t *c)
{
    if (!c->weak || s->seen_strong[c->entity] == s->doc)
        return false;
    const struct case_votes *v = &s->votes[c->lit];
    if (v->doc == s->doc && v->lower >= v->weak)
        return true;
    return (s->t->lits[c->lit].flags & LIT_WORD) && !s->any_strong;
}

static inline bool ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

/* Do the capitals of a hit say nothing, because position forces them?  A
 * one-capital alias ("Turkey") at a sentence start or in a title line. */
static bool capital_forced(const ng_scanner_t *s, size_t start)
{
    return ng_segments_sentence_start(s->seg, (const char *)s->text, s->len, start) ||
           ng_segments_in_title(s->seg, start);
}

/* The case rules of a case-sensitive literal at text[start, end): false to
 * drop the hit; *weak when its capitals say nothing (see weak_loses). */
static bool case_rule(ng_scanner_t *s, uint32_t key, size_t start, size_t end, bool *weak)
{
    const lit_t *lit = &s->t->lits[key];
    enum ng_case_match how = ng_shape_case_matches(s->text, start, end, ng_lit_exact(s->t, lit),
                                                   lit->exact_len);
    if (how == NG_CASE_NONE)
        return false;
    if (how == NG_CASE_LOWER) {
        count_vote(s, key, true);
        return false;
    }
    if (how == NG_CASE_UPPER) {
        /* An ALL-CAPS rendering ("TRUMP") belongs to shouted text: a line
         * without lowercase, or next to another word in capitals.  Alone in
         * ordinary text it is an acronym ("MA students" is not Jack Ma). */
        if (ng_shape_line_has_lower(&s->line, s->text, s->len, start) &&
            !ng_shape_capital_word_beside(s->text, s->len, start, false) &&
            !ng_shape_capital_word_beside(s->text, s->len, end, true))
            return false;
        *weak = true;
    } else if (lit->flags & LIT_ALL_CAPS) {
        *weak = !ng_shape_line_has_lower(&s->line, s->text, s->len, start);
    } else if (lit->flags & LIT_ONE_CAPITAL) {
        *weak = capital_forced(s, start);
    }
    /* "Jordan Pike", "Chad Wilson": a country or organization name right
     * before a capitalized word is a first name, or part of a longer name
     * the gazetteers lack, unless the line is a title. */
    if ((lit->flags & LIT_FIRST_NAME_LIKE) && how == NG_CASE_EXACT &&
        ng_shape_capitalized_word_follows(s->text, s->len, end) &&
        !ng_segments_in_title(s->seg, start))
        return false;
    return true;
}

static int on_literal(void *ctx, uint32_t key, size_t fend)
{
    ng_scanner_t *s = ctx;
    const lit_t *lit = &s->t->lits[key];
    size_t fstart = fend - lit->key_len;
    const unsigned char *fb = s->folded.bytes;
    /* Most hits of short keys ("us", "un", "eu") sit inside longer words;
     * two ASCII letters or digits side by side in the folded text are one
     * word, so those hits are dropped here without decoding anything. */
    if (fstart > 0 && ascii_alnum(fb[fstart - 1]) && ascii_alnum(fb[fstart]))
        return 0;
    if (fend < s->folded.len && ascii_alnum(fb[fend]) && ascii_alnum(fb[fend - 1]))
        return 0;
    const uint32_t *map = s->folded.map;
    /* Both ends must fall between characters of the original, not inside
     * the multi-byte folding of one (ß -> "ss"). */
    if (fstart > 0 && map[fstart - 1] == map[fstart])
        return 0;
    if (map[fend] == map[fend - 1])
        return 0;
    size_t start = map[fstart], end = map[fend];
    if (!ng_shape_on_boundaries(s->text, s->len, start, end))
        return 0;
    bool weak = false;
    if (!(lit->flags & NG_ALIAS_FOLD) && !case_rule(s, key, start, end, &weak))
        return 0;
    if (weak)
        count_vote(s, key, false);
    add_cand(s, start, end, lit->entity, key, (lit->flags & LIT_AUTO) != 0, weak);
    return 0;
}

static void on_pattern(void *ctx, uint32_t alias, size_t start, size_t end)
{
    ng_scanner_t *s = ctx;
    if (!ng_shape_on_boundaries(s->text, s->len, start, end))
        return;
    add_cand(s, start, end, ng_gazetteer_alias_entity(s->t->gz, alias), NO_LIT, false, false);
}

static int cmp_cand(const void *pa, const void *pb)
{
    const cand_t *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1; /* longest first */
    if (a->entity != b->entity)
        return a->entity < b->entity ? -1 : 1;
    return (int)a->automatic - (int)b->automatic; /* explicit first */
}

/* ---- resolution ------------------------------------------------------ */

/* Resolve the group cands[lo, hi) (one span).  Returns false when no
 * candidate may count yet (surname aliases of persons not yet named). */
static bool resolve_group(ng_scanner_t *s, size_t lo, size_t hi)
{
    const ng_gazetteer_t *gz = s->t->gz;
    size_t first_id = s->id_count;
    /* Distinct valid entities, in gazetteer order (the sort's order). */
    for (size_t i = lo; i < hi; i++) {
        const cand_t *c = &s->cands[i];
        if (c->automatic && s->seen_explicit[c->entity] != s->doc)
            continue;
        if (weak_loses(s, c))
            continue;
        if (s->id_count > first_id && s->ids[s->id_count - 1] == c->entity)
            continue;
        NG_GROW(s->ids, s->id_cap, s->id_count + 1);
        s->ids[s->id_count++] = c->entity;
    }
    size_t n = s->id_count - first_id;
    if (n == 0)
        return false;
    const uint32_t *ids = s->ids + first_id;
    uint32_t chosen = ids[0];
    if (n > 1) {
        bool any_seen = false;
        for (size_t i = 0; i < n; i++)
            any_seen |= s->seen_unambiguous[ids[i]] == s->doc;
        bool have = false;
        double best = 0;
        for (size_t i = 0; i < n; i++) {
            if (any_seen && s->seen_unambiguous[ids[i]] != s->doc)
                continue;
            double p = ng_gazetteer_entity_prior(gz, ids[i]);
            if (!have || p > best) {
                have = true;
                best = p;
                chosen = ids[i];
            }
        }
    } else {
        s->seen_unambiguous[chosen] = s->doc;
    }
    for (size_t i = lo; i < hi; i++)
        if (s->cands[i].entity == chosen && !s->cands[i].automatic)
            s->seen_explicit[chosen] = s->doc;
    if (s->t->ignored[chosen]) {
        s->id_count = first_id;
        return true; /* the span is taken, by a phrase that is no entity */
    }

    NG_GROW(s->mentions, s->mention_cap, s->mention_count + 1);
    ng_mention_t *m = &s->mentions[s->mention_count++];
    m->start = s->cands[lo].start;
    m->end = s->cands[lo].end;
    m->entity = chosen;
    m->ambiguous = n > 1;
    /* Pointer fixed up once ids stops moving; keep the offset for now. */
    m->candidates = (const uint32_t *)(uintptr_t)first_id;
    m->candidate_count = n;
    return true;
}


/* Note which entities are named with telling capitals, among the spans
 * leftmost-longest would take ("Greek" inside "Greek yogurt" does not
 * count). */
static void mark_strong(ng_scanner_t *s)
{
    s->any_strong = false;
    for (size_t k = 0, taken = 0; k < s->cand_count; k++) {
        const cand_t *c = &s->cands[k];
        if (c->start < taken)
            continue;
        size_t group_end = k;
        while (group_end < s->cand_count && s->cands[group_end].start == c->start &&
               s->cands[group_end].end == c->end)
            group_end++;
        for (size_t g = k; g < group_end; g++) {
            const cand_t *d = &s->cands[g];
            if (!d->weak && !d->automatic) {
                s->seen_strong[d->entity] = s->doc;
                s->any_strong |= !s->t->ignored[d->entity];
            }
        }
        taken = c->end;
        k = group_end - 1;
    }
}

/* Take the candidates leftmost-longest, one span group at a time. */
static void resolve_all(ng_scanner_t *s)
{
    size_t taken_to = 0; /* end of the last mention */
    size_t i = 0;
    while (i < s->cand_count) {
        const cand_t *c = &s->cands[i];
        size_t hi = i + 1;
        while (hi < s->cand_count && s->cands[hi].start == c->start && s->cands[hi].end == c->end)
            hi++;
        if (c->start >= taken_to && resolve_group(s, i, hi))
            taken_to = c->end;
        i = hi;
    }
    for (size_t k = 0; k < s->mention_count; k++)
        s->mentions[k].candidates = s->ids + (uintptr_t)s->mentions[k].candidates;
}

int ng_scanner_tag(ng_scanner_t *s, const ng_segments_t *seg, const char *name,
                   const char *text, size_t len, const ng_mention_t **mentions, size_t *count,
                   ng_error_t *err)
{
    *mentions = NULL;
    *count = 0;
    if (len > NG_MAX_DOCUMENT)
        return ng_fail(err, NG_EDATA, "%s: document of %zu bytes is larger than the 4 GiB "
                       "nergraph can address; split it", name, len);
    s->doc++;
    s->text = (const unsigned char *)text;
    s->len = len;
    s->cand_count = s->mention_count = s->id_count = 0;
    s->line.known = false;
    if (!seg) {
        ng_segment_text(text, len, &s->own_seg);
        seg = &s->own_seg;
    }
    s->seg = seg;

    ng_fold_text(s->text, len, &s->folded);
    ng_ac_scan_words(s->t->ac, s->folded.bytes, s->folded.len, on_literal, s);
    if (s->t->patterns)
        ng_patterns_scan(s->t->patterns, s->pattern_scratch, name, text, len, &s->diag,
                         on_pattern, s);

    if (s->cand_count)
        qsort(s->cands, s->cand_count, sizeof *s->cands, cmp_cand);
    mark_strong(s);
    resolve_all(s);
    s->seg = NULL; /* borrowed for this call only */
    *mentions = s->mentions;
    *count = s->mention_count;
    return NG_OK;
}
