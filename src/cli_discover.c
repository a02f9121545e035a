/*
 * Names the gazetteers lack: "nergraph discover" lists them, and --discover
 * adds them to a run's gazetteer before the run tags (two passes over the
 * inputs, so the discovered names take part in the tagger's surname rule
 * and the gazetteer's entities win every tie).  The rules are the
 * library's (ng_discover.h); this file counts, names and prints.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define CONTEXT_MAX 160 /* bytes of a context line */

typedef struct occurrence {
    ng_discover_kind kind;
    char *name;
    char *context;  /* NULL but for the first occurrence in its document */
    size_t seq;     /* input order */
} occurrence_t;

typedef struct entry {
    ng_discover_kind kind;
    const char *name;    /* borrowed from the occurrences */
    const char *context;
    size_t count;
    size_t first_seq;
    char *id;
} entry_t;

struct cli_discovery {
    const ng_gazetteer_t *gz;
    ng_tagger_t *tagger;
    ng_scanner_t *scanner;
    ng_discoverer_t *disc;
    ng_segments_t seg;
    occurrence_t *occ;
    size_t occ_count, occ_cap;
    entry_t *entries;
    size_t entry_count;
    int status;
    ng_error_t err;
};

cli_discovery_t *cli_discovery_new(const cli_options_t *o, const ng_gazetteer_t *gz)
{
    cli_discovery_t *d = cli_xcalloc(1, sizeof *d);
    d->gz = gz;
    ng_segments_init(&d->seg);
    /* The given names are gz's (cli_load_given_names), which the
     * discoverer reads as the tagger does. */
    d->disc = ng_discoverer_new(gz);
    d->tagger = ng_tagger_new(gz, &o->tagger, &d->err);
    if (!d->tagger) {
        fprintf(stderr, "nergraph: %s\n", d->err.message);
        cli_discovery_free(d);
        return NULL;
    }
    d->scanner = ng_scanner_new(d->tagger);
    return d;
}

void cli_discovery_free(cli_discovery_t *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->occ_count; i++) {
        free(d->occ[i].name);
        free(d->occ[i].context);
    }
    free(d->occ);
    for (size_t i = 0; i < d->entry_count; i++)
        free(d->entries[i].id);
    free(d->entries);
    ng_segments_destroy(&d->seg);
    ng_scanner_free(d->scanner);
    ng_tagger_free(d->tagger);
    ng_discoverer_free(d->disc);
    free(d);
}

static bool utf8_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* The sentence around [s, e), at most CONTEXT_MAX bytes, on one line. */
static char *context(const ng_segments_t *seg, const char *text, size_t len, size_t s, size_t e)
{
    size_t i = ng_segment_index(seg->sentence_starts, seg->sentence_count, s);
    size_t from = seg->sentence_starts[i];
    size_t to = i + 1 < seg->sentence_count ? seg->sentence_starts[i + 1] : len;
    bool cut_front = false, cut_back = false;
    if (to - from > CONTEXT_MAX) {
        if (s > from + CONTEXT_MAX / 3) {
            from = s - CONTEXT_MAX / 3;
            cut_front = true;
        }
        if (to > from + CONTEXT_MAX && to > e) {
            to = from + CONTEXT_MAX > e ? from + CONTEXT_MAX : e;
            cut_back = true;
        }
        while (from > 0 && from < len && utf8_cont((unsigned char)text[from]))
            from--;
        while (to < len && utf8_cont((unsigned char)text[to]))
            to++;
    }
    cli_buf_t b = {0};
    if (cut_front)
        cli_buf_append(&b, "...", 3);
    bool space = false;
    for (size_t k = from; k < to; k++) {
        unsigned char c = (unsigned char)text[k];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = true;
            continue;
        }
        if (c < 0x20 || c == 0x7F)
            continue;
        if (space && b.len && b.data[b.len - 1] != '.')
            cli_buf_putc(&b, ' ');
        else if (space && b.len)
            cli_buf_putc(&b, ' ');
        space = false;
        cli_buf_putc(&b, (char)c);
    }
    if (cut_back)
        cli_buf_append(&b, "...", 3);
    if (!b.data)
        cli_buf_putc(&b, '\0');
    return b.data;
}

