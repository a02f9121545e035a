/*
 * Matching and resolution rules of the tagger, one table row per rule:
 * a gazetteer, a text, and the mentions a careful reader expects, written
 * as "id=text" in text order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nergraph.h"

/* Country names in other languages, as country-translations.tsv has them. */
#define TRANSLATIONS                                                              \
    "c:fr\tcountry\tFrance\nc:fr\tcountry\tFrankreich\t\talias_lang=bar,de\n"          \
    "c:sb\tcountry\tSolomon Islands\nc:sb\tcountry\tSalomon\t\talias_lang=ht\n"        \
    "c:ru\tcountry\tRussia\nc:ru\tcountry\tРоссия\t\talias_lang=ru\n"

typedef struct tcase {
    const char *name;
    const char *gazetteer;
    const char *text;
    const char *expected; /* "id=text;id=text" */
    bool no_auto;
    size_t len;           /* bytes of text; 0: strlen (texts with NUL bytes) */
} tcase_t;

static const tcase_t cases[] = {
    {"case-sensitive literal", "c:us\tcountry\tUnited States\tUS\n",
     "Tell us about the US.", "c:us=US", false, 0},
    {"all caps rendering", "p:z\tperson\tVolodymyr Zelenskyy\tZelenskyy\n",
     "ZELENSKYY SPEAKS. Zelenskyy spoke.", "p:z=ZELENSKYY;p:z=Zelenskyy", false, 0},
    {"mixed case is not all caps", "p:z\tperson\tVolodymyr Zelenskyy\tZelenskyy\n",
     "ZeLENSKYY and zelenskyy", "", false, 0},
    {"i: alias any case", "o:nato\torganization\tNATO\ti:nato\n",
     "Nato, NATO and nato.", "o:nato=Nato;o:nato=NATO;o:nato=nato", false, 0},
    {"i: alias Unicode folding", "x:s\tplace\tStraße\ti:Straße\n",
     "STRASSE, strasse, Straße.", "x:s=STRASSE;x:s=strasse;x:s=Straße", false, 0},
    {"word boundary ASCII", "c:us\tcountry\tUnited States\tUS\n",
     "USB BUS US AUS", "c:us=US", false, 0},
    {"word boundary Cyrillic", "c:ua\tcountry\tUkraine\tУкраїна\n",
     "Україна та Українабанк", "c:ua=Україна", false, 0},
    {"word boundary digits", "o:g7\torganization\tG7\n", "G7 G77 G7s", "o:g7=G7", false, 0},
    {"unspaced script needs no boundary", "c:cn\tcountry\tChina\t中国\n",
     "中国人民和中国", "c:cn=中国;c:cn=中国", false, 0},
    {"possessives", "p:z\tperson\tVolodymyr Zelenskyy\tZelenskyy\np:j\tperson\tTom Jones\tJones\n",
     "Zelenskyy’s plan, Zelenskyy's aides, the Jones' house.",
     "p:z=Zelenskyy;p:z=Zelenskyy;p:j=Jones", false, 0},
    {"apostrophe inside a name", "p:n\tperson\tNeil Young\tNeil\n", "O'Neil met Neil.", "p:n=Neil", false, 0},
    {"apostrophe then non-possessive letters", "p:n\tperson\tNeil Young\tNeil\n", "Neil'x Neil", "p:n=Neil", false, 0},
    {"elision before a name", "c:ua\tcountry\tUkraine\n", "l’Ukraine et d'Ukraine", "c:ua=Ukraine;c:ua=Ukraine", false, 0},
    {"white space runs inside aliases", "p:t\tperson\tDonald Trump\n",
     "Donald\nTrump, Donald  Trump, Donald\xC2\xA0Trump, Donald\tTrump, Donald\r\nTrump.",
     "p:t=Donald\nTrump;p:t=Donald  Trump;p:t=Donald\xC2\xA0Trump;p:t=Donald\tTrump;p:t=Donald\r\nTrump", false, 0},
    {"no match across a blank line", "p:t\tperson\tDonald Trump\n", "Donald\n\nTrump and Donald\n \nTrump", "", false, 0},
    {"apostrophe variants", "c:ci\tcountry\tCôte d'Ivoire\n", "Côte d’Ivoire and Côte d'Ivoire",
     "c:ci=Côte d’Ivoire;c:ci=Côte d'Ivoire", false, 0},
    {"hyphen variants", "c:gw\tcountry\tGuinea-Bissau\nc:gn\tcountry\tGuinea\n",
     "Guinea–Bissau, Guinea‐Bissau, Guinea-Bissau, Guinea.",
     "c:gw=Guinea–Bissau;c:gw=Guinea‐Bissau;c:gw=Guinea-Bissau;c:gn=Guinea", false, 0},
    {"alias typed with odd spacing", "p:t\tperson\tDonald   Trump\n", "Donald Trump", "p:t=Donald Trump", false, 0},
    {"leftmost-longest", "p:t\tperson\tDonald Trump\tPresident Donald Trump|Trump\n",
     "President Donald Trump met Trump.", "p:t=President Donald Trump;p:t=Trump", false, 0},
    {"title without alias falls back", "p:t\tperson\tDonald Trump\n", "President Donald Trump", "p:t=Donald Trump", false, 0},
    {"demonym then title then name",
     "c:ua\tcountry\tUkraine\tUkrainian\np:z\tperson\tVolodymyr Zelenskyy\tZelenskyy\n",
     "Ukrainian President Volodymyr Zelenskyy", "c:ua=Ukrainian;p:z=Volodymyr Zelenskyy", false, 0},
    {"leftmost beats longest", "a:1\tthing\tNew York\nb:1\tthing\tYork Times\tYork Times Company\n",
     "New York Times Company", "a:1=New York", false, 0},
    {"ambiguous: prior wins", "p:mj\tperson\tMichael Jordan\tJordan\nc:jo\tcountry\tJordan\t\tprior=5\n",
     "Jordan", "c:jo=Jordan", false, 0},
    {"ambiguous: gazetteer order", "a:1\tthing\tMercury\nb:1\tthing\tMercury\n", "Mercury", "a:1=Mercury", false, 0},
    {"ambiguous: already mentioned in the document",
     "c:jo\tcountry\tJordan\t\tprior=5\np:mj\tperson\tMichael Jordan\tJordan\n",
     "Michael Jordan played. Jordan scored.", "p:mj=Michael Jordan;p:mj=Jordan", false, 0},
    {"surname after full name", "p:r\tperson\tMarco Rubio\n",
     "Marco Rubio arrived. Rubio spoke.", "p:r=Marco Rubio;p:r=Rubio", false, 0},
    {"surname before full name is not a mention", "p:r\tperson\tMarco Rubio\n",
     "Rubio spoke. Marco Rubio arrived.", "p:r=Marco Rubio", false, 0},
    {"surname off with no_auto", "p:r\tperson\tMarco Rubio\n",
     "Marco Rubio arrived. Rubio spoke.", "p:r=Marco Rubio", true, 0},
    {"surname skips Jr.", "p:k\tperson\tMartin Luther King Jr.\n",
     "Martin Luther King Jr. spoke. King marched.", "p:k=Martin Luther King Jr.;p:k=King", false, 0},
    {"surname skips regnal numbers", "p:l\tperson\tPope Leo XIV\np:h\tperson\tHenry VIII\n",
     "Pope Leo XIV spoke. Leo blessed. XIV. Henry VIII ate. Henry left.",
     "p:l=Pope Leo XIV;p:l=Leo;p:h=Henry VIII", false, 0},
    {"surname attribute", "p:xi\tperson\tXi Jinping\t\tsurname=Xi\n",
     "Xi Jinping said. Xi added. Jinping left.", "p:xi=Xi Jinping;p:xi=Xi", false, 0},
    {"empty surname attribute disables", "p:x\tperson\tLula da Silva\tLula\tsurname=\n",
     "Lula da Silva spoke. Silva left. Lula stayed.", "p:x=Lula da Silva;p:x=Lula", false, 0},
    {"organizations get no surname", "o:b\torganization\tBank of England\n",
     "Bank of England rates. England won.", "o:b=Bank of England", false, 0},
    {"surname of the person named in this document",
     "p:dt\tperson\tDonald Trump\np:mt\tperson\tMelania Trump\n",
     "Melania Trump arrived. Trump waved.", "p:mt=Melania Trump;p:mt=Trump", false, 0},
    {"pattern alias", "p:t\tperson\tDonald Trump\nh:p\thandle\tPOTUS\tre:@POTUS\\b\n",
     "Follow @POTUS today", "h:p=@POTUS", false, 0},
    {"pattern competes leftmost-longest",
     "p:t\tperson\tDonald Trump\tTrump\nx:1\toffice\tThe presidency\tre:President\\s+Trump\n",
     "President Trump spoke. Trump left.", "x:1=President Trump;p:t=Trump", false, 0},
    {"pattern obeys word boundaries", "x:1\tthing\tUSA\tre:US[A]?\n", "USB and USA", "x:1=USA", false, 0},
    {"invalid UTF-8 separates", "p:t\tperson\tDonald Trump\tTrump\n",
     "Trump\xFFTrump\xC3Trump", "p:t=Trump;p:t=Trump;p:t=Trump", false, 0},
    {"NUL bytes separate", "p:t\tperson\tDonald Trump\tTrump\n", "Trump\0Trump\0",
     "p:t=Trump;p:t=Trump", false, sizeof "Trump\0Trump\0" - 1},
    {"all caps rendering alone in ordinary text is an acronym", "p:m\tperson\tJack Ma\tMa\n",
     "MA students met Ma. JACK MA SPEAKS", "p:m=Ma;p:m=JACK MA", false, 0},
    {"ignore row takes the span", "c:mx\tcountry\tMexico\nx:nm\tignore\tNew Mexico\n",
     "New Mexico and Mexico.", "c:mx=Mexico", false, 0},
    {"ignore row sharing an alias loses on prior",
     "c:ge\tcountry\tGeorgia\nx:ga\tignore\tUS state of Georgia\tGeorgia|Atlanta\tprior=-1\n",
     "Georgia voted.", "c:ge=Georgia", false, 0},
    {"ignore row sharing an alias wins on evidence",
     "c:ge\tcountry\tGeorgia\nx:ga\tignore\tUS state of Georgia\tGeorgia|Atlanta\tprior=-1\n",
     "Atlanta is hot. Georgia voted.", "", false, 0},
    {"sentence-initial common word read as the word", "c:tr\tcountry\tTurkey\n",
     "Turkey should rest. Carve the turkey, then serve the turkey.", "", false, 0},
    {"telling capitals keep the entity", "c:tr\tcountry\tTurkey\n",
     "We flew to Turkey. Turkey is warm. A turkey.", "c:tr=Turkey;c:tr=Turkey", false, 0},
    {"capitalized uses outnumber lowercase ones", "c:tr\tcountry\tTurkey\n",
     "Turkey won. Turkey lost. A turkey.", "c:tr=Turkey;c:tr=Turkey", false, 0},
    /* Where a sentence starts is the segmenter's call: "U.S." before a name
     * ends no sentence, so "Turkey" there is mid-sentence and telling, like
     * after "American"; the lowercase "turkey" would outvote a weak one. */
    {"name after U.S. is mid-sentence", "c:tr\tcountry\tTurkey\n",
     "The U.S. Turkey deal was signed. Guests ate turkey.", "c:tr=Turkey", false, 0},
    {"name after an adjective is mid-sentence", "c:tr\tcountry\tTurkey\n",
     "The American Turkey deal was signed. Guests ate turkey.", "c:tr=Turkey", false, 0},
    {"a wrapped line does not start a sentence", "c:tr\tcountry\tTurkey\n",
     "Officials said the talks with\nTurkey went well. Guests ate turkey.", "c:tr=Turkey",
     false, 0},
    {"a line after a finished sentence does", "c:tr\tcountry\tTurkey\n",
     "Officials left.\nTurkey should rest. Guests ate turkey.", "", false, 0},
    {"capitals in a title say nothing", "c:tr\tcountry\tTurkey\n",
     "Slow-Roasted Turkey with Sage Butter\nLet it rest, then carve the turkey.", "", false, 0},
    {"first-name rule: a name before a capitalized word", "c:jo\tcountry\tJordan\n",
     "We met Jordan Pike today.", "", false, 0},
    {"first-name rule: not in a title", "c:jo\tcountry\tJordan\n",
     "Jordan Pike Talks Resume\nThe talks went on.", "c:jo=Jordan", false, 0},
    {"first-name rule: at a sentence start too", "c:td\tcountry\tChad\n",
     "The match was over by then.\n\nChad Wilson scored twice in the second half.", "", false,
     0},
    {"first-name rule: alone, the country", "c:jo\tcountry\tJordan\n",
     "The envoy flew to Jordan on Monday and met the king.", "c:jo=Jordan", false, 0},
    /* Only a given name is read as a first name (GIVEN_NAMES): a demonym
     * or a company name before a capitalized word still names its entity. */
    {"first-name rule: a demonym before a title", "c:ng\tcountry\tNigeria\tNigerian|Nigerians\n",
     "He is also Nigerian Oil Minister, a post he took in May.", "c:ng=Nigerian", false, 0},
    {"first-name rule: a demonym before a name at a paragraph start",
     "c:zw\tcountry\tZimbabwe\tZimbabwean|Zimbabweans\n",
     "The race was run in the rain.\n\nZimbabwean Ann Cole, who won gold, said she was tired.",
     "c:zw=Zimbabwean", false, 0},
    {"first-name rule: a demonym that is also a given name",
     "c:de\tcountry\tGermany\tGerman|Germans\n",
     "The vote in the German Bundestag was close, and the result surprised many.",
     "c:de=German", false, 0},
    {"first-name rule: a company name that is no given name",
     "o:g\torganization\tGoogle\n",
     "He opened Google Maps on his phone and found the road was closed.", "o:g=Google", false,
     0},
    {"longer name: a country name opening a company's",
     "c:tw\tcountry\tTaiwan\nc:ke\tcountry\tKenya\n",
     "Taiwan Semiconductor Manufacturing Co said profit rose, and shares of Kenya Airways fell "
     "in Taiwan on the news.", "c:tw=Taiwan", false, 0},
    {"longer name: a place's, and a company's own legal form",
     "o:amz\torganization\tAmazon\no:apple\torganization\tApple\n",
     "The boat went up the Amazon River while Apple Inc said its sales fell.", "o:apple=Apple",
     false, 0},
    {"longer name: not through an office word", "c:ng\tcountry\tNigeria\tNigerian|Nigerians\n",
     "The Nigerian Oil Minister Bank plan was dropped after the minister said it would cost too "
     "much.", "c:ng=Nigerian", false, 0},
    {"first-name rule: a company name that is a given name",
     "o:d\torganization\tDell Technologies\tDell\n",
     "The crowd cheered when Dell Curry walked onto the court before the game.", "", false, 0},
    {"all-caps alias on a shouted line", "c:us\tcountry\tUnited States\tUS\n",
     "TELL US NOW\nTell us more.", "", false, 0},
    {"all-caps alias in ordinary text", "c:us\tcountry\tUnited States\tUS\n",
     "TELL US NOW\nTell us about the US.", "c:us=US;c:us=US", false, 0},
    {"two capitals are telling at a sentence start", "o:rc\torganization\tRed Cross\n",
     "Red Cross teams came. A red cross was painted.", "o:rc=Red Cross", false, 0},
    {"name itself matched", "o:un\torganization\tUnited Nations\tUN|U.N.\n",
     "The United Nations (UN) and the U.N. agreed.",
     "o:un=United Nations;o:un=UN;o:un=U.N.", false, 0},
    {"a ticker in escaped angle brackets is a code",
     "o:u\torganization\tUniversity College London\tUCL\n",
     "UNOCAL &lt;UCL&gt; UNIT CUTS CRUDE PRICES\nUnocal &lt;UCL&gt; said. UCL students met.",
     "o:u=UCL", false, 0},
    {"offices in a list, at the text's edges",
     "o:s\torganization\tState Department\no:t\torganization\tDepartment of the Treasury\n"
     "o:j\torganization\tJustice Department\n",
     "State and Justice departments", "o:s=State;o:j=Justice", false, 0},
    {"offices in a list: a plural that is part of a word, an 'i:' alias",
     "o:s\torganization\tState Department\no:j\torganization\ti:justice department\n",
     "State and Justice departmentsx. State & Justice Departments", "o:s=State;o:j=Justice",
     false, 0},
    {"offices in a list: eight heads at most",
     "o:a\torganization\tAa Ministry\no:i\torganization\tIi Ministry\n",
     "Aa, Bb, Cc, Dd, Ee, Ff, Gg, Hh and Ii ministries; Ii and Aa ministries",
     "o:i=Ii;o:i=Ii;o:a=Aa", false, 0},
    /* Names of some languages only (alias_lang=) count in a document of
     * one of them; in other scripts, and where the language cannot be
     * told, they count as any alias. */
    {"translated name in English prose", TRANSLATIONS,
     "Salomon Inc said on Tuesday that quarterly profit at its investment bank rose "
     "sharply as bond trading revenue climbed.", "", false, 0},
    {"translated name in its language", TRANSLATIONS,
     "Deutschland und Frankreich wollen ihre Zusammenarbeit vertiefen, sagte die "
     "Regierung am Dienstag in Berlin.", "c:fr=Frankreich", false, 0},
    {"German name in English prose", TRANSLATIONS,
     "The minister said that Frankreich, as the German papers call it, would sign the "
     "treaty next week in Brussels.", "", false, 0},
    {"Cyrillic name in English prose", TRANSLATIONS,
     "The banner outside the embassy read Россия in large letters, and the crowd stayed "
     "until the evening.", "c:ru=Россия", false, 0},
    {"translated name in a text too short to tell", TRANSLATIONS, "Salomon Inc rose.",
     "c:sb=Salomon", false, 0},
    {"a sentence too short to tell in an English document", TRANSLATIONS,
     "Salomon fell. Shares of the investment bank dropped sharply on Tuesday after the firm "
     "reported a loss in bond trading.", "", false, 0},
    {"a German sentence in an English document", TRANSLATIONS,
     "The paper ran the story on its front page on Monday morning. Its headline read: "
     "Frankreich und Italien einigen sich auf ein neues Abkommen.", "c:fr=Frankreich", false, 0},
    {"a name of any language too counts anywhere",
     "c:fr\tcountry\tFrance\tFrankreich\nc:fr\tcountry\tFrankreich\t\talias_lang=de\n",
     "The minister said that Frankreich, as the German papers call it, would sign the "
     "treaty next week in Brussels.", "c:fr=Frankreich", false, 0},
};

