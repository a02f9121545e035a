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
#include "langid.h"
#include "utf8.h"

typedef struct cand {
    uint32_t start, end; /* original byte offsets */
    uint32_t entity;
    uint32_t lit;        /* literal that matched, NO_LIT for patterns */
    uint8_t automatic;   /* from an automatic surname alias */
    uint8_t weak;        /* capitals forced by position (sentence start,
                          * title, ALL-CAPS line), so they say nothing about
                          * sense */
    uint8_t loud;        /* a person's short one-word alias in ALL CAPS
                          * ("KIM"): counts only beside a telling mention */
    uint8_t code;        /* an acronym in brackets, "(DIA)", "<WCO>" */
} cand_t;

/* What the text around a hit says about it, besides where it is. */
typedef struct hit_shape {
    bool weak, loud, code;
} hit_shape_t;

#define NO_LIT UINT32_MAX

/* The folded text is made and matched a window at a time, so its copy and
 * offset map stay this size whatever the document's (see scan_literals). */
#ifndef NG_FOLD_WINDOW
#define NG_FOLD_WINDOW ((size_t)64 << 10)
#endif
#define FOLD_WINDOW ((size_t)NG_FOLD_WINDOW)

struct ng_scanner {
    const ng_tagger_t *t;
    ng_pattern_scratch_t *pattern_scratch;
    ng_folded_t folded;  /* the current window of the folded text */
    size_t hits_after;   /* in folded: hits ending here or before were seen */
    size_t overlap;      /* longest folded key + 1 */
    const unsigned char *text;
    size_t len;
    const ng_segments_t *seg; /* this document's, the caller's or own_seg */
    ng_segments_t own_seg;    /* when the caller gives none */
    ng_line_cache_t line;
    cand_t *cands;
    size_t cand_count, cand_cap;
    ng_mention_t *mentions;
    size_t mention_count, mention_cap;
    uint32_t *mention_lits;  /* per mention: the literal that named it, or NO_LIT */
    size_t mention_lit_cap;
    /* Scratch for corroborate: where a mention names a country (the
     * country itself or something of it), or NULL for a person or an
     * organization with no country= attribute. */
    struct home { const char *country; size_t at; } *homes;
    ng_span_t *credits;      /* scratch: see mark_credits */
    const char **countries;  /* see collect_countries */
    size_t country_count, country_cap;
    uint32_t countries_doc;  /* the document they are of */
    size_t credit_cap;
    size_t home_cap;
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
    bool *person;        /* per entity: of type person */
    bool any_strong;     /* some entity is named with telling capitals */
    uint32_t doc;
    ng_diag_t diag;
    /* Languages of the document and of one of its sentences, asked of the
     * classifier (owned, loaded on first use) when a name of some
     * languages only hit: see in_language. */
    ng_langid_t *langid;
    struct guesses {
        uint32_t doc;        /* the document they are of */
        size_t sentence;     /* the sentence (sentence guesses only) */
        size_t count;        /* 0: not known (too short, or undecided) */
        char codes[NG_LANG_MAX_GUESSES][NG_LANG_CODE_MAX];
    } doc_lang, sentence_lang;
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
    s->person = ng_xcalloc(n + 1, sizeof *s->person);
    for (size_t e = 0; e < n; e++)
        s->person[e] = strcmp(ng_gazetteer_entity_type(t->gz, (uint32_t)e), "person") == 0;
    if (t->patterns)
        s->pattern_scratch = ng_pattern_scratch_new(t->patterns);
    ng_segments_init(&s->own_seg);
    size_t longest = 0;
    for (size_t i = 0; i < t->lit_count; i++)
        if (t->lits[i].key_len > longest)
            longest = t->lits[i].key_len;
    s->overlap = longest + 1;
    return s;
}

void ng_scanner_free(ng_scanner_t *s)
{
    if (!s)
        return;
    ng_pattern_scratch_free(s->pattern_scratch);
    ng_langid_free(s->langid);
    ng_segments_destroy(&s->own_seg);
    ng_folded_destroy(&s->folded);
    free(s->cands);
    free(s->mentions);
    free(s->mention_lits);
    free(s->homes);
    free(s->credits);
    free(s->countries);
    free(s->ids);
    free(s->seen_unambiguous);
    free(s->seen_explicit);
    free(s->votes);
    free(s->seen_strong);
    free(s->person);
    free(s);
}

/* ---- candidates ------------------------------------------------------ */

