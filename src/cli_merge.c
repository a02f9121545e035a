/*
 * Partial results on the command line: `nergraph --emit partial` writes
 * the counts (and evidence) of a run instead of a graph, and `nergraph
 * merge PARTIAL...` adds partials up and builds the graph, or another
 * partial, from the sum.  main.c runs both through its usual phases; this
 * file holds what differs: the options either accepts, reading and adding
 * up the partial files, and writing one.
 *
 * Exit status: anything wrong with a partial file (unreadable, not a
 * partial, damaged, made with other settings or gazetteers than the
 * others or than those loaded) is 1, like an unreadable input; an option
 * the partials cannot satisfy (--evidence above what they kept, a weight
 * measure their window does not allow) is 2, like any bad option.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

enum { GO_ON = -1 };

static const char merge_usage[] =
"Usage: nergraph merge [OPTIONS] PARTIAL...\n"
"Add up partial results (files that nergraph --emit partial wrote, or that\n"
"nergraph merge --emit partial wrote) and write the graph of all of them:\n"
"exactly what one run over all their documents writes with the same\n"
"options.  PARTIAL is a file or '-' for standard input; a file may hold\n"
"several partials one after another (cat a.ngp b.ngp).  The order of the\n"
"partials does not matter.\n"
"\n"
"The window, --no-auto-aliases and the evidence kept come from the\n"
"partials, which must all have been made with the same ones, the same\n"
"nergraph version and the same gazetteers.  Load those gazetteers here\n"
"as the runs did (-g, --words, --given-names; default: the bundled ones):\n"
"the graph's nodes are described from them, and a partial made with others\n"
"is refused.\n"
"\n"
"Options (as for a run; see nergraph --help):\n"
"  -g, --gazetteer PATH, --words FILE, --given-names FILE   the gazetteers\n"
"                         the partials were made with\n"
"  -o, --output PATH, -f, --format FMT  where and what to write\n"
"      --emit partial     write the sum as one partial instead of a graph\n"
"      --evidence N       attach N supporting snippets to each edge, as a run\n"
"                         does; the partials must have kept at least N\n"
"                         (with --emit partial: keep N; default: all kept)\n"
"      --min-weight, --weight, --backbone, --types, --exclude-id, --ego,\n"
"      --depth, --top, --top-by, --no-isolates, --analyze, --layout,\n"
"      --color, --size    thresholds, filters, measures and drawing, applied\n"
"                         to the merged counts\n"
"  -h, --help             show this help and exit\n"
"\n"
"Exit status: 0 success; 1 a partial cannot be read, is not a partial, is\n"
"damaged, or was made with other settings or gazetteers than the others or\n"
"than those loaded (the message says which); 2 bad command line, or an\n"
"option the partials cannot satisfy.\n"
"\n"
"Example:\n"
"  ls corpus/* | parallel nergraph --emit partial -o part{#}.ngp {}\n"
"  nergraph merge -f json -o graph.json part*.ngp\n";

void cli_merge_usage(FILE *out)
{
    fputs(merge_usage, out);
}

/* A bad command line: the message, the help hint of the subcommand. */
static int usage(const cli_options_t *o, const char *fmt, const char *arg)
{
    fprintf(stderr, "nergraph: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'nergraph%s --help' for more information.\n",
            o->merge ? " merge" : "");
    return EXIT_USAGE;
}

/* The first graph option given, by its flag, or NULL: these shape the
 * graph, not the counts, so they apply at the merge. */
static const char *graph_option_given(const cli_options_t *o, bool min_weight)
{
    const ng_graph_options_t *g = &o->graph;
    if (g->weight != NG_WEIGHT_COUNT)
        return "--weight";
    if (min_weight)
        return "--min-weight";
    if (g->backbone > 0)
        return "--backbone";
    if (g->type_count)
        return "--types";
    if (g->exclude_id_count)
        return "--exclude-id";
    if (g->ego)
        return "--ego";
    if (g->top)
        return "--top";
    if (g->no_isolates)
        return "--no-isolates";
    if (o->analyze)
        return "--analyze";
    if (o->layout)
        return "--layout";
    if (o->color_by)
        return "--color";
    if (o->size_by)
        return "--size";
    return NULL;
}

