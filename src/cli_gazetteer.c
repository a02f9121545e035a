/*
 * nergraph gazetteer check|stats: tools for the people who write
 * gazetteers.  `check` loads every row it can and lists what is wrong or
 * risky, each with file:line, so that one run shows every problem of a
 * file; `stats` counts entities and aliases by type and by script.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "norm.h"
#include "strmap.h"
#include "utf8.h"
#include "util.h"

static const char gazetteer_usage[] =
"Usage: nergraph gazetteer check [--words FILE] [PATH...]\n"
"       nergraph gazetteer stats [PATH...]\n"
"PATH is a gazetteer file or a directory of *.tsv files; default: the\n"
"bundled gazetteers.  Several PATHs load together, as with -g.\n"
"\n"
"check lists, each with file:line:\n"
"  error       a malformed row (every one, not only the first), a pattern\n"
"              that does not compile, a file that cannot be read\n"
"  warning     an id given twice in one file, an alias the loader skips,\n"
"              an 'i:' (any case) alias that is an everyday English word\n"
"  ambiguous   an alias shared by several entities (resolved per document:\n"
"              unambiguous mentions, then prior=, then gazetteer order)\n"
"  common word an alias that is also a lowercase English word; it matches\n"
"              only as written or in ALL CAPS, but sentence starts and\n"
"              headlines still capitalize words\n"
"and ends with a summary line.  Exit status: 0 no errors, 1 errors, 2 bad\n"
"command line.\n"
"  --words FILE  the English word list (one lowercase word per line, '#'\n"
"                comments); default: english-words.txt in the bundled\n"
"                gazetteer directory; 'none' skips the common-word check\n"
"\n"
"stats prints entities and aliases per type and aliases per script (the\n"
"script of the alias's first letter).\n";

typedef struct check_counts {
    size_t errors, warnings;
} check_counts_t;

static check_counts_t counts;

static void on_report(void *ctx, ng_report_kind kind, const char *message)
{
    (void)ctx;
    if (kind == NG_REPORT_BAD_ROW) {
        counts.errors++;
        printf("error: %s\n", message);
    } else {
        counts.warnings++;
        printf("warning: %s\n", message);
    }
}

/* Loader warnings (skipped aliases) arrive through the library's handler. */
static void on_warning(const char *message, void *ctx)
{
    (void)ctx;
    counts.warnings++;
    printf("warning: %s\n", message);
}

/* Load every path into gz (new when NULL).  Without keep_going, NULL after
 * the first failure (reported on stderr). */
static ng_gazetteer_t *load_all(ng_gazetteer_t *gz, char **paths, int count, char *fallback,
                                bool keep_going)
{
    if (!gz)
        gz = ng_gazetteer_new();
    if (keep_going)
        ng_gazetteer_keep_going(gz, on_report, NULL);
    char *one[1] = {fallback};
    if (!count) {
        paths = one;
        count = 1;
    }
    for (int i = 0; i < count; i++) {
        ng_error_t err = {0};
        int st = ng_gazetteer_load_path(gz, paths[i], &err);
        if (st == NG_EDATA && keep_going)
            continue; /* every bad row was reported already */
        if (st) {
            if (!keep_going) {
                fprintf(stderr, "nergraph: %s\n", err.message);
                ng_gazetteer_free(gz);
                return NULL;
            }
            counts.errors++;
            printf("error: %s\n", err.message);
        }
    }
    return gz;
}

/* ---- check ---------------------------------------------------------- */

static const char *entity_id(const ng_gazetteer_t *gz, uint32_t e)
{
    return ng_gazetteer_entity_id(gz, e);
}

/* Aliases that several entities share, grouped by folded text, in the
 * order each group first appears. */