static void add_cand(ng_scanner_t *s, size_t start, size_t end, uint32_t entity, uint32_t lit,
                     bool automatic, hit_shape_t shape)
{
    NG_GROW(s->cands, s->cand_cap, s->cand_count + 1);
    s->cands[s->cand_count++] = (cand_t){(uint32_t)start, (uint32_t)end, entity, lit, automatic,
                                         shape.weak, shape.loud, shape.code};
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
    /* A shouted line alone does not make "XI" Xi Jinping or "UPS" (the
     * verb of "FIRM UPS STAKE") the company: the document must name them
     * with telling capitals too. */
    if (c->loud)
        return true;
    uint32_t flags = s->t->lits[c->lit].flags;
    if ((flags & LIT_WORD) && (flags & LIT_ALL_CAPS))
        return true;
    /* "ON THE VERGE OF", "THE WHITE HOUSE OF MY CHILDHOOD": in capitals, a
     * name of common words is those words.  (Names of several words are
     * weak only in capitals.) */
    const lit_t *l = &s->t->lits[c->lit];
    if ((flags & LIT_COMMON_WORDS) && memchr(ng_lit_exact(s->t, l), ' ', l->exact_len))
        return true;
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
 * drop the hit; shape->weak when its capitals say nothing, shape->loud for
 * a person's short one-word alias in ALL CAPS (see weak_loses). */
static bool case_rule(ng_scanner_t *s, uint32_t key, size_t start, size_t end, hit_shape_t *shape)
{
    bool *weak = &shape->weak;
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
        bool one_word = !memchr(ng_lit_exact(s->t, lit), ' ', lit->exact_len);
        /* "CHAPTER XI", "PART II": a numeral, not a name in capitals. */
        if (one_word && ng_shape_roman_numeral(s->text + start, end - start))
            return false;
        *weak = true;
        /* Short names in capitals ("XI", "MA", "LI", "KIM") are as often
         * codes, numerals or words: a person's needs a telling mention too. */
        shape->loud = one_word && lit->exact_len <= 3 && s->person[lit->entity];
    } else if (lit->flags & LIT_ALL_CAPS) {
        *weak = !ng_shape_line_has_lower(&s->line, s->text, s->len, start);
        /* "come and see US.": the pronoun in capitals, in a lowercase
         * sentence. */
        if (!*weak && (lit->flags & LIT_WORD) &&
            ng_shape_object_pronoun(s->text, s->len, start, end))
            return false;
    } else if (lit->flags & LIT_ONE_CAPITAL) {
        *weak = capital_forced(s, start);
    }
    /* "Jordan Pike", "Chad Wilson": a country or organization name that is
     * also a given name, right before a capitalized word, is a first name
     * ("Nigerian Oil Minister", "Google Maps" keep theirs); and any
     * one-word name that opens a longer one the gazetteers lack is part
     * of it ("Taiwan Semiconductor Manufacturing Co", "Amazon River");
     * unless the line is a title. */
    if (how == NG_CASE_EXACT && (lit->flags & LIT_ONE_CAPITAL) && !s->person[lit->entity]) {
        bool inside =
            ((lit->flags & LIT_FIRST_NAME_LIKE) &&
             ng_shape_capitalized_word_follows(s->text, s->len, end)) ||
            (!memchr(ng_lit_exact(s->t, lit), ' ', lit->exact_len) &&
             ng_shape_longer_name_follows(s->text, s->len, end));
        if (inside && !ng_segments_in_title(s->seg, start))
            return false;
    }
    /* "Mrs. Philips", "Miss Chad": a title of address makes a person. */
    if (!s->person[lit->entity] && ng_shape_honorific_before(s->text, s->len, start))
        return false;
    return true;
}

static void classify(ng_scanner_t *s, struct guesses *g, size_t from, size_t to)
{
    if (!s->langid)
        s->langid = ng_langid_new();
    g->doc = s->doc;
    g->count = ng_langid_detect(s->langid, (const char *)s->text + from, to - from, g->codes,
                                NG_LANG_MAX_GUESSES);
}

static bool guessed(const struct guesses *g, const char *set)
{
    for (size_t i = 0; i < g->count; i++)
        if (ng_lang_set_has(set, g->codes[i]))
            return true;
    return false;
}

/* May a name of some languages only ("Salomon", Haitian Creole for the
 * Solomon Islands; "Frankreich") count at text[start]?  When its sentence
 * or the document (its first pages) is in one of them: the sentence
 * decides in a document of several languages, the document where a
 * sentence is too short to tell.  When neither can be told, the name
 * counts as it always did.  Texts are classified on the first such hit in
 * them, so documents without one cost nothing. */
