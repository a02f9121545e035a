/*
 * Unit tests for the segmentation stage (src/segment.c): sentence and
 * paragraph starts, title lines and the tagger's questions about them,
 * window lookup and token counting.
 *
 * Expected sentence starts are written as the first words of each sentence;
 * the helper finds them in the text (each one after the previous start), so
 * the expected offsets never come from the code under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ng_segment.h"

#define MAX_SPANS 16
#define NOT_FOUND ((size_t)-1)

typedef struct seg_case {
    const char *name;
    const char *text;
    size_t len;                    /* 0: use strlen(text) */
    const char *sents[MAX_SPANS];  /* first words of every sentence */
    const char *paras[MAX_SPANS];  /* first words of every paragraph;
                                      none listed: one paragraph at 0 */
} seg_case_t;

static size_t find_from(const char *text, size_t len, const char *needle,
                        size_t from)
{
    size_t nlen = strlen(needle);
    for (size_t i = from; i + nlen <= len; i++)
        if (memcmp(text + i, needle, nlen) == 0)
            return i;
    return NOT_FOUND;
}

static int is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Turn a list of first words into offsets.  The first window always starts
 * at 0; its words must follow nothing but white space. */
static size_t expected_offsets(const seg_case_t *c, size_t len,
                               const char *const *words, size_t *out)
{
    size_t n = 0, from = 0;
    for (; n < MAX_SPANS && words[n]; n++) {
        size_t at = find_from(c->text, len, words[n], from);
        if (at == NOT_FOUND) {
            print_error("case '%s': expected words '%s' not in text\n",
                        c->name, words[n]);
            fail();
        }
        if (n == 0) {
            for (size_t k = 0; k < at; k++)
                if (!is_ascii_space(c->text[k])) {
                    print_error("case '%s': first words '%s' are not at the "
                                "start\n", c->name, words[0]);
                    fail();
                }
            at = 0;
        }
        out[n] = at;
        from = at + 1;
    }
    if (n == 0)
        out[n++] = 0;
    return n;
}

static void check_starts(const seg_case_t *c, const char *what,
                         const size_t *want, size_t nwant, const size_t *got,
                         size_t ngot)
{
    int ok = nwant == ngot;
    for (size_t k = 0; ok && k < nwant; k++)
        ok = want[k] == got[k];
    if (ok)
        return;
    print_error("case '%s': %s starts differ\n  want:", c->name, what);
    for (size_t k = 0; k < nwant; k++)
        print_error(" %zu", want[k]);
    print_error("\n  got: ");
    for (size_t k = 0; k < ngot; k++)
        print_error(" %zu", got[k]);
    print_error("\n");
    fail();
}

static void run_case(const seg_case_t *c)
{
    size_t len = c->len ? c->len : strlen(c->text);
    size_t want_s[MAX_SPANS], want_p[MAX_SPANS];
    size_t ns = expected_offsets(c, len, c->sents, want_s);
    size_t np = expected_offsets(c, len, c->paras, want_p);

    ng_segments_t seg;
    ng_segments_init(&seg);
    ng_segment_text(c->text, len, &seg);
    check_starts(c, "sentence", want_s, ns, seg.sentence_starts,
                 seg.sentence_count);
    check_starts(c, "paragraph", want_p, np, seg.paragraph_starts,
                 seg.paragraph_count);
    ng_segments_destroy(&seg);
}

static void run_table(const seg_case_t *cases, size_t n)
{
    for (size_t k = 0; k < n; k++)
        run_case(&cases[k]);
}

#define RUN_TABLE(t) run_table((t), sizeof(t) / sizeof *(t))

/* ---- sentence stops ---------------------------------------------------- */

static void test_plain_sentences(void **state)
{
    (void)state;
    static const seg_case_t cases[] = {
        {"three stops",
         "The talks ended on Monday. Both sides left Riyadh! Will they "
         "return? Nobody knows.",
         0, {"The talks", "Both sides", "Will they", "Nobody"}, {0}},
        {"no stop at all", "no stop at all", 0, {"no stop"}, {0}},
        {"wide spaces", "First one.   \tSecond one.", 0,
         {"First", "Second"}, {0}},
        {"digit after stop", "Talks failed. 2025 was a bad year.", 0,
         {"Talks", "2025"}, {0}},
        {"opening quote after stop",
         "The envoy left. \"We will return,\" he said.", 0,
         {"The envoy", "\"We will"}, {0}},
        {"run of stops", "Really?! Yes. Fine!!! Done", 0,
         {"Really", "Yes", "Fine", "Done"}, {0}},
        {"lowercase after stop", "He left at noon. and then he came back.",
         0, {"He left"}, {0}},
        {"stop without space", "It was fine.Then it was not.", 0,
         {"It was"}, {0}},
        {"line break after stop", "He left.\nThen she came.\nand stayed.",
         0, {"He left", "Then she"}, {0}},
        {"symbol after stop is no start", "It cost a lot. $5 billion.", 0,
         {"It cost"}, {0}},
    };
    RUN_TABLE(cases);
}

