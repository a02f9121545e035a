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

typedef struct run {
    ng_pipeline_t *pipeline;
    int status;             /* first library error */
    ng_error_t err;
} run_t;

/* Warnings are printed as they come and counted, for --strict. */
static size_t warning_count;

static void print_warning(void *ctx, const char *message)
{
    (void)ctx;
    warning_count++;
    fprintf(stderr, "nergraph: warning: %s\n", message);
}


static int on_document(void *ctx, const char *name, const char *data, size_t len)
{
    run_t *r = ctx;
    int st = ng_pipeline_add_document(r->pipeline, name, data, len, &r->err);
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

/* The common-word list: --words, else english-words.txt beside the *.tsv
 * files of each -g directory. */
static bool load_words(ng_gazetteer_t *gz, const cli_options_t *opts, ng_error_t *err)
{
    if (opts->words)
        return strcmp(opts->words, "none") == 0 || ng_gazetteer_load_words(gz, opts->words, err) == NG_OK;
    for (size_t i = 0; i < opts->gazetteer_count; i++) {
        struct stat st;
        if (stat(opts->gazetteers[i], &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        cli_buf_t path = {0};
        cli_buf_printf(&path, "%s/english-words.txt", opts->gazetteers[i]);
        bool ok = access(path.data, F_OK) != 0 || ng_gazetteer_load_words(gz, path.data, err) == NG_OK;
        cli_buf_free(&path);
        if (!ok)
            return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    cli_options_t opts;
    ng_error_t err = {0};
    ng_gazetteer_t *gz = NULL;
    ng_tagger_t *tagger = NULL;
    ng_pipeline_t *pipeline = NULL;
    ng_graph_t *graph = NULL;
    ng_mentions_writer_t *mentions = NULL;
    cli_output_t out = {0};
    bool out_open = false;

    /* A closed pipe (nergraph ... | head) ends the run quietly, even when
     * the parent process ignored SIGPIPE. */
    signal(SIGPIPE, SIG_DFL);
    if (argc > 1 && strcmp(argv[1], "gazetteer") == 0)
        return cli_gazetteer_main(argc - 1, argv + 1);
    int exit_code = cli_options_parse(&opts, argc, argv);
    if (exit_code >= 0)
        goto out;
    exit_code = EXIT_OK;

    gz = ng_gazetteer_new();
    ng_gazetteer_set_diagnostics(gz, print_warning, NULL);
    for (size_t i = 0; i < opts.gazetteer_count; i++) {
        if (ng_gazetteer_load_path(gz, opts.gazetteers[i], &err)) {
            fprintf(stderr, "nergraph: %s\n", err.message);
            exit_code = EXIT_DATA;
            goto out;
        }
    }
    if (!load_words(gz, &opts, &err)) {
        fprintf(stderr, "nergraph: %s\n", err.message);
        exit_code = EXIT_DATA;
        goto out;
    }
    for (size_t i = 0; i < opts.graph.type_count; i++) {
        bool found = false;
        for (uint32_t e = 0; e < ng_gazetteer_entity_count(gz) && !found; e++)
            found = strcmp(ng_gazetteer_entity_type(gz, e), opts.types[i]) == 0;
        if (!found) {
            char msg[512];
            snprintf(msg, sizeof msg, "--types: no entity in the gazetteers has type '%s'",
                     opts.types[i]);
            print_warning(NULL, msg);
        }
    }
    tagger = ng_tagger_new(gz, &opts.tagger, &err);
    if (!tagger) {
        fprintf(stderr, "nergraph: %s\n", err.message);
        exit_code = EXIT_DATA;
        goto out;
    }
    pipeline = ng_pipeline_new(tagger, &opts.window);
    ng_pipeline_set_diagnostics(pipeline, print_warning, NULL);

    /* Open the output first: a run over a big corpus should not find out
     * at the end that it cannot write. */
    if (!cli_output_open(&out, opts.output)) {
        exit_code = EXIT_DATA;
        goto out;
    }
    out_open = true;

    run_t run = {.pipeline = pipeline};
    if (opts.format->kind == NG_EXPORT_MENTIONS) {
        mentions = ng_mentions_writer_new(out.fp, gz, opts.graph.types, opts.graph.type_count);
        ng_sink_t sink = ng_mentions_writer_sink(mentions);
        ng_pipeline_add_sink(pipeline, &sink);
    }
    size_t failures = 0;
    if (!opts.input_count)
        cli_read_input("-", on_document, &run, &failures);
    for (int i = 0; i < opts.input_count && run.status <= 0; i++)
        cli_read_input(opts.inputs[i], on_document, &run, &failures);
    if (run.status > 0) {
        fprintf(stderr, "nergraph: %s\n", run.err.message);
        exit_code = EXIT_DATA;
        goto out;
    }
    if (failures || run.status < 0)
        exit_code = EXIT_DATA;
    if (opts.strict && warning_count) {
        /* Mentions already streamed to stdout cannot be taken back; a file
         * is never written, and a graph is never started. */
        fprintf(stderr, "nergraph: --strict: %zu warning%s; %s\n", warning_count,
                warning_count == 1 ? "" : "s",
                out.path || opts.format->kind != NG_EXPORT_MENTIONS ? "no output written"
                                                   : "the mentions written so far are incomplete");
        exit_code = EXIT_DATA;
        goto out;
    }

    if (opts.format->kind == NG_EXPORT_GRAPH) {
        graph = ng_graph_build(gz, ng_pipeline_cooc(pipeline), &opts.graph, &err);
        if (!graph) {
            fprintf(stderr, "nergraph: %s\n", err.message);
            exit_code = EXIT_DATA;
            goto out;
        }
        ng_export_options_t export_opts;
        ng_export_options_init(&export_opts);
        export_opts.diag = print_warning;
        export_opts.layout = opts.layout;
        export_opts.color_by = opts.color_by;
        export_opts.size_by = opts.size_by;
        int st = opts.format->write_graph(out.fp, graph, &export_opts, &err);
        if (st == NG_EUSAGE) {
            /* An option that does not fit the graph (--color community
             * without communities): the command line's fault. */
            fprintf(stderr, "nergraph: %s\nTry 'nergraph --help' for more information.\n",
                    err.message);
            exit_code = EXIT_USAGE;
            goto out;
        }
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
    ng_mentions_writer_free(mentions);
    ng_tagger_free(tagger);
    ng_gazetteer_free(gz);
    cli_options_free(&opts);
    return exit_code;
}