static size_t report_ambiguous(const ng_gazetteer_t *gz)
{
    size_t n = ng_gazetteer_alias_count(gz);
    ng_strmap_t groups;
    ng_strmap_init(&groups);
    uint32_t *next = ng_xmalloc((n + 1) * sizeof *next);  /* chain: alias -> next alias */
    uint32_t *last = ng_xmalloc((n + 1) * sizeof *last);  /* group head -> its last alias */
    ng_buf_t key = {0};
    for (size_t i = 0; i < n; i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        next[i] = UINT32_MAX;
        if (a->flags & NG_ALIAS_PATTERN)
            continue;
        key.len = 0;
        ng_fold_string(a->text, a->len, &key);
        uint32_t head;
        if (ng_strmap_put(&groups, key.data, key.len, (uint32_t)i, &head)) {
            last[i] = (uint32_t)i;
        } else {
            next[last[head]] = (uint32_t)i;
            last[head] = (uint32_t)i;
        }
    }
    size_t reported = 0;
    for (size_t i = 0; i < n; i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (a->flags & NG_ALIAS_PATTERN)
            continue;
        key.len = 0;
        ng_fold_string(a->text, a->len, &key);
        uint32_t head;
        ng_strmap_get(&groups, key.data, key.len, &head);
        if (head != i || next[i] == UINT32_MAX)
            continue;
        size_t distinct = 0;
        for (uint32_t j = (uint32_t)i; j != UINT32_MAX; j = next[j]) {
            bool dup = false;
            for (uint32_t k = (uint32_t)i; k != j && !dup; k = next[k])
                dup = ng_gazetteer_alias(gz, k)->entity == ng_gazetteer_alias(gz, j)->entity;
            distinct += !dup;
        }
        if (distinct < 2)
            continue;
        reported++;
        printf("ambiguous: %s:%zu: '%s' names %zu entities:", a->source, a->line, a->text,
               distinct);
        for (uint32_t j = (uint32_t)i; j != UINT32_MAX; j = next[j]) {
            const ng_alias_t *b = ng_gazetteer_alias(gz, j);
            bool dup = false;
            for (uint32_t k = (uint32_t)i; k != j && !dup; k = next[k])
                dup = ng_gazetteer_alias(gz, k)->entity == b->entity;
            if (!dup)
                printf(" %s (%s:%zu)", entity_id(gz, b->entity), b->source, b->line);
        }
        printf("\n");
    }
    ng_buf_free(&key);
    free(next);
    free(last);
    ng_strmap_destroy(&groups);
    return reported;
}

static size_t report_common_words(const ng_gazetteer_t *gz)
{
    size_t reported = 0;
    ng_buf_t key = {0};
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (a->flags & NG_ALIAS_PATTERN)
            continue;
        if (strcmp(ng_gazetteer_entity_type(gz, a->entity), NG_TYPE_IGNORE) == 0)
            continue; /* absorbing such phrases is what ignore rows are for */
        if (!ng_gazetteer_is_word(gz, a->text, a->len))
            continue;
        key.len = 0;
        ng_fold_string(a->text, a->len, &key);
        if (a->flags & NG_ALIAS_FOLD) {
            counts.warnings++;
            printf("warning: %s:%zu: alias 'i:%s' of %s matches the everyday word '%s' in any "
                   "case; drop the 'i:'\n", a->source, a->line, a->text,
                   entity_id(gz, a->entity), ng_buf_cstr(&key));
        } else {
            reported++;
            printf("common word: %s:%zu: '%s' (%s) is also the word '%s'\n", a->source,
                   a->line, a->text, entity_id(gz, a->entity), ng_buf_cstr(&key));
        }
    }
    ng_buf_free(&key);
    return reported;
}