/* A gazetteer, its tagger and a scanner: what every test sets up. */
typedef struct fixture {
    ng_gazetteer_t *gz;
    ng_tagger_t *tagger;
    ng_scanner_t *scanner;
    const ng_mention_t *m;
    size_t n;
} fixture_t;

/* Given names of the cases, as the bundled given-names.txt has them
 * ("German" is a given name there too). */
static const char GIVEN_NAMES[] = "# given names\nAnn\nChad\nDell\nGeorgia\nGerman\nJordan\n";

static void fixture_init(fixture_t *f, const char *gaz_text, const ng_tagger_options_t *opts)
{
    ng_error_t err = {0};
    f->gz = ng_gazetteer_new();
    assert_int_equal(ng_gazetteer_load_buffer(f->gz, "case.tsv", gaz_text, strlen(gaz_text), &err),
                     NG_OK);
    assert_int_equal(ng_gazetteer_add_given_names(f->gz, "given", GIVEN_NAMES,
                                                  strlen(GIVEN_NAMES), &err),
                     NG_OK);
    f->tagger = ng_tagger_new(f->gz, opts, &err);
    assert_non_null(f->tagger);
    f->scanner = ng_scanner_new(f->tagger);
}

/* Tag text; with seg NULL the scanner segments it itself. */
static void fixture_tag_with(fixture_t *f, const ng_segments_t *seg, const char *text,
                             size_t len)
{
    ng_error_t err = {0};
    assert_int_equal(ng_scanner_tag(f->scanner, seg, "doc", text, len, &f->m, &f->n, &err),
                     NG_OK);
}

