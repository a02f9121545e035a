/* The command-line tool's own helpers: options, inputs, atomic output
 * files, and the small allocation and string helpers the tool needs.  Not
 * part of libnergraph: the tool sees the library only through its public
 * headers, like any other program. */
#ifndef NG_CLI_H
#define NG_CLI_H

#include <stdbool.h>
#include <stddef.h>
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
void cli_buf_free(cli_buf_t *b);

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
    ng_graph_options_t graph;     /* --min-weight, --no-isolates, --types */
    ng_tagger_options_t tagger;   /* --no-auto-aliases */
    bool strict;
    const char *words;            /* --words FILE, "none", or NULL: per -g directory */
    const char **types;           /* --types, split (points into types_buf) */
    char *types_buf;
    const char *layout;           /* --layout, --color, --size (borrowed from */
    const char *color_by;         /* argv), or NULL for the defaults */
    const char *size_by;
    char **inputs;                /* the INPUT arguments (borrowed from argv) */
    int input_count;
} cli_options_t;

/*
 * Parse argv into o.  Returns -1 when the run should go on, otherwise the
 * exit status to end with (0 after --help or --version, EXIT_USAGE after a
 * message on stderr).  Free o with cli_options_free in every case.
 */
int cli_options_parse(cli_options_t *o, int argc, char **argv);
void cli_options_free(cli_options_t *o);

/* Where the bundled gazetteers are: $NERGRAPH_GAZETTEERS, beside the binary,
 * or the compiled-in data directory.  Caller frees. */
char *cli_default_gazetteer_dir(void);

/* "nergraph gazetteer check|stats ...": argv[0] is "gazetteer".  Returns the
 * exit status. */
int cli_gazetteer_main(int argc, char **argv);

/* ---- inputs ---- */

/* Called for each document: name and its whole contents.  Non-zero return
 * stops the walk and is passed back. */
typedef int (*cli_doc_fn)(void *ctx, const char *name, const char *data, size_t len);

/*
 * Read one INPUT argument: "-" is stdin, a directory is walked recursively
 * (entries sorted by name, hidden entries skipped, each directory visited
 * once even through symlinks), anything else is read as a file.  Files
 * that cannot be read are reported on stderr and counted in *failures;
 * the walk goes on.  Returns the callback's non-zero result, else 0.
 */
int cli_read_input(const char *arg, cli_doc_fn fn, void *ctx, size_t *failures);

/* ---- output ---- */

/* An output written whole or not at all: a temporary file beside the
 * target, renamed over it on commit. */
typedef struct cli_output {
    FILE *fp;
    char *path;      /* target, NULL for stdout */
    char *tmp_path;  /* temporary file; NULL for stdout, devices and fifos */
} cli_output_t;

/* Open path ("-" or NULL for stdout; a device or fifo is written directly,
 * a symlink's target is the file replaced).  On failure prints why and returns
 * false. */
bool cli_output_open(cli_output_t *o, const char *path);
/* Flush, sync and rename into place.  On failure prints why, removes the
 * temporary file and returns false. */
bool cli_output_commit(cli_output_t *o);
/* Remove the temporary file (after an error). */
void cli_output_abort(cli_output_t *o);

#endif