static void test_abbreviations(void **state)
{
    (void)state;
    static const seg_case_t cases[] = {
        {"U.S./U.K./U.N. mid-sentence",
         "U.S. officials met U.K. and U.N. envoys. The E.U. Commission "
         "agreed with the U.S.A. Today poll.",
         0, {"U.S. officials", "The E.U."}, {0}},
        {"U.S. before a capital",
         "The U.S. State Department said so. It apologised.", 0,
         {"The U.S.", "It apologised"}, {0}},
        {"titles",
         "Mr. Smith met Dr. Jones and Gen. Miller. Sen. Rubio and Gov. "
         "Newsom came too. Lt. Gen. Kellogg spoke.",
         0, {"Mr. Smith", "Sen. Rubio", "Lt. Gen."}, {0}},
        {"more titles and places",
         "Prof. Ivanova lives in St. Petersburg with Mrs. Orlova. They met "
         "Rep. Adams and Capt. Reed.",
         0, {"Prof.", "They met"}, {0}},
        {"initials",
         "J. Smith and George W. Bush met. They spoke with J. R. R. "
         "Tolkien fans.",
         0, {"J. Smith", "They spoke"}, {0}},
        {"Cyrillic initials",
         "В. Путин встретился с Д. Трампом. Они говорили.", 0,
         {"В. Путин", "Они"}, {0}},
        {"months",
         "It was signed on Jan. 5 and revised on Sept. 12, 2024. Talks "
         "resume Feb. 3 or Oct. 1. Nobody knows.",
         0, {"It was", "Talks resume", "Nobody"}, {0}},
        {"companies mid-sentence",
         "Apple Inc. Chief Executive Tim Cook met Microsoft Corp. "
         "officials and Acme Co. Ltd. staff. He left.",
         0, {"Apple", "He left"}, {0}},
        {"vs. and approx.",
         "It was Russia vs. Ukraine again, with approx. 40 dead. Nobody "
         "won.",
         0, {"It was", "Nobody"}, {0}},
        {"dotted lowercase",
         "He arrived at 9 a.m. Tuesday and left at 5 p.m. Officials "
         "agreed. Some states, e.g. Poland, i.e. hawks, objected.",
         0, {"He arrived", "Some states"}, {0}},
        {"abbreviation is case-sensitive",
         "The bridge is near the MR. The road is closed.", 0,
         {"The bridge", "The road"}, {0}},
        {"No. before a number or a word",
         "He is ranked No. 1 in the world. No. That is wrong.", 0,
         {"He is", "No. That", "That is"}, {0}},
        {"closing quote after abbreviation word",
         "He said \"No.\" Then he left.", 0, {"He said", "Then"}, {0}},
        {"etc. before lowercase and uppercase",
         "Tanks, jets, etc. were sent. Jets, tanks, etc. Then more.", 0,
         {"Tanks", "Jets", "Then"}, {0}},
        {"lowercase single letter is no initial",
         "He chose plan b. The rest followed.", 0,
         {"He chose", "The rest"}, {0}},
        /* an abbreviation ends its sentence before a common sentence
         * starter, and only there */
        {"Inc. before The", "Acme Inc. The rule change was approved.", 0,
         {"Acme", "The rule"}, {0}},
        {"U.S. before The", "They moved to the U.S. The company followed.", 0,
         {"They moved", "The company"}, {0}},
        {"U.S. before It and He",
         "Talks were held in the U.S. It rained. Aid came from the U.K. He "
         "said so.",
         0, {"Talks", "It rained", "Aid came", "He said"}, {0}},
        {"a.m. before a starter", "He left at 9 a.m. They followed.", 0,
         {"He left", "They"}, {0}},
        {"U.S. before a name", "The U.S. Turkey deal was signed. It held.", 0,
         {"The U.S.", "It held"}, {0}},
        {"Mr. before a name", "Mr. Smith met Mr. Jones. They talked.", 0,
         {"Mr. Smith", "They"}, {0}},
        {"starter must be a whole word",
         "He met the U.S. Theresa group and the U.S. Army. Then he left.", 0,
         {"He met", "Then"}, {0}},
        {"an initial is no starter", "Dr. A. Smith arrived. He left.", 0,
         {"Dr.", "He left"}, {0}},
    };
    RUN_TABLE(cases);
}

static void test_numbers_and_names(void **state)
{
    (void)state;
    static const seg_case_t cases[] = {
        {"decimals and urls",
         "Growth was 3.5 percent, or $1.2bn. Prices rose 0.7 pct. See "
         "pic.twitter.com/abc and example.org. Done.",
         0, {"Growth", "Prices", "See pic", "Done"}, {0}},
        {"version-like numbers", "Version 2.0.1 shipped. It works.", 0,
         {"Version", "It works"}, {0}},
    };
    RUN_TABLE(cases);
}

