/*
 * Discovery of names the gazetteers lack: rules over word lists, after
 * GATE ANNIE's gazetteer lists (titles, organization keys and designators)
 * and the given-name lists of @faker-js/faker (gazetteers/given-names.txt).
 * The rules are in ng_discover.h; the lists below are ours, written for
 * English-language news, and small on purpose: a word on them makes a
 * capitalized neighbour a name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "nergraph.h"
#include "ng_discover.h"
#include "namewords.h"
#include "norm.h"
#include "strmap.h"
#include "tagger_internal.h"
#include "utf8.h"
#include "util.h"

/* Titles of address and office before a person's name.  Abbreviations
 * may be written with or without their dot ("Mr Roe", "Mr. Roe"). */
static const char *const titles[] = {
    "Mr", "Mrs", "Ms", "Mx", "Miss", "Mme", "Mlle", "Messrs", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Col", "Lt",
    "Capt", "Sgt", "Adm", "Maj", "Cmdr", "Rev", "Hon", "Amb", "Atty", "Det", "Cpl", "Supt",
    "President", "Minister", "Judge", "Justice", "Lord", "Lady", "Sir", "Dame", "Senator",
    "Governor", "General", "Colonel", "Captain", "Professor", "Ambassador", "Chancellor",
    "Mayor", "Chairman", "Chairwoman", "Rabbi", "Imam", "Bishop", "Archbishop", "Cardinal",
    "King", "Queen", "Prince", "Princess", "Sheikh", "Commissioner", "Secretary", "Inspector",
    "Detective", "Sergeant", "Lieutenant", "Admiral", "Mister", "Madame", "Monsieur", "Herr",
    "Frau", "Representative", "Congressman", "Congresswoman", "Councillor", "Councilman",
    "Councilwoman", "Prosecutor", "Premier", "Vice", "Deputy", "Coach", NULL};

/* Heads of "X of Y" names. */
static const char *const heads[] = {
    "Ministry", "Department", "University", "Bank", "Institute", "Academy", "College",
    "School", "Museum", "Council", "Commission", "Agency", "Authority", "Office",
    "Federation", "Association", "Society", "Court", "Board", "Church", "Organization",
    "Organisation", "Union", "League", "Committee", "Foundation", "Fund", "Centre", "Center",
    "Bureau", "Corporation", "Company", "Chamber", "Confederation", "Alliance", NULL};

/* Lowercase particles inside a person's name ("Ana de Souza"). */
static const char *const particles[] = {"de", "da", "do", "dos", "das", "van", "von", "der",
                                        "den", "del", "della", "di", "du", "le", "la", "bin",
                                        "ibn", "al", "el", "ter", "ten", "zu", NULL};

/* Words before a name that are not part of it. */
static const char *const determiners[] = {
    "The", "A", "An", "This", "That", "These", "Those", "Its", "His", "Her", "Their", "Our",
    "Your", "My", "Some", "Every", "Each", "No", "Both", "Another", "Other", "Such", "At",
    "In", "On", "For", "With", "From", "By", "Of", "To", "As", "And", "But", "Or", "After",
    "Before", "When", "While", "If", "Under", "Since", "Former", NULL};

