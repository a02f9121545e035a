/*
 * The command line: options into a cli_options_t, --help text, and where
 * the bundled gazetteers are.  Every message here ends in exit status 2,
 * but the one saying the bundled gazetteers cannot be found (1).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
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
"       nergraph gazetteer check|stats|compile ...  (see nergraph gazetteer --help)\n"
"       nergraph merge [OPTIONS] PARTIAL...   (see nergraph merge --help)\n"
"       nergraph discover [OPTIONS] [INPUT...]   (see nergraph discover --help)\n"
"Find people, countries and organizations in text and write who occurs\n"
"with whom as a graph.\n"
"\n"
"INPUT is a file, a directory (read recursively, in sorted order, hidden\n"
"entries skipped, and so are -o's file and its temporary files) or '-' for\n"
"standard input; with no INPUT, standard input.  Each file is one document\n"
"and is read once: named twice, or reached again through a symlink or a\n"
"walked directory, it is skipped with a warning.  A file named *.jsonl or\n"
"*.ndjson holds one document per line (see --input-format).  A file named\n"
"*.gz is decompressed as it is read (gzip; in a walk too: name.txt.gz is\n"
"text, name.jsonl.gz JSON Lines), and so is standard input that starts\n"
"with gzip's magic bytes.\n"
"\n"
"Options:\n"
"  -g, --gazetteer PATH   gazetteer file, or directory of *.tsv files;\n"
"                         repeatable; default: the bundled gazetteers; or\n"
"                         one compiled gazetteer (gazetteer compile), alone\n"
"  -w, --window UNIT      what counts as \"together\": sentence (default),\n"
"                         paragraph, document, or tokens:N (mentions at most\n"
"                         N tokens apart)\n"
"  -o, --output PATH      write here instead of standard output; the file is\n"
"                         written whole or not at all\n"
"  -f, --format FMT       what to write; without -f, the format that -o's\n"
"                         extension names, else %s (default).  Formats:\n";

static const char usage_tail[] =
"      --min-weight X     drop edges whose weight is below X: a whole number\n"
"                         of windows for --weight count, else a number\n"
"                         (default: keep every edge)\n"
"      --weight MEASURE   what an edge's weight says: count (default; shared\n"
"                         windows), dice, jaccard, pmi or npmi (from window\n"
"                         counts; not with tokens:N); the raw number is\n"
"                         always in the edge's count\n"
"      --backbone ALPHA   keep only the edges the disparity filter finds\n"
"                         significant at level ALPHA (0 < ALPHA < 1, e.g.\n"
"                         0.05) at either end; needs count, dice or jaccard\n"
"      --evidence N       attach up to N (1-1000) supporting snippets to each\n"
"                         edge: the first windows where both entities occur,\n"
"                         quoted (graph formats only)\n"
"      --layout NAME      diagram layout: dot, neato, fdp, sfdp or circo;\n"
"                         default neato, sfdp above 100 entities\n"
"      --color BY         diagram colours: type (default) or community (needs\n"
"                         --analyze)\n"
"      --size COLUMN      diagram node size: a numeric node column (default\n"
"                         mentions; e.g. pagerank with --analyze)\n"
"      --no-isolates      drop entities that have no edge\n"
"      --types LIST       keep only these entity types, comma separated\n"
"                         (e.g. person,country), in every format; a type no\n"
"                         loaded entity has is an error that lists the types\n"
"                         they have ('ignore' rows never become mentions, so\n"
"                         it is not one of them)\n"
"      --exclude-id IDS   drop these entities (ids, comma separated; repeatable)\n"
"      --ego ID           keep ID and the entities within --depth K edges of it\n"
"      --depth K          hops from --ego (default 1)\n"
"      --top N            keep the N strongest entities (ties: smaller id)\n"
"      --top-by MEASURE   what strongest means: mentions (default), documents,\n"
"                         windows, degree, weighted_degree, pagerank,\n"
"                         betweenness or eigenvector (computed on the graph as\n"
"                         filtered so far).  Filters apply in this order:\n"
"                         types, exclude-id, min-weight, backbone, ego, top,\n"
"                         no-isolates\n"
"      --analyze          add degree, weighted_degree, pagerank, betweenness,\n"
"                         eigenvector, component and community (Leiden) to\n"
"                         every node, and the modularity to the graph\n"
"      --discover         also tag people and organizations the gazetteers lack,\n"
"                         found by rules (see nergraph discover --help); ids\n"
"                         person:~slug, organization:~slug, attribute\n"
"                         source=discovered; gazetteer entities always win.\n"
"                         Reads the inputs twice (a pipe on standard input\n"
"                         is copied to a temporary file first)\n"
"      --no-auto-aliases  do not match a person's bare surname after their\n"
"                         full name (explicit aliases still match)\n"
"      --count-credits    let credits and datelines (\"MEXICO CITY (Reuters) -\",\n"
"                         \"(Reporting by ...)\", \"By Jane Doe, AP\") take part\n"
"                         in co-occurrence; by default their names are\n"
"                         mentions without edges\n"
"      --words FILE       common words (one per line): a name that is one\n"
"                         (\"Shell\", \"Apple\") at a sentence start or in a\n"
"                         title is read as the word in a text that names no\n"
"                         entity mid-sentence; default: english-words.txt of\n"
"                         each -g directory (the bundled one has it);\n"
"                         'none': no list\n"
"      --given-names FILE given names (one per line): a one-word country or\n"
"                         organization name that is one (\"Jordan\", \"Chad\")\n"
"                         right before a capitalized word (\"Jordan Pike\") is\n"
"                         read as a first name, and --discover reads one\n"
"                         before a capitalized surname as a person; default:\n"
"                         given-names.txt of each -g directory, else the\n"
"                         bundled one (a compiled gazetteer keeps its own);\n"
"                         'none': no list\n"
"      --include GLOB     in directory walks, read only the files whose name\n"
"                         matches GLOB (e.g. '*.txt'; fnmatch(3) on the base\n"
"                         name); repeatable: any of them\n"
"      --exclude GLOB     in directory walks, skip the files and directories\n"
"                         whose name matches GLOB; repeatable.  A file named\n"
"                         as INPUT is read whatever the globs say\n"
"  -j, --jobs N           documents in parallel on N threads (1-256; default:\n"
"                         every online processor); the output is the same\n"
"                         as with -j 1\n"
"      --input-format FMT how inputs hold documents: text (a file is one\n"
"                         document), jsonl (JSON Lines: one JSON object per\n"
"                         line, one document each; malformed lines are\n"
"                         skipped with a warning) or auto (default: by name,\n"
"                         *.jsonl, *.ndjson, *.jsonl.gz and *.ndjson.gz are\n"
"                         JSON Lines, anything else and standard input text)\n"
"      --text-field NAME  JSON Lines: the member holding the text (default\n"
"                         text; a string)\n"
"      --id-field NAME    JSON Lines: the member naming the document in every\n"
"                         output (default id; a string or a number; missing:\n"
"                         FILE:LINE)\n"
"  -q, --quiet            no progress line (it is shown only when stderr is\n"
"                         a terminal); warnings are still printed\n"
"      --emit partial     write the run's counts (and --evidence snippets) as\n"
"                         a partial result instead of a graph, for nergraph\n"
"                         merge to add up with others (see nergraph merge\n"
"                         --help); graph options belong to the merge\n"
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
"malformed or cannot be found, the output could not be written, or\n"
"--strict saw a warning; 2 bad command line (an unknown option or --types\n"
"type, a bad value, the output file named as an input).\n"
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
        if (f->directory) /* its extensions are those of the files inside */
            snprintf(exts, sizeof exts, "-o DIR");
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

