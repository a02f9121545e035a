/*
 * nergraph: the command-line tool.  It only parses options, finds inputs
 * and the bundled gazetteers, and wires libnergraph's stages together;
 * everything that knows about text or graphs lives in the library.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "nergraph.h"
#include "util.h"

#ifndef NG_DATADIR
#define NG_DATADIR "/usr/local/share/nergraph"
#endif

static const char usage_text[] =
"Usage: nergraph [OPTIONS] [INPUT...]\n"
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
"  -f, --format FMT       dot (default): Graphviz DOT;\n"
"                         json: networkx node-link JSON;\n"
"                         mentions: JSON Lines, one line per mention\n"
"  -o, --output PATH      write here instead of standard output; the file is\n"
"                         written whole or not at all\n"
"      --min-weight N     drop edges seen in fewer than N windows (default 1)\n"
"      --no-isolates      drop entities that have no edge\n"
"      --types LIST       keep only these entity types, comma separated\n"
"                         (e.g. person,country)\n"
"      --no-auto-aliases  do not match a person's bare surname after their\n"
"                         full name (explicit aliases still match)\n"
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
"malformed or the output could not be written; 2 bad command line.\n"
"\n"
"Example:\n"
"  nergraph -w paragraph -o story.dot story.txt && dot -Tsvg story.dot -o story.svg\n";

enum { OPT_MIN_WEIGHT = 256, OPT_NO_ISOLATES, OPT_TYPES, OPT_NO_AUTO, OPT_STRICT, OPT_VERSION };

typedef enum { FMT_DOT, FMT_JSON, FMT_MENTIONS } format_t;

typedef struct run {
    ng_pipeline_t *pipeline;
    const ng_gazetteer_t *gz;
    FILE *mentions_out;     /* non-NULL for -f mentions */
    int status;             /* first library error */
    ng_error_t err;
} run_t;

/* Warnings are printed as they come and counted, for --strict. */
static size_t warning_count;

static void print_warning(const char *message, void *ctx)
{
    (void)ctx;
    warning_count++;
    fprintf(stderr, "nergraph: warning: %s\n", message);
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "nergraph: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'nergraph --help' for more information.\n");
    return EXIT_USAGE;
}

static int sink_mention(void *ctx, const ng_mention_place_t *place, const ng_mention_t *m)
{
    run_t *r = ctx;
    return ng_export_mention(r->mentions_out, r->gz, place, m);
}

static int on_document(void *ctx, const char *name, const char *data, size_t len)
{
    run_t *r = ctx;
    int st = ng_pipeline_add_document(r->pipeline, name, data, len,
                                      r->mentions_out ? sink_mention : NULL, r, &r->err);
    if (st == NG_EDATA) {
        /* One document the matcher cannot take; the others still count. */
        fprintf(stderr, "nergraph: %s\n", r->err.message);
        if (!r->status)
            r->status = -1;
        return 0;
    }
    if (st) {
        r->status = st;
        return 1;
    }
    return 0;
}

/* The bundled gazetteers: $NERGRAPH_GAZETTEERS, then beside the binary (a
 * build tree: build/nergraph -> gazetteers/; an install: bin/nergraph ->
 * share/nergraph/gazetteers), then the compiled-in data directory. */
static char *default_gazetteer_dir(void)
{
    const char *env = getenv("NERGRAPH_GAZETTEERS");
    if (env && *env)
        return ng_xstrdup(env);
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
                ng_buf_t b = {0};
                ng_buf_printf(&b, "%s%s", exe, rel[i]);
                if (stat(b.data, &st) == 0 && S_ISDIR(st.st_mode))
                    return b.data;
                ng_buf_free(&b);
            }
        }
    }
    return ng_xstrdup(NG_DATADIR "/gazetteers");
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

