/*
 * Segmentation stage: finds where sentences and paragraphs start and which
 * lines are titles, so that the tagger can tell capitals forced by position
 * from telling ones and the co-occurrence stage can group mentions into
 * windows; and counts tokens for the tokens:N window.
 *
 * A cheap first pass over the line lengths decides whether the document
 * writes one paragraph per line (see ng_segment.h).  Then one
 * left-to-right pass over the code points.  A boundary is not decided where
 * the stop is but at the next non-space character, because only that
 * character tells whether a new sentence begins ("Really?" he asked).  So
 * the pass keeps a pending candidate and resolves it there:
 *
 *   - a stop (. ! ? ... and kin, plus closing quotes) followed by white space
 *     proposes a boundary unless the dot closes an abbreviation; the next
 *     character must look like a sentence start (uppercase, digit, caseless
 *     script, or an opening quote in front of one);
 *   - after an abbreviation the boundary needs a common sentence starter
 *     ("Acme Inc. The ...", "the U.S. It ...");
 *   - a line without a final stop that reads as a headline proposes one at
 *     its line break; any next character except a lowercase letter takes it;
 *   - a blank line, a more deeply indented line and, in a document of long
 *     lines, every line break force both a sentence and a paragraph start; a
 *     line that opens with a list bullet forces a sentence start.
 *
 * Lookahead is limited to one bullet, one word or one run of stops, closers
 * or opening quotes, so the work stays linear in the text length.
 */
#include "ng_segment.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "utf8.h"
#include "util.h"

/* Headlines are short; a longer Title Case line is more likely a wrapped
 * list of names than a title. */
#define HEADLINE_MAX_WORDS 15

/* A line longer than this is no hard-wrapped line (those stop at 70-80
 * columns): it holds a whole paragraph. */
#define LONG_LINE_BYTES 200

/* A tab indents to the next multiple of this many columns. */
#define TAB_COLUMNS 8

/* Titles and company or reference abbreviations that are (almost) never the
 * last word of a sentence, so their dot is not a stop even before a capital:
 * "Gen. Smith", "Acme Inc. Chief Executive", "Jan. 5". */
static const char *const always_abbrevs[] = {
    "Mr", "Mrs", "Ms", "Messrs", "Mme", "Dr", "Prof", "Gen", "Lt", "Col",
    "Maj", "Capt", "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Sen", "Rep", "Gov",
    "Pres", "Atty", "Supt", "Rev", "Fr", "St", "Sr", "Jr", "Hon", "Amb",
    "Mt", "Inc", "Co", "Corp", "Ltd", "Plc", "PLC", "LLC", "Bros", "Dept",
    "Univ", "Assn", "vs", "approx", "est", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
};

/* Abbreviations that are also ordinary words ("No." as an answer): they
 * only hold the sentence together when a number follows ("No. 5"). */
static const char *const numeric_abbrevs[] = {"No", "Nos", "Vol", "Fig"};

/* Capitalised words that begin sentences and are (almost) never part of
 * a name: after an abbreviation they end its sentence ("Acme Inc. The
 * rule ...", "the U.S. It ..."), while a name ("Mr. Smith", "U.S. Turkey")
 * continues it. */
static const char *const sentence_starters[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But",
    "This", "That", "These", "Those", "There", "Its", "His", "Her", "Their",
    "Our", "However", "Meanwhile",
};

/* Words that title case leaves in lowercase ("Slow-Roasted Turkey with
 * Sage Butter", "Trump Meets Putin in Alaska"): they neither make nor break
 * a headline. */
static const char *const title_minor_words[] = {
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "of",
    "in", "on", "at", "to", "by", "up", "as", "off", "out", "per", "via",
    "vs", "with", "from", "into", "onto", "over", "upon", "amid", "than",
    "near",
};

enum abbrev { ABBREV_NONE, ABBREV_ALWAYS, ABBREV_NUMERIC };

