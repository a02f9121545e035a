/*
 * Tagging: normalize -> match -> resolve for one document.
 *
 * Literal aliases are case-folded into one Aho-Corasick automaton that runs
 * over the folded text once; every hit is then checked against the original
 * bytes (word boundaries, possessives, the case rule of its alias), so the
 * automaton never needs one key per spelling.  Pattern aliases add their
 * hits to the same candidate list.  Candidates are sorted and taken
 * leftmost-longest; resolution walks them in text order, which is what lets
 * "already mentioned in this document" and surname aliases work in one pass.
 */
#include "nergraph.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "acmatch.h"
#include "norm.h"
#include "rematch.h"
#include "strmap.h"
#include "utf8.h"
#include "util.h"

#define LIT_AUTO (1u << 16)        /* automatic surname alias */
#define LIT_ALL_CAPS (1u << 17)    /* "US", "NATO", "U.S.": no lowercase letter */
#define LIT_ONE_CAPITAL (1u << 18) /* "Turkey", "Shell": only the first letter is upper */
#define LIT_WORD (1u << 19)        /* also a common word (ng_gazetteer_load_words) */
#define LIT_FIRST_NAME_LIKE (1u << 20) /* one capitalized word naming no person */

typedef struct lit {
    uint32_t entity;
    uint32_t flags;      /* NG_ALIAS_FOLD, LIT_AUTO, LIT_ALL_CAPS, LIT_ONE_CAPITAL */
    const char *exact;   /* normalized text, for the case check */
    uint32_t exact_len;
    uint32_t key_len;    /* length of the folded key in the automaton */
} lit_t;

struct ng_tagger {
    const ng_gazetteer_t *gz;
    ng_tagger_options_t opts;
    lit_t *lits;
    size_t lit_count;
    ng_ac_t *ac;
    bool has_patterns;
    bool *ignored;       /* per entity: type "ignore", never a mention */
    ng_arena_t *strings; /* automatic alias texts */
};

typedef struct cand {
    uint32_t start, end; /* original byte offsets */
    uint32_t entity;
    uint32_t lit;        /* literal that matched, NO_LIT for patterns */
    uint8_t automatic;   /* from an automatic surname alias */
    uint8_t weak;        /* capitals forced by position (sentence start,
                          * ALL-CAPS line), so they say nothing about sense */
} cand_t;

#define NO_LIT UINT32_MAX

struct ng_scanner {
    const ng_tagger_t *t;
    ng_patterns_t *patterns;
    ng_folded_t folded;
    const unsigned char *text;
    size_t len;
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
    /* The last line asked about by line_has_lower, and the answer. */
    size_t line_lo, line_hi;
    bool line_lower, line_title, line_known;
};

void ng_tagger_options_init(ng_tagger_options_t *opts)
{
    opts->auto_aliases = true;
    opts->match_limit = 1000000;
}

/* Generational suffixes and regnal numbers: "Jr.", "Sr.", "III", "XIV". */
static bool is_name_suffix(const char *w, size_t len)
{
    static const char *suffixes[] = {"Jr.", "Jr", "Sr.", "Sr", NULL};
    for (const char **s = suffixes; *s; s++)
        if (strlen(*s) == len && memcmp(*s, w, len) == 0)
            return true;
    if (len && w[len - 1] == '.')
        len--;
    if (!len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!strchr("IVXLC", w[i]))
            return false;
    return true;
}

/* The automatic surname of person e, normalized, into out; false if none. */
static bool surname_of(const ng_gazetteer_t *gz, uint32_t e, ng_buf_t *out)
{
    out->len = 0;
    const char *given = ng_gazetteer_attr(gz, e, "surname");
    if (given) {
        if (!*given)
            return false;
        ng_normalize_alias(given, strlen(given), out);
        return out->len > 0;
    }
    ng_buf_t norm = {0};
    const char *name = ng_gazetteer_entity_name(gz, e);
    ng_normalize_alias(name, strlen(name), &norm);
    /* Last word, skipping generational suffixes. */
    size_t end = norm.len;
    bool found = false;
    while (end > 0) {
        size_t start = end;
        while (start > 0 && norm.data[start - 1] != ' ')
            start--;
        if (start == 0)
            break; /* a one-word name has no separate surname */
        if (!is_name_suffix(norm.data + start, end - start)) {
            ng_buf_append(out, norm.data + start, end - start);
            found = true;
            break;
        }
        end = start - 1;
    }
    ng_buf_free(&norm);
    if (!found)
        return false;
    /* A surname must hold a letter and be more than one character. */
    bool letter = false;
    size_t chars = 0, i = 0;
    while (i < out->len) {
        int32_t cp;
        i += ng_utf8_decode((const unsigned char *)out->data, out->len, i, &cp);
        letter |= ng_is_word_cp(cp);
        chars++;
    }
    return letter && chars > 1;
}

