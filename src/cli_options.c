/*
 * The command line: options into a cli_options_t, --help text, and where
 * the bundled gazetteers are.  Every message here ends in exit status 2.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef NG_DATADIR
#define NG_DATADIR "/usr/local/share/nergraph"
#endif

/* --help: usage_head, the formats (from the registry), usage_tail. */
static const char usage_head[] =
"Usage: nergraph [OPTIONS] [INPUT...]\n"
"       nergraph gazetteer check|stats [PATH...]   (see nergraph gazetteer --help)\n"
"Find people, countries and organizations in text and write who occurs\n"
"with whom as a graph.\n"
"\n"
"INPUT is a file, a directory (read recursively, in sorted order, hidden\n"
"entries skipped) or '-' for standard input; with no INPUT, standard input.\n"
"Each file is one document.\n"
"\n"
"Options:\n"
"  -g, --gazetteer PATH   gazetteer file, or directory of *.tsv files;\n"
"                         repeatable; default: the bundled gazetteers\n"
"  -w, --window UNIT      what counts as \"together\": sentence (default),\n"
"                         paragraph, document, or tokens:N (mentions at most\n"
"                         N tokens apart)\n"
"  -o, --output PATH      write here instead of standard output; the file is\n"
"                         written whole or not at all\n"
"  -f, --format FMT       what to write; without -f, the format that -o's\n"
"                         extension names, else %s (default).  Formats:\n";

static const char usage_tail[] =
"      --layout NAME      diagram layout: dot, neato, fdp, sfdp or circo;\n"
"                         default neato, sfdp above 100 entities\n"
"      --color BY         diagram colours: type (default) or community (needs\n"
"                         the community column of the analysis)\n"
"      --size COLUMN      diagram node size: a numeric node column (default\n"
"                         mentions; e.g. pagerank when analysed)\n"
"      --min-weight N     drop edges seen in fewer than N windows (default 1)\n"
"      --no-isolates      drop entities that have no edge\n"
"      --types LIST       keep only these entity types, comma separated\n"
"                         (e.g. person,country)\n"
"      --no-auto-aliases  do not match a person's bare surname after their\n"
"                         full name (explicit aliases still match)\n"
"      --words FILE       common words (one per line): a name that is one\n"
"                         (\"Shell\", \"Apple\") at a sentence start or in a\n"
"                         title is read as the word in a text that names no\n"
"                         entity mid-sentence; default: english-words.txt of\n"
"                         each -g directory (the bundled one has it);\n"
"                         'none': no list\n"
"      --strict           treat every warning (invalid UTF-8, a skipped binary\n"
"                         file, an ignored alias, a pattern stopped by its\n"
"                         match limit...) as an error: exit 1, write no file\n"
"  -h, --help             show this help and exit\n"
"      --version          show the version and exit\n"
"\n"
"Environment: NERGRAPH_GAZETTEERS names the default gazetteer directory;\n"
"NERGRAPH_NO_JIT=1 runs patterns without PCRE2's JIT (for valgrind).\n"
"\n"
"Exit status: 0 success; 1 an input could not be read, a gazetteer is\n"
"malformed, the output could not be written, or --strict saw a warning;\n"
"2 bad command line.\n"
"\n"
"Example:\n"
"  nergraph -w paragraph -o story.svg story.txt\n";

/* One line per registered format: name, description, extensions; the
 * extensions go on a line of their own when they would pass column 79. */
static void print_formats(FILE *out)
{
    for (size_t i = 0; i < ng_export_format_count(); i++) {
        const ng_export_format_t *f = ng_export_format_at(i);
        char exts[128] = "";
        size_t len = 0;
        for (const char *const *e = f->extensions; *e && len < sizeof exts; e++)
            len += (size_t)snprintf(exts + len, sizeof exts - len, "%s.%s",
                                    e == f->extensions ? "" : " ", *e);
        int width = fprintf(out, "                           %-9s %s", f->name, f->description);
        if (width + 3 + (int)strlen(exts) > 79)
            fprintf(out, "\n%37s", "");
        else
            putc(' ', out);
        fprintf(out, "(%s)\n", exts);
    }
}