enum cand {
    CAND_NONE,
    CAND_STOP,    /* after a stop: next char must start a sentence */
    CAND_NUMERIC, /* after No./Vol./...: same, but a digit continues */
    CAND_STARTER, /* after an abbreviation: a sentence starter must follow */
    CAND_LINE     /* after a headline line: anything but lowercase */
};

/* The last word-character run seen, enough to recognise "Mr." (the text of
 * the run), "J." (a single capital) and "U.S." / "a.m." (single letters
 * joined by dots). */
typedef struct word_info {
    size_t start, end;
    bool single_letter; /* exactly one cased letter, marks aside */
} word_info_t;

typedef struct state {
    bool seen_content; /* a non-space char has occurred in the text */
    bool lines_are_paragraphs; /* see paragraph_per_line */
    enum cand cand;
    bool force_sent, force_para;

    /* current word run */
    bool in_word;
    size_t word_start;
    size_t word_letters;
    int32_t word_first;
    word_info_t last, prev;

    /* current line, for the headline and indentation rules */
    size_t line_indent;      /* columns of white space before its content */
    size_t prev_line_indent; /* ... of the last non-blank line */
    bool prev_line_blank;    /* the line before was blank (or none) */
    bool line_bullet;        /* the line opens with a list bullet */
    bool prev_line_bullet;   /* ... the last non-blank line did */
    size_t line_content_start;
    /* A headline waiting for the next sentence start to confirm it. */
    bool title_pending;
    size_t title_start, title_end;
    bool line_has_content;
    size_t line_content_end;
    bool line_at_start;   /* the line's first char begins a sentence */
    bool in_chunk;        /* inside a white-space-delimited word */
    size_t line_chunks;
    size_t letter_words;
    bool has_long_word;   /* a word of 4+ letters */
    bool long_uncapped;   /* a 4+ letter word that does not start upper */
    bool short_uncapped;  /* a shorter word that does not start upper */
    bool ends_stop;       /* last non-closer char was a stop */
    bool ends_abbrev;     /* ... and that stop closed an abbreviation */
    int32_t last_cp;      /* last non-space, non-closer char */
    size_t skip_until;    /* a list number "1." is not a stop */
} state_t;

static bool is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp == NG_CP_INVALID)
        return false;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return true;
    default:
        return false;
    }
}

static bool is_mark(int32_t cp)
{
    if (cp < 0x80)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
           c == UTF8PROC_CATEGORY_ME;
}

static bool is_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

/* Full stops of scripts that do not put a space after them (Chinese,
 * Japanese): they end a sentence even when text follows directly. */
static bool is_unspaced_stop(int32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61;
}

static bool is_stop(int32_t cp)
{
    switch (cp) {
    case '.': case '!': case '?':
    case 0x2026:                    /* … */
    case 0x203C: case 0x2047: case 0x2048: case 0x2049: /* ‼ ⁇ ⁈ ⁉ */
    case 0x061F: case 0x06D4:       /* Arabic question mark, Urdu stop */
    case 0x0964: case 0x0965:       /* Devanagari danda */
    case 0x0589:                    /* Armenian full stop */
    case 0x1362:                    /* Ethiopic full stop */
        return true;
    default:
        return is_unspaced_stop(cp);
    }
}

/* Closing quotes and brackets that may sit between the stop and the space. */
static bool is_closer(int32_t cp)
{
    switch (cp) {
    case '"': case '\'': case ')': case ']': case '}':
    case 0x201D: case 0x2019: case 0x00BB: case 0x203A: /* ” ’ » › */
    case 0x300D: case 0x300F: case 0x300B: case 0xFF09: /* 」 』 》 ） */
        return true;
    default:
        return false;
    }
}

/* Opening quotes and brackets that may come before a sentence's first
 * word. */
static bool is_opener(int32_t cp)
{
    switch (cp) {
    case '"': case '\'': case '(': case '[': case '{':
    case 0x201C: case 0x2018: case 0x00AB: case 0x2039: /* “ ‘ « ‹ */
    case 0x201E: case 0x201A:                           /* „ ‚ */
    case 0x00BF: case 0x00A1:                           /* ¿ ¡ */
    case 0x300C: case 0x300E: case 0x300A: case 0xFF08: /* 「 『 《 （ */
        return true;
    default:
        return false;
    }
}