static bool in_language(ng_scanner_t *s, const lit_t *lit, size_t start)
{
    if (s->doc_lang.doc != s->doc)
        classify(s, &s->doc_lang, 0, s->len);
    const char *set = ng_lit_langs(s->t, lit);
    if (guessed(&s->doc_lang, set))
        return true; /* the usual case: a German name in a German text */
    const ng_segments_t *seg = s->seg;
    size_t i = ng_segment_index(seg->sentence_starts, seg->sentence_count, start);
    if (s->sentence_lang.doc != s->doc || s->sentence_lang.sentence != i) {
        size_t to = i + 1 < seg->sentence_count ? seg->sentence_starts[i + 1] : s->len;
        classify(s, &s->sentence_lang, seg->sentence_starts[i], to);
        s->sentence_lang.sentence = i;
    }
    if (!s->doc_lang.count && !s->sentence_lang.count)
        return true;
    return guessed(&s->sentence_lang, set);
}

const char *ng_scanner_language(const ng_scanner_t *s)
{
    return s->doc_lang.doc == s->doc && s->doc_lang.count ? s->doc_lang.codes[0] : NULL;
}

static int on_literal(void *ctx, uint32_t key, size_t fend)
{
    ng_scanner_t *s = ctx;
    if (fend <= s->hits_after)
        return 0; /* reported in the window before */
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
    hit_shape_t shape = {false, false, false};
    if (!(lit->flags & NG_ALIAS_FOLD) && !case_rule(s, key, start, end, &shape))
        return 0;
    if ((lit->flags & LIT_LANG) && !in_language(s, lit, start))
        return 0;
    if (shape.weak)
        count_vote(s, key, false);
    shape.code = (lit->flags & LIT_ALL_CAPS) && ng_shape_bracketed(s->text, s->len, start, end);
    add_cand(s, start, end, lit->entity, key, (lit->flags & LIT_AUTO) != 0, shape);
    return 0;
}

static void on_pattern(void *ctx, uint32_t alias, size_t start, size_t end)
{
    ng_scanner_t *s = ctx;
    if (!ng_shape_on_boundaries(s->text, s->len, start, end))
        return;
    add_cand(s, start, end, ng_gazetteer_alias_entity(s->t->gz, alias), NO_LIT, false,
             (hit_shape_t){false, false, false});
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

/* Match the literals a window of the folded text at a time.  Each window
 * starts `overlap` bytes (the longest key and the byte before it) before
 * the end of what the last one matched, and the automaton runs from its
 * root there: every key that ends after that point lies wholly inside the
 * window, with the byte before it, so the hits and their order are those
 * of one pass over the whole folded text.  One folded byte past the
 * matched part is kept for the boundary checks of on_literal. */
static void scan_literals(ng_scanner_t *s)
{
    ng_folded_t *f = &s->folded;
    size_t window = FOLD_WINDOW > 4 * s->overlap ? FOLD_WINDOW : 4 * s->overlap;
    f->len = 0;
    s->hits_after = 0;
    size_t at = 0;
    for (;;) {
        at = ng_fold_more(s->text, s->len, at, window, f);
        bool last = at == s->len;
        size_t scan = last ? f->len : f->len - 1;
        ng_ac_scan_words(s->t->ac, f->bytes, scan, on_literal, s);
        if (last)
            break;
        size_t keep_from = scan > s->overlap ? scan - s->overlap : 0;
        memmove(f->bytes, f->bytes + keep_from, f->len - keep_from);
        memmove(f->map, f->map + keep_from, (f->len - keep_from + 1) * sizeof *f->map);
        f->len -= keep_from;
        s->hits_after = scan - keep_from;
    }
}

/* ---- coordinated offices -------------------------------------------- */

/* "the State and Treasury departments" names the State Department and the
 * Treasury Department; "the Foreign and Defence ministries" two
 * ministries.  Each word of such a list is looked up as the singular office
 * it stands for, in both word orders, among the gazetteer's literals. */
static const struct office_noun {
    const char *plural; /* without its first letter, which may be a capital */
    const char *suffix, *prefix;
} office_nouns[] = {
    {"epartments", " Department", "Department of "},
    {"inistries", " Ministry", "Ministry of "},
};

struct whole_key {
    const ng_tagger_t *t;
    const char *exact; /* the office's name as written */
    size_t exact_len, key_len;
    uint32_t keys[8];
    size_t n;
};

static int on_whole_key(void *ctx, uint32_t key, size_t end)
{
    struct whole_key *w = ctx;
    const lit_t *lit = &w->t->lits[key];
    if (end != w->key_len || lit->key_len != w->key_len || w->n == 8)
        return 0;
    if ((lit->flags & NG_ALIAS_FOLD) || (lit->exact_len == w->exact_len &&
                                         !memcmp(ng_lit_exact(w->t, lit), w->exact, w->exact_len)))
        w->keys[w->n++] = key;
    return 0;
}

/* Has a candidate exactly [start, end)?  The candidates are sorted. */
static bool has_cand(const ng_scanner_t *s, size_t start, size_t end)
{
    size_t lo = 0, hi = s->cand_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->cands[mid].start < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < s->cand_count && s->cands[lo].start == start; lo++)
        if (s->cands[lo].end == end)
            return true;
    return false;
}