static void test_ellipsis_and_quotes(void **state)
{
    (void)state;
    static const seg_case_t cases[] = {
        {"ellipses",
         "He paused... and then continued. Wait\xE2\x80\xA6 what happened? "
         "Well... Nobody knows\xE2\x80\xA6 Maybe.",
         0, {"He paused", "Wait", "Well", "Nobody", "Maybe"}, {0}},
        {"spaced ellipsis", "Wait . . . and then . . . Nothing.", 0,
         {"Wait", "Nothing"}, {0}},
        {"closing quote after stop",
         "He said \"It is over.\" Then he left.", 0, {"He said", "Then"},
         {0}},
        {"question, quote, lowercase",
         "\"Really?\" he asked. \"Yes!\" she said.", 0,
         {"\"Really", "\"Yes"}, {0}},
        {"curly quotes",
         "\xE2\x80\x9C" "Enough.\xE2\x80\x9D The crowd cheered. "
         "\xE2\x80\x9C" "Why?\xE2\x80\x9D asked one.",
         0, {"\xE2\x80\x9C" "Enough", "The crowd", "\xE2\x80\x9C" "Why"}, {0}},
        {"single curly quote closes", "He said \xE2\x80\x98no.\xE2\x80\x99 "
         "Then silence.", 0, {"He said", "Then"}, {0}},
        {"brackets", "(The talks failed.) Officials left. [Update.] More.",
         0, {"(The", "Officials", "[Update", "More"}, {0}},
        {"guillemets", "Il a dit \xC2\xAB" "Non.\xC2\xBB Puis il est "
         "parti.", 0, {"Il a", "Puis"}, {0}},
    };
    RUN_TABLE(cases);
}

/* ---- line structure ---------------------------------------------------- */

static void test_headlines(void **state)
{
    (void)state;
    static const seg_case_t cases[] = {
        {"title case headline",
         "Trump Meets Putin in Alaska\nThe two leaders met on Friday. They "
         "talked.",
         0, {"Trump", "The two", "They"}, {0}},
        {"all caps headline",
         "ZELENSKYY REJECTS CEASEFIRE TERMS\nKYIV - Ukraine's president "
         "said no.",
         0, {"ZELENSKYY", "KYIV"}, {0}},
        {"headline between body lines",
         "Talks ended.\nOfficials Say Progress Was Made\nThe next round is "
         "in May.",
         0, {"Talks", "Officials", "The next"}, {0}},
        {"two headline lines",
         "Trump Meets Putin\nZelenskyy Not Invited\nThe meeting was short.",
         0, {"Trump", "Zelenskyy", "The meeting"}, {0}},
        {"sentence case line is no headline",
         "Ukraine war latest news\nThe talks resumed.", 0, {"Ukraine"},
         {0}},
        {"lowercase after headline line",
         "Trump Meets Putin\nand Xi in Beijing.", 0, {"Trump"}, {0}},
        {"headline ending with a question mark",
         "Will Trump Meet Putin?\nOfficials are unsure.", 0,
         {"Will", "Officials"}, {0}},
        {"short line without a long word",
         "He is\nThe best.", 0, {"He is"}, {0}},
        {"trailing comma continues",
         "Trump, Putin, Macron,\nStarmer and Xi met.", 0, {"Trump"}, {0}},
        {"too many words for a headline",
         "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve "
         "Thirteen Fourteen Fifteen Sixteen\nSeventeen.",
         0, {"One"}, {0}},
        {"headline after an abbreviation at line end",
         "Russia Warns U.S.\nMoscow issued a statement.", 0,
         {"Russia", "Moscow"}, {0}},
        {"crlf headline", "Trump Meets Putin\r\nThe two met.", 0,
         {"Trump", "The two"}, {0}},
    };
    RUN_TABLE(cases);
}

static void test_bullets(void **state)
{
    (void)state;
    static const seg_case_t cases[] = {
        {"dash, star and dot bullets",
         "Key points:\n- Talks resume in May\n- sanctions stay\n* Aid "
         "continues\n\xE2\x80\xA2 More aid",
         0, {"Key points", "- Talks", "- sanctions", "* Aid", "\xE2\x80\xA2"},
         {0}},
        {"numbered items",
         "Steps agreed:\n1. Ceasefire begins.\n2) prisoners are exchanged\n"
         "3. Talks continue",
         0, {"Steps", "1. Ceasefire", "2) prisoners", "3. Talks"}, {0}},
        {"bullets ending with stops",
         "Items:\n- apples.\n- pears.", 0, {"Items", "- apples", "- pears"},
         {0}},
        {"en and em dash bullets",
         "Agenda\n\xE2\x80\x93 security guarantees\n\xE2\x80\x94 "
         "reconstruction",
         0, {"Agenda", "\xE2\x80\x93", "\xE2\x80\x94"}, {0}},
        {"minus sign is no bullet",
         "Temperatures in the city fell to\n-5 degrees overnight.", 0,
         {"Temperatures"}, {0}},
        {"year at line start is no list number",
         "The treaty was signed in\n2024. It failed.", 0,
         {"The treaty", "It failed"}, {0}},
        {"bullet first in text", "  - first item\n- second item", 0,
         {"- first", "- second"}, {0}},
    };
    RUN_TABLE(cases);
}

