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

#include "namewords.h"
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

/* The word after the one space at text[at], as [*ws, *we), when it starts
 * with a capital; *has_lower when it holds a lowercase letter too. */
static bool capitalized_word_after(const unsigned char *text, size_t len, size_t at,
                                   size_t *ws, size_t *we, bool *has_lower)
{
    if (at + 2 >= len || text[at] != ' ')
        return false;
    size_t i = at + 1;
    int32_t cp;
    size_t end = i + ng_utf8_decode(text, len, i, &cp);
    if (!ng_is_upper_cp(cp))
        return false;
    bool lower = false;
    while (end < len) {
        size_t m = ng_utf8_decode(text, len, end, &cp);
        if (!ng_is_word_cp(cp))
            break;
        lower |= ng_is_lower_cp(cp);
        end += m;
    }
    *ws = i;
    *we = end;
    *has_lower = lower;
    return true;
}

/* Then the name before it is most likely a first name. */
bool ng_shape_capitalized_word_follows(const unsigned char *text, size_t len, size_t at)
{
    size_t i, word_end;
    bool has_lower;
    if (!capitalized_word_after(text, len, at, &i, &word_end, &has_lower) || !has_lower)
        return false; /* "Jordan US", "Chad FC": not a surname */
    return !in_word_list(office_words, text + i, word_end - i) &&
           !in_word_list(company_forms, text + i, word_end - i);
}

/* Words a longer name may hold between its first word and its last. */
#define LONGER_NAME_WORDS 6

bool ng_shape_longer_name_follows(const unsigned char *text, size_t len, size_t at)
{
    for (size_t words = 1; words <= LONGER_NAME_WORDS; words++) {
        size_t i, end;
        bool has_lower;
        if (!capitalized_word_after(text, len, at, &i, &end, &has_lower))
            return false;
        for (const char *const *d = ng_dotted_designators; *d; d++) {
            size_t dl = strlen(*d);
            if (dl <= len - i && memcmp(text + i, *d, dl) == 0 &&
                (i + dl == len || !ng_is_word_cp(text[i + dl])))
                return words > 1;
        }
        const unsigned char *w = text + i;
        size_t wl = end - i;
        if (in_word_list(office_words, w, wl))
            return false;
        if (words == 1 && in_word_list(company_forms, w, wl))
            return false;
        if (ng_word_listed(ng_designator_words, (const char *)w, wl) ||
            ng_word_listed(ng_place_words, (const char *)w, wl))
            return true;
        at = end;
    }
    return false;
}

/* ---- words around a match that change what it names -------------------- */

/* The ASCII word that ends at text[end) (letters only), as [*ws, end). */
static bool ascii_word_before(const unsigned char *text, size_t end, size_t *ws)
{
    size_t i = end;
    while (i > 0 && ((text[i - 1] | 0x20) >= 'a' && (text[i - 1] | 0x20) <= 'z'))
        i--;
    if (i == end || (i > 0 && (ng_is_word_cp(text[i - 1]) || text[i - 1] >= 0x80)))
        return false;
    *ws = i;
    return true;
}

/* Titles of address that make the name after them a person's: "Mrs.
 * Philips" is no company, "Miss Chad" no country. */
static const char *const honorifics[] = {
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Messrs", "Mme", "Mlle", "Dr", "Sir", "Dame", "Lady",
    "Lord", "Madam", "Madame", "Monsieur", "Herr", "Frau", "Senor", "Senora", "Signor",
    "Signora", "Prof", "Professor", "Rev", "Reverend", "Uncle", "Aunt", "Auntie", "Master",
    "Mistress", "Captain", "Capt", "Colonel", "Col", "Sgt", "Sergeant", "Lieutenant", "Lt",
    "Major", "Judge", "Justice", "Inspector", "Constable", "Nurse", "Sister", "Brother",
    "Father", "Mother", "Cousin", "Nephew", "Niece", "Grandmother", "Grandfather", "Widow",
    NULL};

bool ng_shape_honorific_before(const unsigned char *text, size_t len, size_t start)
{
    (void)len;
    /* One space, after "Mrs." or "Mrs" */
    if (start < 3 || text[start - 1] != ' ')
        return false;
    size_t end = start - 1;
    if (text[end - 1] == '.')
        end--;
    size_t ws;
    if (!ascii_word_before(text, end, &ws) || end - ws >= 16)
        return false;
    /* "Sister Philips" and "my sister Philips" alike */
    char word[16];
    memcpy(word, text + ws, end - ws);
    word[0] = (char)(word[0] & ~0x20);
    return in_word_list(honorifics, (const unsigned char *)word, end - ws);
}

