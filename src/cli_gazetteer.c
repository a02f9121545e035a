/*
 * nergraph gazetteer check|stats: tools for the people who write
 * gazetteers.  `check` loads every row it can and lists what is wrong or
 * risky, each with file:line, so that one run shows every problem of a
 * file; `stats` counts entities and aliases by type and by script.  The
 * analysis is the library's (ng_gazetteer_check.h); this file parses the
 * command line and prints.
 */
#include <getopt.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char gazetteer_usage[] =
"Usage: nergraph gazetteer check [--words FILE] [PATH...]\n"
"       nergraph gazetteer stats [PATH...]\n"
"       nergraph gazetteer compile -o FILE.ngz [--words FILE|none]\n"
"                [--given-names FILE|none] [PATH...]\n"
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
"script of the alias's first letter).\n"
"\n"
"compile writes the gazetteers (with the english-words.txt and given-names.txt\n"
"of each directory, as -g reads them; with the bundled given-names.txt when no\n"
"directory has one) and their compiled matcher into one file that loads in\n"
"a moment: use it as 'nergraph -g FILE.ngz', alone.  The output is the same\n"
"as with the sources.  A file from another nergraph version is refused:\n"
"compile again after upgrading, and after editing the sources.\n"
"  -o FILE       the compiled gazetteer to write (required)\n"
"  --words FILE  the common-word list to include instead; 'none' for none\n"
"  --given-names FILE  the given-name list to include instead; 'none' for\n"
"                none\n";

static const char *const kind_labels[] = {
    [NG_CHECK_ERROR] = "error",
    [NG_CHECK_WARNING] = "warning",
    [NG_CHECK_AMBIGUOUS] = "ambiguous",
    [NG_CHECK_COMMON_WORD] = "common word",
};

/* "kind: file:line: message", one finding a line. */
static void print_finding(void *ctx, const ng_check_finding_t *f)
{
    (void)ctx;
    printf("%s: ", kind_labels[f->kind]);
    if (f->file && f->line)
        printf("%s:%zu: ", f->file, f->line);
    else if (f->file)
        printf("%s: ", f->file);
    printf("%s\n", f->message);
}

/* The paths given, or the bundled directory when none is. */
static void paths_or_default(char **argv, int argc, char **fallback, const char *const **paths,
                             size_t *count)
{
    if (argc > 0) {
        *paths = (const char *const *)argv;
        *count = (size_t)argc;
    } else {
        *paths = (const char *const *)fallback;
        *count = 1;
    }
}

/* ---- check ---------------------------------------------------------- */

static int run_check(int argc, char **argv, char *fallback)
{
    const char *words_path = NULL;
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
    cli_buf_t default_words = {0};
    if (!words_path) {
        cli_buf_printf(&default_words, "%s/english-words.txt", fallback);
        words_path = default_words.data;
    }
    if (strcmp(words_path, "none") != 0) {
        ng_error_t err = {0};
        if (ng_gazetteer_load_words(gz, words_path, &err) != NG_OK) {
            fprintf(stderr, "nergraph: gazetteer check: cannot read word list (%s); pass "
                    "--words FILE or --words none\n", err.message);
            cli_buf_free(&default_words);
            ng_gazetteer_free(gz);
            return EXIT_USAGE;
        }
        have_words = true;
    }
    cli_buf_free(&default_words);

    const char *const *paths;
    size_t count;
    paths_or_default(argv + optind, argc - optind, &fallback, &paths, &count);
    ng_check_summary_t sum;
    ng_gazetteer_check(gz, paths, count, print_finding, NULL, &sum);
    printf("%zu entities, %zu literal aliases, %zu patterns: %zu error%s, %zu warning%s, "
           "%zu ambiguous alias%s, %zu common-word alias%s%s\n",
           sum.entities, sum.literal_aliases, sum.patterns, sum.errors,
           sum.errors == 1 ? "" : "s", sum.warnings, sum.warnings == 1 ? "" : "s",
           sum.ambiguous, sum.ambiguous == 1 ? "" : "es", sum.common_words,
           sum.common_words == 1 ? "" : "es", have_words ? "" : " (word list not used)");
    ng_gazetteer_free(gz);
    return sum.errors ? EXIT_DATA : EXIT_OK;
}

/* ---- compile -------------------------------------------------------- */

/* The common words and given names, as the main command reads them beside
 * -g directories (or --words, --given-names). */