static void test_wrapped_prose(void **state)
{
    (void)state;
    static const seg_case_t cases[] = {
        {"line break inside a name",
         "Officials in Kyiv said on Monday that they had met with President "
         "Donald\nTrump and Secretary of State Marco Rubio in Riyadh, where "
         "the talks\nlasted for several hours. The delegation then flew "
         "home.",
         0, {"Officials", "The delegation"}, {0}},
        {"abbreviation at line end",
         "He met officials at 9 a.m.\non Tuesday and Mr.\nSmith later.", 0,
         {"He met"}, {0}},
        {"wrapped crlf prose",
         "The minister said the talks would\r\ncontinue next week.\r\nHe "
         "did not say where.",
         0, {"The minister", "He did"}, {0}},
    };
    RUN_TABLE(cases);
}

static void test_paragraphs(void **state)
{
    (void)state;
    static const seg_case_t cases[] = {
        {"blank and whitespace-only lines",
         "First paragraph here.\nStill first.\n\nSecond paragraph.\n \t "
         "\nThird one",
         0, {"First", "Still", "Second", "Third"},
         {"First", "Second", "Third"}},
        {"crlf paragraphs", "One.\r\nTwo.\r\n\r\nThree.", 0,
         {"One", "Two", "Three"}, {"One", "Three"}},
        {"crlf without blank line", "line one\r\nline two", 0, {"line one"},
         {0}},
        {"lone cr", "One.\r\rTwo", 0, {"One", "Two"}, {"One", "Two"}},
        {"paragraph forces a sentence break",
         "no stop here\n\nand lowercase next", 0,
         {"no stop", "and lowercase"}, {"no stop", "and lowercase"}},
        {"abbreviation before blank line", "Talk to Mr.\n\nSmith later.", 0,
         {"Talk", "Smith"}, {"Talk", "Smith"}},
        {"dotted abbreviation before blank line",
         "He moved to the U.S.\n\nThe next year he returned.", 0,
         {"He moved", "The next"}, {"He moved", "The next"}},
        {"leading blank lines",
         "\n\n  \n  Hello there. Bye.", 0, {"Hello", "Bye"}, {0}},
        {"trailing blank lines", "Hello.\n\n\n", 0, {"Hello"}, {0}},
        {"many blank lines", "A.\n\n\n\nB.", 0, {"A.", "B."}, {"A.", "B."}},
        {"indented paragraph", "One.\n\n    Two three.", 0, {"One", "Two"},
         {"One", "Two"}},
        /* wire copy: a paragraph's first line is indented */
        {"indented first line after a line break",
         "The talks ended on Monday after officials\nfrom both sides met in "
         "Riyadh.\n   The next round is due in May, and\nboth sides agreed.",
         0, {"The talks", "The next"}, {"The talks", "The next"}},
        {"tab-indented first line", "First line\n\tsecond paragraph here.", 0,
         {"First", "second"}, {"First", "second"}},
        {"a paragraph start is a sentence start",
         "He said that\n    the talks failed.", 0, {"He said", "the talks"},
         {"He said", "the talks"}},
        {"uniform indentation is a margin",
         "  The talks ended on Monday after\n  officials from both sides "
         "met.\n  The next round is in May.",
         0, {"The talks", "The next"}, {0}},
        {"less indented line is no paragraph",
         "    The talks ended on Monday after\nofficials from both sides met.",
         0, {"The talks"}, {0}},
        {"indented bullets are a list",
         "Key points:\n  - talks resume\n  - aid continues", 0,
         {"Key", "- talks", "- aid"}, {0}},
        {"wrapped bullet item aligned under its text",
         "Key points:\n- talks resume in May after\n  a long pause\n- aid "
         "continues",
         0, {"Key", "- talks", "- aid"}, {0}},
        {"unicode paragraph separator", "One\xE2\x80\xA9two", 0,
         {"One", "two"}, {"One", "two"}},
    };
    RUN_TABLE(cases);
}

/* More than 200 bytes: a paragraph written on one line. */
#define LONG_LINE_A                                                          \
    "The delegations met in Riyadh on Monday and talked for several hours "  \
    "about a ceasefire, prisoner exchanges and energy infrastructure. "      \
    "Officials from both sides said the talks were useful, and a second "   \
    "round is due next month in the same city"