int cli_partial_options(const cli_options_t *o, bool min_weight)
{
    const ng_export_format_t *by_ext =
        o->output && strcmp(o->output, "-") != 0 ? ng_export_format_for_path(o->output) : NULL;
    if (o->emit_partial) {
        const char *opt = graph_option_given(o, min_weight);
        if (opt)
            return usage(o, "--emit partial: %s applies to the graph, when the partials are "
                         "merged; give it to nergraph merge", opt);
        if (o->format)
            return usage(o, "--emit partial writes a partial file, not %s; give -f to "
                         "nergraph merge", o->format->name);
        if (by_ext)
            return usage(o, "--emit partial: -o %s names a graph format by its extension; "
                         "name the partial file PATH.ngp", o->output);
        if ((!o->output || strcmp(o->output, "-") == 0) && isatty(STDOUT_FILENO))
            return usage(o, "--emit partial: a partial is binary, not for a terminal; write "
                         "it with -o PATH.ngp or into a pipe%s", "");
    }
    if (!o->merge)
        return GO_ON;
    ng_window_t sentence = {NG_WINDOW_SENTENCE, 0};
    const char *counting = o->window.kind != sentence.kind ? "-w"
                         : !o->tagger.auto_aliases ? "--no-auto-aliases"
                         : o->tagger.count_credits ? "--count-credits"
                         : o->include_count ? "--include"
                         : o->exclude_count ? "--exclude" : NULL;
    if (counting)
        return usage(o, "merge: %s shapes how texts are read and counted, which the "
                     "partials did already; give it to the runs that make them", counting);
    const ng_export_format_t *f = o->format ? o->format : by_ext;
    if (f && f->kind == NG_EXPORT_MENTIONS)
        return usage(o, "merge: -f %s lists the mentions in texts, and partials hold "
                     "counts, not texts; run nergraph -f mentions over the texts", f->name);
    return GO_ON;
}

bool cli_merge_open_output(cli_output_t *out, const cli_options_t *o)
{
    const ng_export_format_t *f = o->format;
    return f->directory && !o->emit_partial ? cli_output_open_dir(out, o->output, f->extensions)
                                            : cli_output_open(out, o->output);
}

/* The whole file (or standard input for "-") into b; false after a
 * message. */
static bool read_all(const char *path, cli_buf_t *b)
{
    bool is_stdin = strcmp(path, "-") == 0;
    struct stat st;
    if (!is_stdin && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "nergraph: %s: is a directory; name the partial files in it "
                "(e.g. %s/*.ngp)\n", path, path);
        return false;
    }
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "nergraph: %s: cannot open: %s\n", path, strerror(errno));
        return false;
    }
    char chunk[1 << 16];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cli_buf_append(b, chunk, n);
    bool ok = !ferror(f);
    if (!ok)
        fprintf(stderr, "nergraph: %s: cannot read: %s\n", is_stdin ? "<stdin>" : path,
                strerror(errno));
    if (!is_stdin)
        fclose(f);
    return ok;
}

/* Every partial of one input into *acc (the first one becomes it).
 * Returns GO_ON or EXIT_DATA after a message. */