/* The keys of the literals spelling `name` whole. */
static size_t whole_keys(const ng_scanner_t *s, const ng_buf_t *raw, ng_buf_t *name,
                         ng_buf_t *key, uint32_t *keys)
{
    name->len = key->len = 0;
    ng_normalize_alias(raw->data, raw->len, name);
    ng_fold_string(name->data, name->len, key);
    struct whole_key w = {s->t, name->data, name->len, key->len, {0}, 0};
    ng_ac_scan(s->t->ac, (const unsigned char *)key->data, key->len, on_whole_key, &w);
    memcpy(keys, w.keys, w.n * sizeof *keys);
    return w.n;
}

/* Candidates for the heads of the list before text[at], the plural noun:
 * each head is tried as its office with the list's qualifier ("Russian
 * Defence Ministry", "Russian Ministry of Defence"), then without. */
static bool add_office_heads(ng_scanner_t *s, const struct office_noun *noun, size_t at,
                             ng_buf_t bufs[3])
{
    ng_span_t heads[NG_SHAPE_MAX_HEADS], qual;
    size_t n = ng_shape_coordinated_heads(s->text, s->len, at, heads, NG_SHAPE_MAX_HEADS, &qual);
    const char *q = (const char *)s->text + qual.start;
    size_t q_len = qual.end - qual.start;
    bool added = false;
    for (size_t h = 0; h < n; h++) {
        const char *word = (const char *)s->text + heads[h].start;
        size_t word_len = heads[h].end - heads[h].start;
        if (has_cand(s, heads[h].start, heads[h].end))
            continue; /* "Treasury" is a name of its own */
        uint32_t keys[8];
        size_t found = 0;
        for (int form = 0; form < 4 && !found; form++) {
            bool qualified = form < 2;
            if (qualified && !q_len)
                continue;
            ng_buf_t *raw = &bufs[0];
            raw->len = 0;
            if (qualified) {
                ng_buf_append(raw, q, q_len);
                ng_buf_putc(raw, ' ');
            }
            if (form % 2 == 0) {
                ng_buf_append(raw, word, word_len);
                ng_buf_append(raw, noun->suffix, strlen(noun->suffix));
            } else {
                ng_buf_append(raw, noun->prefix, strlen(noun->prefix));
                ng_buf_append(raw, word, word_len);
            }
            found = whole_keys(s, raw, &bufs[1], &bufs[2], keys);
        }
        for (size_t k = 0; k < found; k++)
            add_cand(s, heads[h].start, heads[h].end, s->t->lits[keys[k]].entity, keys[k],
                     false, (hit_shape_t){false, false, false});
        added |= found > 0;
    }
    return added;
}

static void add_coordinated_offices(ng_scanner_t *s)
{
    const unsigned char *text = s->text;
    ng_buf_t bufs[3] = {{0}};
    bool added = false;
    for (size_t i = 0; i < sizeof office_nouns / sizeof *office_nouns; i++) {
        const struct office_noun *noun = &office_nouns[i];
        size_t plen = strlen(noun->plural);
        for (size_t at = 1; at + plen <= s->len;) {
            const unsigned char *p = memchr(text + at, noun->plural[0], s->len - plen + 1 - at);
            if (!p)
                break;
            size_t start = (size_t)(p - text) - 1; /* the plural's first letter */
            at = (size_t)(p - text) + 1;
            if (memcmp(p, noun->plural, plen) != 0 ||
                (text[start] | 0x20) != (unsigned char)(noun->suffix[1] | 0x20) ||
                (start + 1 + plen < s->len && ng_is_word_cp(text[start + 1 + plen])))
                continue;
            added |= add_office_heads(s, noun, start, bufs);
        }
    }
    for (int b = 0; b < 3; b++)
        ng_buf_free(&bufs[b]);
    if (added)
        qsort(s->cands, s->cand_count, sizeof *s->cands, cmp_cand);
}