enum { OPT_MIN_WEIGHT = 256, OPT_NO_ISOLATES, OPT_TYPES, OPT_NO_AUTO, OPT_COUNT_CREDITS, OPT_STRICT, OPT_VERSION,
       OPT_WORDS, OPT_GIVEN_NAMES, OPT_INCLUDE, OPT_EXCLUDE };
enum { OPT_ANALYZE = 512, OPT_TOP, OPT_TOP_BY, OPT_EXCLUDE_ID, OPT_EGO, OPT_DEPTH };
enum { OPT_WEIGHT = 768, OPT_BACKBONE, OPT_EVIDENCE };
enum { OPT_LAYOUT = 1024, OPT_COLOR, OPT_SIZE };
/* -j: documents in parallel; its cap is the library's. */
#define MAX_JOBS 256
enum { OPT_INPUT_FORMAT = 5376, OPT_TEXT_FIELD, OPT_ID_FIELD };
enum { OPT_EMIT = 1280 };
enum { OPT_DISCOVER = 1536 };

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "nergraph: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'nergraph --help' for more information.\n");
    return EXIT_USAGE;
}

/* The bundled gazetteers: $NERGRAPH_GAZETTEERS when set (returned whether
 * or not it exists), else the first of these that is a directory: beside
 * the binary (a build tree: build/nergraph -> gazetteers/; an install:
 * bin/nergraph -> share/nergraph/gazetteers), then the compiled-in data
 * directory.  NULL when none is, with the places tried in *looked
 * ("A, B, C").  Caller frees. */