static void fixture_tag(fixture_t *f, const char *text, size_t len)
{
    fixture_tag_with(f, NULL, text, len);
}

/* The mentions of the last tagging as "id=text;id=text" (caller frees). */
static char *fixture_mentions(const fixture_t *f, const char *text)
{
    char *out = calloc(1, 4096);
    assert_non_null(out);
    for (size_t i = 0; i < f->n; i++) {
        size_t len = strlen(out);
        snprintf(out + len, 4096 - len, "%s%s=%.*s", i ? ";" : "",
                 ng_gazetteer_entity_id(f->gz, f->m[i].entity),
                 (int)(f->m[i].end - f->m[i].start), text + f->m[i].start);
    }
    return out;
}

static void fixture_free(fixture_t *f)
{
    ng_scanner_free(f->scanner);
    ng_tagger_free(f->tagger);
    ng_gazetteer_free(f->gz);
}

/* The mentions of text as "id=text;id=text" (caller frees), tagged with
 * the caller's segmentation; tagged again with the scanner segmenting by
 * itself, the answer must be the same. */
static char *run(const char *gaz_text, const char *text, size_t text_len, bool no_auto)
{
    ng_tagger_options_t opts;
    ng_tagger_options_init(&opts);
    opts.auto_aliases = !no_auto;
    fixture_t f;
    fixture_init(&f, gaz_text, &opts);
    ng_segments_t seg;
    ng_segments_init(&seg);
    ng_segment_text(text, text_len, &seg);
    fixture_tag_with(&f, &seg, text, text_len);
    char *out = fixture_mentions(&f, text);
    fixture_tag(&f, text, text_len);
    char *alone = fixture_mentions(&f, text);
    assert_string_equal(alone, out);
    free(alone);
    ng_segments_destroy(&seg);
    fixture_free(&f);
    return out;
}