/* ---- resolution ------------------------------------------------------ */

/* An acronym in brackets counts when it spells out the name just before
 * it, "North Atlantic Treaty Organization (NATO)"; after any other name it
 * is a ticker or a code, "Westcoast Energy <WCO>", "Diamond Shamrock
 * (DIA)", and names nothing of ours. */
static bool code_names_previous(const ng_scanner_t *s, const cand_t *c)
{
    if (s->mention_count == 0)
        return false;
    const ng_mention_t *prev = &s->mentions[s->mention_count - 1];
    if (prev->entity != c->entity || prev->end + 1 > c->start)
        return false;
    for (size_t i = prev->end; i + 1 < c->start; i++)
        if (s->text[i] != ' ')
            return false;
    return true;
}

/* The country an entity belongs to: a country's own code (iso2), else its
 * country= attribute; NULL for none. */
static const char *home_country(const ng_gazetteer_t *gz, uint32_t e)
{
    if (strcmp(ng_gazetteer_entity_type(gz, e), "country") == 0)
        return ng_gazetteer_attr(gz, e, "iso2");
    return ng_gazetteer_attr(gz, e, "country");
}

/* How near a name of common words must have company (see corroborate):
 * about a news story's length either side, so that in news it means "the
 * same story" and in a novel "the same scene". */
#define CORROBORATION_SPAN 4096

/* The countries this document names without doubt (spans with one
 * entity, explicit, with telling capitals): the country itself, or
 * anything with its country= attribute.  They choose among the entities of
 * a shared alias ("the Treasury" in a story that names Rachel Reeves).
 * Made on the document's first shared alias. */
static void collect_countries(ng_scanner_t *s)
{
    const ng_gazetteer_t *gz = s->t->gz;
    s->country_count = 0;
    s->countries_doc = s->doc;
    for (size_t k = 0; k < s->cand_count;) {
        const cand_t *c = &s->cands[k];
        size_t g = k + 1;
        bool one = true;
        for (; g < s->cand_count && s->cands[g].start == c->start && s->cands[g].end == c->end; g++)
            one &= s->cands[g].entity == c->entity;
        k = g;
        if (!one || c->automatic || c->weak)
            continue;
        const char *home = home_country(gz, c->entity);
        if (!home)
            continue;
        bool known = false;
        for (size_t h = 0; h < s->country_count && !known; h++)
            known = strcmp(s->countries[h], home) == 0;
        if (!known) {
            NG_GROW(s->countries, s->country_cap, s->country_count + 1);
            s->countries[s->country_count++] = home;
        }
    }
}