#define LONG_LINE_B                                                          \
    "after which the ministers will report to their governments. The "      \
    "European Union said it welcomed the meeting and would send an "        \
    "observer to the next round, while the United Nations urged both "      \
    "sides to keep talking."

/* Hard-wrapped at 70 columns: the same text, lines well under 200 bytes. */
#define WRAPPED                                                              \
    "The delegations met in Riyadh on Monday and talked for several\n"      \
    "hours about a ceasefire, prisoner exchanges and energy\n"              \
    "infrastructure. Officials from both sides said the talks were\n"       \
    "useful, and a second round is due next month in the same city\n"       \
    "after which the ministers will report to their governments.\n"         \
    "The European Union said it welcomed the meeting.\n"

static void test_long_lines(void **state)
{
    (void)state;
    static const seg_case_t cases[] = {
        {"one paragraph per long line",
         LONG_LINE_A ".\n" LONG_LINE_B "\n" LONG_LINE_A ".", 0,
         {"The delegations", "Officials", "after which", "The European",
          "The delegations", "Officials"},
         {"The delegations", "after which", "The delegations"}},
        {"line break ends the paragraph even mid-sentence",
         LONG_LINE_A "\n" LONG_LINE_B, 0,
         {"The delegations", "Officials", "after which", "The European"},
         {"The delegations", "after which"}},
        {"short title and bullets in a long-line file",
         "Talks In Riyadh\n" LONG_LINE_A ".\n- a short bullet\n" LONG_LINE_B,
         0,
         {"Talks In", "The delegations", "Officials", "- a short", "after",
          "The European"},
         {"Talks In", "The delegations", "- a short", "after"}},
        {"hard-wrapped text is unaffected", WRAPPED, 0,
         {"The delegations", "Officials", "The European"}, {0}},
        {"hard-wrapped text with one long line is unaffected",
         WRAPPED WRAPPED LONG_LINE_A, 0,
         {"The delegations", "Officials", "The European", "The delegations",
          "Officials", "The European", "The delegations", "Officials"},
         {0}},
    };
    RUN_TABLE(cases);
}

/* ---- title lines -------------------------------------------------------- */

typedef struct title_case {
    const char *name;
    const char *text;
    const char *titles[MAX_SPANS]; /* first words of every title line */
} title_case_t;

/* Each title must run from its first words to the last non-space byte of
 * their line; ng_segments_in_title must agree inside, before and after. */
static void check_titles(const title_case_t *c)
{
    size_t len = strlen(c->text);
    ng_segments_t seg;
    ng_segments_init(&seg);
    ng_segment_text(c->text, len, &seg);
    size_t n = 0, from = 0;
    for (; n < MAX_SPANS && c->titles[n]; n++) {
        size_t start = find_from(c->text, len, c->titles[n], from);
        assert_true(start != NOT_FOUND);
        size_t end = start;
        while (end < len && c->text[end] != '\n' && c->text[end] != '\r')
            end++;
        while (end > start && is_ascii_space(c->text[end - 1]))
            end--;
        if (n >= seg.title_count || seg.titles[n].start != start ||
            seg.titles[n].end != end) {
            print_error("case '%s': title %zu should be [%zu, %zu)\n", c->name, n,
                        start, end);
            fail();
        }
        assert_true(ng_segments_in_title(&seg, start));
        assert_true(ng_segments_in_title(&seg, end - 1));
        assert_false(ng_segments_in_title(&seg, end));
        if (start > 0)
            assert_false(ng_segments_in_title(&seg, start - 1));
        from = end;
    }
    if (seg.title_count != n) {
        print_error("case '%s': %zu titles, expected %zu\n", c->name, seg.title_count, n);
        fail();
    }
    ng_segments_destroy(&seg);
}