int main(int argc, char **argv)
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
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    const char **gazetteers = ng_xcalloc((size_t)argc + 1, sizeof *gazetteers);
    size_t ngaz = 0;
    ng_window_t window = {NG_WINDOW_SENTENCE, 0};
    format_t format = FMT_DOT;
    const char *output = NULL;
    ng_graph_options_t gopts;
    ng_graph_options_init(&gopts);
    ng_tagger_options_t topts;
    ng_tagger_options_init(&topts);
    char *types_copy = NULL;
    const char **types = NULL;
    ng_error_t err = {0};
    int exit_code = EXIT_OK;
    bool strict = false;
    ng_set_warning_handler(print_warning, NULL);

    ng_gazetteer_t *gz = NULL;
    ng_tagger_t *tagger = NULL;
    ng_pipeline_t *pipeline = NULL;
    ng_graph_t *graph = NULL;
    char *default_dir = NULL;
    cli_output_t out = {0};
    bool out_open = false;

    /* A closed pipe (nergraph ... | head) ends the run quietly, even when
     * the parent process ignored SIGPIPE. */
    signal(SIGPIPE, SIG_DFL);
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":g:w:f:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'g':
            gazetteers[ngaz++] = optarg;
            break;
        case 'w':
            if (ng_window_parse(optarg, &window, &err)) {
                exit_code = usage_error("%s", err.message);
                goto out;
            }
            break;
        case 'f':
            if (strcmp(optarg, "dot") == 0)
                format = FMT_DOT;
            else if (strcmp(optarg, "json") == 0)
                format = FMT_JSON;
            else if (strcmp(optarg, "mentions") == 0)
                format = FMT_MENTIONS;
            else {
                exit_code = usage_error("unknown format '%s'; use dot, json or mentions", optarg);
                goto out;
            }
            break;
        case 'o':
            output = optarg;
            break;
        case OPT_MIN_WEIGHT:
            if (!parse_count(optarg, &gopts.min_weight)) {
                exit_code = usage_error("--min-weight takes a whole number of 1 or more, not '%s'",
                                        optarg);
                goto out;
            }
            break;
        case OPT_NO_ISOLATES:
            gopts.no_isolates = true;
            break;
        case OPT_TYPES: {
            free(types_copy);
            free(types);
            types_copy = ng_xstrdup(optarg);
            types = ng_xcalloc(strlen(optarg) + 1, sizeof *types);
            gopts.type_count = 0;
            for (char *tok = strtok(types_copy, ","); tok; tok = strtok(NULL, ","))
                if (*tok)
                    types[gopts.type_count++] = tok;
            if (!gopts.type_count) {
                exit_code = usage_error("--types needs at least one type, e.g. '%s'",
                                        "person,country");
                goto out;
            }
            gopts.types = types;
            break;
        }
        case OPT_NO_AUTO:
            topts.auto_aliases = false;
            break;
        case OPT_STRICT:
            strict = true;
            break;
        case 'h':
            fputs(usage_text, stdout);
            goto out;
        case OPT_VERSION:
            printf("nergraph %s\n", NG_VERSION);
            goto out;
        case ':':
            exit_code = usage_error("option '%s' needs a value", argv[optind - 1]);
            goto out;
        default:
            if (takes_no_value(longopts, argv[optind - 1]))
                exit_code = usage_error("option '%s': this option takes no value",
                                        argv[optind - 1]);
            else
                exit_code = usage_error("unknown option '%s'", argv[optind - 1]);
            goto out;
        }
    }

    gz = ng_gazetteer_new();
    if (!ngaz) {
        default_dir = default_gazetteer_dir();
        gazetteers[ngaz++] = default_dir;
    }
    for (size_t i = 0; i < ngaz; i++) {
        if (ng_gazetteer_load_path(gz, gazetteers[i], &err)) {
            fprintf(stderr, "nergraph: %s\n", err.message);
            exit_code = EXIT_DATA;
            goto out;
        }
    }
    for (size_t i = 0; i < gopts.type_count; i++) {
        bool found = false;
        for (uint32_t e = 0; e < ng_gazetteer_entity_count(gz) && !found; e++)
            found = strcmp(ng_gazetteer_entity_type(gz, e), types[i]) == 0;
        if (!found)
            ng_warn("--types: no entity in the gazetteers has type '%s'", types[i]);
    }
    tagger = ng_tagger_new(gz, &topts, &err);
    if (!tagger) {
        fprintf(stderr, "nergraph: %s\n", err.message);
        exit_code = EXIT_DATA;
        goto out;
    }
    pipeline = ng_pipeline_new(tagger, &window);

    /* Open the output first: a run over a big corpus should not find out
     * at the end that it cannot write. */
    if (!cli_output_open(&out, output)) {
        exit_code = EXIT_DATA;
        goto out;
    }
    out_open = true;

    run_t run = {.pipeline = pipeline, .gz = gz,
                 .mentions_out = format == FMT_MENTIONS ? out.fp : NULL};
    size_t failures = 0;
    if (optind == argc) {
        cli_read_input("-", on_document, &run, &failures);
    } else {
        for (int i = optind; i < argc && run.status <= 0; i++)
            cli_read_input(argv[i], on_document, &run, &failures);
    }
    if (run.status > 0) {
        fprintf(stderr, "nergraph: %s\n", run.err.message);
        exit_code = EXIT_DATA;
        goto out;
    }
    if (failures || run.status < 0)
        exit_code = EXIT_DATA;
    if (strict && warning_count) {
        /* Mentions already streamed to stdout cannot be taken back; a file
         * is never written, and a graph is never started. */
        fprintf(stderr, "nergraph: --strict: %zu warning%s; %s\n", warning_count,
                warning_count == 1 ? "" : "s",
                out.path || format != FMT_MENTIONS ? "no output written"
                                                   : "the mentions written so far are incomplete");
        exit_code = EXIT_DATA;
        goto out;
    }

    if (format != FMT_MENTIONS) {
        graph = ng_graph_build(gz, ng_pipeline_cooc(pipeline), &gopts, &err);
        if (!graph) {
            fprintf(stderr, "nergraph: %s\n", err.message);
            exit_code = EXIT_DATA;
            goto out;
        }
        char wbuf[64];
        ng_window_format(&window, wbuf, sizeof wbuf);
        ng_graph_info_t info = {wbuf, ng_pipeline_document_count(pipeline)};
        int st = format == FMT_DOT ? ng_export_dot(out.fp, graph, &info, &err)
                                   : ng_export_json(out.fp, graph, &info, &err);
        if (st && st != NG_EIO) {
            fprintf(stderr, "nergraph: %s\n", err.message);
            exit_code = EXIT_DATA;
            goto out;
        }
    }
    out_open = false;
    if (!cli_output_commit(&out))
        exit_code = EXIT_DATA;

out:
    if (out_open)
        cli_output_abort(&out);
    ng_graph_free(graph);
    ng_pipeline_free(pipeline);
    ng_tagger_free(tagger);
    ng_gazetteer_free(gz);
    free(default_dir);
    free(types);
    free(types_copy);
    free(gazetteers);
    return exit_code;
}