static const char *const calendar[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", NULL};

/* Nouns of a role apposition: "Renata Moura, an analyst at ...". */
static const char *const roles[] = {
    "analyst", "partner", "lawyer", "attorney", "spokesman", "spokeswoman", "spokesperson",
    "economist", "professor", "director", "chief", "executive", "official", "minister",
    "researcher", "adviser", "advisor", "senator", "candidate", "founder", "co-founder",
    "president", "chairman", "chairwoman", "head", "member", "leader", "manager",
    "strategist", "diplomat", "journalist", "reporter", "author", "coach", "player", "judge",
    "prosecutor", "investor", "banker", "trader", "scientist", "doctor", "activist",
    "ambassador", "commander", "deputy", "secretary", "governor", "mayor", "lawmaker",
    "negotiator", "consultant", "expert", "editor", "writer", "historian", "economist",
    "engineer", "officer", "chairperson", "ceo", "cfo", "striker", "midfielder", "athlete",
    "sprinter", "runner", "champion", "veteran", "counsel", "auditor", "regulator", NULL};

enum {
    T_WORD = 1u << 0,
    T_CAP = 1u << 1,    /* first letter uppercase */
    T_LOWER = 1u << 2,  /* holds a lowercase letter */
    T_MENT = 1u << 3,   /* overlaps a gazetteer mention */
    T_TITLE = 1u << 4,  /* in a title line */
    T_SENT = 1u << 5,   /* starts a sentence */
    T_GAP1 = 1u << 6,   /* one space (or line break) to the next token, same sentence */
    T_GAP0 = 1u << 7,   /* next token right after */
    T_USED = 1u << 8,   /* part of a candidate */
    T_DOTTED = 1u << 9  /* a dotted designator */
};

typedef struct tok {
    size_t s, e;
    unsigned flags;
} tok_t;

typedef struct cand_work {
    size_t first, last; /* token range, inclusive */
    ng_discover_kind kind;
    bool title_only;    /* one word after a title */
} cand_work_t;

struct ng_discoverer {
    const ng_gazetteer_t *gz;
    ng_strmap_t given;
    ng_strmap_t known;     /* literal alias texts of the gazetteer */
    ng_strmap_t surnames;  /* last words of the gazetteer's persons */
    tok_t *toks;
    size_t tok_count, tok_cap;
    cand_work_t *work;
    size_t work_count, work_cap;
    ng_candidate_t *cands;
    size_t cand_count, cand_cap;
    ng_buf_t names;
    ng_span_t *spans;
    size_t span_cap;
    size_t *maxend;
    size_t maxend_cap;
};

static const char *const type_names[] = {"person", "organization"};

static void add_known(ng_discoverer_t *d)
{
    const ng_gazetteer_t *gz = d->gz;
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (!(a->flags & NG_ALIAS_PATTERN))
            ng_strmap_put(&d->known, a->text, a->len, 0, NULL);
    }
    for (size_t e = 0; e < ng_gazetteer_entity_count(gz); e++) {
        if (strcmp(ng_gazetteer_entity_type(gz, (uint32_t)e), "person") != 0)
            continue;
        const char *name = ng_gazetteer_entity_name(gz, (uint32_t)e);
        const char *sp = strrchr(name, ' ');
        if (sp && sp[1])
            ng_strmap_put(&d->surnames, sp + 1, strlen(sp + 1), 0, NULL);
    }
}

ng_discoverer_t *ng_discoverer_new(const ng_gazetteer_t *gz)
{
    ng_discoverer_t *d = ng_xcalloc(1, sizeof *d);
    d->gz = gz;
    ng_strmap_init(&d->given);
    ng_strmap_init(&d->known);
    ng_strmap_init(&d->surnames);
    add_known(d);
    return d;
}

void ng_discoverer_free(ng_discoverer_t *d)
{
    if (!d)
        return;
    ng_strmap_destroy(&d->given);
    ng_strmap_destroy(&d->known);
    ng_strmap_destroy(&d->surnames);
    free(d->toks);
    free(d->work);
    free(d->cands);
    ng_buf_free(&d->names);
    free(d->spans);
    free(d->maxend);
    free(d);
}

static int add_names(ng_discoverer_t *d, const char *source, const char *data, size_t len,
                     ng_error_t *err)
{
    size_t line = 0, i = 0;
    while (i < len) {
        line++;
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        size_t s = i, e = end;
        while (s < e && (data[s] == ' ' || data[s] == '\t'))
            s++;
        while (e > s && (data[e - 1] == ' ' || data[e - 1] == '\t' || data[e - 1] == '\r'))
            e--;
        if (e > s && data[s] != '#') {
            if (ng_utf8_first_invalid((const unsigned char *)data + s, e - s) != e - s)
                return ng_fail(err, NG_EDATA, "%s:%zu: invalid UTF-8; save the list as UTF-8",
                               source, line);
            ng_strmap_put(&d->given, data + s, e - s, 0, NULL);
        }
        i = end + 1;
    }
    return NG_OK;
}

int ng_discoverer_add_given_names(ng_discoverer_t *d, const char *data, size_t len,
                                  ng_error_t *err)
{
    return add_names(d, "given names", data, len, err);
}

int ng_discoverer_load_given_names(ng_discoverer_t *d, const char *path, ng_error_t *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ng_fail(err, NG_EIO, "%s: cannot read the given-name list; check the path",
                       path);
    ng_buf_t b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ng_buf_append(&b, chunk, n);
    bool bad = ferror(f);
    fclose(f);
    int st;
    if (bad)
        st = ng_fail(err, NG_EIO, "%s: read error", path);
    else
        st = add_names(d, path, b.data ? b.data : "", b.len, err);
    ng_buf_free(&b);
    return st;
}