static bool compile_lists(ng_gazetteer_t *gz, const char *words, const char *given,
                          const char *const *paths, size_t count)
{
    ng_error_t err = {0};
    if (cli_load_words(gz, words, paths, count, &err) &&
        cli_load_given_names(gz, given, paths, count, &err))
        return true;
    fprintf(stderr, "nergraph: %s\n", err.message);
    return false;
}

static void compile_warning(void *ctx, const char *message)
{
    (void)ctx;
    fprintf(stderr, "nergraph: warning: %s\n", message);
}

static int run_compile(int argc, char **argv, char *fallback)
{
    const char *words = NULL, *given = NULL, *output = NULL;
    static const struct option longopts[] = {{"words", required_argument, NULL, 'W'},
                                             {"given-names", required_argument, NULL, 'N'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        if (c == 'W') {
            words = optarg;
        } else if (c == 'N') {
            given = optarg;
        } else if (c == 'o') {
            output = optarg;
        } else if (c == 'h') {
            fputs(gazetteer_usage, stdout);
            return EXIT_OK;
        } else {
            fprintf(stderr, "nergraph: gazetteer compile: bad option '%s'; see 'nergraph "
                    "gazetteer --help'\n", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (!output || !*output || strcmp(output, "-") == 0) {
        fprintf(stderr, "nergraph: gazetteer compile: name the file to write with -o "
                "FILE.ngz\n");
        return EXIT_USAGE;
    }
    const char *const *paths;
    size_t count;
    paths_or_default(argv + optind, argc - optind, &fallback, &paths, &count);
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_gazetteer_set_diagnostics(gz, compile_warning, NULL);
    int rc = EXIT_OK;
    for (size_t i = 0; i < count && rc == EXIT_OK; i++) {
        ng_error_t err = {0};
        if (ng_gazetteer_load_path(gz, paths[i], &err) != NG_OK) {
            fprintf(stderr, "nergraph: %s\n", err.message);
            rc = EXIT_DATA;
        }
    }
    if (rc == EXIT_OK && !compile_lists(gz, words, given, paths, count))
        rc = EXIT_DATA;
    cli_output_t out = {0};
    if (rc == EXIT_OK && !cli_output_open(&out, output))
        rc = EXIT_DATA;
    if (rc == EXIT_OK) {
        ng_error_t err = {0};
        if (ng_gazetteer_write_compiled(gz, out.fp, &err) != NG_OK) {
            fprintf(stderr, "nergraph: %s: %s\n", output, err.message);
            cli_output_abort(&out);
            rc = EXIT_DATA;
        } else if (!cli_output_commit(&out)) {
            rc = EXIT_DATA;
        }
    }
    ng_gazetteer_free(gz);
    return rc;
}

/* ---- stats ---------------------------------------------------------- */

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
    const char *const *paths;
    size_t count;
    paths_or_default(argv + 1, argc - 1, &fallback, &paths, &count);
    ng_gazetteer_t *gz = ng_gazetteer_new();
    for (size_t i = 0; i < count; i++) {
        ng_error_t err = {0};
        if (ng_gazetteer_load_path(gz, paths[i], &err) != NG_OK) {
            fprintf(stderr, "nergraph: %s\n", err.message);
            ng_gazetteer_free(gz);
            return EXIT_DATA;
        }
    }
    ng_gazetteer_stats_t st;
    ng_gazetteer_stats_init(&st, gz);
    printf("%zu entities, %zu aliases (names included; %zu patterns)\n\n", st.entities,
           st.aliases, st.patterns);
    printf("%-20s %10s %10s\n", "type", "entities", "aliases");
    for (size_t i = 0; i < st.type_count; i++)
        printf("%-20s %10zu %10zu\n", st.types[i].name, st.types[i].entities,
               st.types[i].aliases);
    printf("\n%-20s %10s\n", "script", "aliases");
    for (size_t i = 0; i < st.script_count; i++)
        printf("%-20s %10zu\n", st.scripts[i].name, st.scripts[i].aliases);
    ng_gazetteer_stats_destroy(&st);
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
    } else if (strcmp(argv[1], "compile") == 0) {
        rc = run_compile(argc - 1, argv + 1, fallback);
    } else {
        fprintf(stderr, "nergraph: gazetteer: unknown command '%s'; use check, stats or compile\n",
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