/* A Roman numeral in canonical form ("XI", "XIV", "MCM"): chapter and
 * part numbers, regnal numbers ("Louis XIV"). */
bool ng_shape_roman_numeral(const unsigned char *w, size_t len)
{
    static const struct { const char *s; unsigned v; } digits[] = {
        {"M", 1000}, {"CM", 900}, {"D", 500}, {"CD", 400}, {"C", 100}, {"XC", 90},
        {"L", 50}, {"XL", 40}, {"X", 10}, {"IX", 9}, {"V", 5}, {"IV", 4}, {"I", 1}};
    if (len == 0 || len > 15)
        return false;
    unsigned value = 0;
    size_t i = 0;
    /* Greedy parse in canonical order: each symbol at most as often as the
     * canonical form allows (M any, others up to three, pairs once). */
    for (size_t d = 0; d < sizeof digits / sizeof *digits && i < len; d++) {
        size_t n = strlen(digits[d].s);
        unsigned repeat = 0, max = n == 2 || digits[d].s[0] == 'V' || digits[d].s[0] == 'L' ||
                                          digits[d].s[0] == 'D' ? 1 : digits[d].v == 1000 ? 4 : 3;
        while (repeat < max && i + n <= len && memcmp(w + i, digits[d].s, n) == 0) {
            value += digits[d].v;
            i += n;
            repeat++;
        }
        /* After a subtractive pair ("CM"), its smaller parts may not follow
         * ("CMD", "CMC"): skip them. */
        if (repeat && n == 2)
            d += digits[d].v == 900 || digits[d].v == 90 || digits[d].v == 9 ? 3 : 1;
    }
    return i == len && value > 0;
}

/* Verbs after which "US" is the pronoun written in capitals ("come and
 * see US."), not the country. */
static const char *const object_verbs[] = {
    "see", "saw", "seen", "tell", "told", "let", "lets", "help", "helps", "helped", "join",
    "joined", "contact", "call", "called", "follow", "followed", "give", "gave", "show",
    "showed", "send", "sent", "ask", "asked", "leave", "left", "make", "made", "take", "took",
    "bring", "brought", "thank", "thanked", "allow", "allowed", "want", "wanted", "love",
    "loved", "hate", "pay", "paid", "teach", "taught", "watch", "hear", "heard", "keep",
    "kept", "save", "saved", "email", "text", "trust", "believe", "forgive", "remind",
    "reminded", "invite", "invited", "find", "found", NULL};

/* Words that may follow the pronoun and hardly the country: punctuation
 * ends a clause; these close the verb phrase ("tell US about it", "let
 * US know"). */
static const char *const after_pronoun[] = {
    "know", "out", "up", "down", "about", "if", "when", "again", "now", "today", "here",
    "there", "back", "all", "both", "soon", "later", "too", "first", "anytime", NULL};

bool ng_shape_object_pronoun(const unsigned char *text, size_t len, size_t start, size_t end)
{
    if (start < 2 || text[start - 1] != ' ')
        return false;
    size_t ws;
    if (!ascii_word_before(text, start - 1, &ws))
        return false;
    /* "see US", "Let US know"; not "SEE US", where capitals say nothing */
    char verb[16];
    size_t vlen = start - 1 - ws;
    if (vlen >= sizeof verb)
        return false;
    for (size_t i = 0; i < vlen; i++) {
        unsigned char c = text[ws + i];
        if (i > 0 && (c < 'a' || c > 'z'))
            return false;
        verb[i] = (char)(c | 0x20);
    }
    if (!in_word_list(object_verbs, (const unsigned char *)verb, vlen))
        return false;
    if (end >= len || strchr(".,;:!?)\r\n\"'", text[end]))
        return true;
    if (text[end] != ' ')
        return false;
    size_t we = end + 1;
    while (we < len && text[we] >= 'a' && text[we] <= 'z')
        we++;
    return in_word_list(after_pronoun, text + end + 1, we - end - 1);
}