static int run_check(int argc, char **argv, char *fallback)
{
    const char *words_path = NULL;
    char *default_words = NULL;
    static const struct option longopts[] = {
        {"words", required_argument, NULL, 'W'}, {"help", no_argument, NULL, 'h'}, {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == 'W') {
            words_path = optarg;
        } else if (c == 'h') {
            fputs(gazetteer_usage, stdout);
            return EXIT_OK;
        } else {
            fprintf(stderr, "nergraph: gazetteer check: bad option '%s'; see 'nergraph "
                    "gazetteer --help'\n", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    ng_gazetteer_t *gz = ng_gazetteer_new();
    bool have_words = false;
    if (!words_path) {
        ng_buf_t b = {0};
        ng_buf_printf(&b, "%s/english-words.txt", fallback);
        default_words = b.data;
        words_path = default_words;
    }
    if (strcmp(words_path, "none") != 0) {
        ng_error_t err = {0};
        if (ng_gazetteer_load_words(gz, words_path, &err) != NG_OK) {
            fprintf(stderr, "nergraph: gazetteer check: cannot read word list (%s); pass "
                    "--words FILE or --words none\n", err.message);
            free(default_words);
            ng_gazetteer_free(gz);
            return EXIT_USAGE;
        }
        have_words = true;
    }
    free(default_words);

    ng_set_warning_handler(on_warning, NULL);
    load_all(gz, argv + optind, argc - optind, fallback, true);
    /* Patterns were compiled by the loader; a bad one is an error above. */
    size_t ambiguous = report_ambiguous(gz);
    size_t common = have_words ? report_common_words(gz) : 0;
    size_t literals = 0, patterns = 0;
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++)
        (ng_gazetteer_alias(gz, i)->flags & NG_ALIAS_PATTERN) ? patterns++ : literals++;
    printf("%zu entities, %zu literal aliases, %zu patterns: %zu error%s, %zu warning%s, "
           "%zu ambiguous alias%s, %zu common-word alias%s%s\n",
           ng_gazetteer_entity_count(gz), literals, patterns, counts.errors,
           counts.errors == 1 ? "" : "s", counts.warnings, counts.warnings == 1 ? "" : "s",
           ambiguous, ambiguous == 1 ? "" : "es", common, common == 1 ? "" : "es",
           have_words ? "" : " (word list not used)");
    ng_gazetteer_free(gz);
    return counts.errors ? EXIT_DATA : EXIT_OK;
}

/* ---- stats ---------------------------------------------------------- */

typedef struct script_range {
    int32_t lo, hi;
    const char *name;
} script_range_t;

/* Unicode blocks of the scripts gazetteers are written in, sorted. */
static const script_range_t script_ranges[] = {
    {0x0041, 0x024F, "Latin"},      {0x0370, 0x03FF, "Greek"},
    {0x0400, 0x052F, "Cyrillic"},   {0x0530, 0x058F, "Armenian"},
    {0x0590, 0x05FF, "Hebrew"},     {0x0600, 0x06FF, "Arabic"},
    {0x0700, 0x074F, "Syriac"},     {0x0750, 0x077F, "Arabic"},
    {0x0780, 0x07BF, "Thaana"},     {0x07C0, 0x07FF, "NKo"},
    {0x08A0, 0x08FF, "Arabic"},     {0x0900, 0x097F, "Devanagari"},
    {0x0980, 0x09FF, "Bengali"},    {0x0A00, 0x0A7F, "Gurmukhi"},
    {0x0A80, 0x0AFF, "Gujarati"},   {0x0B00, 0x0B7F, "Oriya"},
    {0x0B80, 0x0BFF, "Tamil"},      {0x0C00, 0x0C7F, "Telugu"},
    {0x0C80, 0x0CFF, "Kannada"},    {0x0D00, 0x0D7F, "Malayalam"},
    {0x0D80, 0x0DFF, "Sinhala"},    {0x0E00, 0x0E7F, "Thai"},
    {0x0E80, 0x0EFF, "Lao"},        {0x0F00, 0x0FFF, "Tibetan"},
    {0x1000, 0x109F, "Myanmar"},    {0x10A0, 0x10FF, "Georgian"},
    {0x1100, 0x11FF, "Hangul"},     {0x1200, 0x139F, "Ethiopic"},
    {0x13A0, 0x13FF, "Cherokee"},   {0x1400, 0x167F, "Canadian Syllabics"},
    {0x1780, 0x17FF, "Khmer"},      {0x1800, 0x18AF, "Mongolian"},
    {0x1C80, 0x1C8F, "Cyrillic"},   {0x1C90, 0x1CBF, "Georgian"},
    {0x1E00, 0x1EFF, "Latin"},      {0x1F00, 0x1FFF, "Greek"},
    {0x2C60, 0x2C7F, "Latin"},      {0x2D30, 0x2D7F, "Tifinagh"},
    {0x2DE0, 0x2DFF, "Cyrillic"},   {0x3040, 0x309F, "Hiragana"},
    {0x30A0, 0x30FF, "Katakana"},   {0x3130, 0x318F, "Hangul"},
    {0x31F0, 0x31FF, "Katakana"},   {0x3400, 0x4DBF, "Han"},
    {0x4E00, 0x9FFF, "Han"},        {0xA640, 0xA69F, "Cyrillic"},
    {0xA720, 0xA7FF, "Latin"},      {0xAB30, 0xAB6F, "Latin"},
    {0xAC00, 0xD7AF, "Hangul"},     {0xF900, 0xFAFF, "Han"},
    {0xFB1D, 0xFB4F, "Hebrew"},     {0xFB50, 0xFDFF, "Arabic"},
    {0xFE70, 0xFEFF, "Arabic"},     {0xFF21, 0xFF5A, "Latin"},
    {0x20000, 0x2FFFF, "Han"},
};

/* The script of the first letter of s ("Other" when none is listed;
 * "Common" when s has no letter, e.g. a number). */
static const char *script_of(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        i += ng_utf8_decode((const unsigned char *)s, len, i, &cp);
        if (!ng_is_word_cp(cp) || (cp >= '0' && cp <= '9'))
            continue;
        size_t lo = 0, hi = sizeof script_ranges / sizeof *script_ranges;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (cp < script_ranges[mid].lo)
                hi = mid;
            else if (cp > script_ranges[mid].hi)
                lo = mid + 1;
            else
                return script_ranges[mid].name;
        }
        return "Other";
    }
    return "Common";
}