/* Does the text at i look like the first character of a sentence?  Cased
 * scripts need a capital; digits and caseless scripts (Arabic, Han, ...)
 * cannot show a sentence start, so white space after the stop must do. */
static bool starts_sentence(const unsigned char *s, size_t len, size_t i)
{
    int32_t cp = 0;
    while (i < len) {
        i += ng_utf8_decode(s, len, i, &cp);
        if (!is_opener(cp))
            break;
    }
    if (is_opener(cp))
        return true; /* only openers up to the end of the text */
    return ng_is_upper_cp(cp) || (ng_is_word_cp(cp) && !ng_is_lower_cp(cp));
}

/* If a list bullet begins at i (the first char of a line), return the
 * offset just past its marker, else 0.  Bullets need a following space so
 * that "-5 degrees" or "*emphasis*" is not taken for one. */
static size_t bullet_end(const unsigned char *s, size_t len, size_t i)
{
    int32_t cp, next;
    size_t n = ng_utf8_decode(s, len, i, &cp);
    size_t j = i + n;
    switch (cp) {
    case '-': case '*':
    case 0x2022: case 0x25E6: case 0x2023: case 0x25AA: case 0x25CF:
    case 0x2013: case 0x2014:       /* – — */
        break;
    default:
        /* "1." or "12)": at most three digits, so a year that ends a
         * sentence at the start of a line ("2024. Then") is not a list. */
        if (!(cp >= '0' && cp <= '9'))
            return 0;
        while (j < len && j - i < 3 && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j >= len || (s[j] != '.' && s[j] != ')'))
            return 0;
        j++;
        break;
    }
    if (j >= len)
        return 0;
    ng_utf8_decode(s, len, j, &next);
    if (!ng_is_space_cp(next) || ng_is_newline_cp(next))
        return 0;
    return j;
}

static void push_start(size_t **arr, size_t *count, size_t *cap, size_t off)
{
    if (*count > 0 && (*arr)[*count - 1] >= off)
        return;
    NG_GROW(*arr, *cap, *count + 1);
    (*arr)[(*count)++] = off;
}

static bool in_list(const char *const *list, size_t n, const unsigned char *w,
                    size_t wlen)
{
    /* Called per word of short lines: the first byte rules out most
     * entries before strlen is paid for. */
    for (size_t k = 0; k < n; k++)
        if (wlen && (unsigned char)list[k][0] == w[0] && strlen(list[k]) == wlen &&
            memcmp(list[k], w, wlen) == 0)
            return true;
    return false;
}

/* Is the "." at offset dot the end of an abbreviation?  The word before it
 * must end right at the dot. */
static enum abbrev classify_abbrev(const state_t *st, const unsigned char *s,
                                   size_t dot)
{
    if (st->last.end != dot || st->last.start >= dot)
        return ABBREV_NONE;
    const unsigned char *w = s + st->last.start;
    size_t wlen = dot - st->last.start;
    if (in_list(always_abbrevs,
                sizeof always_abbrevs / sizeof *always_abbrevs, w, wlen))
        return ABBREV_ALWAYS;
    if (in_list(numeric_abbrevs,
                sizeof numeric_abbrevs / sizeof *numeric_abbrevs, w, wlen))
        return ABBREV_NUMERIC;
    if (st->last.single_letter) {
        int32_t cp;
        ng_utf8_decode(s, dot, st->last.start, &cp);
        if (ng_is_upper_cp(cp))
            return ABBREV_ALWAYS; /* initial: "J. Smith", also "U.S." */
        /* lowercase dotted letters: "a.m.", "e.g.", "i.e." */
        if (st->prev.single_letter && st->prev.end + 1 == st->last.start &&
            s[st->prev.end] == '.')
            return ABBREV_ALWAYS;
    }
    return ABBREV_NONE;
}