int cli_discovery_add(cli_discovery_t *d, const char *name, const char *text, size_t len)
{
    if (ng_document_is_binary(text, len))
        return 0;
    ng_segment_text(text, len, &d->seg);
    const ng_mention_t *m;
    size_t mc;
    if (ng_scanner_tag(d->scanner, &d->seg, name, text, len, &m, &mc, &d->err)) {
        /* A document the matcher cannot take is reported by the run itself. */
        return 0;
    }
    const ng_candidate_t *c;
    size_t cc;
    ng_discover_text(d->disc, &d->seg, text, len, m, mc, &c, &cc);
    for (size_t i = 0; i < cc; i++) {
        CLI_GROW(d->occ, d->occ_cap, d->occ_count + 1);
        occurrence_t *o = &d->occ[d->occ_count];
        o->kind = c[i].kind;
        o->name = cli_xmalloc(c[i].name_len + 1);
        memcpy(o->name, c[i].name, c[i].name_len);
        o->name[c[i].name_len] = '\0';
        o->context = context(&d->seg, text, len, c[i].start, c[i].end);
        o->seq = d->occ_count++;
    }
    return 0;
}

static int cmp_occ(const void *a, const void *b)
{
    const occurrence_t *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const char *kind_type(ng_discover_kind k)
{
    return k == NG_DISCOVER_PERSON ? "person" : "organization";
}

/* Most frequent first; ties by name, then type. */
static int cmp_entry(const void *a, const void *b)
{
    const entry_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return x->kind < y->kind ? -1 : x->kind > y->kind;
}

static int cmp_id(const void *a, const void *b)
{
    const entry_t *const *x = a, *const *y = b;
    int c = strcmp((*x)->id, (*y)->id);
    if (c)
        return c;
    return *x < *y ? -1 : *x > *y;
}

/* Counted, ordered and named: entries from the occurrences. */
void cli_discovery_finish(cli_discovery_t *d)
{
    if (d->occ_count)
        qsort(d->occ, d->occ_count, sizeof *d->occ, cmp_occ);
    d->entries = cli_xcalloc(d->occ_count + 1, sizeof *d->entries);
    for (size_t i = 0; i < d->occ_count; i++) {
        occurrence_t *o = &d->occ[i];
        entry_t *last = d->entry_count ? &d->entries[d->entry_count - 1] : NULL;
        if (last && last->kind == o->kind && strcmp(last->name, o->name) == 0) {
            last->count++;
            continue;
        }
        d->entries[d->entry_count++] =
            (entry_t){o->kind, o->name, o->context, 1, o->seq, NULL};
    }
    if (d->entry_count)
        qsort(d->entries, d->entry_count, sizeof *d->entries, cmp_entry);
    for (size_t i = 0; i < d->entry_count; i++) {
        entry_t *e = &d->entries[i];
        char *slug = ng_discover_slug(e->name, strlen(e->name));
        cli_buf_t id = {0};
        cli_buf_printf(&id, "%s:~%s", kind_type(e->kind), slug);
        free(slug);
        e->id = id.data;
    }
    /* Two names with one slug ("Ana Lopez", "Ana López"): the later in
     * the listing gets "-2", "-3", ...; so does an id the gazetteer has. */
    entry_t **by_id = cli_xcalloc(d->entry_count + 1, sizeof *by_id);
    for (size_t i = 0; i < d->entry_count; i++)
        by_id[i] = &d->entries[i];
    if (d->entry_count)
        qsort(by_id, d->entry_count, sizeof *by_id, cmp_id);
    for (size_t i = 0; i < d->entry_count;) {
        size_t j = i + 1;
        while (j < d->entry_count && strcmp(by_id[j]->id, by_id[i]->id) == 0)
            j++;
        bool taken = ng_gazetteer_find(d->gz, by_id[i]->id) >= 0;
        for (size_t k = taken ? i : i + 1; k < j; k++) {
            cli_buf_t id = {0};
            cli_buf_printf(&id, "%s-%zu", by_id[k]->id, k - i + (taken ? 2 : 1));
            free(by_id[k]->id);
            by_id[k]->id = id.data;
        }
        i = j;
    }
    free(by_id);
}

/* The gazetteer row of an entry, without newline. */
static void put_row(cli_buf_t *b, const entry_t *e)
{
    cli_buf_printf(b, "%s\t%s\t%s\t\tsource=discovered", e->id, kind_type(e->kind), e->name);
}

size_t cli_discovery_count(const cli_discovery_t *d)
{
    return d->entry_count;
}

void cli_discovery_rows(const cli_discovery_t *d, cli_buf_t *out)
{
    for (size_t i = 0; i < d->entry_count; i++) {
        put_row(out, &d->entries[i]);
        cli_buf_putc(out, '\n');
    }
}

static void json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c < 0x20)
            fprintf(fp, "\\u%04x", c);
        else
            fputc(c, fp);
    }
    fputc('"', fp);
}