static void test_titles(void **state)
{
    (void)state;
    static const title_case_t cases[] = {
        {"title case headline",
         "Trump Meets Putin in Alaska\nThe two leaders met on Friday.",
         {"Trump Meets"}},
        {"minor words of title case",
         "Slow-Roasted Turkey with Sage Butter\nLet it rest before carving.",
         {"Slow-Roasted"}},
        {"all caps headline",
         "ZELENSKYY REJECTS CEASEFIRE TERMS\nKYIV - Ukraine's president said no.",
         {"ZELENSKYY"}},
        {"headline ending with a question mark",
         "Will Trump Meet Putin?\nOfficials are unsure.", {"Will Trump"}},
        {"headline after a sentence",
         "He left.\nPrime Minister Netanyahu Arrives\nThe visit was brief.",
         {"Prime Minister"}},
        {"headline as the last line", "The talks ended.\nMore Talks Planned",
         {"More Talks"}},
        {"two headlines and crlf",
         "Trump Meets Putin\r\nZelenskyy Not Invited  \r\nThe meeting was short.",
         {"Trump Meets", "Zelenskyy"}},
        {"sentence case line is no title",
         "Ukraine war latest news\nThe talks resumed.", {0}},
        {"lowercase next line: no title", "Trump Meets Putin\nand Xi in Beijing.",
         {0}},
        {"wrapped line inside a sentence is no title",
         "The talks with\nPresident Donald Trump Ended\nThe end came.", {0}},
        {"a lowercase long word is no title",
         "Turkey Recipes for everyone\nRoast it slowly.", {0}},
        {"too many words",
         "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve "
         "Thirteen Fourteen Fifteen Sixteen\nSeventeen.",
         {0}},
        {"plain prose", "The talks ended. Nobody came.", {0}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        check_titles(&cases[k]);
}

/* ---- the tagger's questions ----------------------------------------------- */

static void test_sentence_start_query(void **state)
{
    (void)state;
    const char *text = "  \"Turkey won.\" The U.S. Turkey deal held. (Turkey left.)";
    size_t len = strlen(text);
    ng_segments_t seg;
    ng_segments_init(&seg);
    ng_segment_text(text, len, &seg);
    const char *first = strstr(text, "Turkey");
    const char *mid = strstr(first + 1, "Turkey");
    const char *bracket = strstr(mid + 1, "Turkey");
    const char *the = strstr(text, "The U.S.");
    /* leading space and an opening quote before the first sentence */
    assert_true(ng_segments_sentence_start(&seg, text, len, (size_t)(first - text)));
    assert_true(ng_segments_sentence_start(&seg, text, len, (size_t)(the - text)));
    /* "U.S." before a name ends no sentence */
    assert_false(ng_segments_sentence_start(&seg, text, len, (size_t)(mid - text)));
    /* an opening bracket is skipped */
    assert_true(ng_segments_sentence_start(&seg, text, len, (size_t)(bracket - text)));
    assert_false(ng_segments_sentence_start(&seg, text, len, (size_t)(the - text) + 4));
    assert_false(ng_segments_sentence_start(&seg, text, len, len + 1));

    /* a quote mark that closed the sentence before is no opener of this
     * one: the start is the word itself */
    const char *cjk = "\xE4\xBB\x96\xE6\x9D\xA5\xE4\xBA\x86\xE3\x80\x82\"Turkey\" is next.";
    size_t cjk_len = strlen(cjk);
    ng_segment_text(cjk, cjk_len, &seg);
    size_t word = (size_t)(strstr(cjk, "Turkey") - cjk);
    assert_int_equal(seg.sentence_count, 2);
    assert_int_equal(seg.sentence_starts[1], word);
    assert_true(ng_segments_sentence_start(&seg, cjk, cjk_len, word));
    ng_segments_destroy(&seg);
}

static void test_scripts(void **state)
{
    (void)state;
    static const seg_case_t cases[] = {
        {"Cyrillic",
         "Путин прибыл в Москву. Переговоры начались вечером. в итоге "
         "ничего не решили.",
         0, {"Путин", "Переговоры"}, {0}},
        {"Greek", "Ο πρωθυπουργός μίλησε. Η συνάντηση έληξε.", 0,
         {"Ο", "Η"}, {0}},
        {"Arabic (no case)",
         "قال الرئيس إن المحادثات انتهت. وأضاف أن الوفد غادر.", 0,
         {"قال", "وأضاف"}, {0}},
        {"Chinese full stops without spaces",
         "特朗普会见了普京。双方讨论了乌克兰问题。", 0,
         {"特朗普", "双方"}, {0}},
    };
    RUN_TABLE(cases);
}

static void test_bad_bytes(void **state)
{
    (void)state;
    static const seg_case_t cases[] = {
        {"invalid bytes", "Bad \xFF\xFE bytes. Next one.\xC3", 0,
         {"Bad", "Next"}, {0}},
        {"NUL after stop is no space", "First.\0 Second. Third.", 22,
         {"First", "Third"}, {0}},
        {"truncated sequence at end", "Hello. World\xE2\x80", 0,
         {"Hello", "World"}, {0}},
        {"stray continuation bytes", "\x80\x80 Hi. \xBF" "Bye. Ok.", 0,
         {"\x80", "Ok"}, {0}},
    };
    RUN_TABLE(cases);

    /* a NUL is content: it can begin a paragraph (offsets by hand) */
    static const char nul_para[] = "One.\n\n\0Two.\0";
    ng_segments_t seg;
    ng_segments_init(&seg);
    ng_segment_text(nul_para, sizeof nul_para - 1, &seg);
    assert_int_equal(seg.sentence_count, 2);
    assert_int_equal(seg.sentence_starts[1], 6);
    assert_int_equal(seg.paragraph_count, 2);
    assert_int_equal(seg.paragraph_starts[1], 6);
    ng_segments_destroy(&seg);
}

static void test_empty_and_blank(void **state)
{
    (void)state;
    static const seg_case_t cases[] = {
        {"empty", "", 0, {0}, {0}},
        {"only whitespace", "   \n\t\n  \r\n ", 0, {0}, {0}},
    };
    RUN_TABLE(cases);

    ng_segments_t seg;
    ng_segments_init(&seg);
    ng_segment_text(NULL, 0, &seg);
    assert_int_equal(seg.sentence_count, 1);
    assert_int_equal(seg.sentence_starts[0], 0);
    assert_int_equal(seg.paragraph_count, 1);
    assert_int_equal(seg.paragraph_starts[0], 0);
    ng_segments_destroy(&seg);
    ng_segments_destroy(&seg); /* destroying twice is harmless */
}

/* Results must not leak from one document into the next. */
static void test_reuse(void **state)
{
    (void)state;
    ng_segments_t seg;
    ng_segments_init(&seg);
    const char *a = "One. Two. Three.\n\nFour.";
    ng_segment_text(a, strlen(a), &seg);
    assert_int_equal(seg.sentence_count, 4);
    assert_int_equal(seg.paragraph_count, 2);
    const char *b = "Only one here";
    ng_segment_text(b, strlen(b), &seg);
    assert_int_equal(seg.sentence_count, 1);
    assert_int_equal(seg.sentence_starts[0], 0);
    assert_int_equal(seg.paragraph_count, 1);
    ng_segments_destroy(&seg);
}

/* Many sentences make the arrays grow several times. */
static void test_many_sentences(void **state)
{
    (void)state;
    enum { N = 1000 };
    char *text = malloc(4 * N + 1);
    assert_non_null(text);
    for (size_t k = 0; k < N; k++)
        memcpy(text + 4 * k, "Ab. ", 4);
    ng_segments_t seg;
    ng_segments_init(&seg);
    ng_segment_text(text, 4 * N, &seg);
    assert_int_equal(seg.sentence_count, N);
    for (size_t k = 0; k < N; k++)
        assert_int_equal(seg.sentence_starts[k], 4 * k);
    ng_segments_destroy(&seg);
    free(text);
}

/* Random bytes: no crash, and the arrays keep their promises. */
static void test_random_bytes(void **state)
{
    (void)state;
    static const char alphabet[] = "aZ .!?\n\r\t\"'()-1\xC3\xA9\xE2\x80\xA6"
                                   "\xFF\x80\xD0\x9F";
    uint32_t rng = 12345;
    ng_segments_t seg;
    ng_segments_init(&seg);
    char buf[256];
    for (int round = 0; round < 2000; round++) {
        size_t len = (size_t)(round % 200);
        for (size_t k = 0; k < len; k++) {
            rng = rng * 1103515245u + 12345u;
            buf[k] = alphabet[(rng >> 16) % (sizeof alphabet)];
        }
        ng_segment_text(buf, len, &seg);
        assert_true(seg.sentence_count >= 1);
        assert_int_equal(seg.sentence_starts[0], 0);
        assert_int_equal(seg.paragraph_starts[0], 0);
        for (size_t k = 1; k < seg.sentence_count; k++) {
            assert_true(seg.sentence_starts[k - 1] < seg.sentence_starts[k]);
            assert_true(seg.sentence_starts[k] < len);
        }
        /* every paragraph start is also a sentence start */
        for (size_t k = 1; k < seg.paragraph_count; k++) {
            size_t p = seg.paragraph_starts[k];
            assert_true(seg.paragraph_starts[k - 1] < p);
            size_t si = ng_segment_index(seg.sentence_starts,
                                         seg.sentence_count, p);
            assert_int_equal(seg.sentence_starts[si], p);
        }
        size_t total = ng_count_tokens(buf, 0, len);
        size_t half = len / 2;
        /* splitting inside a multibyte char is the caller's business;
         * split at an ASCII byte only */
        if (half < len && (unsigned char)buf[half] < 0x80)
            assert_int_equal(ng_count_tokens(buf, 0, half) +
                                 ng_count_tokens(buf, half, len),
                             total);
    }
    ng_segments_destroy(&seg);
}

/* ---- window lookup ----------------------------------------------------- */

static void test_segment_index(void **state)
{
    (void)state;
    const size_t starts[] = {0, 10, 25, 26};
    assert_int_equal(ng_segment_index(starts, 4, 0), 0);
    assert_int_equal(ng_segment_index(starts, 4, 9), 0);
    assert_int_equal(ng_segment_index(starts, 4, 10), 1);
    assert_int_equal(ng_segment_index(starts, 4, 24), 1);
    assert_int_equal(ng_segment_index(starts, 4, 25), 2);
    assert_int_equal(ng_segment_index(starts, 4, 26), 3);
    assert_int_equal(ng_segment_index(starts, 4, 1000), 3);
    assert_int_equal(ng_segment_index(starts, 4, SIZE_MAX), 3);

    const size_t one[] = {0};
    assert_int_equal(ng_segment_index(one, 1, 0), 0);
    assert_int_equal(ng_segment_index(one, 1, 77), 0);

    const size_t two[] = {0, 1};
    assert_int_equal(ng_segment_index(two, 2, 0), 0);
    assert_int_equal(ng_segment_index(two, 2, 1), 1);
    assert_int_equal(ng_segment_index(two, 2, 2), 1);

    /* agrees with a linear scan on a longer array */
    size_t many[100];
    for (size_t k = 0; k < 100; k++)
        many[k] = k * 3;
    for (size_t off = 0; off < 310; off++) {
        size_t want = 0;
        for (size_t k = 0; k < 100; k++)
            if (many[k] <= off)
                want = k;
        assert_int_equal(ng_segment_index(many, 100, off), want);
    }
}

/* ---- tokens ------------------------------------------------------------ */

static void test_count_tokens(void **state)
{
    (void)state;
    const char *t = "Hello, world";
    assert_int_equal(ng_count_tokens(t, 0, strlen(t)), 2);
    assert_int_equal(ng_count_tokens(t, 0, 1), 1);   /* "H" starts one */
    assert_int_equal(ng_count_tokens(t, 1, 5), 0);   /* inside "Hello" */
    assert_int_equal(ng_count_tokens(t, 5, 7), 0);   /* ", " */
    assert_int_equal(ng_count_tokens(t, 5, 8), 1);   /* ", w" */
    assert_int_equal(ng_count_tokens(t, 3, 3), 0);   /* empty range */
    assert_int_equal(ng_count_tokens(t, 8, 3), 0);   /* reversed range */

    /* apostrophes separate; digits belong to words */
    const char *z = "Zelenskyy\xE2\x80\x99s G7 summit 2025";
    assert_int_equal(ng_count_tokens(z, 0, strlen(z)), 5);

    /* Cyrillic "Привет мир" + Han "東京" + "café" (precomposed é) */
    const char *m = "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 "
                    "\xD0\xBC\xD0\xB8\xD1\x80 \xE6\x9D\xB1\xE4\xBA\xAC "
                    "caf\xC3\xA9";
    size_t mlen = strlen(m);
    assert_int_equal(ng_count_tokens(m, 0, mlen), 4);
    /* from just after "П": the run began before, so it does not count */
    assert_int_equal(ng_count_tokens(m, 2, mlen), 3);
    /* from the space before "мир" */
    assert_int_equal(ng_count_tokens(m, 12, mlen), 3);
    /* from inside "東京" (after 東, 3 bytes) */
    size_t tokyo = 20;
    assert_int_equal(memcmp(m + tokyo, "\xE6\x9D\xB1", 3), 0);
    assert_int_equal(ng_count_tokens(m, tokyo + 3, mlen), 1);
    assert_int_equal(ng_count_tokens(m, tokyo, tokyo + 3), 1);

    /* a combining mark stays inside its word */
    const char *comb = "e\xCC\x81t\xC3\xA9 x";
    assert_int_equal(ng_count_tokens(comb, 0, strlen(comb)), 2);
    assert_int_equal(ng_count_tokens(comb, 1, strlen(comb)), 1);

    /* invalid bytes and NUL separate words */
    const char *bad = "ab\xFF" "cd\xC3" "ef";
    assert_int_equal(ng_count_tokens(bad, 0, strlen(bad)), 3);
    assert_int_equal(ng_count_tokens(bad, 3, strlen(bad)), 2);
    const char nul[] = "ab\0cd";
    assert_int_equal(ng_count_tokens(nul, 0, 5), 2);
    assert_int_equal(ng_count_tokens(nul, 3, 5), 1);

    /* adding up consecutive ranges gives the whole count */
    const char *s = "The U.S. and U.K. met in Riyadh on 18.02.2025.";
    size_t slen = strlen(s), sum = 0;
    for (size_t a = 0; a < slen; a += 7) {
        size_t b = a + 7 < slen ? a + 7 : slen;
        sum += ng_count_tokens(s, a, b);
    }
    assert_int_equal(sum, 13);
    assert_int_equal(ng_count_tokens(s, 0, slen), 13);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_sentences),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_numbers_and_names),
        cmocka_unit_test(test_ellipsis_and_quotes),
        cmocka_unit_test(test_headlines),
        cmocka_unit_test(test_bullets),
        cmocka_unit_test(test_wrapped_prose),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_long_lines),
        cmocka_unit_test(test_titles),
        cmocka_unit_test(test_sentence_start_query),
        cmocka_unit_test(test_scripts),
        cmocka_unit_test(test_bad_bytes),
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_reuse),
        cmocka_unit_test(test_many_sentences),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_segment_index),
        cmocka_unit_test(test_count_tokens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