/* A code in brackets: "<WCO>" after a company name (the wire services'
 * ticker convention), or "(DIA)" right after a name written in ordinary
 * capitals.  A credit in a dateline, "PARIS (AFP) -", "Washington (AP) --",
 * is not a code. */
bool ng_shape_bracketed(const unsigned char *text, size_t len, size_t start, size_t end)
{
    /* "Unocal &lt;UCL&gt;": the same, in scraped HTML or XML */
    if (start >= 4 && end + 4 <= len && memcmp(text + start - 4, "&lt;", 4) == 0 &&
        memcmp(text + end, "&gt;", 4) == 0)
        return true;
    if (start < 2 || end >= len)
        return false;
    if (text[start - 1] == '<' && text[end] == '>')
        return true;
    if (text[start - 1] != '(' || text[end] != ')' || text[start - 2] != ' ')
        return false;
    size_t after = end + 1;
    while (after < len && text[after] == ' ')
        after++;
    if (after < len && (text[after] == '-' || text[after] == 0xE2)) /* -, en or em dash */
        return false;
    size_t ws;
    if (!ascii_word_before(text, start - 2, &ws) || text[ws] < 'A' || text[ws] > 'Z')
        return false;
    for (size_t i = ws + 1; i < start - 2; i++)
        if (text[i] >= 'a' && text[i] <= 'z')
            return true; /* "Shamrock (DIA)", not "PARIS (AFP)" */
    return false;
}

/* ---- coordinated offices ------------------------------------------------- */

/* A capitalized ASCII word with a lowercase letter ending at text[end),
 * as [*ws, end): "Treasury", "Defense"; not "US", not "and". */
static bool capitalized_word_before(const unsigned char *text, size_t end, size_t *ws)
{
    if (!ascii_word_before(text, end, ws) || text[*ws] < 'A' || text[*ws] > 'Z' ||
        end - *ws < 2)
        return false;
    for (size_t i = *ws + 1; i < end; i++)
        if (text[i] < 'a')
            return false;
    return true;
}

/* Does text[at - n, at) spell s (n = strlen(s))? */
static bool ends_with(const unsigned char *text, size_t at, const char *s)
{
    size_t n = strlen(s);
    return at >= n && memcmp(text + at - n, s, n) == 0;
}

/* The word before a list of offices that says whose they are: "Russian",
 * "Russia's" (straight or curly apostrophe), "U.S.", ending one space
 * before text[at]; as [*ws, at - 1). */
static bool qualifier_before(const unsigned char *text, size_t at, size_t *ws)
{
    if (at < 3 || text[at - 1] != ' ')
        return false;
    size_t end = at - 1, i = end;
    while (i > 0 && text[i - 1] != ' ' && text[i - 1] != '\n' && end - i < 40)
        i--;
    if (i == end || text[i] < 'A' || text[i] > 'Z')
        return false;
    *ws = i;
    return true;
}

size_t ng_shape_coordinated_heads(const unsigned char *text, size_t len, size_t at,
                                  ng_span_t *heads, size_t max, ng_span_t *qualifier)
{
    (void)len;
    *qualifier = (ng_span_t){0, 0};
    if (max < 2 || at < 2 || text[at - 1] != ' ')
        return 0;
    size_t ws, n = 0;
    ng_span_t rev[NG_SHAPE_MAX_HEADS];
    if (max > NG_SHAPE_MAX_HEADS)
        max = NG_SHAPE_MAX_HEADS;
    /* the last head, then "and" (", and", "&"), then heads joined by ", " */
    if (!capitalized_word_before(text, at - 1, &ws))
        return 0;
    rev[n++] = (ng_span_t){ws, at - 1};
    size_t p = ws;
    if (ends_with(text, p, ", and "))
        p -= 6;
    else if (ends_with(text, p, " and ") || ends_with(text, p, " & "))
        p -= text[p - 2] == '&' ? 3 : 5;
    else
        return 0;
    for (;;) {
        if (!capitalized_word_before(text, p, &ws))
            return 0;
        rev[n++] = (ng_span_t){ws, p};
        /* A word that is no office ("In March, State and ...") joins the
         * list too, but "March Department" names nothing. */
        if (n == max || !ends_with(text, ws, ", "))
            break;
        size_t before;
        if (!capitalized_word_before(text, ws - 2, &before))
            break;
        p = ws - 2;
    }
    for (size_t i = 0; i < n; i++)
        heads[i] = rev[n - 1 - i];
    if (qualifier_before(text, heads[0].start, &ws))
        *qualifier = (ng_span_t){ws, heads[0].start - 1};
    return n;
}