size_t ng_discoverer_given_name_count(const ng_discoverer_t *d)
{
    return d->given.count;
}

/* ---- tokens ------------------------------------------------------------ */

static bool in_list(const char *const *list, const char *s, size_t len)
{
    for (; *list; list++)
        if (strlen(*list) == len && memcmp(*list, s, len) == 0)
            return true;
    return false;
}

static size_t word_end(const unsigned char *t, size_t len, size_t i)
{
    while (i < len) {
        int32_t cp;
        size_t n = ng_utf8_decode(t, len, i, &cp);
        if (ng_is_word_cp(cp)) {
            i += n;
            continue;
        }
        if (!(ng_is_apostrophe_cp(cp) || ng_is_hyphen_cp(cp)) || i + n >= len)
            break;
        int32_t next;
        size_t m = ng_utf8_decode(t, len, i + n, &next);
        if (!ng_is_word_cp(next))
            break;
        if (ng_is_apostrophe_cp(cp) && (next == 's' || next == 'S')) {
            /* A possessive stays outside the name. */
            int32_t after = ' ';
            if (i + n + m < len)
                ng_utf8_decode(t, len, i + n + m, &after);
            if (!ng_is_word_cp(after))
                break;
        }
        i += n;
    }
    return i;
}

static void push_tok(ng_discoverer_t *d, size_t s, size_t e, unsigned flags)
{
    NG_GROW(d->toks, d->tok_cap, d->tok_count + 1);
    d->toks[d->tok_count++] = (tok_t){s, e, flags};
}

static void tokenize(ng_discoverer_t *d, const unsigned char *t, size_t len)
{
    d->tok_count = 0;
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = ng_utf8_decode(t, len, i, &cp);
        if (ng_is_space_cp(cp)) {
            i += n;
            continue;
        }
        if (!ng_is_word_cp(cp)) {
            push_tok(d, i, i + n, 0);
            i += n;
            continue;
        }
        bool was_dotted = false;
        for (const char *const *dd = ng_dotted_designators; *dd; dd++) {
            size_t l = strlen(*dd);
            if (i + l <= len && memcmp(t + i, *dd, l) == 0) {
                int32_t after = ' ';
                if (i + l < len)
                    ng_utf8_decode(t, len, i + l, &after);
                if (!ng_is_word_cp(after)) {
                    push_tok(d, i, i + l, T_WORD | T_CAP | T_DOTTED);
                    i += l;
                    was_dotted = true;
                    break;
                }
            }
        }
        if (was_dotted)
            continue;
        size_t e = word_end(t, len, i);
        unsigned flags = T_WORD;
        if (ng_is_upper_cp(cp))
            flags |= T_CAP;
        for (size_t k = i; k < e;) {
            int32_t c;
            k += ng_utf8_decode(t, len, k, &c);
            if (ng_is_lower_cp(c)) {
                flags |= T_LOWER;
                break;
            }
        }
        push_tok(d, i, e, flags);
        i = e;
    }
}

static int cmp_span(const void *a, const void *b)
{
    const ng_span_t *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Flags that need the segmentation and the mentions. */
static void mark(ng_discoverer_t *d, const ng_segments_t *seg, const unsigned char *t,
                 size_t len, const ng_mention_t *m, size_t mc)
{
    NG_GROW(d->spans, d->span_cap, mc + 1);
    NG_GROW(d->maxend, d->maxend_cap, mc + 1);
    for (size_t i = 0; i < mc; i++)
        d->spans[i] = (ng_span_t){m[i].start, m[i].end};
    if (mc)
        qsort(d->spans, mc, sizeof *d->spans, cmp_span);
    for (size_t i = 0; i < mc; i++)
        d->maxend[i] = i && d->maxend[i - 1] > d->spans[i].end ? d->maxend[i - 1]
                                                               : d->spans[i].end;
    for (size_t i = 0; i < d->tok_count; i++) {
        tok_t *k = &d->toks[i];
        /* Mentions that start before the token ends: the first `lo`. */
        size_t lo = 0, hi = mc;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (d->spans[mid].start < k->e)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo && d->maxend[lo - 1] > k->s)
            k->flags |= T_MENT;
        if (seg && ng_segments_in_title(seg, k->s))
            k->flags |= T_TITLE;
        if (seg && ng_segments_sentence_start(seg, (const char *)t, len, k->s))
            k->flags |= T_SENT;
    }
    for (size_t i = 0; i + 1 < d->tok_count; i++) {
        tok_t *k = &d->toks[i], *n = &d->toks[i + 1];
        size_t gap = n->s - k->e;
        if (gap == 0) {
            k->flags |= T_GAP0;
        } else if (!(n->flags & T_SENT)) {
            int32_t cp;
            size_t used = ng_utf8_decode(t, len, k->e, &cp);
            bool one = used == gap || (gap == 2 && t[k->e] == '\r' && t[k->e + 1] == '\n');
            if (one)
                k->flags |= T_GAP1;
        }
    }
}

