/* The parts of the document readers (ng_input.h): a gzip byte source and
 * the JSON Lines line parser.  Internal. */
#ifndef NG_INPUT_INTERNAL_H
#define NG_INPUT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ng_input.h"
#include "util.h"

/* ---- gzip (input_gzip.c) ---- */

typedef struct ng_gz ng_gz_t;

/* Decompresses the gzip data that read(ctx, ...) yields (ctx borrowed).
 * name is borrowed, for messages.  Free with ng_gz_free. */
ng_gz_t *ng_gz_new(const char *name, ng_read_fn read, void *ctx);
void ng_gz_free(ng_gz_t *g);

/* Up to cap decompressed bytes into buf: the number, 0 at the end of the
 * data, -1 on an error (err filled: NG_EIO for a read error, NG_EDATA for
 * data that is not gzip, corrupt or truncated).  Concatenated members are
 * read one after the other, as gzip -dc does; zero bytes after the last
 * member (tape padding) are ignored, anything else after it is an error.
 * After an error every call returns -1 again. */
ssize_t ng_gz_read(ng_gz_t *g, void *buf, size_t cap, ng_error_t *err);

/* ---- JSON Lines (input_jsonl.c) ---- */

typedef struct ng_jsonl_doc {
    void *json;         /* the parsed line (a json_t *), owned: release it
                           with ng_jsonl_doc_clear */
    const char *text;   /* points into json */
    size_t len;
    ng_buf_t name;      /* the document's name, owned */
} ng_jsonl_doc_t;

/*
 * Parse one line (line[0..len), no newline) of stream `stream`, line
 * number lineno.  True with *doc filled (its previous contents released),
 * false when the line is skipped: why then holds what is wrong ("not valid
 * JSON (...)", "not a JSON object", "no \"text\" member", ...), to be
 * reported with the stream and line.  A blank line is skipped with why
 * left empty.  A line whose id member has an unusable type is kept, named
 * STREAM:LINE, with the reason in *id_warning (else it is emptied).
 */
bool ng_jsonl_parse_line(const char *stream, size_t lineno, const char *line, size_t len,
                         const char *text_field, const char *id_field, ng_jsonl_doc_t *doc,
                         ng_buf_t *why, ng_buf_t *id_warning);
void ng_jsonl_doc_clear(ng_jsonl_doc_t *doc);

#endif
