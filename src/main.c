/*
 * nergraph: the command-line tool.  It parses options (cli_options.c),
 * reads inputs (cli_inputs.c) and writes the output atomically
 * (cli_output.c); everything that knows about text or graphs lives in
 * libnergraph.
 */
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Everything one run holds, released by run_free whatever phase it
 * reached.  Phases return -1 to go on, or the exit status to end with. */
typedef struct run {
    cli_options_t opts;
    ng_gazetteer_t *gz;
    ng_tagger_t *tagger;
    ng_pipeline_t *pipeline;
    ng_mentions_writer_t *mentions;
    ng_evidence_t *evidence;    /* --evidence: snippets per pair */
    ng_graph_t *graph;
    ng_partial_t *merged;   /* nergraph merge: the partials added up */
    cli_output_t out;
    bool out_open;
    int status;             /* first library error while reading inputs */
    ng_error_t err;
} run_t;

enum { GO_ON = -1 };

/* Warnings are printed as they come and counted, for --strict. */
static size_t warning_count;

static void print_warning(void *ctx, const char *message)
{
    (void)ctx;
    warning_count++;
    cli_progress_clear();
    fprintf(stderr, "nergraph: warning: %s\n", message);
}

/* Print a library error; the exit status for it. */
static int failed(const ng_error_t *err)
{
    fprintf(stderr, "nergraph: %s\n", err->message);
    return EXIT_DATA;
}