static void end_word(state_t *st, const unsigned char *s, size_t at)
{
    if (!st->in_word)
        return;
    st->in_word = false;
    st->last.start = st->word_start;
    st->last.end = at;
    st->last.single_letter = st->word_letters == 1 &&
                             (ng_is_upper_cp(st->word_first) ||
                              ng_is_lower_cp(st->word_first));
    if (!is_letter(st->word_first))
        return; /* numbers say nothing about Title Case */
    /* What follows only decides whether the line is a headline; once it
     * cannot be one, the word list is not worth a look (most prose
     * lines). */
    if (st->line_chunks > HEADLINE_MAX_WORDS || st->long_uncapped)
        return;
    /* (the minor words have at most four letters) */
    if (at - st->word_start <= 4 &&
        in_list(title_minor_words,
                sizeof title_minor_words / sizeof *title_minor_words,
                s + st->word_start, at - st->word_start))
        return;
    st->letter_words++;
    bool capped = ng_is_upper_cp(st->word_first);
    if (st->word_letters >= 4) {
        st->has_long_word = true;
        if (!capped)
            st->long_uncapped = true;
    } else if (!capped) {
        st->short_uncapped = true;
    }
}

/* The one headline rule (ng_segment.h): Title Case or ALL CAPS, at most
 * HEADLINE_MAX_WORDS words.  Every word of 4+ letters is capitalised except
 * the minor words of title case ("with", "from"), and shorter words may stay
 * lowercase ("of", "is").  A line with no capitalised long word must be
 * capitalised throughout (minor words aside), or "He is" would qualify. */
static bool line_is_headline(const state_t *st)
{
    if (st->line_chunks == 0 || st->line_chunks > HEADLINE_MAX_WORDS ||
        st->letter_words == 0 || st->long_uncapped)
        return false;
    if (!st->has_long_word && st->short_uncapped)
        return false;
    /* a trailing comma or hyphen says the line goes on */
    int32_t c = st->last_cp;
    return c != ',' && c != ';' && !ng_is_hyphen_cp(c);
}

/* A line break, or the end of the text, ends the current line. */
static void end_line(state_t *st)
{
    if (!st->line_has_content) {
        /* blank line: leading blank lines do not make a paragraph */
        if (st->seen_content)
            st->force_sent = st->force_para = true;
        st->prev_line_blank = true;
    } else {
        bool headline = st->line_at_start && line_is_headline(st);
        /* after an abbreviation the headline rule is the weaker demand */
        if (headline && (st->cand == CAND_NONE || st->cand == CAND_STARTER) &&
            (!st->ends_stop || st->ends_abbrev))
            st->cand = CAND_LINE;
        if (headline) {
            /* a title only if the next line starts a sentence too */
            st->title_pending = true;
            st->title_start = st->line_content_start;
            st->title_end = st->line_content_end;
        }
        if (st->lines_are_paragraphs)
            st->force_sent = st->force_para = true;
        st->prev_line_blank = false;
        st->prev_line_indent = st->line_indent;
        st->prev_line_bullet = st->line_bullet;
    }
    st->line_has_content = false;
    st->line_at_start = false;
    st->line_indent = 0;
    st->in_chunk = false;
    st->line_chunks = 0;
    st->letter_words = 0;
    st->has_long_word = st->long_uncapped = st->short_uncapped = false;
    st->ends_stop = st->ends_abbrev = false;
    st->last_cp = 0;
}

/* Does a common sentence starter ("The", "It") begin at i, as a whole word
 * ("The" but not "Theresa", "A" but not the initial "A.")? */
static bool starter_at(const unsigned char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')))
        j++;
    if (j == i)
        return false;
    if (j < len) {
        int32_t cp;
        ng_utf8_decode(s, len, j, &cp);
        if (ng_is_word_cp(cp) || cp == '.' || ng_is_apostrophe_cp(cp) ||
            ng_is_hyphen_cp(cp))
            return false;
    }
    return in_list(sentence_starters,
                   sizeof sentence_starters / sizeof *sentence_starters, s + i,
                   j - i);
}