/* ---- rules ------------------------------------------------------------- */

typedef struct ctx {
    ng_discoverer_t *d;
    const char *t;
    size_t len;
} ctx_t;

static bool is(const ctx_t *c, size_t i, const char *w)
{
    const tok_t *k = &c->d->toks[i];
    size_t l = strlen(w);
    return k->e - k->s == l && memcmp(c->t + k->s, w, l) == 0;
}

static bool listed(const ctx_t *c, size_t i, const char *const *list)
{
    const tok_t *k = &c->d->toks[i];
    return in_list(list, c->t + k->s, k->e - k->s);
}

static bool free_tok(const ctx_t *c, size_t i)
{
    return i < c->d->tok_count && !(c->d->toks[i].flags & (T_MENT | T_TITLE | T_USED));
}

/* A capitalized word with lowercase letters, not taken. */
static bool capword(const ctx_t *c, size_t i)
{
    return free_tok(c, i) &&
           (c->d->toks[i].flags & (T_WORD | T_CAP | T_LOWER)) == (T_WORD | T_CAP | T_LOWER) &&
           !listed(c, i, calendar);
}

static bool designator(const ctx_t *c, size_t i)
{
    return free_tok(c, i) && (listed(c, i, ng_designator_words) || (c->d->toks[i].flags & T_DOTTED));
}

/* An organization word: capitalized, or an acronym in capitals. */
static bool orgword(const ctx_t *c, size_t i)
{
    if (!free_tok(c, i))
        return false;
    unsigned f = c->d->toks[i].flags;
    if ((f & (T_WORD | T_CAP)) != (T_WORD | T_CAP) || listed(c, i, calendar))
        return false;
    return (f & T_LOWER) || c->d->toks[i].e - c->d->toks[i].s >= 2;
}

static bool joined(const ctx_t *c, size_t i)
{
    return i + 1 < c->d->tok_count && (c->d->toks[i].flags & T_GAP1);
}

static bool common(const ctx_t *c, size_t i)
{
    const tok_t *k = &c->d->toks[i];
    return ng_gazetteer_is_word(c->d->gz, c->t + k->s, k->e - k->s);
}

static bool initial(const ctx_t *c, size_t i)
{
    const tok_t *k = &c->d->toks[i];
    return free_tok(c, i) && (k->flags & (T_WORD | T_CAP | T_LOWER)) == (T_WORD | T_CAP) &&
           k->e - k->s == 1 && (k->flags & T_GAP0) && i + 1 < c->d->tok_count &&
           is(c, i + 1, ".");
}

static void add(ctx_t *c, size_t first, size_t last, ng_discover_kind kind, bool title_only)
{
    ng_discoverer_t *d = c->d;
    for (size_t i = first; i <= last; i++)
        if (d->toks[i].flags & (T_MENT | T_USED))
            return;
    for (size_t i = first; i <= last; i++)
        d->toks[i].flags |= T_USED;
    NG_GROW(d->work, d->work_cap, d->work_count + 1);
    d->work[d->work_count++] = (cand_work_t){first, last, kind, title_only};
}

/* Right after a mention, one space between: part of a bigger name. */
static bool after_mention(const ctx_t *c, size_t first)
{
    return first > 0 && (c->d->toks[first - 1].flags & (T_MENT | T_GAP1)) == (T_MENT | T_GAP1);
}

/* Skip determiners at the front of [first, last]. */
static size_t strip_front(const ctx_t *c, size_t first, size_t last)
{
    while (first < last && listed(c, first, determiners))
        first++;
    return first;
}

