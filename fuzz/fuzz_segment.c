/*
 * fuzz_segment: arbitrary bytes through the sentence/paragraph segmenter
 * and the token counter (ng_segment.h).
 *
 * Checks, aborting on violation:
 *  - sentence and paragraph starts are strictly increasing, begin with 0,
 *    and lie inside the text (< len, or exactly {0} for an empty text);
 *  - every start after 0 falls on a character boundary (as the UTF-8
 *    decoder walks the text) at a character that is not white space;
 *  - every paragraph start is also a sentence start;
 *  - title lines are ascending, disjoint, non-empty and inside the text,
 *    each begins at a sentence start and ends on a character boundary, and
 *    ng_segments_in_title agrees with them at their ends and between them;
 *  - ng_segments_sentence_start holds at every sentence start;
 *  - a reused ng_segments_t gives the same result as a fresh one;
 *  - ng_count_tokens is additive: the count over [0, len) equals the sum
 *    over the one-character pieces, over the pieces cut at every sentence
 *    start, and over two pieces cut at an input-chosen character boundary
 *    (the API counts tokens that *start* in a range, so cutting inside a
 *    multi-byte character is outside its contract and not checked);
 *  - ng_segment_index finds, for every start and the byte before it and for
 *    the last byte, the last start <= offset.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_starts(const size_t *starts, size_t count, size_t len, const bool *boundary,
                         const unsigned char *s)
{
    FUZZ_CHECK(count >= 1);
    FUZZ_CHECK(starts[0] == 0);
    for (size_t i = 1; i < count; i++) {
        FUZZ_CHECK(starts[i - 1] < starts[i]);
        FUZZ_CHECK(starts[i] < len);
        FUZZ_CHECK(boundary[starts[i]]);
        int32_t cp;
        ng_utf8_decode(s, len, starts[i], &cp);
        FUZZ_CHECK(!ng_is_space_cp(cp));
    }
    if (len == 0)
        FUZZ_CHECK(count == 1);
}

static void check_index(const size_t *starts, size_t count, size_t len)
{
    FUZZ_CHECK(ng_segment_index(starts, count, 0) == 0);
    for (size_t i = 0; i < count; i++) {
        FUZZ_CHECK(ng_segment_index(starts, count, starts[i]) == i);
        if (i > 0 && starts[i] - 1 > starts[i - 1])
            FUZZ_CHECK(ng_segment_index(starts, count, starts[i] - 1) == i - 1);
    }
    if (len > 0)
        FUZZ_CHECK(ng_segment_index(starts, count, len - 1) == count - 1);
    FUZZ_CHECK(ng_segment_index(starts, count, len + 100) == count - 1);
}

static ng_segments_t reused; /* grown across inputs, never shrunk */

static void check_titles(const ng_segments_t *seg, const char *text, size_t len,
                         const bool *boundary)
{
    for (size_t i = 0; i < seg->title_count; i++) {
        const ng_span_t *t = &seg->titles[i];
        FUZZ_CHECK(t->start < t->end && t->end <= len);
        FUZZ_CHECK(boundary[t->start] && boundary[t->end]);
        if (i > 0)
            FUZZ_CHECK(seg->titles[i - 1].end <= t->start);
        size_t k = ng_segment_index(seg->sentence_starts, seg->sentence_count, t->start);
        FUZZ_CHECK(seg->sentence_starts[k] == t->start ||
                   (k == 0 && ng_segments_sentence_start(seg, text, len, t->start)));
        FUZZ_CHECK(ng_segments_in_title(seg, t->start));
        FUZZ_CHECK(ng_segments_in_title(seg, t->end - 1));
        FUZZ_CHECK(!ng_segments_in_title(seg, t->end) ||
                   (i + 1 < seg->title_count && seg->titles[i + 1].start == t->end));
        if (t->start > 0 && (i == 0 || seg->titles[i - 1].end < t->start))
            FUZZ_CHECK(!ng_segments_in_title(seg, t->start - 1));
    }
    if (seg->title_count == 0)
        FUZZ_CHECK(!ng_segments_in_title(seg, 0));
    for (size_t i = 0; i < seg->sentence_count; i++)
        FUZZ_CHECK(ng_segments_sentence_start(seg, text, len, seg->sentence_starts[i]));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const unsigned char *s = data;

    /* Character boundaries as the library's decoder sees them. */
    bool *boundary = calloc(size + 1, sizeof *boundary);
    FUZZ_CHECK(boundary != NULL);
    size_t chars = 0;
    for (size_t i = 0; i < size;) {
        int32_t cp;
        boundary[i] = true;
        chars++;
        i += ng_utf8_decode(s, size, i, &cp);
    }
    boundary[size] = true;

    ng_segments_t fresh;
    ng_segments_init(&fresh);
    ng_segment_text(text, size, &fresh);
    ng_segment_text(text, size, &reused);

    check_starts(fresh.sentence_starts, fresh.sentence_count, size, boundary, s);
    check_starts(fresh.paragraph_starts, fresh.paragraph_count, size, boundary, s);
    FUZZ_CHECK(reused.sentence_count == fresh.sentence_count);
    FUZZ_CHECK(reused.paragraph_count == fresh.paragraph_count);
    FUZZ_CHECK(memcmp(reused.sentence_starts, fresh.sentence_starts,
                      fresh.sentence_count * sizeof(size_t)) == 0);
    FUZZ_CHECK(memcmp(reused.paragraph_starts, fresh.paragraph_starts,
                      fresh.paragraph_count * sizeof(size_t)) == 0);

    /* Paragraph starts are a subset of sentence starts (both sorted). */
    size_t k = 0;
    for (size_t i = 0; i < fresh.paragraph_count; i++) {
        while (k < fresh.sentence_count && fresh.sentence_starts[k] < fresh.paragraph_starts[i])
            k++;
        FUZZ_CHECK(k < fresh.sentence_count &&
                   fresh.sentence_starts[k] == fresh.paragraph_starts[i]);
    }

    FUZZ_CHECK(reused.title_count == fresh.title_count);
    if (fresh.title_count)
        FUZZ_CHECK(memcmp(reused.titles, fresh.titles, fresh.title_count * sizeof(ng_span_t)) == 0);
    check_titles(&fresh, text, size, boundary);

    check_index(fresh.sentence_starts, fresh.sentence_count, size);
    check_index(fresh.paragraph_starts, fresh.paragraph_count, size);

    /* Token counts add up over any cut at character boundaries. */
    size_t total = ng_count_tokens(text, 0, size);
    FUZZ_CHECK(total <= chars);
    size_t sum = 0, prev = 0;
    for (size_t i = 1; i <= size; i++) {
        if (!boundary[i])
            continue;
        sum += ng_count_tokens(text, prev, i);
        prev = i;
    }
    FUZZ_CHECK(sum == total);
    sum = 0;
    for (size_t i = 0; i < fresh.sentence_count; i++) {
        size_t to = i + 1 < fresh.sentence_count ? fresh.sentence_starts[i + 1] : size;
        sum += ng_count_tokens(text, fresh.sentence_starts[i], to);
    }
    FUZZ_CHECK(sum == total);
    if (size > 0) {
        size_t cut = (size_t)data[0] * 257 % (size + 1);
        while (!boundary[cut])
            cut--;
        FUZZ_CHECK(ng_count_tokens(text, 0, cut) + ng_count_tokens(text, cut, size) == total);
    }
    FUZZ_CHECK(ng_count_tokens(text, size, size) == 0);

    ng_segments_destroy(&fresh);
    free(boundary);
    return 0;
}