/* LIT_ALL_CAPS, LIT_ONE_CAPITAL or 0 for an alias text. */
static uint32_t case_shape(const char *text, size_t len)
{
    size_t upper = 0, lower = 0, i = 0;
    bool first_upper = false;
    while (i < len) {
        int32_t cp;
        size_t at = i;
        i += ng_utf8_decode((const unsigned char *)text, len, i, &cp);
        if (ng_is_upper_cp(cp)) {
            upper++;
            first_upper |= at == 0;
        } else if (ng_is_lower_cp(cp)) {
            lower++;
        }
    }
    if (upper && !lower)
        return LIT_ALL_CAPS;
    if (upper == 1 && first_upper)
        return LIT_ONE_CAPITAL;
    return 0;
}

ng_tagger_t *ng_tagger_new(const ng_gazetteer_t *gz, const ng_tagger_options_t *opts,
                           ng_error_t *err)
{
    ng_tagger_t *t = ng_xcalloc(1, sizeof *t);
    t->gz = gz;
    if (opts)
        t->opts = *opts;
    else
        ng_tagger_options_init(&t->opts);
    t->strings = ng_arena_new();
    size_t entities = ng_gazetteer_entity_count(gz);
    t->ignored = ng_xcalloc(entities + 1, sizeof *t->ignored);
    for (uint32_t e = 0; e < entities; e++)
        t->ignored[e] = strcmp(ng_gazetteer_entity_type(gz, e), NG_TYPE_IGNORE) == 0;

    size_t cap = 0;
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (a->flags & NG_ALIAS_PATTERN) {
            t->has_patterns = true;
            continue;
        }
        uint32_t flags = (a->flags & NG_ALIAS_FOLD) | case_shape(a->text, a->len);
        if ((flags & LIT_ONE_CAPITAL) && !memchr(a->text, ' ', a->len) &&
            strcmp(ng_gazetteer_entity_type(gz, a->entity), "person") != 0)
            flags |= LIT_FIRST_NAME_LIKE;
        if (ng_gazetteer_is_word(gz, a->text, a->len))
            flags |= LIT_WORD;
        NG_GROW(t->lits, cap, t->lit_count + 1);
        t->lits[t->lit_count++] = (lit_t){a->entity, flags, a->text, (uint32_t)a->len, 0};
    }
    if (t->opts.auto_aliases) {
        ng_buf_t sur = {0};
        for (uint32_t e = 0; e < ng_gazetteer_entity_count(gz); e++) {
            if (strcmp(ng_gazetteer_entity_type(gz, e), "person") != 0 || !surname_of(gz, e, &sur))
                continue;
            uint32_t flags = LIT_AUTO | case_shape(sur.data, sur.len);
            if (ng_gazetteer_is_word(gz, sur.data, sur.len))
                flags |= LIT_WORD;
            NG_GROW(t->lits, cap, t->lit_count + 1);
            t->lits[t->lit_count++] = (lit_t){e, flags,
                                              ng_arena_strndup(t->strings, sur.data, sur.len),
                                              (uint32_t)sur.len, 0};
        }
        ng_buf_free(&sur);
    }

    /* Folded keys, all in one buffer; offsets first because it moves. */
    ng_buf_t keys = {0};
    size_t *offs = ng_xmalloc((t->lit_count + 1) * sizeof *offs);
    uint32_t *lens = ng_xmalloc((t->lit_count + 1) * sizeof *lens);
    for (size_t i = 0; i < t->lit_count; i++) {
        offs[i] = keys.len;
        ng_fold_string(t->lits[i].exact, t->lits[i].exact_len, &keys);
        lens[i] = (uint32_t)(keys.len - offs[i]);
        t->lits[i].key_len = lens[i];
    }
    const unsigned char **kp = ng_xmalloc((t->lit_count + 1) * sizeof *kp);
    for (size_t i = 0; i < t->lit_count; i++)
        kp[i] = (const unsigned char *)keys.data + offs[i];
    t->ac = ng_ac_build(kp, lens, t->lit_count);
    free(kp);
    free(lens);
    free(offs);
    ng_buf_free(&keys);

    if (t->has_patterns) {
        /* Compile once here so a bad pattern fails before any text is read;
         * each scanner compiles its own copy for its match data. */
        ng_patterns_t *check = ng_patterns_new(gz, t->opts.match_limit, err);
        if (!check) {
            ng_tagger_free(t);
            return NULL;
        }
        ng_patterns_free(check);
    }
    return t;
}