static void print_entries(const cli_discovery_t *d, FILE *fp, bool json)
{
    if (json)
        fputs("[", fp);
    else
        fputs("# count\ttype\tname\tcontext\t# id\ttype\tname\taliases\tattributes\n", fp);
    for (size_t i = 0; i < d->entry_count; i++) {
        const entry_t *e = &d->entries[i];
        cli_buf_t row = {0};
        put_row(&row, e);
        if (json) {
            fprintf(fp, "%s\n  {\"count\": %zu, \"type\": ", i ? "," : "", e->count);
            json_string(fp, kind_type(e->kind));
            fputs(", \"name\": ", fp);
            json_string(fp, e->name);
            fputs(", \"id\": ", fp);
            json_string(fp, e->id);
            fputs(", \"context\": ", fp);
            json_string(fp, e->context);
            fputs(", \"row\": ", fp);
            json_string(fp, row.data);
            fputs("}", fp);
        } else {
            fprintf(fp, "%zu\t%s\t%s\t%s\t%s\n", e->count, kind_type(e->kind), e->name,
                    e->context, row.data);
        }
        cli_buf_free(&row);
    }
    if (json)
        fputs(d->entry_count ? "\n]\n" : "]\n", fp);
}

/* ---- --discover in a run ------------------------------------------------ */

static void quiet(void *ctx, const char *message)
{
    (void)ctx;
    (void)message;
}

static int on_document(void *ctx, const char *name, const char *data, size_t len)
{
    return cli_discovery_add(ctx, name, data, len);
}

static bool reads_stdin(const cli_options_t *o)
{
    if (!o->input_count)
        return true;
    for (int i = 0; i < o->input_count; i++)
        if (strcmp(o->inputs[i], "-") == 0)
            return true;
    return false;
}

/*
 * --discover reads its inputs twice.  Standard input that is a file is
 * rewound to *start for the second pass; a pipe or terminal is first copied
 * to an unnamed temporary file (tmpfile(3): $TMPDIR is not consulted, it
 * lives in P_tmpdir) that then becomes standard input.  Returns 0, or
 * prints why not and returns EXIT_DATA.
 */
static int make_stdin_rereadable(off_t *start)
{
    *start = lseek(STDIN_FILENO, 0, SEEK_CUR);
    struct stat st;
    if (*start >= 0 && fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode))
        return 0;
    FILE *tmp = tmpfile();
    const char *why = NULL;
    if (!tmp)
        why = strerror(errno);
    char buf[1 << 16];
    while (!why) {
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            why = strerror(errno);
        if (n <= 0)
            break;
        if (fwrite(buf, 1, (size_t)n, tmp) != (size_t)n)
            why = strerror(errno);
    }
    if (!why && (fflush(tmp) != 0 || lseek(fileno(tmp), 0, SEEK_SET) != 0 ||
                 dup2(fileno(tmp), STDIN_FILENO) < 0))
        why = strerror(errno);
    if (tmp)
        fclose(tmp); /* standard input keeps the file open */
    if (why) {
        fprintf(stderr, "nergraph: --discover reads standard input twice and could not keep "
                "a copy in a temporary file: %s; name files instead\n", why);
        return EXIT_DATA;
    }
    *start = 0;
    return 0;
}