/* "A B & C", "A, B & C" (law firms, partnerships). */
static void rule_firms(ctx_t *c)
{
    ng_discoverer_t *d = c->d;
    for (size_t i = 1; i + 1 < d->tok_count; i++) {
        if (!is(c, i, "&") || !free_tok(c, i) || !joined(c, i - 1) || !joined(c, i))
            continue;
        size_t last = i + 1;
        if (!capword(c, last))
            continue;
        if (joined(c, last) && designator(c, last + 1))
            last++;
        size_t first = i - 1;
        if (!capword(c, first))
            continue;
        size_t words = 1;
        for (;;) {
            if (first >= 2 && is(c, first - 1, ",") && (d->toks[first - 2].flags & T_GAP0) &&
                joined(c, first - 1) && capword(c, first - 2) && words < 6) {
                first -= 2;
                words++;
            } else if (first >= 1 && joined(c, first - 1) && capword(c, first - 1) &&
                       words < 6 && !listed(c, first - 1, determiners)) {
                first--;
                words++;
            } else {
                break;
            }
        }
        bool all_common = true;
        for (size_t k = first; k <= last; k++)
            if ((d->toks[k].flags & T_WORD) && !common(c, k))
                all_common = false;
        if (!all_common && !after_mention(c, first))
            add(c, first, last, NG_DISCOVER_ORGANIZATION, false);
    }
}

/* Capitalized words before i joined by one space: the first of them. */
static size_t extend_back(const ctx_t *c, size_t i, size_t max)
{
    size_t first = i, n = 0;
    while (first > 0 && n < max && joined(c, first - 1) && orgword(c, first - 1) &&
           !(c->d->toks[first].flags & T_SENT)) {
        first--;
        n++;
    }
    return strip_front(c, first, i);
}

/* "Ministry of Fisheries", "Institute for Coastal Studies". */
static void rule_heads(ctx_t *c)
{
    ng_discoverer_t *d = c->d;
    for (size_t i = 0; i + 2 < d->tok_count; i++) {
        if (!listed(c, i, heads) || !capword(c, i) || !joined(c, i) ||
            !(is(c, i + 1, "of") || is(c, i + 1, "for") || is(c, i + 1, "on")) ||
            !joined(c, i + 1))
            continue;
        size_t k = i + 2;
        if (is(c, k, "the") && joined(c, k))
            k++;
        if (!orgword(c, k))
            continue;
        size_t last = k;
        for (;;) {
            if (joined(c, last) && orgword(c, last + 1))
                last++;
            else if (joined(c, last) && (is(c, last + 1, "and") || is(c, last + 1, "&")) &&
                     joined(c, last + 1) && orgword(c, last + 2))
                last += 2;
            else
                break;
        }
        /* A mention right after: "University of Ghana Medical School". */
        if (joined(c, last) && (d->toks[last + 1].flags & T_MENT))
            continue;
        size_t first = extend_back(c, i, 4);
        if (!after_mention(c, first))
            add(c, first, last, NG_DISCOVER_ORGANIZATION, false);
    }
}

/* "Acme Holdings", "Quux Inc", "Northfield University". */
static void rule_designators(ctx_t *c)
{
    ng_discoverer_t *d = c->d;
    for (size_t i = 1; i < d->tok_count; i++) {
        if (!designator(c, i) || !joined(c, i - 1))
            continue;
        size_t last = i;
        while (joined(c, last) && designator(c, last + 1))
            last++;
        size_t first = i, n = 0;
        while (first > 0 && n < 5 && joined(c, first - 1) && !(d->toks[first].flags & T_SENT)) {
            if (orgword(c, first - 1) && !listed(c, first - 1, titles)) {
                first--;
            } else if (first >= 2 && is(c, first - 1, "&") && free_tok(c, first - 1) &&
                       joined(c, first - 2) && orgword(c, first - 2)) {
                first -= 2;
            } else {
                break;
            }
            n++;
        }
        first = strip_front(c, first, i);
        if (first == i)
            continue; /* "The Company", "Group" alone */
        if (joined(c, last) && (d->toks[last + 1].flags & T_MENT))
            continue;
        bool all_designators = true;
        for (size_t k = first; k < i; k++)
            if (!designator(c, k) && !is(c, k, "&"))
                all_designators = false;
        if (!all_designators && !after_mention(c, first))
            add(c, first, last, NG_DISCOVER_ORGANIZATION, false);
        i = last;
    }
}

