/*
 * Document readers: the documents held in one input stream, one at a time.
 *
 * A stream is plain text (the whole stream is one document) or JSON Lines
 * (one JSON object per line, each one document: its text from one member,
 * its name from another), either of them raw or gzip-compressed.  Bytes
 * come from a read callback, so a reader works over a file, a pipe, a
 * socket or memory alike.  JSON Lines are streamed: only the current line
 * is in memory, however big the stream; a text stream is one document and
 * is held whole.
 *
 * Bad data the run survives is a warning to the reader's diagnostics
 * callback: a JSON Lines line that is not valid JSON, not an object, or
 * lacks a string text member is skipped with a warning "NAME:LINE: what is
 * wrong; line skipped".  Bad data the stream cannot go on after (corrupt or
 * truncated gzip data) and read errors end the stream with an error.
 *
 * JSON is parsed with jansson, gzip with zlib.
 */
#ifndef NG_INPUT_H
#define NG_INPUT_H

#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stddef.h>
#include <sys/types.h>

#include "ng_gazetteer.h" /* ng_diag_fn */

struct ng_error;

typedef enum ng_input_format {
    NG_INPUT_TEXT = 0,  /* the whole stream is one document */
    NG_INPUT_JSONL      /* one JSON object per line, one document each */
} ng_input_format;

typedef enum ng_input_compression {
    NG_INPUT_PLAIN = 0, /* bytes as they are */
    NG_INPUT_GZIP,      /* gzip data: one member or several concatenated */
    NG_INPUT_SNIFF      /* gzip when the stream starts with gzip's magic
                           bytes (1f 8b), else plain */
} ng_input_compression;

typedef struct ng_input_options {
    ng_input_format format;
    ng_input_compression compression;
    /* JSON Lines: the member holding a document's text (a string) and the
     * one naming it (a string or a number; missing, null or "": the
     * document is named "NAME:LINE").  Borrowed; NULL means "text", "id". */
    const char *text_field;
    const char *id_field;
    /* Text: the size the document is expected to have (a regular file's
     * size), so its buffer is allocated once; 0 if unknown. */
    size_t size_hint;
} ng_input_options_t;

/* Defaults: text, plain, "text" and "id". */
void ng_input_options_init(ng_input_options_t *o);

/* Read up to cap bytes into buf: the number read, 0 at the end of the
 * stream, -1 on an error with errno set.  Short reads are fine. */
typedef ssize_t (*ng_read_fn)(void *ctx, void *buf, size_t cap);

typedef struct ng_input ng_input_t;

/*
 * A reader of the stream `name` (copied; used in messages and to name
 * documents) whose bytes come from read(ctx, ...) (ctx borrowed; it must
 * outlive the reader).  opts is copied, its field names too.  Free with
 * ng_input_free; the stream itself is the caller's to close.
 */
ng_input_t *ng_input_new(const char *name, ng_read_fn read, void *ctx,
                         const ng_input_options_t *opts);
void ng_input_free(ng_input_t *in);

/* Warnings (skipped lines, odd ids) go to fn; NULL restores the default,
 * stderr prefixed "nergraph: warning: ".  ctx is borrowed. */
void ng_input_set_diagnostics(ng_input_t *in, ng_diag_fn fn, void *ctx);

/* One document.  Everything points into the reader and stays valid until
 * the next ng_input_next or ng_input_free. */
typedef struct ng_input_doc {
    const char *name;   /* JSON Lines: the id, else "NAME:LINE"; text: NAME */
    const char *text;   /* NUL-terminated after len bytes (text may hold NULs) */
    size_t len;
    size_t line;        /* JSON Lines: 1-based line number; text: 0 */
} ng_input_doc_t;

/*
 * The next document: 1 with *doc filled, 0 at the end of the stream, -1 on
 * an error (err filled: NG_EIO for a read error, NG_EDATA for corrupt or
 * truncated gzip data; the message names the stream).  After 0 or -1 every
 * further call returns 0.  A text stream yields exactly one document, even
 * when empty; a JSON Lines stream one per line that holds one (blank lines
 * are skipped silently, a UTF-8 byte order mark at the start is ignored).
 */
int ng_input_next(ng_input_t *in, ng_input_doc_t *doc, struct ng_error *err);

#pragma GCC visibility pop
#endif
