/*
 * The tagger's inside, shared by its three modules.  Internal.
 *
 *   tagger_compile.c  ng_tagger_new/free: the literal table (explicit and
 *                     automatic surname aliases, their case shapes), the
 *                     Aho-Corasick automaton, the pattern list
 *   tagger_shape.c    text-shape rules that look only at the bytes around a
 *                     match: word boundaries and possessives, case matching,
 *                     shouted lines, capital words beside a match, the
 *                     first-name rule
 *   tagger_scan.c     the scanner: candidates from literals and patterns,
 *                     case votes, leftmost-longest resolution
 *
 * The capitalisation rules that depend on where a sentence or a title
 * begins ask the segmenter (ng_segment.h); nothing here keeps its own idea
 * of a sentence.
 */
#ifndef NG_TAGGER_INTERNAL_H
#define NG_TAGGER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nergraph.h"

#include "acmatch.h"
#include "norm.h"
#include "rematch.h"
#include "strmap.h"
#include "util.h"

#define LIT_AUTO (1u << 16)        /* automatic surname alias */
#define LIT_ALL_CAPS (1u << 17)    /* "US", "NATO", "U.S.": no lowercase letter */
#define LIT_ONE_CAPITAL (1u << 18) /* "Turkey", "Shell": only the first letter is upper */
#define LIT_WORD (1u << 19)        /* also a common word (ng_gazetteer_load_words) */
#define LIT_FIRST_NAME_LIKE (1u << 20) /* a given name naming no person ("Jordan") */
#define LIT_LANG (1u << 21)        /* a Latin-script name in some languages only: langs_off */
#define LIT_COMMON_WORDS (1u << 22) /* "White House", "The Verge", "Wendy's": words, no name */

/* One literal of the automaton.  Flat (an offset, no pointer), because a
 * compiled gazetteer stores the table as it is (ngz.h). */
typedef struct lit {
    uint32_t entity;
    uint32_t flags;      /* NG_ALIAS_FOLD and the LIT_* flags above */
    uint64_t exact_off;  /* normalized text, for the case check: see ng_lit_exact */
    uint32_t exact_len;
    uint32_t key_len;    /* length of the folded key in the automaton */
    /* With LIT_LANG: the alias's languages ("de,da"), a NUL-terminated
     * string of the same pool as the exact text. */
    uint32_t langs_off;
    uint32_t reserved;
} lit_t;

struct ng_tagger {
    const ng_gazetteer_t *gz;
    ng_tagger_options_t opts;
    const lit_t *lits;   /* a compiled gazetteer's, or lits_owned */
    size_t lit_count;
    const char *lit_text; /* the exact texts' pool */
    const ng_ac_t *ac;
    ng_patterns_t *patterns; /* NULL without pattern aliases; shared */
    const uint8_t *ignored; /* per entity: type "ignore", never a mention */
    /* What this tagger built itself (NULL when it uses the stored ones). */
    lit_t *lits_owned;
    ng_buf_t text_owned;
    ng_ac_t *ac_owned;
    uint8_t *ignored_owned;
};

/* The normalized text of a literal, exact_len bytes. */
static inline const char *ng_lit_exact(const ng_tagger_t *t, const lit_t *lit)
{
    return t->lit_text + lit->exact_off;
}

/* The languages of a LIT_LANG literal. */
static inline const char *ng_lit_langs(const ng_tagger_t *t, const lit_t *lit)
{
    return t->lit_text + lit->langs_off;
}

/* ---- text-shape rules (tagger_shape.c) -------------------------------- */

/* Word boundaries around [start, end) of text, with the possessive and
 * apostrophe rules of ng_tagger.h. */
bool ng_shape_on_boundaries(const unsigned char *text, size_t len, size_t start, size_t end);

enum ng_case_match { NG_CASE_NONE, NG_CASE_EXACT, NG_CASE_UPPER, NG_CASE_LOWER };

/* Does text[start, end) spell `exact` as written, in ALL CAPS or all in
 * lowercase, with white space, apostrophes and hyphens normalized? */