/* After first: capitalized surnames, initials and particles; the last
 * token of the name, or first when none follows.  *bad is set when a word
 * of an organization follows. */
static size_t surnames(const ctx_t *c, size_t first, size_t max, size_t *words, bool *bad)
{
    size_t last = first;
    *words = 0;
    while (*words < max && joined(c, last)) {
        size_t n = last + 1;
        if (initial(c, n) && joined(c, n + 1) && capword(c, n + 2)) {
            last = n + 1;
            continue;
        }
        if (listed(c, n, particles) && free_tok(c, n) && joined(c, n) && capword(c, n + 1)) {
            last = n + 1;
            (*words)++;
            continue;
        }
        if (capword(c, n) && !listed(c, n, titles)) {
            if (listed(c, n, ng_designator_words) || listed(c, n, heads) || listed(c, n, ng_place_words)) {
                *bad = true;
                break;
            }
            last = n;
            (*words)++;
            continue;
        }
        if (n < c->d->tok_count && (listed(c, n, ng_designator_words) || listed(c, n, ng_place_words) ||
                                    (c->d->toks[n].flags & T_DOTTED)))
            *bad = true;
        break;
    }
    return last;
}

/* "Mr. Daniel Roe", "Sen. Roe", "Judge Ana Lopes". */
static void rule_titles(ctx_t *c)
{
    ng_discoverer_t *d = c->d;
    for (size_t i = 0; i + 1 < d->tok_count; i++) {
        if (!listed(c, i, titles) || !(d->toks[i].flags & T_CAP) || (d->toks[i].flags & T_TITLE))
            continue;
        size_t k = i;
        bool abbrev = (d->toks[i].flags & T_GAP0) && is(c, i + 1, ".");
        if (abbrev)
            k++;
        /* "Secretary General Ana Lopes", "Vice President Ana Lopes". */
        while (joined(c, k) && listed(c, k + 1, titles))
            k++;
        if (!joined(c, k) || !capword(c, k + 1) || listed(c, k + 1, titles))
            continue;
        size_t first = k + 1, words;
        bool bad = false;
        size_t last = surnames(c, first, 3, &words, &bad);
        if (bad || listed(c, first, ng_designator_words) || listed(c, first, heads) ||
            listed(c, first, determiners))
            continue;
        /* "President Said", "General Motors": a lone common word after a
         * title written out is not a name; after "Mr." it is ("Mr. Roe"). */
        if (first == last && !abbrev && common(c, first))
            continue;
        add(c, first, last, NG_DISCOVER_PERSON, first == last);
        i = last;
    }
}

/* A given name of the list; "El", "Al", "De" are articles and particles
 * of surnames and places ("El Fasher") before they are names. */
static bool given(const ctx_t *c, size_t i)
{
    const tok_t *k = &c->d->toks[i];
    size_t l = k->e - k->s;
    char low[8];
    if (l < sizeof low) {
        for (size_t j = 0; j < l; j++)
            low[j] = (char)(c->t[k->s + j] >= 'A' && c->t[k->s + j] <= 'Z' ? c->t[k->s + j] + 32
                                                                          : c->t[k->s + j]);
        if (in_list(particles, low, l))
            return false;
    }
    uint32_t v;
    return ng_strmap_get(&c->d->given, c->t + k->s, l, &v) ||
           ng_gazetteer_is_given_name(c->d->gz, c->t + k->s, l);
}

/* "Renata Moura", "John Q. Public", "Ana de Souza". */
static void rule_given(ctx_t *c)
{
    ng_discoverer_t *d = c->d;
    for (size_t i = 0; i + 1 < d->tok_count; i++) {
        if (!capword(c, i) || !given(c, i))
            continue;
        /* Inside a longer capitalized phrase ("New York University"); but
         * a name the gazetteers know, a demonym above all, may stand
         * before a person's ("Zimbabwean Ann Cole", "Ghanaian Kofi
         * Mensah"), as a title does. */
        if (i > 0 && joined(c, i - 1) && (d->toks[i - 1].flags & T_CAP) &&
            !(d->toks[i - 1].flags & T_MENT) && !listed(c, i - 1, determiners) &&
            !listed(c, i - 1, titles) && !((d->toks[i - 1].flags & T_SENT) && common(c, i - 1)))
            continue;
        size_t words;
        bool bad = false;
        size_t last = surnames(c, i, 3, &words, &bad);
        if (bad || words == 0)
            continue;
        /* A given name that is also a word ("Will", "Grace", "May") where
         * capitals say nothing needs a surname that is no word. */
        bool wordlike = common(c, i) || listed(c, i, calendar);
        if (wordlike && ((d->toks[i].flags & T_SENT) || listed(c, i, calendar))) {
            size_t s = i + 1;
            while (s < last && !capword(c, s))
                s++;
            if (common(c, s))
                continue;
            /* "Till Elizabeth came": the word, then a name of its own. */
            if (s == last && given(c, s))
                continue;
        }
        add(c, i, last, NG_DISCOVER_PERSON, false);
        i = last;
    }
}