static void test_table(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const tcase_t *c = &cases[i];
        size_t len = c->len ? c->len : strlen(c->text);
        char *got = run(c->gazetteer, c->text, len, c->no_auto);
        if (strcmp(got, c->expected) != 0) {
            print_error("case '%s':\n  expected '%s'\n  got      '%s'\n", c->name, c->expected, got);
            failures++;
        }
        free(got);
    }
    assert_int_equal(failures, 0);
}

/* The example that made the tagger ask the segmenter: with "turkey" a
 * common word, a text that names nothing else keeps "Turkey" only where
 * its capital tells, and "U.S." ends no sentence before it. */
static void test_common_word_after_abbreviation(void **state)
{
    (void)state;
    char path[] = "/tmp/ng-test-words-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    fputs("turkey\ndeal\n", fp);
    fclose(fp);
    ng_error_t err = {0};
    fixture_t f;
    f.gz = ng_gazetteer_new();
    const char *gaz = "c:tr\tcountry\tTurkey\n";
    assert_int_equal(ng_gazetteer_load_buffer(f.gz, "case.tsv", gaz, strlen(gaz), &err), NG_OK);
    assert_int_equal(ng_gazetteer_load_words(f.gz, path, &err), NG_OK);
    remove(path);
    f.tagger = ng_tagger_new(f.gz, NULL, &err);
    assert_non_null(f.tagger);
    f.scanner = ng_scanner_new(f.tagger);
    static const struct { const char *text, *want; } rows[] = {
        {"The U.S. Turkey deal was signed.", "c:tr=Turkey"},
        {"The American Turkey deal was signed.", "c:tr=Turkey"},
        {"Turkey should rest.", ""},
        {"They moved to the U.S.\n\nTurkey should rest.", ""},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        fixture_tag(&f, rows[i].text, strlen(rows[i].text));
        char *got = fixture_mentions(&f, rows[i].text);
        if (strcmp(got, rows[i].want) != 0)
            print_error("'%s': expected '%s', got '%s'\n", rows[i].text, rows[i].want, got);
        assert_string_equal(got, rows[i].want);
        free(got);
    }
    fixture_free(&f);
}