static bool names_country_of(ng_scanner_t *s, uint32_t e)
{
    if (s->countries_doc != s->doc)
        collect_countries(s);
    const char *home = home_country(s->t->gz, e);
    for (size_t h = 0; home && h < s->country_count; h++)
        if (strcmp(s->countries[h], home) == 0)
            return true;
    return false;
}

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
        if (c->code && !code_names_previous(s, c))
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
        /* One the document named unambiguously, else one of a country the
         * document names, else the highest prior, else gazetteer order. */
        bool any_seen = false, any_home = false;
        for (size_t i = 0; i < n; i++)
            any_seen |= s->seen_unambiguous[ids[i]] == s->doc;
        for (size_t i = 0; i < n && !any_seen && !any_home; i++)
            any_home = names_country_of(s, ids[i]);
        bool have = false;
        double best = 0;
        for (size_t i = 0; i < n; i++) {
            if (any_seen && s->seen_unambiguous[ids[i]] != s->doc)
                continue;
            if (any_home && !names_country_of(s, ids[i]))
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

    NG_GROW(s->mention_lits, s->mention_lit_cap, s->mention_count + 1);
    s->mention_lits[s->mention_count] = NO_LIT;
    for (size_t i = lo; i < hi; i++)
        if (s->cands[i].entity == chosen) {
            s->mention_lits[s->mention_count] = s->cands[i].lit;
            break;
        }
    NG_GROW(s->mentions, s->mention_cap, s->mention_count + 1);
    ng_mention_t *m = &s->mentions[s->mention_count++];
    m->start = s->cands[lo].start;
    m->end = s->cands[lo].end;
    m->entity = chosen;
    m->ambiguous = n > 1;
    m->credit = false; /* see mark_credits */
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

/* Is the literal several words, each a common word and none a name of its
 * own ("White House", "House of Commons"; see LIT_COMMON_WORDS)?  A name
 * that carries its article, "The Times", is a title as written. */
static bool common_words_only(const ng_scanner_t *s, uint32_t lit)
{
    if (lit == NO_LIT || !(s->t->lits[lit].flags & LIT_COMMON_WORDS))
        return false;
    const lit_t *l = &s->t->lits[lit];
    return !(l->exact_len > 4 && memcmp(ng_lit_exact(s->t, l), "The ", 4) == 0);
}

/* Is mention k of an institution or person named only in common words?
 * (A country so named, "Equatorial Guinea", is its own company.) */
static bool doubtful(const ng_scanner_t *s, size_t k)
{
    return common_words_only(s, s->mention_lits[k]) &&
           strcmp(ng_gazetteer_entity_type(s->t->gz, s->mentions[k].entity), "country") != 0;
}

/* A name made of common words ("the White House", "the House of Commons",
 * "Human Rights Watch") is also a house, or a phrase, in a novel.  Where
 * the entity belongs to a country, it counts when the world of the news is
 * named near it: a person or an organization of the gazetteers, or that
 * country.  A name of telling capitals cannot tell here, since a novel
 * capitalizes its houses too. */
static void corroborate(ng_scanner_t *s)
{
    const ng_gazetteer_t *gz = s->t->gz;
    size_t homes = 0, doubtful_count = 0;
    for (size_t k = 0; k < s->mention_count; k++) {
        if (doubtful(s, k)) {
            doubtful_count++;
            continue;
        }
        uint32_t e = s->mentions[k].entity;
        const char *type = ng_gazetteer_entity_type(gz, e);
        bool world = strcmp(type, "person") == 0 || strcmp(type, "organization") == 0;
        const char *home = home_country(gz, e);
        if (home || world) {
            NG_GROW(s->homes, s->home_cap, homes + 1);
            s->homes[homes++] = (struct home){world ? NULL : home, s->mentions[k].start};
        }
    }
    if (!doubtful_count)
        return;
    size_t out = 0;
    for (size_t k = 0; k < s->mention_count; k++) {
        if (doubtful(s, k)) {
            const char *home = home_country(gz, s->mentions[k].entity);
            size_t at = s->mentions[k].start;
            bool named = home == NULL;
            /* homes are in text order: only those within the span are looked at */
            size_t lo = 0, hi = homes;
            size_t from = at > CORROBORATION_SPAN ? at - CORROBORATION_SPAN : 0;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (s->homes[mid].at < from)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t h = lo; h < homes && !named && s->homes[h].at <= at + CORROBORATION_SPAN;
                 h++)
                named = !s->homes[h].country || strcmp(s->homes[h].country, home) == 0;
            if (!named)
                continue;
        }
        s->mention_lits[out] = s->mention_lits[k];
        s->mentions[out++] = s->mentions[k];
    }
    s->mention_count = out;
}

/* Names in credits and datelines are mentions but no participants (see
 * ng_tagger_options_t). */
static void mark_credits(ng_scanner_t *s)
{
    if (s->t->opts.count_credits || !s->mention_count)
        return;
    size_t n = ng_shape_credit_spans(s->text, s->len, &s->credits, &s->credit_cap);
    for (size_t k = 0, c = 0; k < s->mention_count && c < n; k++) {
        ng_mention_t *m = &s->mentions[k];
        while (c < n && s->credits[c].end < m->end)
            c++;
        m->credit = c < n && s->credits[c].start <= m->start && m->end <= s->credits[c].end;
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
    corroborate(s);
    mark_credits(s);
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

    scan_literals(s);
    if (s->t->patterns)
        ng_patterns_scan(s->t->patterns, s->pattern_scratch, name, text, len, &s->diag,
                         on_pattern, s);

    if (s->cand_count)
        qsort(s->cands, s->cand_count, sizeof *s->cands, cmp_cand);
    add_coordinated_offices(s);
    mark_strong(s);
    resolve_all(s);
    s->seg = NULL; /* borrowed for this call only */
    *mentions = s->mentions;
    *count = s->mention_count;
    return NG_OK;
}