static char *find_bundled_gazetteers(cli_buf_t *looked)
{
    const char *env = getenv("NERGRAPH_GAZETTEERS");
    if (env && *env)
        return cli_xstrdup(env);
    /* /proc/self/exe is free of symlinks and dot-dots, so the binary's
     * parent directory is found by cutting names: messages then read
     * /opt/gazetteers, not /opt/bin/../gazetteers. */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *places[3];
    size_t count = 0;
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            slash = strrchr(exe, '/');
            if (slash)
                *slash = '\0'; /* the directory above the binary's; "" for "/" */
            static const char *rel[] = {"/gazetteers", "/share/nergraph/gazetteers"};
            for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
                cli_buf_t b = {0};
                cli_buf_printf(&b, "%s%s", slash ? exe : "", rel[i]);
                places[count++] = b.data;
            }
        }
    }
    places[count++] = cli_xstrdup(NG_DATADIR "/gazetteers");
    char *found = NULL;
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        if (!found && stat(places[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            found = places[i];
            continue;
        }
        if (looked)
            cli_buf_printf(looked, "%s%s", looked->len ? ", " : "", places[i]);
        free(places[i]);
    }
    return found;
}

char *cli_default_gazetteer_dir(void)
{
    char *dir = find_bundled_gazetteers(NULL);
    return dir ? dir : cli_xstrdup(NG_DATADIR "/gazetteers");
}

/* No -g: the bundled gazetteers, or a message that says where they were
 * looked for and how to point at them (a copied binary finds none).
 * Returns -1 when found, else EXIT_DATA. */