/* Offsets point into the original bytes even when folding changed the
 * length of what came before (İ folds to two code points, ß to "ss"). */
static void test_offsets_after_length_changing_folds(void **state)
{
    (void)state;
    const char *text = "İİ ßß ẞ TRUMP and ǅ Trump";
    fixture_t f;
    fixture_init(&f, "p:t\tperson\tDonald Trump\ti:trump\n", NULL);
    fixture_tag(&f, text, strlen(text));
    const ng_mention_t *m = f.m;
    assert_int_equal(f.n, 2);
    const char *first = strstr(text, "TRUMP");
    const char *second = strstr(text, "Trump");
    assert_int_equal(m[0].start, (size_t)(first - text));
    assert_int_equal(m[0].end, (size_t)(first - text) + 5);
    assert_int_equal(m[1].start, (size_t)(second - text));
    assert_int_equal(m[1].end, strlen(text));
    fixture_free(&f);
}

/* The mention lists every entity the span could name. */
static void test_candidates_listed(void **state)
{
    (void)state;
    fixture_t f;
    fixture_init(&f, "a:1\tthing\tMercury\nb:1\tthing\tMercury\t\tprior=2\nc:1\tthing\tVenus\n",
                 NULL);
    const char *text = "Mercury and Venus";
    fixture_tag(&f, text, strlen(text));
    const ng_mention_t *m = f.m;
    const ng_gazetteer_t *gz = f.gz;
    assert_int_equal(f.n, 2);
    assert_true(m[0].ambiguous);
    assert_int_equal(m[0].candidate_count, 2);
    assert_string_equal(ng_gazetteer_entity_id(gz, m[0].entity), "b:1");
    assert_string_equal(ng_gazetteer_entity_id(gz, m[0].candidates[0]), "a:1");
    assert_string_equal(ng_gazetteer_entity_id(gz, m[0].candidates[1]), "b:1");
    assert_false(m[1].ambiguous);
    assert_int_equal(m[1].candidate_count, 1);
    fixture_free(&f);
}