/* "Chidi Okafor, a lawyer at ...", "Ines Varga, who ...". */
static void rule_apposition(ctx_t *c)
{
    ng_discoverer_t *d = c->d;
    for (size_t i = 0; i + 3 < d->tok_count; i++) {
        if (!capword(c, i) || (i > 0 && joined(c, i - 1) && (d->toks[i - 1].flags & T_CAP)))
            continue;
        size_t last = i;
        while (last - i < 2 && joined(c, last) && capword(c, last + 1))
            last++;
        if (last == i || !(d->toks[last].flags & T_GAP0) || !is(c, last + 1, ",") ||
            !joined(c, last + 1))
            continue;
        bool ok = true;
        for (size_t k = i; k <= last; k++)
            if (common(c, k) || listed(c, k, ng_designator_words) || listed(c, k, heads) ||
                listed(c, k, titles) || listed(c, k, determiners))
                ok = false;
        if (!ok)
            continue;
        size_t k = last + 2;
        bool role = false;
        if (is(c, k, "who")) {
            role = true;
        } else if (is(c, k, "a") || is(c, k, "an") || is(c, k, "the")) {
            for (size_t n = k + 1; n < d->tok_count && n <= k + 4; n++) {
                if (!(d->toks[n].flags & T_WORD))
                    break;
                const tok_t *w = &d->toks[n];
                char low[32];
                size_t l = w->e - w->s;
                if (l >= sizeof low)
                    continue;
                for (size_t j = 0; j < l; j++)
                    low[j] = (char)((c->t[w->s + j] >= 'A' && c->t[w->s + j] <= 'Z')
                                        ? c->t[w->s + j] + 32 : c->t[w->s + j]);
                if (in_list(roles, low, l)) {
                    role = true;
                    break;
                }
            }
        }
        if (role)
            add(c, i, last, NG_DISCOVER_PERSON, false);
    }
}