static void print_usage(FILE *out)
{
    fprintf(out, usage_head, ng_export_format_at(0)->name);
    print_formats(out);
    fputs(usage_tail, out);
}

/* "dot, json or mentions", for messages. */
static void format_names(char *buf, size_t n)
{
    size_t len = 0, count = ng_export_format_count();
    buf[0] = '\0';
    for (size_t i = 0; i < count && len < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s",
                                i == 0 ? "" : i + 1 == count ? " or " : ", ",
                                ng_export_format_at(i)->name);
}

enum { OPT_MIN_WEIGHT = 256, OPT_NO_ISOLATES, OPT_TYPES, OPT_NO_AUTO, OPT_STRICT, OPT_VERSION,
       OPT_WORDS, OPT_LAYOUT, OPT_COLOR, OPT_SIZE };

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "nergraph: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'nergraph --help' for more information.\n");
    return EXIT_USAGE;
}

/* The bundled gazetteers: $NERGRAPH_GAZETTEERS, then beside the binary (a
 * build tree: build/nergraph -> gazetteers/; an install: bin/nergraph ->
 * share/nergraph/gazetteers), then the compiled-in data directory. */
char *cli_default_gazetteer_dir(void)
{
    const char *env = getenv("NERGRAPH_GAZETTEERS");
    if (env && *env)
        return cli_xstrdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    struct stat st;
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *rel[] = {"/../gazetteers", "/../share/nergraph/gazetteers"};
            for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
                cli_buf_t b = {0};
                cli_buf_printf(&b, "%s%s", exe, rel[i]);
                if (stat(b.data, &st) == 0 && S_ISDIR(st.st_mode)) {
                    /* Messages name files as gazetteers/x.tsv, not
                     * bin/../gazetteers/x.tsv. */
                    char *real = realpath(b.data, NULL);
                    if (real) {
                        cli_buf_free(&b);
                        return real;
                    }
                    return b.data;
                }
                cli_buf_free(&b);
            }
        }
    }
    return cli_xstrdup(NG_DATADIR "/gazetteers");
}

/* "--no-isolates=yes": a known flag given a value getopt refuses. */
static bool takes_no_value(const struct option *opts, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (strncmp(arg, "--", 2) != 0 || !eq)
        return false;
    for (; opts->name; opts++)
        if (strlen(opts->name) == (size_t)(eq - arg - 2) &&
            strncmp(opts->name, arg + 2, (size_t)(eq - arg - 2)) == 0)
            return opts->has_arg == no_argument;
    return false;
}

static bool parse_count(const char *s, size_t *out)
{
    if (!*s || *s == '-')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || errno || v == 0)
        return false;
    *out = (size_t)v;
    return true;
}

/* -f and -o's extension: an extension names a format, and -f may repeat
 * it but not contradict it.  An unknown extension (or none: stdout, a
 * device) leaves -f, else the default, so "-o graph.txt" still writes DOT.
 * Returns -1 when consistent, else EXIT_USAGE after a message. */
static int resolve_format(cli_options_t *o)
{
    const ng_export_format_t *by_ext =
        o->output && strcmp(o->output, "-") != 0 ? ng_export_format_for_path(o->output) : NULL;
    if (o->format && by_ext && o->format != by_ext) {
        fprintf(stderr, "nergraph: -f %s contradicts -o %s, whose extension names the %s "
                "format; drop -f or change the extension\n"
                "Try 'nergraph --help' for more information.\n",
                o->format->name, o->output, by_ext->name);
        return EXIT_USAGE;
    }
    if (!o->format)
        o->format = by_ext ? by_ext : ng_export_format_at(0);
    return -1;
}