/* Document state does not leak: a surname alias active in one document
 * is inactive in the next one scanned by the same scanner. */
static void test_state_is_per_document(void **state)
{
    (void)state;
    fixture_t f;
    fixture_init(&f, "p:r\tperson\tMarco Rubio\n", NULL);
    const char *d1 = "Marco Rubio. Rubio.";
    const char *d2 = "Rubio.";
    fixture_tag(&f, d1, strlen(d1));
    assert_int_equal(f.n, 2);
    fixture_tag(&f, d2, strlen(d2));
    assert_int_equal(f.n, 0);
    fixture_free(&f);
}

/* The language of a document is known, and said, only when a name of
 * some languages made the scanner ask. */
static void test_document_language(void **state)
{
    (void)state;
    fixture_t f;
    fixture_init(&f, TRANSLATIONS, NULL);
    const char *de = "Frankreich und Deutschland verhandeln weiter, sagte die Regierung.";
    const char *en = "Salomon Inc said on Tuesday that quarterly profit rose sharply.";
    const char *none = "France and Germany will go on talking, the government said.";
    fixture_tag(&f, de, strlen(de));
    assert_int_equal(f.n, 1);
    assert_string_equal(ng_scanner_language(f.scanner), "de");
    fixture_tag(&f, en, strlen(en));
    assert_int_equal(f.n, 0);
    assert_string_equal(ng_scanner_language(f.scanner), "en");
    fixture_tag(&f, none, strlen(none));
    assert_int_equal(f.n, 1);
    assert_null(ng_scanner_language(f.scanner));
    fixture_free(&f);
}