static int cmp_work(const void *a, const void *b)
{
    const cand_work_t *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

static bool name_eq(const char *a, size_t al, const char *b, size_t bl)
{
    return al == bl && memcmp(a, b, al) == 0;
}

void ng_discover_text(ng_discoverer_t *d, const ng_segments_t *seg, const char *text,
                      size_t len, const ng_mention_t *mentions, size_t mention_count,
                      const ng_candidate_t **out, size_t *count)
{
    const unsigned char *t = (const unsigned char *)text;
    d->work_count = d->cand_count = 0;
    d->names.len = 0;
    tokenize(d, t, len);
    mark(d, seg, t, len, mentions, mention_count);
    ctx_t c = {d, text, len};
    rule_firms(&c);
    rule_heads(&c);
    rule_designators(&c);
    rule_titles(&c);
    rule_given(&c);
    rule_apposition(&c);
    if (d->work_count)
        qsort(d->work, d->work_count, sizeof *d->work, cmp_work);

    size_t *offs = ng_xcalloc(d->work_count + 1, sizeof *offs);
    for (size_t w = 0; w < d->work_count; w++) {
        const cand_work_t *cw = &d->work[w];
        size_t s = d->toks[cw->first].s, e = d->toks[cw->last].e;
        if (!ng_shape_on_boundaries(t, len, s, e))
            continue;
        size_t off = d->names.len;
        for (size_t i = s; i < e;) {
            int32_t cp;
            size_t n = ng_utf8_decode(t, len, i, &cp);
            if (ng_is_space_cp(cp)) {
                if (d->names.len > off && d->names.data[d->names.len - 1] != ' ')
                    ng_buf_putc(&d->names, ' ');
            } else {
                ng_buf_append(&d->names, text + i, n);
            }
            i += n;
        }
        size_t nl = d->names.len - off;
        uint32_t v;
        if (ng_strmap_get(&d->known, d->names.data + off, nl, &v) ||
            (cw->title_only && ng_strmap_get(&d->surnames, d->names.data + off, nl, &v))) {
            d->names.len = off;
            continue;
        }
        ng_buf_putc(&d->names, '\0');
        NG_GROW(d->cands, d->cand_cap, d->cand_count + 1);
        offs[d->cand_count] = off;
        d->cands[d->cand_count++] = (ng_candidate_t){s, e, cw->kind, type_names[cw->kind], NULL,
                                                     nl};
        (void)w;
    }
    for (size_t i = 0; i < d->cand_count; i++)
        d->cands[i].name = d->names.data + offs[i];
    free(offs);

    /* A lone surname after a title when the document names that person in
     * full: the tagger's surname rule takes it. */
    size_t kept = 0;
    for (size_t i = 0; i < d->cand_count; i++) {
        ng_candidate_t *ci = &d->cands[i];
        bool drop = false;
        if (ci->kind == NG_DISCOVER_PERSON && !memchr(ci->name, ' ', ci->name_len)) {
            for (size_t j = 0; j < d->cand_count && !drop; j++) {
                const ng_candidate_t *cj = &d->cands[j];
                const char *sp = NULL;
                if (cj->kind == NG_DISCOVER_PERSON && j != i)
                    for (size_t k = cj->name_len; k > 0 && !sp; k--)
                        if (cj->name[k - 1] == ' ')
                            sp = cj->name + k - 1;
                if (sp && name_eq(sp + 1, cj->name_len - (size_t)(sp + 1 - cj->name),
                                  ci->name, ci->name_len))
                    drop = true;
            }
        }
        if (!drop)
            d->cands[kept++] = *ci;
    }
    d->cand_count = kept;
    *out = d->cands;
    *count = d->cand_count;
}

/* ---- slugs ------------------------------------------------------------- */

static const char *translit(int32_t cp)
{
    switch (cp) {
    case 0xDF: return "ss";
    case 0xC6: case 0xE6: return "ae";
    case 0xD8: case 0xF8: return "o";
    case 0x141: case 0x142: return "l";
    case 0x110: case 0x111: case 0xD0: case 0xF0: return "d";
    case 0x152: case 0x153: return "oe";
    case 0xDE: case 0xFE: return "th";
    case 0x131: return "i";
    default: return NULL;
    }
}

char *ng_discover_slug(const char *name, size_t len)
{
    ng_buf_t b = {0};
    bool lost = false, dash = false;
    const unsigned char *t = (const unsigned char *)name;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = ng_utf8_decode(t, len, i, &cp);
        i += n;
        const char *tr = NULL;
        char one[2] = {0, 0};
        if (cp >= 'A' && cp <= 'Z') {
            one[0] = (char)(cp + 32);
            tr = one;
        } else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
            one[0] = (char)cp;
            tr = one;
        } else if (cp > 0x7F) {
            tr = translit(cp);
            if (!tr && cp > 0 && ng_is_word_cp(cp)) {
                /* The base letter of an accented Latin one. */
                utf8proc_int32_t buf[8];
                int lastbound = 0;
                utf8proc_ssize_t k = utf8proc_decompose_char(cp, buf, 8,
                                                             UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT,
                                                             &lastbound);
                if (k > 0 && buf[0] < 0x80 && ((buf[0] | 32) >= 'a' && (buf[0] | 32) <= 'z')) {
                    one[0] = (char)(buf[0] | 32);
                    tr = one;
                } else if (utf8proc_category(cp) != UTF8PROC_CATEGORY_MN) {
                    lost = true;
                }
            }
        }
        if (tr && *tr) {
            if (dash && b.len)
                ng_buf_putc(&b, '-');
            dash = false;
            ng_buf_append(&b, tr, strlen(tr));
        } else if (!tr) {
            if (cp == '\'' || ng_is_apostrophe_cp(cp))
                continue; /* "O'Brien" -> "obrien" */
            dash = true;
        }
    }
    if (lost || !b.len) {
        uint64_t h = ng_hash_bytes(name, len);
        ng_buf_printf(&b, "%s%08x", b.len ? "-" : "", (unsigned)(h & 0xffffffffu));
    }
    char *s = ng_xstrndup(b.data, b.len);
    ng_buf_free(&b);
    return s;
}
