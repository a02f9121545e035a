/*
 * The tagger finds mentions of gazetteer entities in a document.
 *
 * A tagger is compiled once from a gazetteer (an Aho-Corasick automaton for
 * the literal aliases; the patterns' PCRE2 code, compiled and JIT-compiled
 * once by the gazetteer loader and shared) and is then read-only.
 * Per-document work happens in a scanner, which owns the scratch buffers
 * (its own PCRE2 match data among them) and the document state (who was
 * already mentioned) and is reused document after document, so the hot
 * loop allocates nothing.
 *
 * Rules, in order:
 *  - literal aliases match case-sensitively, or (with "i:") in any case, or
 *    in ALL CAPS where the text shouts: on a line without lowercase letters
 *    or next to another word in capitals ("ZELENSKYY SPEAKS", not "MA
 *    students"); white space runs, apostrophe and hyphen variants inside an
 *    alias match each other; no match crosses a blank line;
 *  - a match starts and ends on a word boundary; a possessive 's, ’s or a
 *    bare ' after s may follow and is not part of the mention;
 *  - a capitalized match whose capitals say nothing (an ALL-CAPS rendering,
 *    an all-capitals alias on a line without lowercase letters, a
 *    one-capital alias such as "Turkey" at a sentence start or in a title
 *    line, both as the segmenter finds them, see ng_segment.h: "The U.S.
 *    Turkey deal" is one sentence, so that "Turkey" tells there) counts if
 *    the document names that entity with telling capitals elsewhere;
 *    otherwise it is dropped when the document writes the alias in
 *    lowercase ("turkey") at least as often, or when the alias is a loaded
 *    common word (ng_gazetteer_load_words) and the document names no entity
 *    at all with telling capitals;
 *  - a one-word capitalized name of a non-person ("Jordan", "Chad") right
 *    before another capitalized word ("Jordan Pike") is taken for a first
 *    name or part of a longer name and skipped, except before office words
 *    ("Jordan Foreign Minister"), before company forms ("Arm Ltd.", "Apple
 *    Inc") and in title lines;
 *  - a Roman numeral in capitals ("CHAPTER XI") is no ALL-CAPS name; a
 *    person's short one-word alias in ALL CAPS ("KIM"), and an all-capitals
 *    alias that is a common word on a shouted line ("FIRM UPS STAKE"),
 *    count only where the document names the entity with telling capitals;
 *    "US" after a verb that takes the pronoun, before punctuation ("see
 *    US."), is the pronoun;
 *  - a title of address or kinship word before a non-person's name ("Mrs.
 *    Philips", "my sister Jefferies") makes it a person's, not a match;
 *  - an all-capitals alias in brackets ("<WCO>", "Corp (DIA)") is a code
 *    unless it spells out the name just before it ("... Organization
 *    (NATO)");
 *  - a name made only of common words ("White House") of a person or
 *    organization with a country= attribute needs, within 4 KiB, another
 *    person or organization, or something of that country;
 *  - overlapping matches: leftmost, then longest, wins;
 *  - an alias of several entities resolves to one this document already
 *    mentioned unambiguously, else to those of a country the document names
 *    (the country, or anything with its country= attribute), else the
 *    highest prior, else gazetteer order;
 *  - a person's automatic surname alias counts only once the person has been
 *    mentioned through one of their explicit aliases in the same document;
 *  - a span resolved to an entity of type "ignore" is taken but gives no
 *    mention;
 *  - a Latin-script alias that names the entity in some languages only
 *    (ng_alias_t.langs: "Salomon" is Haitian Creole for the Solomon
 *    Islands, and a surname in English) counts only where the text is in
 *    one of them, as libexttextcat tells: the sentence it is in, or the
 *    document (its first 4 KiB); when neither can be told (too short,
 *    undecided) the alias counts.  Texts are classified only when such an
 *    alias hits.  Aliases in other scripts ("Россия", "ドイツ") count in
 *    any document: the script tells.
 */
#ifndef NG_TAGGER_H
#define NG_TAGGER_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ng_gazetteer.h"
#include "ng_segment.h"

struct ng_error;

typedef struct ng_tagger ng_tagger_t;
typedef struct ng_scanner ng_scanner_t;

typedef struct ng_tagger_options {
    bool auto_aliases;          /* automatic surname aliases (default true) */
    uint32_t match_limit;       /* PCRE2 match limit per pattern and call */
    /* Credits and datelines ("MEXICO CITY (Reuters) -", "(Reporting by
     * ...)", "By Jane Doe, AP") take part in co-occurrence (default false:
     * their mentions have `credit` set, see ng_mention_t). */
    bool count_credits;
} ng_tagger_options_t;

void ng_tagger_options_init(ng_tagger_options_t *opts);

/*
 * Compile a tagger.  gz is borrowed and must outlive the tagger.  Returns
 * NULL and fills err when a pattern cannot be compiled.  The caller frees
 * with ng_tagger_free.
 */
ng_tagger_t *ng_tagger_new(const ng_gazetteer_t *gz, const ng_tagger_options_t *opts,
                           struct ng_error *err);
void ng_tagger_free(ng_tagger_t *t);
const ng_gazetteer_t *ng_tagger_gazetteer(const ng_tagger_t *t);
/* Number of literal aliases in the automaton, automatic ones included. */
size_t ng_tagger_literal_count(const ng_tagger_t *t);

typedef struct ng_mention {
    size_t start, end;          /* byte offsets into the document, end exclusive */
    uint32_t entity;            /* the resolved entity */
    bool ambiguous;             /* more than one entity had this alias */
    /* Every entity the span could name, the resolved one included, in
     * gazetteer order; borrowed from the scanner until its next document. */
    const uint32_t *candidates;
    size_t candidate_count;
    /* In a credit or dateline: mentioned, but no participant, so the
     * co-occurrence counter gives it no edges (ng_tagger_options_t). */
    bool credit;
} ng_mention_t;

/* A scanner for t (borrowed, must outlive it); free with ng_scanner_free. */
ng_scanner_t *ng_scanner_new(const ng_tagger_t *t);
void ng_scanner_free(ng_scanner_t *s);

/* Warnings about documents (a pattern stopped by its match limit) go to
 * fn; NULL restores the default, stderr prefixed "nergraph: warning: ".
 * ctx is borrowed. */
void ng_scanner_set_diagnostics(ng_scanner_t *s, ng_diag_fn fn, void *ctx);

/*
 * Tag one document: *mentions receives the mentions in text order, owned by
 * the scanner and valid until the next call.  seg is the segmentation of
 * the same text (ng_segment_text), borrowed for the call: the capitalisation
 * rules ask it where sentences and titles begin.  With seg NULL the scanner
 * segments the text itself, into a buffer it owns, with the same result.
 * `name` is used in warnings (a pattern hitting its match limit).  Returns
 * NG_EDATA when the document is larger than the matcher can address
 * (4 GiB).
 */
int ng_scanner_tag(ng_scanner_t *s, const ng_segments_t *seg, const char *name,
                   const char *text, size_t len, const ng_mention_t **mentions, size_t *count,
                   struct ng_error *err);

/*
 * The language of the document last tagged, as an ISO 639 code ("de",
 * "en"), when the scanner classified it, which it does only to decide on
 * an alias of some languages only (see above); NULL when it did not, or
 * could not tell.  Owned by the scanner, valid until its next document.
 */
const char *ng_scanner_language(const ng_scanner_t *s);

#pragma GCC visibility pop
#endif
