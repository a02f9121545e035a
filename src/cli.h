/* The command-line tool's own helpers: options, inputs, atomic output
 * files, and the small allocation and string helpers the tool needs.  Not
 * part of libnergraph: the tool sees the library only through its public
 * headers, like any other program. */
#ifndef NG_CLI_H
#define NG_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <nergraph/nergraph.h>

/* ---- allocation and strings (cli_util.c) ---- */

/* Out of memory ends the tool with a message, as in the library. */
void *cli_xmalloc(size_t size);
void *cli_xcalloc(size_t count, size_t size);
void *cli_xrealloc(void *ptr, size_t size);
char *cli_xstrdup(const char *s);

/* Grow *array so it holds at least `need` elements (capacity doubles). */
void cli_grow(void *array_ptr, size_t *cap, size_t need, size_t elem_size);
#define CLI_GROW(arr, cap, need) cli_grow(&(arr), &(cap), (need), sizeof *(arr))

/* A growable byte buffer; data is NUL-terminated after every call and
 * owned by the buffer until cli_buf_free (or taken over by the caller). */
typedef struct cli_buf {
    char *data;
    size_t len;
    size_t cap;
} cli_buf_t;

void cli_buf_append(cli_buf_t *b, const void *data, size_t len);
void cli_buf_putc(cli_buf_t *b, char c);
void cli_buf_printf(cli_buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The common-word list every command reads: `words` (--words FILE, or
 * "none"), which replaces any other list, a compiled gazetteer's too; else
 * the english-words.txt beside the *.tsv files of each directory among
 * paths[0..count) (the -g paths).  False with err filled on a bad list. */
bool cli_load_words(ng_gazetteer_t *gz, const char *words, const char *const *paths,
                    size_t count, ng_error_t *err);
void cli_buf_free(cli_buf_t *b);

/* The given-name list every command reads (the tagger's first-name rule,
 * discovery): `given` (--given-names FILE, or "none"), which replaces any
 * other list, a compiled gazetteer's too; else the given-names.txt of each
 * directory among paths[0..count); else, unless gz is compiled (it keeps
 * the list it was compiled with), the bundled one: the list is about
 * languages, not about a gazetteer's entities.  False with err filled. */
bool cli_load_given_names(ng_gazetteer_t *gz, const char *given, const char *const *paths,
                          size_t count, ng_error_t *err);

/* Exit codes, documented in README and --help. */
enum {
    EXIT_OK = 0,
    EXIT_DATA = 1,   /* unreadable input, bad gazetteer, write failure */
    EXIT_USAGE = 2
};

/* ---- options ---- */

typedef struct cli_options {
    const char **gazetteers;      /* -g paths, or the bundled directory */
    size_t gazetteer_count;
    char *default_gazetteer_dir;  /* owned; set when no -g was given */
    ng_window_t window;
    const ng_export_format_t *format; /* -f, else inferred from -o, else dot */
    const char *output;           /* -o, NULL for stdout */
    ng_graph_options_t graph;     /* --weight, --min-weight, --backbone, --no-isolates, --types */
    size_t evidence;              /* --evidence N: snippets per edge; 0 = none */
    ng_tagger_options_t tagger;   /* --no-auto-aliases */
    bool strict;
    unsigned jobs;                /* -j N: documents in parallel (default: online cores) */
    bool discover;                /* --discover: names the gazetteers lack */
    const char *words;            /* --words FILE, "none", or NULL: per -g directory */
    const char *given_names;      /* --given-names FILE, "none", or NULL: per -g directory */
    const char **types;           /* --types, split (points into types_buf) */
    char *types_buf;
    const char **include;         /* --include globs (borrowed from argv) */
    size_t include_count;
    const char **exclude;         /* --exclude globs (borrowed from argv) */
    size_t exclude_count;
    bool analyze;                 /* --analyze */
    char **exclude_ids;           /* --exclude-id, split; owned */
    size_t exclude_cap;
    const char *layout;           /* --layout, --color, --size (borrowed from */
    const char *color_by;         /* argv), or NULL for the defaults */
    const char *size_by;
    char **inputs;                /* the INPUT arguments (borrowed from argv) */
    int input_count;
    /* --input-format, --text-field, --id-field (field names borrowed from
     * argv); compression is chosen per file by cli_read_inputs. */
    ng_input_options_t input;
    bool input_by_name;           /* no --input-format, or auto: by file name */
    bool quiet;                   /* --quiet: no progress line */
    bool emit_partial;            /* --emit partial: counts, not a graph */
    bool merge;                   /* nergraph merge: INPUTs are partials */
} cli_options_t;

/*
 * Parse argv into o.  Returns -1 when the run should go on, otherwise the
 * exit status to end with (0 after --help or --version, EXIT_USAGE after a
 * message on stderr, EXIT_DATA when no -g was given and the bundled
 * gazetteers cannot be found).  Free o with cli_options_free in every case.
 */
int cli_options_parse(cli_options_t *o, int argc, char **argv);
void cli_options_free(cli_options_t *o);

/* --types against the loaded gazetteers: every type asked for must be the
 * type of some entity that can become a mention (so not "ignore").
 * Returns -1 when it is so, else EXIT_USAGE after a message that lists the
 * types the gazetteers have. */
int cli_check_types(const cli_options_t *o, const ng_gazetteer_t *gz);

/* Where the bundled gazetteers are: $NERGRAPH_GAZETTEERS, beside the binary,
 * or the compiled-in data directory (returned even when it does not exist).
 * Caller frees. */
char *cli_default_gazetteer_dir(void);

/* "nergraph gazetteer check|stats ...": argv[0] is "gazetteer".  Returns the
 * exit status. */
int cli_gazetteer_main(int argc, char **argv);

/* No -g given: the bundled gazetteer directory becomes o's only -g.  -1
 * to go on, else EXIT_DATA after a message. */
int cli_options_default_gazetteers(cli_options_t *o);

/* ---- discovery (cli_discover.c) ---- */

/* Candidates of a corpus, counted (ng_discover.h does the finding). */
typedef struct cli_discovery cli_discovery_t;
/* A collector over gz (borrowed) with the given names of o's -g
 * directories (else the bundled list); NULL after a message on stderr. */
cli_discovery_t *cli_discovery_new(const cli_options_t *o, const ng_gazetteer_t *gz);
void cli_discovery_free(cli_discovery_t *d);
int cli_discovery_add(cli_discovery_t *d, const char *name, const char *text, size_t len);
/* Count, order (most frequent first, ties by name) and give ids. */
void cli_discovery_finish(cli_discovery_t *d);
size_t cli_discovery_count(const cli_discovery_t *d);
/* One gazetteer row per candidate, in listing order, appended to out. */
void cli_discovery_rows(const cli_discovery_t *d, cli_buf_t *out);
/* --discover: read o's inputs once, find the names and add them to gz as
 * gazetteer rows after its own.  -1 to go on, else the exit status. */
int cli_discover_extend(const cli_options_t *o, ng_gazetteer_t *gz);
/* "nergraph discover ...": argv[0] is "discover".  The exit status. */
int cli_discover_main(int argc, char **argv);

/* ---- inputs ---- */

/* Called for each document: name and its whole contents.  Non-zero return
 * stops the walk and is passed back. */
typedef int (*cli_doc_fn)(void *ctx, const char *name, const char *data, size_t len);

/*
 * Read every INPUT of o in order (standard input when there is none): "-"
 * is stdin, a directory is walked recursively (entries sorted by name,
 * hidden entries skipped, --exclude and --include applied, a symlink loop
 * cut), anything else is read as a file.  Each file and directory is read
 * once, compared by device and inode: one reached again (named twice,
 * through a symlink, or named and also met in a walk) gets a warning
 * through warn.  A walk never reads the run's output file (o->output) or
 * the temporary files the output writer makes beside it.  Files that
 * cannot be read are reported on stderr and counted in *failures; the run
 * goes on.  Returns the callback's non-zero result, else 0.
 */
int cli_read_inputs(const cli_options_t *o, cli_doc_fn fn, void *ctx,
                    ng_diag_fn warn, void *warn_ctx, size_t *failures);

/* ---- progress (cli_progress.c) ---- */

/* The progress line on stderr.  cli_read_inputs starts and finishes it
 * when stderr is a terminal; until started, every call but start does
 * nothing.  total: the bytes expected (0: unknown, no time left shown).
 * Every other message on stderr must call cli_progress_clear first. */
void cli_progress_start(uint64_t total);
void cli_progress_bytes(uint64_t n);
void cli_progress_document(void);
void cli_progress_clear(void);
/* The final line and a newline, if one was drawn; then off. */
void cli_progress_finish(void);

/* ---- output ---- */

/* An output written whole or not at all: a temporary file beside the
 * target, renamed over it on commit.  The temporary file of TARGET is
 * named TARGET CLI_TMP_INFIX and CLI_TMP_RANDOM random characters, so that
 * a directory walk can tell it from an input. */
#define CLI_TMP_INFIX ".tmp."
#define CLI_TMP_RANDOM 6 /* mkstemp's XXXXXX */

typedef struct cli_output {
    FILE *fp;        /* NULL for a directory */
    char *path;      /* target, NULL for stdout */
    char *tmp_path;  /* temporary file or directory; NULL for stdout,
                        devices and fifos */
    bool directory;  /* opened with cli_output_open_dir */
} cli_output_t;

/* Open path ("-" or NULL for stdout; a device or fifo is written directly,
 * a symlink's target is the file replaced).  On failure prints why and returns
 * false. */
bool cli_output_open(cli_output_t *o, const char *path);
/* Open a directory output at path (a format that writes several files):
 * files are written into a new temporary directory beside path, which
 * cli_output_commit puts in path's place.  path must not exist, or be a
 * directory holding only regular files with one of extensions (a previous
 * output); otherwise prints why and returns false. */
bool cli_output_open_dir(cli_output_t *o, const char *path, const char *const *extensions);
/* Run write into the temporary directory; its status (err filled). */
int cli_output_write_dir(cli_output_t *o, ng_dir_writer_fn write, const ng_graph_t *g,
                         const ng_export_options_t *opts, ng_error_t *err);
/* Flush, sync and rename into place.  On failure prints why, removes the
 * temporary file and returns false.  A directory replaces the previous one
 * only if that holds nothing but files of the names just written. */
bool cli_output_commit(cli_output_t *o);
/* Remove the temporary file or directory (after an error). */
void cli_output_abort(cli_output_t *o);

/* ---- partial results (cli_merge.c) ---- */

/* nergraph merge --help. */
void cli_merge_usage(FILE *out);
/* The options --emit partial and nergraph merge take, checked once parsed
 * (before -f is inferred from -o; min_weight: --min-weight was given).
 * -1 to go on, else EXIT_USAGE after a message. */
int cli_partial_options(const cli_options_t *o, bool min_weight);
/* Open the output of a merge (a directory for a format that writes
 * several files, unless --emit partial); false after a message. */
bool cli_merge_open_output(cli_output_t *out, const cli_options_t *o);
/* Read every INPUT of o as partial files made with gz, add them up into
 * *merged (the caller frees it with ng_partial_free) and, when the
 * partials keep evidence, put it in *evidence (ng_evidence_free), cut to
 * --evidence N when given.  -1 to go on, else the exit status after a
 * message. */
int cli_merge_read(const cli_options_t *o, const ng_gazetteer_t *gz, ng_partial_t **merged,
                   ng_evidence_t **evidence);
/* Write counts and evidence (may be NULL) as a partial to out: a run's,
 * with the settings of o and gz, or a merge's (merged given), with the
 * partials' settings.  -1 to go on (a write error is reported when the
 * output is committed), else EXIT_DATA after a message. */
int cli_partial_write(const cli_options_t *o, const ng_gazetteer_t *gz,
                      const ng_partial_t *merged, const ng_cooc_t *counts,
                      const ng_evidence_t *evidence, FILE *out);

#endif