static void push_title(ng_segments_t *seg, size_t start, size_t end)
{
    NG_GROW(seg->titles, seg->title_cap, seg->title_count + 1);
    seg->titles[seg->title_count++] = (ng_span_t){start, end};
}

/* Resolve pending boundaries at the non-space char cp at offset i. */
static void resolve(state_t *st, const unsigned char *s, size_t len, size_t i,
                    int32_t cp, ng_segments_t *seg)
{
    bool first_in_line = !st->line_has_content;
    size_t marker = first_in_line ? bullet_end(s, len, i) : 0;
    if (marker)
        st->skip_until = marker;
    /* Wire copy indents the first line of a paragraph; indentation before a
     * bullet is list nesting, and after one it aligns a wrapped item. */
    if (first_in_line && !marker && !st->prev_line_blank &&
        !st->prev_line_bullet && st->line_indent > st->prev_line_indent)
        st->force_sent = st->force_para = true;
    if (first_in_line) {
        st->line_content_start = i;
        st->line_bullet = marker != 0;
    }

    if (!st->seen_content) {
        /* the first sentence starts at 0, before any leading space */
        st->seen_content = true;
        st->line_at_start = true;
    } else {
        bool start = st->force_sent || marker != 0;
        switch (st->cand) {
        case CAND_STOP:
            start = start || starts_sentence(s, len, i);
            break;
        case CAND_NUMERIC:
            start = start || (!is_digit(cp) && starts_sentence(s, len, i));
            break;
        case CAND_STARTER:
            start = start || starter_at(s, len, i);
            break;
        case CAND_LINE:
            start = start || !ng_is_lower_cp(cp);
            break;
        case CAND_NONE:
            break;
        }
        if (st->force_para)
            push_start(&seg->paragraph_starts, &seg->paragraph_count,
                       &seg->paragraph_cap, i);
        if (start)
            push_start(&seg->sentence_starts, &seg->sentence_count,
                       &seg->sentence_cap, i);
        if (st->title_pending && start)
            push_title(seg, st->title_start, st->title_end);
        if (first_in_line)
            st->line_at_start =
                seg->sentence_starts[seg->sentence_count - 1] == i;
    }
    st->cand = CAND_NONE;
    st->force_sent = st->force_para = false;
    st->title_pending = false;
    st->line_has_content = true;
}

/* Handle the stop run that begins at i; return where scanning resumes. */
static size_t handle_stop(state_t *st, const unsigned char *s, size_t len,
                          size_t i)
{
    int32_t cp = 0;
    size_t q = i;
    bool unspaced = false;
    while (q < len) {
        size_t n = ng_utf8_decode(s, len, q, &cp);
        if (!is_stop(cp))
            break;
        unspaced = unspaced || is_unspaced_stop(cp);
        st->last_cp = cp;
        q += n;
    }
    size_t r = q;
    while (r < len) {
        size_t n = ng_utf8_decode(s, len, r, &cp);
        if (!is_closer(cp))
            break;
        r += n;
    }
    /* A dot between digits or inside a name (3.5, example.org) has no space
     * after it. */
    bool spaced = r >= len;
    if (!spaced) {
        ng_utf8_decode(s, len, r, &cp);
        spaced = ng_is_space_cp(cp);
    }
    /* A closing quote after the dot ends the quotation, so the dot is a
     * stop even after an abbreviation: He said "No." Then ... */
    enum abbrev ab = ABBREV_NONE;
    if (q == i + 1 && s[i] == '.' && r == q)
        ab = classify_abbrev(st, s, i);
    st->ends_stop = true;
    st->ends_abbrev = ab != ABBREV_NONE;
    if (spaced || unspaced) {
        if (ab == ABBREV_NONE)
            st->cand = CAND_STOP;
        else if (ab == ABBREV_NUMERIC)
            st->cand = CAND_NUMERIC;
        else
            st->cand = CAND_STARTER;
    }
    return r;
}

void ng_segments_init(ng_segments_t *seg)
{
    memset(seg, 0, sizeof *seg);
}