int cli_options_parse(cli_options_t *o, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"gazetteer", required_argument, NULL, 'g'},
        {"window", required_argument, NULL, 'w'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"min-weight", required_argument, NULL, OPT_MIN_WEIGHT},
        {"no-isolates", no_argument, NULL, OPT_NO_ISOLATES},
        {"types", required_argument, NULL, OPT_TYPES},
        {"no-auto-aliases", no_argument, NULL, OPT_NO_AUTO},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"words", required_argument, NULL, OPT_WORDS},
        {"layout", required_argument, NULL, OPT_LAYOUT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"size", required_argument, NULL, OPT_SIZE},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->gazetteers = cli_xcalloc((size_t)argc + 2, sizeof *o->gazetteers);
    o->window = (ng_window_t){NG_WINDOW_SENTENCE, 0};
    ng_graph_options_init(&o->graph);
    ng_tagger_options_init(&o->tagger);
    ng_error_t err = {0};

    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":g:w:f:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'g':
            o->gazetteers[o->gazetteer_count++] = optarg;
            break;
        case 'w':
            if (ng_window_parse(optarg, &o->window, &err))
                return usage_error("%s", err.message);
            break;
        case 'f':
            o->format = ng_export_format_find(optarg);
            if (!o->format) {
                char names[256], msg[512];
                format_names(names, sizeof names);
                snprintf(msg, sizeof msg, "unknown format '%%s'; use %s", names);
                return usage_error(msg, optarg);
            }
            break;
        case 'o':
            o->output = optarg;
            break;
        case OPT_MIN_WEIGHT:
            if (!parse_count(optarg, &o->graph.min_weight))
                return usage_error("--min-weight takes a whole number of 1 or more, not '%s'",
                                   optarg);
            break;
        case OPT_NO_ISOLATES:
            o->graph.no_isolates = true;
            break;
        case OPT_TYPES: {
            free(o->types_buf);
            free(o->types);
            o->types_buf = cli_xstrdup(optarg);
            o->types = cli_xcalloc(strlen(optarg) + 1, sizeof *o->types);
            o->graph.type_count = 0;
            for (char *tok = strtok(o->types_buf, ","); tok; tok = strtok(NULL, ","))
                if (*tok)
                    o->types[o->graph.type_count++] = tok;
            if (!o->graph.type_count)
                return usage_error("--types needs at least one type, e.g. '%s'",
                                   "person,country");
            o->graph.types = o->types;
            break;
        }
        case OPT_NO_AUTO:
            o->tagger.auto_aliases = false;
            break;
        case OPT_STRICT:
            o->strict = true;
            break;
        case OPT_WORDS:
            o->words = optarg;
            break;
        case OPT_LAYOUT:
            if (!ng_export_layout_known(optarg))
                return usage_error("--layout takes dot, neato, fdp, sfdp or circo, not '%s'",
                                   optarg);
            o->layout = optarg;
            break;
        case OPT_COLOR:
            if (strcmp(optarg, "type") != 0 && strcmp(optarg, "community") != 0)
                return usage_error("--color takes type or community, not '%s'", optarg);
            o->color_by = optarg;
            break;
        case OPT_SIZE:
            if (!*optarg)
                return usage_error("--size needs a numeric node column, e.g. '%s'", "mentions");
            o->size_by = optarg;
            break;
        case 'h':
            print_usage(stdout);
            return EXIT_OK;
        case OPT_VERSION:
            printf("nergraph %s\n", NG_VERSION);
            return EXIT_OK;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            if (takes_no_value(longopts, argv[optind - 1]))
                return usage_error("option '%s': this option takes no value",
                                   argv[optind - 1]);
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }

    int st = resolve_format(o);
    if (st >= 0)
        return st;
    if (!o->gazetteer_count) {
        o->default_gazetteer_dir = cli_default_gazetteer_dir();
        o->gazetteers[o->gazetteer_count++] = o->default_gazetteer_dir;
    }
    o->inputs = argv + optind;
    o->input_count = argc - optind;
    return -1;
}

void cli_options_free(cli_options_t *o)
{
    free(o->gazetteers);
    free(o->default_gazetteer_dir);
    free(o->types);
    free(o->types_buf);
    memset(o, 0, sizeof *o);
}