static char warnings[4096];
static void collect_warning(void *ctx, const char *msg)
{
    (void)ctx;
    size_t len = strlen(warnings);
    snprintf(warnings + len, sizeof warnings - len, "%s\n", msg);
}

/* A pattern with catastrophic backtracking is stopped by the match limit
 * with a warning naming the entity, instead of hanging the run. */
static void test_pattern_match_limit(void **state)
{
    (void)state;
    ng_tagger_options_t opts;
    ng_tagger_options_init(&opts);
    opts.match_limit = 10000;
    fixture_t f;
    fixture_init(&f, "x:slow\tthing\tSlow\tre:(a+)+$\n", &opts);
    char text[64];
    memset(text, 'a', 40);
    text[40] = '!';
    text[41] = '\0';
    warnings[0] = '\0';
    ng_scanner_set_diagnostics(f.scanner, collect_warning, NULL);
    fixture_tag(&f, text, strlen(text));
    assert_non_null(strstr(warnings, "x:slow"));
    fixture_free(&f);
}

/* Pattern code is compiled once, by the gazetteer, and shared: scanners of
 * one tagger, used in turns, and taggers of one gazetteer find the same
 * matches, with or without the JIT. */
static void test_patterns_shared(void **state)
{
    (void)state;
    static const char gaz[] = "h:p\thandle\tPOTUS\tre:@POTUS\\b\n"
                              "o:a\torganization\tAcme\tre:Acme\\s+(?:Inc|Corp)\\b\n";
    static const char text[] = "Follow @POTUS and Acme  Inc today; @POTUSx is not it.";
    const char *want = "h:p=@POTUS;o:a=Acme  Inc";
    for (int jit = 0; jit < 2; jit++) {
        if (jit)
            unsetenv("NERGRAPH_NO_JIT");
        else
            setenv("NERGRAPH_NO_JIT", "1", 1);
        fixture_t f;
        fixture_init(&f, gaz, NULL);
        ng_error_t err = {0};
        ng_tagger_t *second = ng_tagger_new(f.gz, NULL, &err);
        assert_non_null(second);
        ng_scanner_t *other = ng_scanner_new(f.tagger);
        ng_scanner_t *third = ng_scanner_new(second);
        ng_scanner_t *scanners[] = {f.scanner, other, third, f.scanner};
        for (size_t k = 0; k < sizeof scanners / sizeof *scanners; k++) {
            f.scanner = scanners[k];
            fixture_tag(&f, text, strlen(text));
            char *got = fixture_mentions(&f, text);
            assert_string_equal(got, want);
            free(got);
        }
        ng_scanner_free(other);
        ng_scanner_free(third);
        ng_tagger_free(second);
        fixture_free(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_common_word_after_abbreviation),
        cmocka_unit_test(test_offsets_after_length_changing_folds),
        cmocka_unit_test(test_candidates_listed),
        cmocka_unit_test(test_state_is_per_document),
        cmocka_unit_test(test_document_language),
        cmocka_unit_test(test_pattern_match_limit),
        cmocka_unit_test(test_patterns_shared),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