void ng_segments_destroy(ng_segments_t *seg)
{
    if (!seg)
        return;
    free(seg->sentence_starts);
    free(seg->paragraph_starts);
    free(seg->titles);
    memset(seg, 0, sizeof *seg);
}

/* Take the non-space character cp (n bytes) at i: resolve what is pending
 * there, then extend the current word or handle a stop.  Returns where
 * scanning resumes. */
static size_t take_content(state_t *st, const unsigned char *s, size_t len,
                           size_t i, int32_t cp, size_t n, ng_segments_t *seg)
{
    resolve(st, s, len, i, cp, seg);
    st->line_content_end = i + n;
    if (!st->in_chunk) {
        st->in_chunk = true;
        st->line_chunks++;
    }

    if (ng_is_word_cp(cp)) {
        if (!st->in_word) {
            st->in_word = true;
            st->prev = st->last;
            st->word_start = i;
            st->word_letters = 0;
            st->word_first = cp;
        }
        if (!is_mark(cp))
            st->word_letters++;
        st->ends_stop = st->ends_abbrev = false;
        st->last_cp = cp;
        return i + n;
    }

    end_word(st, s, i);
    if (i >= st->skip_until && is_stop(cp)) {
        size_t r = handle_stop(st, s, len, i);
        st->line_content_end = r; /* the stops and closers it took */
        return r;
    }
    if (!is_closer(cp)) {
        st->ends_stop = st->ends_abbrev = false;
        st->last_cp = cp;
    }
    return i + n;
}

/* ASCII letters and digits, by table: the test of every byte of a word. */
static const unsigned char alnum_table[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

static inline bool ascii_alnum(unsigned char c)
{
    return alnum_table[c];
}

/* Nothing pending that the next character could resolve: a character in
 * the middle of a line's word only extends the word. */
static inline bool quiet(const state_t *st)
{
    return st->cand == CAND_NONE && !st->force_sent && !st->force_para &&
           !st->title_pending && st->line_has_content;
}

/* Does the document write one paragraph per line?  Yes when more than half
 * of the bytes of its non-blank lines sit in lines longer than
 * LONG_LINE_BYTES, which hard-wrapped text (70-80 columns) never has. */
static bool paragraph_per_line(const unsigned char *s, size_t len)
{
    size_t in_long = 0, total = 0, line_len = 0;
    bool blank = true;
    for (size_t i = 0; i <= len;) {
        int32_t cp = '\n';
        size_t n = 1;
        if (i < len && s[i] < 0x80) {
            cp = s[i];
            if (cp > ' ' && cp != 0x7F) {
                /* a run of visible ASCII: the line goes on, not blank */
                size_t j = i + 1;
                while (j < len && s[j] > ' ' && s[j] < 0x7F)
                    j++;
                line_len += j - i;
                blank = false;
                i = j;
                continue;
            }
        } else if (i < len) {
            n = ng_utf8_decode(s, len, i, &cp);
        }
        if (ng_is_newline_cp(cp)) {
            if (!blank) {
                total += line_len;
                if (line_len > LONG_LINE_BYTES)
                    in_long += line_len;
            }
            line_len = 0;
            blank = true;
        } else {
            line_len += n;
            blank = blank && ng_is_space_cp(cp);
        }
        i += n;
    }
    return in_long > total / 2;
}

/* Columns a white-space character adds to a line's indentation. */
static size_t indent_width(size_t column, int32_t cp)
{
    return cp == '\t' ? TAB_COLUMNS - column % TAB_COLUMNS : 1;
}

void ng_segment_text(const char *text, size_t len, ng_segments_t *seg)
{
    seg->sentence_count = 0;
    seg->paragraph_count = 0;
    seg->title_count = 0;
    push_start(&seg->sentence_starts, &seg->sentence_count,
               &seg->sentence_cap, 0);
    push_start(&seg->paragraph_starts, &seg->paragraph_count,
               &seg->paragraph_cap, 0);
    if (!text)
        return;

    const unsigned char *s = (const unsigned char *)text;
    state_t st;
    memset(&st, 0, sizeof st);
    st.prev_line_blank = true; /* the first line follows no line */
    st.lines_are_paragraphs = paragraph_per_line(s, len);
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (ascii_alnum(c) && st.in_word && quiet(&st)) {
            /* The rest of an ASCII word with nothing pending (most of any
             * text): what take_content would do, a run at a time. */
            size_t j = i + 1;
            while (j < len && ascii_alnum(s[j]))
                j++;
            st.word_letters += j - i;
            st.line_content_end = j;
            st.ends_stop = st.ends_abbrev = false;
            st.last_cp = s[j - 1];
            i = j;
            continue;
        }
        if (c == ' ') {
            end_word(&st, s, i);
            st.in_chunk = false;
            if (!st.line_has_content)
                st.line_indent++;
            i++;
            continue;
        }
        int32_t cp;
        size_t n = c < 0x80 ? (cp = c, 1) : ng_utf8_decode(s, len, i, &cp);

        if (ng_is_newline_cp(cp)) {
            end_word(&st, s, i);
            end_line(&st);
            if (cp == '\r' && i + 1 < len && s[i + 1] == '\n')
                n = 2; /* CRLF is one line end, not a blank line */
            if (cp == 0x2029 && st.seen_content)
                st.force_sent = st.force_para = true; /* paragraph sep. */
            i += n;
            continue;
        }
        if (ng_is_space_cp(cp)) {
            end_word(&st, s, i);
            st.in_chunk = false;
            if (!st.line_has_content)
                st.line_indent += indent_width(st.line_indent, cp);
            i += n;
            continue;
        }

        i = take_content(&st, s, len, i, cp, n, seg);
    }
    /* the end of the text ends the last line and its sentence */
    end_word(&st, s, len);
    if (st.line_has_content)
        end_line(&st);
    if (st.title_pending)
        push_title(seg, st.title_start, st.title_end);
}