/* A status from the pipeline: 0 to go on, 1 to stop reading. */
static int document_status(run_t *r, int st)
{
    if (st == NG_EDATA) {
        /* One document the matcher cannot take; the others still count. */
        cli_progress_clear();
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

static int on_document(void *ctx, const char *name, const char *data, size_t len)
{
    run_t *r = ctx;
    return document_status(r, ng_pipeline_add_document(r->pipeline, name, data, len, &r->err));
}

/* Gazetteers, the common-word and given-name lists, and --types checked
 * against them. */
static int load_gazetteers(run_t *r)
{
    r->gz = ng_gazetteer_new();
    ng_gazetteer_set_diagnostics(r->gz, print_warning, NULL);
    for (size_t i = 0; i < r->opts.gazetteer_count; i++)
        if (ng_gazetteer_load_path(r->gz, r->opts.gazetteers[i], &r->err))
            return failed(&r->err);
    if (!cli_load_words(r->gz, r->opts.words, r->opts.gazetteers, r->opts.gazetteer_count,
                        &r->err) ||
        !cli_load_given_names(r->gz, r->opts.given_names, r->opts.gazetteers,
                              r->opts.gazetteer_count, &r->err))
        return failed(&r->err);
    int st = cli_check_types(&r->opts, r->gz);
    if (st != GO_ON)
        return st;
    /* Ids named by --exclude-id and --ego exist: said before any text is
     * read. */
    if (ng_graph_options_check(r->gz, &r->opts.graph, &r->err)) {
        fprintf(stderr, "nergraph: %s\nTry 'nergraph --help' for more information.\n",
                r->err.message);
        return EXIT_USAGE;
    }
    return GO_ON;
}

/* The tagger, the pipeline and the sinks the chosen format needs.  The
 * output is opened here, before any input is read: a run over a big
 * corpus should not find out at the end that it cannot write. */
static int start_pipeline(run_t *r)
{
    if (r->opts.merge) { /* the counts come from partial files: no tagger */
        if (!cli_merge_open_output(&r->out, &r->opts))
            return EXIT_DATA;
        r->out_open = true;
        return GO_ON;
    }
    r->tagger = ng_tagger_new(r->gz, &r->opts.tagger, &r->err);
    if (!r->tagger)
        return failed(&r->err);
    r->pipeline = ng_pipeline_new(r->tagger, &r->opts.window);
    ng_pipeline_set_diagnostics(r->pipeline, print_warning, NULL);
    if (ng_pipeline_set_jobs(r->pipeline, r->opts.jobs, &r->err))
        return failed(&r->err);
    const ng_export_format_t *f = r->opts.format;
    if (!(f->directory ? cli_output_open_dir(&r->out, r->opts.output, f->extensions)
                       : cli_output_open(&r->out, r->opts.output)))
        return EXIT_DATA;
    r->out_open = true;
    if (r->opts.format->kind == NG_EXPORT_MENTIONS) {
        r->mentions = ng_mentions_writer_new(r->out.fp, r->gz, r->opts.graph.types,
                                             r->opts.graph.type_count);
        ng_sink_t sink = ng_mentions_writer_sink(r->mentions);
        ng_pipeline_add_sink(r->pipeline, &sink);
    }
    if (r->opts.evidence && r->opts.format->kind == NG_EXPORT_GRAPH) {
        r->evidence = ng_evidence_new(r->opts.evidence, ng_gazetteer_entity_count(r->gz),
                                      &r->opts.window);
        ng_sink_t sink = ng_evidence_sink(r->evidence);
        ng_pipeline_add_sink(r->pipeline, &sink);
    }
    return GO_ON;
}

/* Every input through the pipeline.  Unreadable inputs and documents the
 * matcher cannot take are reported and make the exit status 1 at the end;
 * a sink's failure stops the run. */
static int read_inputs(run_t *r, int *exit_code)
{
    size_t failures = 0;
    if (r->opts.merge) {
        int st = cli_merge_read(&r->opts, r->gz, &r->merged, &r->evidence);
        if (st != GO_ON)
            return st;
    } else {
        cli_read_inputs(&r->opts, on_document, r, print_warning, NULL, &failures);
        if (r->status <= 0) /* -j N: the documents still in flight */
            document_status(r, ng_pipeline_finish(r->pipeline, &r->err));
    }
    if (r->status > 0)
        return failed(&r->err);
    if (failures || r->status < 0)
        *exit_code = EXIT_DATA;
    if (r->opts.strict && warning_count) {
        /* Mentions already streamed to stdout cannot be taken back; a file
         * is never written, and a graph is never started. */
        bool streamed = !r->out.path && r->opts.format->kind == NG_EXPORT_MENTIONS;
        fprintf(stderr, "nergraph: --strict: %zu warning%s; %s\n", warning_count,
                warning_count == 1 ? "" : "s",
                streamed ? "the mentions written so far are incomplete" : "no output written");
        return EXIT_DATA;
    }
    return GO_ON;
}

/* Build the graph from the counts and write it in the chosen format. */
static int write_graph(run_t *r)
{
    const ng_cooc_t *counts = r->merged ? ng_partial_cooc(r->merged)
                                        : ng_pipeline_cooc(r->pipeline);
    if (r->opts.emit_partial)
        return cli_partial_write(&r->opts, r->gz, r->merged, counts, r->evidence, r->out.fp);
    if (r->opts.format->kind != NG_EXPORT_GRAPH)
        return GO_ON;
    r->graph = ng_graph_build(r->gz, counts, &r->opts.graph, &r->err);
    if (!r->graph)
        return failed(&r->err);
    if (r->evidence && ng_evidence_add_column(r->evidence, r->graph, &r->err))
        return failed(&r->err);
    if (r->opts.analyze && ng_graph_analyze(r->graph, NULL, &r->err))
        return failed(&r->err);
    ng_export_options_t export_opts;
    ng_export_options_init(&export_opts);
    export_opts.diag = print_warning;
    export_opts.layout = r->opts.layout;
    export_opts.color_by = r->opts.color_by;
    export_opts.size_by = r->opts.size_by;
    const ng_export_format_t *f = r->opts.format;
    int st = f->directory
                 ? cli_output_write_dir(&r->out, f->write_dir, r->graph, &export_opts, &r->err)
                 : f->write_graph(r->out.fp, r->graph, &export_opts, &r->err);
    if (st == NG_EUSAGE) {
        /* An option that does not fit the graph (--color community without
         * --analyze): the command line's fault. */
        fprintf(stderr, "nergraph: %s\nTry 'nergraph --help' for more information.\n",
                r->err.message);
        return EXIT_USAGE;
    }
    /* A stream's write error shows again, with its cause, at commit; a
     * directory writer reports its own. */
    if (st && (st != NG_EIO || f->directory))
        return failed(&r->err);
    return GO_ON;
}

static void run_free(run_t *r)
{
    if (r->out_open)
        cli_output_abort(&r->out);
    ng_graph_free(r->graph);
    ng_partial_free(r->merged);
    ng_pipeline_free(r->pipeline);
    ng_mentions_writer_free(r->mentions);
    ng_evidence_free(r->evidence);
    ng_tagger_free(r->tagger);
    ng_gazetteer_free(r->gz);
    cli_options_free(&r->opts);
}

int main(int argc, char **argv)
{
    /* A closed pipe (nergraph ... | head) ends the run quietly, even when
     * the parent process ignored SIGPIPE. */
    signal(SIGPIPE, SIG_DFL);
    if (argc > 1 && strcmp(argv[1], "gazetteer") == 0)
        return cli_gazetteer_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "discover") == 0)
        return cli_discover_main(argc - 1, argv + 1);

    run_t r = {0};
    int exit_code = EXIT_OK;
    int st = cli_options_parse(&r.opts, argc, argv);
    if (st == GO_ON)
        st = load_gazetteers(&r);
    if (st == GO_ON && r.opts.discover)
        st = cli_discover_extend(&r.opts, r.gz);
    if (st == GO_ON)
        st = start_pipeline(&r);
    if (st == GO_ON)
        st = read_inputs(&r, &exit_code);
    if (st == GO_ON)
        st = write_graph(&r);
    if (st == GO_ON) {
        r.out_open = false;
        if (!cli_output_commit(&r.out))
            exit_code = EXIT_DATA;
    } else {
        exit_code = st;
    }
    run_free(&r);
    return exit_code;
}
