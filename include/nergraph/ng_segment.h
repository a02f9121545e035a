/*
 * Segmentation: where sentences and paragraphs start in a document, which
 * lines are titles, and which token a byte offset belongs to.  The pipeline
 * segments a document first and tags it with the result (ng_scanner_tag),
 * so the tagger's capitalisation rules and the windows agree.
 *
 * The rules, not a model:
 *
 *  - Sentences end at . ! ? or an ellipsis (optionally followed by closing
 *    quotes or brackets) when white space follows and the next word looks
 *    like a sentence start: a capital, a digit, a caseless script, or an
 *    opening quote before one.  A dot that closes an abbreviation (titles
 *    such as Mr. Dr. Gen. Sen. Gov., initials, U.S. U.K. U.N., a.m., month
 *    names, Inc. Co. Corp. Ltd.) or a decimal number ends no sentence, except
 *    that an abbreviation followed by a common sentence starter (The, A, An,
 *    He, She, It, They, We, I, You, But, This, That, These, Those, There,
 *    Its, His, Her, Their, Our, However, Meanwhile) does: "Acme Inc. The
 *    rule ..." and "the U.S. It ..." are two sentences each, "Mr. Smith"
 *    and "the U.S. Turkey deal" one.  "No." "Vol." end a sentence unless a
 *    number follows.  A line that opens with a list bullet starts one.
 *
 *  - Headlines (titles): a line that begins a sentence, holds at most 15
 *    words and is in Title Case or ALL CAPS: every word of four or more
 *    letters starts with a capital except the minor words of title case
 *    (with, from, into, onto, over, upon, amid, than, near, and shorter
 *    ones such as of, in, the), shorter words may stay lowercase, and a
 *    line without a capitalised word of four or more letters must be
 *    capitalised throughout; it must not end with a comma, semicolon or
 *    hyphen.  Such a line ends its sentence at the line break unless the
 *    next line starts in lowercase, and it is recorded as a title when the
 *    next line does start a new sentence (or the text ends).  In a title,
 *    capitals are the convention and say nothing about a word.
 *
 *  - Paragraphs start after a blank line (white space only) or a Unicode
 *    paragraph separator; at a line indented more deeply than the line
 *    before it (wire copy indents a paragraph's first line; an indented
 *    list bullet, or a line aligned under the text of the bullet item
 *    above it, is not a paragraph); and at every line break in a document
 *    that writes one paragraph per line: one where more than half of the
 *    bytes of non-blank lines are in lines longer than 200 bytes.
 *    Hard-wrapped text (70-80 columns) never qualifies.  A paragraph start
 *    is always a sentence start.
 *
 * Offsets are bytes into the text as given.  Invalid UTF-8 bytes count as
 * punctuation-free separators; the segmenter never fails.
 */
#ifndef NG_SEGMENT_H
#define NG_SEGMENT_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stdbool.h>
#include <stddef.h>

/* A byte range [start, end) of a document. */
typedef struct ng_span {
    size_t start, end;
} ng_span_t;

/*
 * Boundaries of one document: sentence_starts[i] is the byte offset where
 * sentence i begins; likewise for paragraphs.  Both arrays are ascending,
 * start with 0 and never contain duplicates.  titles[] are the title lines,
 * ascending and disjoint, each from its first to its last non-space
 * character.  The caller owns the struct; initialise it with
 * ng_segments_init, reuse it across documents (arrays are grown, never
 * shrunk) and release it with ng_segments_destroy, which frees the arrays.
 */
typedef struct ng_segments {
    size_t *sentence_starts;
    size_t sentence_count;
    size_t sentence_cap;
    size_t *paragraph_starts;
    size_t paragraph_count;
    size_t paragraph_cap;
    ng_span_t *titles;
    size_t title_count;
    size_t title_cap;
} ng_segments_t;

void ng_segments_init(ng_segments_t *seg);
void ng_segments_destroy(ng_segments_t *seg);

/*
 * Fill seg with the sentence and paragraph starts and the title lines of
 * text[0..len).  Previous contents of seg are replaced.  An empty text has
 * one sentence and one paragraph, both starting at 0, and no title.
 */
void ng_segment_text(const char *text, size_t len, ng_segments_t *seg);

/*
 * Does a sentence of seg (the segmentation of text[0..len)) start at byte
 * `offset`, opening quotes and brackets before it skipped ("Turkey" in
 * `"Turkey is ...`)?  The first sentence starts at the first non-space
 * character.  Nothing is retained.
 */
bool ng_segments_sentence_start(const ng_segments_t *seg, const char *text,
                                size_t len, size_t offset);

/* Is byte `offset` inside one of seg's title lines?  Binary search. */
bool ng_segments_in_title(const ng_segments_t *seg, size_t offset);

/*
 * Index of the window (sentence or paragraph) that contains byte offset
 * `offset`, given the ascending start array of that window kind: the last i
 * with starts[i] <= offset.  Binary search; count must be >= 1.
 */
size_t ng_segment_index(const size_t *starts, size_t count, size_t offset);

/*
 * Number of tokens (maximal runs of word characters: letters, digits and
 * combining marks of any script) that start in text[from..to).  Callers that
 * walk a document left to right add these up to get a running token index.
 */
size_t ng_count_tokens(const char *text, size_t from, size_t to);

#pragma GCC visibility pop
#endif