bool ng_segments_sentence_start(const ng_segments_t *seg, const char *text,
                                size_t len, size_t offset)
{
    const unsigned char *s = (const unsigned char *)text;
    if (offset > len)
        return false;
    /* Step back over opening quotes, asking at each step: a quote mark can
     * also close the sentence before ("No." "Then ...). */
    size_t at = offset, k;
    int32_t cp;
    size_t prev;
    for (;;) {
        k = ng_segment_index(seg->sentence_starts, seg->sentence_count, at);
        if (seg->sentence_starts[k] == at)
            return true;
        if (at == 0 || !is_opener(ng_utf8_prev(s, at, &prev)))
            break;
        at = prev;
    }
    if (k > 0)
        return false;
    /* the first sentence starts at 0, before any leading space */
    while (at > 0) {
        cp = ng_utf8_prev(s, at, &prev);
        if (!ng_is_space_cp(cp) && !is_opener(cp))
            return false;
        at = prev;
    }
    return true;
}

bool ng_segments_in_title(const ng_segments_t *seg, size_t offset)
{
    /* first title that ends after offset */
    size_t lo = 0, hi = seg->title_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (seg->titles[mid].end <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < seg->title_count && seg->titles[lo].start <= offset;
}

size_t ng_segment_index(const size_t *starts, size_t count, size_t offset)
{
    /* first index whose start lies beyond offset; the answer precedes it */
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 ? lo - 1 : 0;
}

size_t ng_count_tokens(const char *text, size_t from, size_t to)
{
    if (!text || from >= to)
        return 0;
    const unsigned char *s = (const unsigned char *)text;
    /* a run that began before `from` is counted by whoever owns its start */
    bool in_word = false;
    if (from > 0) {
        size_t prev_start;
        in_word = ng_is_word_cp(ng_utf8_prev(s, from, &prev_start));
    }
    size_t count = 0;
    for (size_t i = from; i < to;) {
        int32_t cp;
        size_t n = ng_utf8_decode(s, to, i, &cp);
        bool word = ng_is_word_cp(cp);
        if (word && !in_word)
            count++;
        in_word = word;
        i += n;
    }
    return count;
}
