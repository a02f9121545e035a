/*
 * Text-shape rules: what the bytes right around a match say, without any
 * document state.  Word boundaries and possessives decide whether a hit is
 * a whole word; case matching decides which spelling of an alias it is;
 * shouted lines and capital words beside a match tell an ALL-CAPS rendering
 * from an acronym; a capitalized word after a one-word name marks a first
 * name.  Where a sentence or a title begins is the segmenter's business
 * (ng_segment.h), not a shape rule.
 */
#include "tagger_internal.h"

#include <string.h>
#include <utf8proc.h>

#include "utf8.h"

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

bool ng_shape_on_boundaries(const unsigned char *text, size_t len, size_t start, size_t end)
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

/* Does text[start, end) spell `exact` as written (NG_CASE_EXACT), in ALL CAPS
 * (NG_CASE_UPPER) or all in lowercase (NG_CASE_LOWER), with white space,
 * apostrophes and hyphens normalized?  The automaton already matched the
 * folded forms, so lengths line up except in rare foldings, which simply
 * fail here. */
enum ng_case_match ng_shape_case_matches(const unsigned char *text, size_t start, size_t end,
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
                return NG_CASE_NONE;
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
            return NG_CASE_NONE;
        i += n;
        j += m;
    }
    if (i != end || j != exact_len)
        return NG_CASE_NONE;
    return same ? NG_CASE_EXACT : upper ? NG_CASE_UPPER : NG_CASE_LOWER;
}

/* Cached per line, so a long line is scanned once. */
bool ng_shape_line_has_lower(ng_line_cache_t *c, const unsigned char *text, size_t len,
                             size_t at)
{
    if (c->known && at >= c->lo && at < c->hi)
        return c->lower;
    size_t lo = at, hi = at;
    while (lo > 0 && text[lo - 1] != '\n')
        lo--;
    while (hi < len && text[hi] != '\n')
        hi++;
    bool lower = false;
    for (size_t i = lo; i < hi && !lower;) {
        int32_t cp;
        i += ng_utf8_decode(text, hi, i, &cp);
        lower = ng_is_lower_cp(cp);
    }
    c->lo = lo;
    c->hi = hi + 1;
    c->lower = lower;
    c->known = true;
    return lower;
}

bool ng_shape_capital_word_beside(const unsigned char *text, size_t len, size_t at, bool forward)
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

/* Legal forms of companies: "Apple Inc", "Arm Ltd" name a company, and the
 * name before them is no first name. */
static const char *const company_forms[] = {
    "Inc", "Corp", "Co", "Ltd", "Plc", "Llc", "GmbH", "Company", "Corporation",
    "Limited", "Group", "Holdings", NULL};

static bool in_word_list(const char *const *list, const unsigned char *w, size_t len)
{
    for (; *list; list++)
        if (strlen(*list) == len && memcmp(*list, w, len) == 0)
            return true;
    return false;
}

/* Then the name before it is most likely a first name. */
bool ng_shape_capitalized_word_follows(const unsigned char *text, size_t len, size_t at)
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
    return !in_word_list(office_words, text + i, word_end - i) &&
           !in_word_list(company_forms, text + i, word_end - i);
}