static int merge_input(const char *path, const ng_partial_settings_t *like, ng_partial_t **acc,
                       cli_buf_t *first_name)
{
    cli_buf_t data = {0}, name = {0};
    int status = GO_ON;
    const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
    if (!read_all(path, &data)) {
        status = EXIT_DATA;
        goto out;
    }
    if (data.len == 0) {
        fprintf(stderr, "nergraph: %s: empty, not a partial file; give nergraph merge the "
                "files that nergraph --emit partial wrote\n", shown);
        status = EXIT_DATA;
        goto out;
    }
    for (size_t off = 0, k = 1; off < data.len; k++) {
        name.len = 0;
        if (off)
            cli_buf_printf(&name, "%s (partial %zu, at byte %zu)", shown, k, off);
        else
            cli_buf_printf(&name, "%s", shown);
        ng_error_t err = {0};
        size_t used = 0;
        ng_partial_t *p = ng_partial_read(name.data, data.data + off, data.len - off, &used,
                                          like, &err);
        if (!p) {
            fprintf(stderr, "nergraph: %s\n", err.message);
            status = EXIT_DATA;
            goto out;
        }
        off += used;
        if (!*acc) {
            *acc = p;
            cli_buf_printf(first_name, "%s", name.data);
            continue;
        }
        int st = ng_partial_merge(*acc, p, &err);
        ng_partial_free(p);
        if (st) {
            fprintf(stderr, "nergraph: %s: cannot be merged with %s: %s; make every partial "
                    "with the same settings and gazetteers\n", name.data, first_name->data,
                    err.message);
            status = EXIT_DATA;
            goto out;
        }
    }
out:
    cli_buf_free(&data);
    cli_buf_free(&name);
    return status;
}

int cli_merge_read(const cli_options_t *o, const ng_gazetteer_t *gz, ng_partial_t **merged,
                   ng_evidence_t **evidence)
{
    if (!o->input_count)
        return usage(o, "merge: name the partial files to merge (e.g. part*.ngp, or '-' for "
                     "standard input)%s", "");
    /* The loaded gazetteers' fingerprint, once: each partial must have it. */
    ng_partial_settings_t like;
    ng_partial_settings_init(&like, gz, &o->window, &o->tagger, 0);
    cli_buf_t first_name = {0};
    int status = GO_ON;
    for (int i = 0; i < o->input_count && status == GO_ON; i++)
        status = merge_input(o->inputs[i], &like, merged, &first_name);
    cli_buf_free(&first_name);
    if (status != GO_ON)
        return status;
    const ng_partial_settings_t *s = ng_partial_settings(*merged);
    ng_error_t err = {0};
    if (ng_graph_check_weights(&o->graph, &s->window, &err))
        return usage(o, "merge: %s", err.message);
    if (o->evidence > s->evidence) {
        char msg[256];
        snprintf(msg, sizeof msg, "--evidence %zu: the partials keep %zu snippets per pair%%s; "
                 "ask for at most that, or make them with --evidence %zu", o->evidence,
                 s->evidence, o->evidence);
        return usage(o, msg, s->evidence ? "" : " (they were made without --evidence)");
    }
    /* A graph shows evidence when asked, as a run does; a partial of
     * partials keeps all there is unless told to keep fewer. */
    size_t keep = o->evidence ? o->evidence : o->emit_partial ? s->evidence : 0;
    if (keep == s->evidence) {
        *evidence = ng_partial_take_evidence(*merged); /* all of it: no copy */
    } else if (keep) {
        *evidence = ng_evidence_new(keep, s->entity_count, &s->window);
        if (ng_evidence_merge(*evidence, ng_partial_evidence(*merged), &err)) {
            fprintf(stderr, "nergraph: %s\n", err.message);
            return EXIT_DATA;
        }
    }
    return GO_ON;
}

int cli_partial_write(const cli_options_t *o, const ng_gazetteer_t *gz,
                      const ng_partial_t *merged, const ng_cooc_t *counts,
                      const ng_evidence_t *evidence, FILE *out)
{
    ng_partial_settings_t s;
    size_t kept = evidence ? ng_evidence_per_edge(evidence) : 0;
    if (merged) {
        s = *ng_partial_settings(merged);
        s.evidence = kept;
    } else {
        ng_partial_settings_init(&s, gz, &o->window, &o->tagger, kept);
    }
    ng_error_t err = {0};
    int st = ng_partial_write(out, &s, counts, evidence, &err);
    /* A write error shows again, with its cause, when the output is
     * committed. */
    if (st && st != NG_EIO) {
        fprintf(stderr, "nergraph: %s\n", err.message);
        return EXIT_DATA;
    }
    return GO_ON;
}