static int use_bundled_gazetteers(cli_options_t *o)
{
    cli_buf_t looked = {0};
    char *dir = find_bundled_gazetteers(&looked);
    if (!dir) {
        fprintf(stderr, "nergraph: cannot find the bundled gazetteers (NERGRAPH_GAZETTEERS "
                "is not set; looked for %s); name them with -g PATH or set "
                "NERGRAPH_GAZETTEERS=DIR\n", looked.data);
        cli_buf_free(&looked);
        return EXIT_DATA;
    }
    cli_buf_free(&looked);
    struct stat st;
    const char *env = getenv("NERGRAPH_GAZETTEERS");
    if (env && *env && stat(env, &st) != 0) {
        fprintf(stderr, "nergraph: NERGRAPH_GAZETTEERS=%s: %s; set it to the gazetteer "
                "directory, or name the gazetteers with -g PATH\n", env, strerror(errno));
        free(dir);
        return EXIT_DATA;
    }
    o->default_gazetteer_dir = dir;
    o->gazetteers[o->gazetteer_count++] = dir;
    return -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int cli_check_types(const cli_options_t *o, const ng_gazetteer_t *gz)
{
    uint32_t entities = ng_gazetteer_entity_count(gz);
    for (size_t i = 0; i < o->graph.type_count; i++) {
        const char *want = o->types[i];
        bool is_ignore = strcmp(want, NG_TYPE_IGNORE) == 0, found = false;
        for (uint32_t e = 0; e < entities && !found && !is_ignore; e++)
            found = strcmp(ng_gazetteer_entity_type(gz, e), want) == 0;
        if (found)
            continue;
        /* The types there are, sorted and once each, "ignore" left out. */
        const char **types = cli_xcalloc(entities + 1, sizeof *types);
        for (uint32_t e = 0; e < entities; e++)
            types[e] = ng_gazetteer_entity_type(gz, e);
        if (entities)
            qsort(types, entities, sizeof *types, cmp_str);
        cli_buf_t list = {0};
        for (uint32_t e = 0; e < entities; e++)
            if ((e == 0 || strcmp(types[e], types[e - 1]) != 0) &&
                strcmp(types[e], NG_TYPE_IGNORE) != 0)
                cli_buf_printf(&list, "%s%s", list.len ? ", " : "", types[e]);
        free(types);
        if (is_ignore)
            fprintf(stderr, "nergraph: --types: '%s' rows mark phrases that are not names "
                    "and never become mentions; the loaded types are: %s\n",
                    want, list.len ? list.data : "(none)");
        else
            fprintf(stderr, "nergraph: --types: no entity in the gazetteers has type '%s'; "
                    "the loaded types are: %s\n", want, list.len ? list.data : "(none)");
        fprintf(stderr, "Try 'nergraph --help' for more information.\n");
        cli_buf_free(&list);
        return EXIT_USAGE;
    }
    return -1;
}

/* Reading the output as an input would feed an old graph (or half of the
 * new one) back in; a directory walk skips it by itself, an INPUT named
 * explicitly is refused. */
static int check_output_not_input(const cli_options_t *o)
{
    struct stat out, in;
    if (!o->output || strcmp(o->output, "-") == 0 || stat(o->output, &out) != 0 ||
        !S_ISREG(out.st_mode))
        return -1;
    for (int i = 0; i < o->input_count; i++)
        if (strcmp(o->inputs[i], "-") != 0 && stat(o->inputs[i], &in) == 0 &&
            in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
            fprintf(stderr, "nergraph: %s: the output file is also an input; write the "
                    "output elsewhere or leave it out of the inputs\n"
                    "Try 'nergraph --help' for more information.\n", o->inputs[i]);
            return EXIT_USAGE;
        }
    return -1;
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

/* A finite number, the whole string. */
static bool parse_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* --min-weight is read once --weight is known: a count threshold is a
 * whole number, as it always was; a measure's is any number. */
static int parse_min_weight(cli_options_t *o, const char *arg)
{
    if (o->graph.weight == NG_WEIGHT_COUNT) {
        size_t n;
        if (!parse_count(arg, &n))
            return usage_error("--min-weight takes a whole number of 1 or more, not '%s'", arg);
        o->graph.min_weight = (double)n;
        return -1;
    }
    if (!parse_number(arg, &o->graph.min_weight)) {
        char msg[128];
        snprintf(msg, sizeof msg, "--min-weight takes a number with --weight %s, not '%%s'",
                 ng_weight_name(o->graph.weight));
        return usage_error(msg, arg);
    }
    return -1;
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
    /* A format that writes several files needs a directory to put them
     * in; "-o graph.csv" names one of those files, not the directory. */
    if (o->format->directory && (!o->output || strcmp(o->output, "-") == 0 || by_ext)) {
        fprintf(stderr, "nergraph: the %s format writes a directory of files; name it with "
                "-f %s -o DIR%s%s%s\n"
                "Try 'nergraph --help' for more information.\n",
                o->format->name, o->format->name, by_ext ? " (not " : "",
                by_ext ? o->output : "", by_ext ? ", which names a file)" : "");
        return EXIT_USAGE;
    }
    return -1;
}

/* --exclude-id a,b (repeatable): the ids join the list.  False if arg
 * names none. */
static bool add_exclude_ids(cli_options_t *o, const char *arg)
{
    size_t before = o->graph.exclude_id_count;
    char *copy = cli_xstrdup(arg);
    for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
        if (!*tok)
            continue;
        CLI_GROW(o->exclude_ids, o->exclude_cap, o->graph.exclude_id_count + 1);
        o->exclude_ids[o->graph.exclude_id_count++] = cli_xstrdup(tok);
    }
    free(copy);
    o->graph.exclude_ids = (const char *const *)o->exclude_ids;
    return o->graph.exclude_id_count > before;
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
        {"count-credits", no_argument, NULL, OPT_COUNT_CREDITS},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"words", required_argument, NULL, OPT_WORDS},
        {"given-names", required_argument, NULL, OPT_GIVEN_NAMES},
        {"include", required_argument, NULL, OPT_INCLUDE},
        {"exclude", required_argument, NULL, OPT_EXCLUDE},
        {"analyze", no_argument, NULL, OPT_ANALYZE},
        {"top", required_argument, NULL, OPT_TOP},
        {"top-by", required_argument, NULL, OPT_TOP_BY},
        {"exclude-id", required_argument, NULL, OPT_EXCLUDE_ID},
        {"ego", required_argument, NULL, OPT_EGO},
        {"depth", required_argument, NULL, OPT_DEPTH},
        {"weight", required_argument, NULL, OPT_WEIGHT},
        {"backbone", required_argument, NULL, OPT_BACKBONE},
        {"evidence", required_argument, NULL, OPT_EVIDENCE},
        {"layout", required_argument, NULL, OPT_LAYOUT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"size", required_argument, NULL, OPT_SIZE},
        {"jobs", required_argument, NULL, 'j'},
        {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
        {"text-field", required_argument, NULL, OPT_TEXT_FIELD},
        {"id-field", required_argument, NULL, OPT_ID_FIELD},
        {"quiet", no_argument, NULL, 'q'},
        {"emit", required_argument, NULL, OPT_EMIT},
        {"discover", no_argument, NULL, OPT_DISCOVER},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->gazetteers = cli_xcalloc((size_t)argc + 2, sizeof *o->gazetteers);
    o->include = cli_xcalloc((size_t)argc + 1, sizeof *o->include);
    o->exclude = cli_xcalloc((size_t)argc + 1, sizeof *o->exclude);
    o->window = (ng_window_t){NG_WINDOW_SENTENCE, 0};
    ng_graph_options_init(&o->graph);
    ng_tagger_options_init(&o->tagger);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = cores < 1 ? 1 : cores > MAX_JOBS ? MAX_JOBS : (unsigned)cores;
    ng_input_options_init(&o->input);
    o->input_by_name = true;
    ng_error_t err = {0};
    bool depth_given = false;
    if (argc > 1 && strcmp(argv[1], "merge") == 0) { /* nergraph merge: cli_merge.c */
        o->merge = true;
        argc--;
        argv++;
    }
    const char *min_weight = NULL;

    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":g:w:f:o:hj:q", longopts, NULL)) != -1) {
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
            min_weight = optarg;
            break;
        case OPT_WEIGHT:
            if (ng_weight_parse(optarg, &o->graph.weight, &err))
                return usage_error("%s", err.message);
            break;
        case OPT_BACKBONE:
            if (!parse_number(optarg, &o->graph.backbone) || o->graph.backbone <= 0 ||
                o->graph.backbone >= 1)
                return usage_error("--backbone takes a significance level between 0 and 1 "
                                   "(exclusive), such as 0.05, not '%s'", optarg);
            break;
        case OPT_EVIDENCE:
            if (!parse_count(optarg, &o->evidence) || o->evidence > 1000)
                return usage_error("--evidence takes a whole number from 1 to 1000, not '%s'",
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
        case OPT_COUNT_CREDITS:
            o->tagger.count_credits = true;
            break;
        case OPT_STRICT:
            o->strict = true;
            break;
        case OPT_WORDS:
            o->words = optarg;
            break;
        case OPT_GIVEN_NAMES:
            o->given_names = optarg;
            break;
        case OPT_INCLUDE:
        case OPT_EXCLUDE:
            if (!*optarg)
                return usage_error("--%s needs a pattern, e.g. '*.txt'",
                                   c == OPT_INCLUDE ? "include" : "exclude");
            if (c == OPT_INCLUDE)
                o->include[o->include_count++] = optarg;
            else
                o->exclude[o->exclude_count++] = optarg;
            break;
        case OPT_ANALYZE:
            o->analyze = true;
            break;
        case OPT_TOP:
            if (!parse_count(optarg, &o->graph.top))
                return usage_error("--top takes a whole number of 1 or more, not '%s'", optarg);
            break;
        case OPT_TOP_BY:
            o->graph.top_by = optarg;
            break;
        case OPT_EXCLUDE_ID:
            if (!add_exclude_ids(o, optarg))
                return usage_error("--exclude-id needs at least one id, not '%s'", optarg);
            break;
        case OPT_EGO:
            o->graph.ego = optarg;
            break;
        case OPT_DEPTH:
            if (!parse_count(optarg, &o->graph.ego_depth))
                return usage_error("--depth takes a whole number of 1 or more, not '%s'", optarg);
            depth_given = true;
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
        case 'j': {
            size_t n;
            if (!parse_count(optarg, &n) || n > MAX_JOBS)
                return usage_error("-j/--jobs takes a whole number from 1 to 256, not '%s'",
                                   optarg);
            o->jobs = (unsigned)n;
            break;
        }
        case OPT_INPUT_FORMAT:
            o->input_by_name = strcmp(optarg, "auto") == 0;
            if (strcmp(optarg, "text") == 0)
                o->input.format = NG_INPUT_TEXT;
            else if (strcmp(optarg, "jsonl") == 0)
                o->input.format = NG_INPUT_JSONL;
            else if (!o->input_by_name)
                return usage_error("--input-format takes text, jsonl or auto, not '%s'", optarg);
            break;
        case OPT_TEXT_FIELD:
        case OPT_ID_FIELD:
            if (!*optarg)
                return usage_error("--%s needs a member name, e.g. 'body'",
                                   c == OPT_TEXT_FIELD ? "text-field" : "id-field");
            if (c == OPT_TEXT_FIELD)
                o->input.text_field = optarg;
            else
                o->input.id_field = optarg;
            break;
        case 'q':
            o->quiet = true;
            break;
        case OPT_EMIT:
            if (strcmp(optarg, "partial") != 0)
                return usage_error("--emit takes 'partial', not '%s'", optarg);
            o->emit_partial = true;
            break;
        case OPT_DISCOVER:
            o->discover = true;
            break;
        case 'h':
            if (o->merge)
                cli_merge_usage(stdout);
            else
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

    if (o->graph.top_by && !o->graph.top)
        return usage_error("--top-by %s needs --top N", o->graph.top_by);
    if (depth_given && !o->graph.ego)
        return usage_error("--depth needs --ego ID%s", "");
    int st = cli_partial_options(o, min_weight != NULL);
    if (st >= 0)
        return st;
    st = resolve_format(o);
    if (st >= 0)
        return st;
    if (min_weight && (st = parse_min_weight(o, min_weight)) >= 0)
        return st;
    if (ng_graph_check_weights(&o->graph, &o->window, &err))
        return usage_error("%s", err.message);
    o->inputs = argv + optind;
    o->input_count = argc - optind;
    st = check_output_not_input(o);
    if (st >= 0)
        return st;
    if (!o->gazetteer_count)
        return use_bundled_gazetteers(o);
    return -1;
}

int cli_options_default_gazetteers(cli_options_t *o)
{
    return use_bundled_gazetteers(o);
}

void cli_options_free(cli_options_t *o)
{
    free(o->gazetteers);
    free(o->include);
    free(o->exclude);
    free(o->default_gazetteer_dir);
    free(o->types);
    free(o->types_buf);
    for (size_t i = 0; i < o->graph.exclude_id_count; i++)
        free(o->exclude_ids[i]);
    free(o->exclude_ids);
    memset(o, 0, sizeof *o);
}
