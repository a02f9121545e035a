/*
 * Segmentation: where sentences and paragraphs start in a document, and
 * which token a byte offset belongs to.
 *
 * Sentences are found by rules, not a model: a sentence ends at . ! ? or an
 * ellipsis (optionally followed by closing quotes or brackets) when the next
 * word starts a new sentence, unless the stop belongs to an abbreviation
 * (titles such as Mr. Dr. Gen. Sen. Gov., initials, U.S. U.K. U.N., month
 * names, Inc. Co. Corp. Ltd.) or a decimal number.  A line that ends without
 * a stop also ends a sentence when it reads as a headline (see segment.c),
 * and a blank line always ends both the sentence and the paragraph.
 *
 * Offsets are bytes into the text as given.  Invalid UTF-8 bytes count as
 * punctuation-free separators; the segmenter never fails.
 */
#ifndef NG_SEGMENT_H
#define NG_SEGMENT_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stddef.h>

/*
 * Boundaries of one document: sentence_starts[i] is the byte offset where
 * sentence i begins; likewise for paragraphs.  Both arrays are ascending,
 * start with 0 and never contain duplicates.  The caller owns the struct;
 * initialise it with ng_segments_init, reuse it across documents (arrays are
 * grown, never shrunk) and release it with ng_segments_destroy.
 */
typedef struct ng_segments {
    size_t *sentence_starts;
    size_t sentence_count;
    size_t sentence_cap;
    size_t *paragraph_starts;
    size_t paragraph_count;
    size_t paragraph_cap;
} ng_segments_t;

void ng_segments_init(ng_segments_t *seg);
void ng_segments_destroy(ng_segments_t *seg);

/*
 * Fill seg with the sentence and paragraph starts of text[0..len).  Previous
 * contents of seg are replaced.  An empty text has one sentence and one
 * paragraph, both starting at 0.
 */
void ng_segment_text(const char *text, size_t len, ng_segments_t *seg);

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