int cli_discover_extend(const cli_options_t *o, ng_gazetteer_t *gz)
{
    off_t stdin_start = -1;
    if (reads_stdin(o)) {
        int st = make_stdin_rereadable(&stdin_start);
        if (st)
            return st;
    }
    cli_discovery_t *d = cli_discovery_new(o, gz);
    if (!d)
        return EXIT_DATA;
    size_t failures = 0;
    /* Unreadable inputs are reported by the tagging pass. */
    cli_read_inputs(o, on_document, d, quiet, NULL, &failures);
    if (stdin_start >= 0 && lseek(STDIN_FILENO, stdin_start, SEEK_SET) != stdin_start) {
        fprintf(stderr, "nergraph: --discover: cannot rewind standard input: %s\n",
                strerror(errno));
        cli_discovery_free(d);
        return EXIT_DATA;
    }
    cli_discovery_finish(d);
    cli_buf_t rows = {0};
    cli_discovery_rows(d, &rows);
    ng_error_t err = {0};
    int st = rows.len ? ng_gazetteer_load_buffer(gz, "discovered names", rows.data, rows.len, &err)
                      : NG_OK;
    cli_buf_free(&rows);
    cli_discovery_free(d);
    if (st) {
        fprintf(stderr, "nergraph: %s\n", err.message);
        return EXIT_DATA;
    }
    return -1;
}

/* ---- nergraph discover ---------------------------------------------------- */

static const char discover_usage[] =
"Usage: nergraph discover [OPTIONS] [INPUT...]\n"
"List the names of people and organizations that the gazetteers do not\n"
"hold, found by rules: a title before a name (\"Mr. Daniel Roe\", \"Sen.\n"
"Roe\"), a known given name before capitalized surnames (\"Renata Moura\",\n"
"\"John Q. Public\"), a name before a role (\"Chidi Okafor, a lawyer\"), a\n"
"capitalized phrase ending in a designator (\"Acme Holdings\", \"Quux Inc\"),\n"
"\"Ministry of X\", \"University of X\", and firms such as \"Baker Holt & Reyes\".\n"
"Names the gazetteers already tag are never listed.  INPUT as for nergraph\n"
"(files, directories, '-' or nothing for standard input).\n"
"\n"
"Output: one candidate a line, most frequent first (ties by name), after a\n"
"'#' header line; tab-separated columns: count, type (person or\n"
"organization), name, context (the sentence of the first occurrence,\n"
"shortened), then a gazetteer row: id (TYPE:~slug), type, name, aliases\n"
"(empty), attributes (source=discovered).  'cut -f5-' makes a gazetteer.\n"
"\n"
"Options:\n"
"  -g, --gazetteer PATH   gazetteer file or directory, as for nergraph;\n"
"                         given-names.txt is read from each -g directory,\n"
"                         else from the bundled gazetteers\n"
"      --words FILE       common-word list, as for nergraph ('none': no list)\n"
"      --given-names FILE given-name list, as for nergraph ('none': no list)\n"
"      --json             a JSON array of objects (count, type, name, id,\n"
"                         context, row) instead of TSV\n"
"      --min-count N      list only names seen at least N times (default 1)\n"
"  -o, --output PATH      write here instead of standard output\n"
"      --include GLOB     in directory walks, read only matching files\n"
"      --exclude GLOB     in directory walks, skip matching entries\n"
"  -h, --help             show this help and exit\n"
"\n"
"Exit status: 0 success; 1 an input could not be read or a gazetteer is\n"
"malformed; 2 bad command line.\n";

static int discover_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "nergraph discover: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'nergraph discover --help' for more information.\n");
    return EXIT_USAGE;
}

static void print_warning(void *ctx, const char *message)
{
    (void)ctx;
    fprintf(stderr, "nergraph: warning: %s\n", message);
}