typedef struct tally {
    const char *name;
    size_t entities, aliases;
} tally_t;

static tally_t *tally_get(tally_t **t, size_t *count, size_t *cap, const char *name)
{
    for (size_t i = 0; i < *count; i++)
        if (strcmp((*t)[i].name, name) == 0)
            return &(*t)[i];
    NG_GROW(*t, *cap, *count + 1);
    (*t)[*count] = (tally_t){name, 0, 0};
    return &(*t)[(*count)++];
}

static int cmp_tally(const void *pa, const void *pb)
{
    const tally_t *a = pa, *b = pb;
    if (a->aliases != b->aliases)
        return a->aliases > b->aliases ? -1 : 1;
    return strcmp(a->name, b->name);
}

static int run_stats(int argc, char **argv, char *fallback)
{
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        fputs(gazetteer_usage, stdout);
        return EXIT_OK;
    }
    for (int i = 1; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "nergraph: gazetteer stats: bad option '%s'; see 'nergraph "
                    "gazetteer --help'\n", argv[i]);
            return EXIT_USAGE;
        }
    ng_gazetteer_t *gz = load_all(NULL, argv + 1, argc - 1, fallback, false);
    if (!gz)
        return EXIT_DATA;
    tally_t *types = NULL, *scripts = NULL;
    size_t ntypes = 0, ctypes = 0, nscripts = 0, cscripts = 0, patterns = 0;
    for (uint32_t e = 0; e < ng_gazetteer_entity_count(gz); e++)
        tally_get(&types, &ntypes, &ctypes, ng_gazetteer_entity_type(gz, e))->entities++;
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        tally_get(&types, &ntypes, &ctypes, ng_gazetteer_entity_type(gz, a->entity))->aliases++;
        if (a->flags & NG_ALIAS_PATTERN) {
            patterns++;
            continue;
        }
        tally_get(&scripts, &nscripts, &cscripts, script_of(a->text, a->len))->aliases++;
    }
    if (ntypes)
        qsort(types, ntypes, sizeof *types, cmp_tally);
    if (nscripts)
        qsort(scripts, nscripts, sizeof *scripts, cmp_tally);
    printf("%zu entities, %zu aliases (names included; %zu patterns)\n\n",
           ng_gazetteer_entity_count(gz), ng_gazetteer_alias_count(gz), patterns);
    printf("%-20s %10s %10s\n", "type", "entities", "aliases");
    for (size_t i = 0; i < ntypes; i++)
        printf("%-20s %10zu %10zu\n", types[i].name, types[i].entities, types[i].aliases);
    printf("\n%-20s %10s\n", "script", "aliases");
    for (size_t i = 0; i < nscripts; i++)
        printf("%-20s %10zu\n", scripts[i].name, scripts[i].aliases);
    free(types);
    free(scripts);
    ng_gazetteer_free(gz);
    return EXIT_OK;
}

int cli_gazetteer_main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(gazetteer_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    char *fallback = cli_default_gazetteer_dir();
    int rc;
    if (strcmp(argv[1], "check") == 0) {
        rc = run_check(argc - 1, argv + 1, fallback);
    } else if (strcmp(argv[1], "stats") == 0) {
        rc = run_stats(argc - 1, argv + 1, fallback);
    } else {
        fprintf(stderr, "nergraph: gazetteer: unknown command '%s'; use check or stats\n",
                argv[1]);
        rc = EXIT_USAGE;
    }
    free(fallback);
    if (fflush(stdout) != 0 && rc == EXIT_OK) {
        fprintf(stderr, "nergraph: cannot write the report\n");
        rc = EXIT_DATA;
    }
    return rc;
}