/* ---- credits ------------------------------------------------------------ */

/* A dash after a dateline's credit: "-", "--", or an en or em dash. */
static bool dash_at(const unsigned char *text, size_t len, size_t i)
{
    if (i < len && text[i] == '-')
        return true;
    return i + 2 < len && text[i] == 0xE2 && text[i + 1] == 0x80 &&
           (text[i + 2] == 0x93 || text[i + 2] == 0x94);
}

/* The end of the dateline that opens the line at ls ("MEXICO CITY
 * (Reuters) -", "LAUSANNE, Switzerland (AP) --"), or 0 when the line has
 * none: a capitalized place, an agency in parentheses, a dash, all within
 * the first 100 bytes. */
static size_t dateline_end(const unsigned char *text, size_t len, size_t ls)
{
    if (ls >= len || text[ls] < 'A' || text[ls] > 'Z')
        return 0;
    size_t limit = ls + 100 < len ? ls + 100 : len;
    const unsigned char *open = memchr(text + ls, '(', limit - ls);
    if (!open)
        return 0;
    const unsigned char *close = memchr(open, ')', (size_t)(text + limit - open));
    if (!close || memchr(text + ls, '\n', (size_t)(close - text - ls)))
        return 0;
    size_t i = (size_t)(close - text) + 1;
    while (i < len && text[i] == ' ')
        i++;
    return dash_at(text, len, i) ? i : 0;
}

/* Does text[open] start "(Reporting by ...)" or a note like it? */
static bool reporting_note(const unsigned char *text, size_t len, size_t open)
{
    static const char *const openers[] = {"Reporting by", "Additional reporting by",
                                          "Writing by", "Editing by", "Compiled by",
                                          "Reporting and writing by", NULL};
    for (const char *const *o = openers; *o; o++) {
        size_t n = strlen(*o);
        if (open + 1 + n <= len && memcmp(text + open + 1, *o, n) == 0)
            return true;
    }
    return false;
}

/* Is the line at ls a byline, "By Jane Doe, Reuters": "By", then a few
 * capitalized words and no full stop at its end? */
static bool byline(const unsigned char *text, size_t len, size_t ls)
{
    if (ls + 4 >= len || memcmp(text + ls, "By ", 3) != 0 || text[ls + 3] < 'A' ||
        text[ls + 3] > 'Z')
        return false;
    size_t e = ls;
    size_t words = 0;
    while (e < len && text[e] != '\n') {
        if (text[e] == ' ' && ++words > 10)
            return false;
        e++;
    }
    while (e > ls && (text[e - 1] == ' ' || text[e - 1] == '\r'))
        e--;
    return words <= 10 && e > ls && text[e - 1] != '.';
}

static void add_span(ng_span_t **spans, size_t *count, size_t *cap, size_t start, size_t end)
{
    NG_GROW(*spans, *cap, *count + 1);
    (*spans)[(*count)++] = (ng_span_t){start, end};
}

static int cmp_span(const void *pa, const void *pb)
{
    const ng_span_t *a = pa, *b = pb;
    return a->start < b->start ? -1 : a->start > b->start;
}

size_t ng_shape_credit_spans(const unsigned char *text, size_t len, ng_span_t **spans,
                             size_t *cap)
{
    size_t count = 0;
    /* Datelines and bylines open a line. */
    for (size_t ls = 0; ls < len;) {
        const unsigned char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        size_t d = dateline_end(text, len, ls);
        if (d)
            add_span(spans, &count, cap, ls, d);
        else if (byline(text, len, ls))
            add_span(spans, &count, cap, ls, le);
        ls = le + 1;
    }
    /* Notes run from their parenthesis to its close, or the line's end. */
    for (size_t i = 0; i < len;) {
        const unsigned char *open = memchr(text + i, '(', len - i);
        if (!open)
            break;
        size_t o = (size_t)(open - text);
        i = o + 1;
        if (!reporting_note(text, len, o))
            continue;
        size_t e = o + 1;
        while (e < len && text[e] != ')' && text[e] != '\n')
            e++;
        add_span(spans, &count, cap, o, e);
        i = e;
    }
    if (count > 1)
        qsort(*spans, count, sizeof **spans, cmp_span);
    return count;
}