int cli_discover_main(int argc, char **argv)
{
    enum { OPT_JSON = 256, OPT_MIN_COUNT, OPT_WORDS, OPT_GIVEN_NAMES, OPT_INCLUDE, OPT_EXCLUDE };
    static const struct option longopts[] = {
        {"gazetteer", required_argument, NULL, 'g'},
        {"output", required_argument, NULL, 'o'},
        {"json", no_argument, NULL, OPT_JSON},
        {"min-count", required_argument, NULL, OPT_MIN_COUNT},
        {"words", required_argument, NULL, OPT_WORDS},
        {"given-names", required_argument, NULL, OPT_GIVEN_NAMES},
        {"include", required_argument, NULL, OPT_INCLUDE},
        {"exclude", required_argument, NULL, OPT_EXCLUDE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_options_t o;
    memset(&o, 0, sizeof o);
    o.gazetteers = cli_xcalloc((size_t)argc + 2, sizeof *o.gazetteers);
    o.include = cli_xcalloc((size_t)argc + 1, sizeof *o.include);
    o.exclude = cli_xcalloc((size_t)argc + 1, sizeof *o.exclude);
    ng_tagger_options_init(&o.tagger);
    bool json = false;
    size_t min_count = 1;
    int status = -1;
    opterr = 0;
    optind = 1;
    int c;
    while (status < 0 && (c = getopt_long(argc, argv, ":g:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'g':
            o.gazetteers[o.gazetteer_count++] = optarg;
            break;
        case 'o':
            o.output = optarg;
            break;
        case OPT_JSON:
            json = true;
            break;
        case OPT_MIN_COUNT: {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (errno || *end || end == optarg || v < 1 || optarg[0] == '-')
                status = discover_usage_error("--min-count takes a whole number of 1 or more, "
                                              "not '%s'", optarg);
            min_count = (size_t)v;
            break;
        }
        case OPT_WORDS:
            o.words = optarg;
            break;
        case OPT_GIVEN_NAMES:
            o.given_names = optarg;
            break;
        case OPT_INCLUDE:
            o.include[o.include_count++] = optarg;
            break;
        case OPT_EXCLUDE:
            o.exclude[o.exclude_count++] = optarg;
            break;
        case 'h':
            fputs(discover_usage, stdout);
            status = EXIT_OK;
            break;
        case ':':
            status = discover_usage_error("option '%s' needs a value", argv[optind - 1]);
            break;
        default:
            status = discover_usage_error("unknown option '%s'", argv[optind - 1]);
            break;
        }
    }
    if (status < 0) {
        o.inputs = argv + optind;
        o.input_count = argc - optind;
        if (!o.gazetteer_count)
            status = cli_options_default_gazetteers(&o);
    }
    ng_gazetteer_t *gz = NULL;
    cli_discovery_t *d = NULL;
    ng_error_t err = {0};
    if (status < 0) {
        gz = ng_gazetteer_new();
        ng_gazetteer_set_diagnostics(gz, print_warning, NULL);
        for (size_t i = 0; i < o.gazetteer_count && status < 0; i++)
            if (ng_gazetteer_load_path(gz, o.gazetteers[i], &err)) {
                fprintf(stderr, "nergraph: %s\n", err.message);
                status = EXIT_DATA;
            }
        if (status < 0 &&
            (!cli_load_words(gz, o.words, o.gazetteers, o.gazetteer_count, &err) ||
             !cli_load_given_names(gz, o.given_names, o.gazetteers, o.gazetteer_count, &err))) {
            fprintf(stderr, "nergraph: %s\n", err.message);
            status = EXIT_DATA;
        }
    }
    if (status < 0 && !(d = cli_discovery_new(&o, gz)))
        status = EXIT_DATA;
    cli_output_t out;
    bool out_open = false;
    if (status < 0) {
        if (cli_output_open(&out, o.output))
            out_open = true;
        else
            status = EXIT_DATA;
    }
    if (status < 0) {
        size_t failures = 0;
        cli_read_inputs(&o, on_document, d, print_warning, NULL, &failures);
        cli_discovery_finish(d);
        size_t kept = 0;
        for (size_t i = 0; i < d->entry_count; i++)
            if (d->entries[i].count >= min_count)
                kept++;
        size_t all = d->entry_count;
        d->entry_count = kept; /* sorted by count: the kept ones come first */
        print_entries(d, out.fp, json);
        d->entry_count = all;
        out_open = false;
        status = cli_output_commit(&out) ? (failures ? EXIT_DATA : EXIT_OK) : EXIT_DATA;
    }
    if (out_open)
        cli_output_abort(&out);
    cli_discovery_free(d);
    ng_gazetteer_free(gz);
    cli_options_free(&o);
    return status;
}