enum ng_case_match ng_shape_case_matches(const unsigned char *text, size_t start, size_t end,
                                         const char *exact, size_t exact_len);

/* The last line asked about by ng_shape_line_has_lower, and the answer, so
 * a long line is scanned once.  Reset `known` for each document. */
typedef struct ng_line_cache {
    size_t lo, hi;
    bool lower, known;
} ng_line_cache_t;

/* Does the line around text[at] hold a lowercase letter?  A line without
 * one is shouted, where "US" may be the word "us". */
bool ng_shape_line_has_lower(ng_line_cache_t *cache, const unsigned char *text, size_t len,
                             size_t at);

/* Is the word that ends before `at` (forward: starts after `at`), on the
 * same line, written in capitals with at least two letters? */
bool ng_shape_capital_word_beside(const unsigned char *text, size_t len, size_t at,
                                  bool forward);

/* Does a capitalized word with a lowercase letter ("Pike" in "Jordan
 * Pike"), but no office word ("Foreign" in "Jordan Foreign Minister") and
 * no company form ("Inc" in "Apple Inc."), follow text[at] after exactly
 * one space on the same line? */
bool ng_shape_capitalized_word_follows(const unsigned char *text, size_t len, size_t at);

/* Does a longer name open at text[at], one that the word before it is part
 * of: capitalized words after single spaces ending in an organization's
 * designator or a place word ("Taiwan| Semiconductor Manufacturing Co",
 * "Kenya| Airways", "Amazon| River"; namewords.h), with no office word
 * among them ("Nigerian| Oil Minister") and not a company's legal form
 * right after it ("Apple| Inc", where the name is the company's)? */
bool ng_shape_longer_name_follows(const unsigned char *text, size_t len, size_t at);

/* Is the word before text[start] (one space between, an optional '.')
 * a title of address ("Mrs.", "Sir", "Dr")?  Then the name is a person's. */
bool ng_shape_honorific_before(const unsigned char *text, size_t len, size_t start);

/* Is w[0, len) a Roman numeral in canonical capitals ("XI", "XIV")? */
bool ng_shape_roman_numeral(const unsigned char *w, size_t len);

/* Is text[start, end), written in capitals, the pronoun "us" in a lowercase
 * sentence: after a verb that takes it ("see US", "let US know") and before
 * punctuation or a word that closes the phrase? */
bool ng_shape_object_pronoun(const unsigned char *text, size_t len, size_t start, size_t end);

/* Is text[start, end) a code in brackets: "<WCO>" (or "&lt;WCO&gt;", as
 * scraped HTML and XML write it), or "(DIA)" right after
 * a capitalized word with lowercase letters, not a dateline's credit? */
bool ng_shape_bracketed(const unsigned char *text, size_t len, size_t start, size_t end);

/* The most heads ng_shape_coordinated_heads reports. */
#define NG_SHAPE_MAX_HEADS 8

/* "the State and Treasury departments", "the Foreign, Defence and Interior
 * ministries": the capitalized words of the list that ends one space before
 * text[at], where a plural office noun starts.  Fills heads[] (at most max,
 * in text order) with one word each and returns how many: two or more, or 0
 * when the words before `at` are no such list.  *qualifier is the word that
 * says whose offices they are ("Russian", "Russia's"), when one precedes
 * the list, else the empty span {0, 0}. */
size_t ng_shape_coordinated_heads(const unsigned char *text, size_t len, size_t at,
                                  ng_span_t *heads, size_t max, ng_span_t *qualifier);

/* The credits of a document, in text order: datelines ("MEXICO CITY
 * (Reuters) -"), "(Reporting by ...)" notes and bylines ("By Jane Doe,
 * Reuters").  A name in one is mentioned but takes no part in the story.
 * *spans (capacity *cap) is grown as needed and owned by the caller;
 * returns how many. */
size_t ng_shape_credit_spans(const unsigned char *text, size_t len, ng_span_t **spans,
                             size_t *cap);

#endif