void ng_tagger_free(ng_tagger_t *t)
{
    if (!t)
        return;
    free(t->lits);
    free(t->ignored);
    ng_ac_free(t->ac);
    ng_arena_free(t->strings);
    free(t);
}

const ng_gazetteer_t *ng_tagger_gazetteer(const ng_tagger_t *t)
{
    return t->gz;
}

size_t ng_tagger_literal_count(const ng_tagger_t *t)
{
    return t->lit_count;
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
    if (t->has_patterns)
        s->patterns = ng_patterns_new(t->gz, t->opts.match_limit, NULL);
    return s;
}

void ng_scanner_free(ng_scanner_t *s)
{
    if (!s)
        return;
    ng_patterns_free(s->patterns);
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

/* ---- boundaries and case -------------------------------------------- */

static bool separates(int32_t before, int32_t after)
{
    if (!ng_is_word_cp(before) || !ng_is_word_cp(after))
        return true;
    return ng_is_unspaced_cp(before) || ng_is_unspaced_cp(after);
}

/* Is text[at] preceded by a French/Italian-style elision ("l'", "d'",
 * "qu'") rather than a name-internal apostrophe ("O'Neil")?  `apos` is
 * where the apostrophe starts. */
static bool elision_before(const unsigned char *text, size_t apos)
{
    size_t i = apos, letters = 0;
    while (i > 0) {
        size_t start;
        int32_t cp = ng_utf8_prev(text, i, &start);
        if (!ng_is_word_cp(cp))
            break;
        if (!ng_is_lower_cp(cp) || ++letters > 2)
            return false;
        i = start;
    }
    return letters > 0;
}

/* Word boundaries around [start, end) of the original text, with the
 * possessive and apostrophe rules of ng_tagger.h. */
static bool on_boundaries(const unsigned char *text, size_t len, size_t start, size_t end)
{
    int32_t first, last, cp;
    ng_utf8_decode(text, len, start, &first);
    size_t last_start;
    last = ng_utf8_prev(text, end, &last_start);

    if (start > 0) {
        size_t pstart;
        int32_t prev = ng_utf8_prev(text, start, &pstart);
        if (!separates(prev, first))
            return false;
        if (ng_is_apostrophe_cp(prev) && ng_is_word_cp(first) && pstart > 0) {
            size_t ppstart;
            int32_t pprev = ng_utf8_prev(text, pstart, &ppstart);
            if (ng_is_word_cp(pprev) && !elision_before(text, pstart))
                return false;
        }
    }
    if (end < len) {
        size_t n = ng_utf8_decode(text, len, end, &cp);
        if (!separates(last, cp))
            return false;
        if (ng_is_apostrophe_cp(cp) && ng_is_word_cp(last) && end + n < len) {
            int32_t after;
            size_t m = ng_utf8_decode(text, len, end + n, &after);
            if (ng_is_word_cp(after)) {
                /* Only a possessive 's may follow an apostrophe here. */
                if (after != 's' && after != 'S')
                    return false;
                size_t k = end + n + m;
                if (k < len) {
                    int32_t next;
                    ng_utf8_decode(text, len, k, &next);
                    if (ng_is_word_cp(next))
                        return false;
                }
            }
        }
    }
    return true;
}

enum case_match { CASE_NONE, CASE_EXACT, CASE_UPPER, CASE_LOWER };

/* Does text[start, end) spell `exact` as written (CASE_EXACT), in ALL CAPS
 * (CASE_UPPER) or all in lowercase (CASE_LOWER), with white space,
 * apostrophes and hyphens normalized?  The automaton already matched the
 * folded forms, so lengths line up except in rare foldings, which simply
 * fail here. */
static enum case_match case_matches(const unsigned char *text, size_t start, size_t end,
                                    const char *exact, size_t exact_len)
{
    const unsigned char *a = (const unsigned char *)exact;
    bool same = true, upper = true, lower = true;
    size_t i = start, j = 0;
    while (i < end && j < exact_len) {
        int32_t t, c;
        size_t n = ng_utf8_decode(text, end, i, &t);
        size_t m = ng_utf8_decode(a, exact_len, j, &c);
        if (ng_is_space_cp(t)) {
            while (i < end) {
                n = ng_utf8_decode(text, end, i, &t);
                if (!ng_is_space_cp(t))
                    break;
                i += n;
            }
            if (c != ' ')
                return CASE_NONE;
            j += m;
            continue;
        }
        if (ng_is_apostrophe_cp(t))
            t = '\'';
        else if (ng_is_hyphen_cp(t))
            t = '-';
        same = same && t == c;
        upper = upper && t == utf8proc_toupper(c);
        lower = lower && t == utf8proc_tolower(c);
        if (!same && !upper && !lower)
            return CASE_NONE;
        i += n;
        j += m;
    }
    if (i != end || j != exact_len)
        return CASE_NONE;
    return same ? CASE_EXACT : upper ? CASE_UPPER : CASE_LOWER;
}

/* Does the line around text[at] hold a lowercase letter?  A line without
 * one is a shouted headline, where "US" may be the word "us".  Cached per
 * line, so a long line is scanned once. */
static bool line_has_lower(ng_scanner_t *s, size_t at)
{
    if (s->line_known && at >= s->line_lo && at < s->line_hi)
        return s->line_lower;
    size_t lo = at, hi = at;
    while (lo > 0 && s->text[lo - 1] != '\n')
        lo--;
    while (hi < s->len && s->text[hi] != '\n')
        hi++;
    /* Lowercase letters anywhere, and words by their first letter: a line
     * whose words are mostly capitalized is a title ("Slow-Roasted Turkey
     * with Sage Butter"), where capitals say nothing either. */
    bool lower = false, in_word = false;
    size_t capitalized = 0, small = 0;
    for (size_t i = lo; i < hi;) {
        int32_t cp;
        i += ng_utf8_decode(s->text, hi, i, &cp);
        bool lc = ng_is_lower_cp(cp);
        lower |= lc;
        bool word = ng_is_word_cp(cp) || (in_word && (cp == '-' || ng_is_apostrophe_cp(cp)));
        if (word && !in_word) {
            capitalized += ng_is_upper_cp(cp);
            small += lc;
        }
        in_word = word;
    }
    s->line_lo = lo;
    s->line_hi = hi + 1;
    s->line_lower = lower;
    s->line_title = lower && capitalized >= 3 && capitalized > 2 * small;
    s->line_known = true;
    return lower;
}

static bool title_line(ng_scanner_t *s, size_t at)
{
    line_has_lower(s, at);
    return s->line_title;
}

/* Is the word that ends before `at` (forward: starts after `at`), on the
 * same line, written in capitals with at least two letters? */
static bool capital_word_beside(const unsigned char *text, size_t len, size_t at, bool forward)
{
    size_t i = at;
    int32_t cp = 0;
    /* Skip to the neighbouring word. */
    for (;;) {
        if (forward ? i >= len : i == 0)
            return false;
        size_t next;
        if (forward) {
            next = i + ng_utf8_decode(text, len, i, &cp);
        } else {
            cp = ng_utf8_prev(text, i, &next);
        }
        if (cp == '\n')
            return false;
        if (ng_is_word_cp(cp))
            break;
        i = next;
    }
    size_t letters = 0;
    while (forward ? i < len : i > 0) {
        size_t next;
        if (forward)
            next = i + ng_utf8_decode(text, len, i, &cp);
        else
            cp = ng_utf8_prev(text, i, &next);
        if (!ng_is_word_cp(cp))
            break;
        if (ng_is_lower_cp(cp))
            return false;
        letters += ng_is_upper_cp(cp);
        i = next;
    }
    return letters >= 2;
}

/* Words after a country or organization name that make it the modifier of
 * an office or institution ("Jordan Foreign Minister", "Niger Army"), not a
 * first name. */
static const char *const office_words[] = {
    "Air", "Ambassador", "Armed", "Army", "Cabinet", "Central", "Chancellor", "Chief",
    "Coast", "Congress", "Constitutional", "Crown", "Defence", "Defense", "Embassy",
    "Emir", "Envoy", "Federal", "Finance", "Foreign", "General", "Government", "Interior",
    "King", "Leader", "Military", "Minister", "Ministry", "National", "Navy",
    "Parliament", "Police", "Premier", "President", "Presidential", "Prime", "Prince",
    "Queen", "Secretary", "Senate", "Sheikh", "State", "Sultan", "Supreme", NULL};

/* Is text[at] the start of a capitalized word ("Pike" in "Jordan Pike")
 * that is not an office word, after exactly one space on the same line?
 * Then the name before it is most likely a first name. */
static bool capitalized_word_follows(const unsigned char *text, size_t len, size_t at)
{
    if (at + 2 >= len || text[at] != ' ')
        return false;
    size_t i = at + 1;
    int32_t cp;
    size_t n = ng_utf8_decode(text, len, i, &cp);
    if (!ng_is_upper_cp(cp))
        return false;
    size_t word_end = i + n;
    bool has_lower = false;
    while (word_end < len) {
        size_t m = ng_utf8_decode(text, len, word_end, &cp);
        if (!ng_is_word_cp(cp))
            break;
        has_lower |= ng_is_lower_cp(cp);
        word_end += m;
    }
    if (!has_lower)
        return false; /* "Jordan US", "Chad FC": not a surname */
    for (const char *const *w = office_words; *w; w++)
        if (strlen(*w) == word_end - i && memcmp(*w, text + i, word_end - i) == 0)
            return false;
    return true;
}

/* Does a sentence (or a line) start at text[at]?  Opening quotes and
 * brackets in between are skipped. */
static bool sentence_start(const unsigned char *text, size_t at)
{
    size_t i = at;
    while (i > 0) {
        size_t prev_start;
        int32_t cp = ng_utf8_prev(text, i, &prev_start);
        if (cp == '\n' || cp == '\r')
            return true;
        if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 /* … */)
            return true;
        bool opener = cp == '"' || cp == '\'' || cp == '(' || cp == '[' ||
                      cp == 0x201C || cp == 0x2018 || cp == 0x00AB || cp == 0x00BF ||
                      cp == 0x00A1;
        if (!opener && !(ng_is_space_cp(cp)))
            return false;
        i = prev_start;
    }
    return true;
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
    if (!on_boundaries(s->text, s->len, start, end))
        return 0;
    bool weak = false;
    if (!(lit->flags & NG_ALIAS_FOLD)) {
        enum case_match how = case_matches(s->text, start, end, lit->exact, lit->exact_len);
        if (how == CASE_NONE)
            return 0;
        if (how == CASE_LOWER) {
            count_vote(s, key, true);
            return 0;
        }
        if (how == CASE_UPPER) {
            /* An ALL-CAPS rendering ("TRUMP") belongs to shouted text: a
             * line without lowercase, or next to another word in capitals.
             * Alone in ordinary text it is an acronym ("MA students" is not
             * Jack Ma). */
            if (line_has_lower(s, start) &&
                !capital_word_beside(s->text, s->len, start, false) &&
                !capital_word_beside(s->text, s->len, end, true))
                return 0;
            weak = true;
        }
        else if (lit->flags & LIT_ALL_CAPS)
            weak = !line_has_lower(s, start);
        else if (lit->flags & LIT_ONE_CAPITAL)
            weak = sentence_start(s->text, start) || title_line(s, start);
        /* "Jordan Pike", "Chad Wilson": a country or organization name
         * right before a capitalized word is a first name, or part of a
         * longer name the gazetteers lack, unless the line is a title. */
        if ((lit->flags & LIT_FIRST_NAME_LIKE) && how == CASE_EXACT &&
            capitalized_word_follows(s->text, s->len, end) && !title_line(s, start))
            return 0;
    }
    if (weak)
        count_vote(s, key, false);
    add_cand(s, start, end, lit->entity, key, (lit->flags & LIT_AUTO) != 0, weak);
    return 0;
}

static void on_pattern(void *ctx, uint32_t alias, size_t start, size_t end)
{
    ng_scanner_t *s = ctx;
    if (!on_boundaries(s->text, s->len, start, end))
        return;
    add_cand(s, start, end, ng_gazetteer_alias(s->t->gz, alias)->entity, NO_LIT, false, false);
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

int ng_scanner_tag(ng_scanner_t *s, const char *name, const char *text, size_t len,
                   const ng_mention_t **mentions, size_t *count, ng_error_t *err)
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
    s->line_known = false;

    ng_fold_text(s->text, len, &s->folded);
    ng_ac_scan(s->t->ac, s->folded.bytes, s->folded.len, on_literal, s);
    if (s->patterns)
        ng_patterns_scan(s->patterns, name, text, len, on_pattern, s);

    if (s->cand_count)
        qsort(s->cands, s->cand_count, sizeof *s->cands, cmp_cand);
    /* Telling capitals, among the spans leftmost-longest would take ("Greek"
     * inside "Greek yogurt" does not count). */
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
    *mentions = s->mentions;
    *count = s->mention_count;
    return NG_OK;
}
