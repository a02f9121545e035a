/*
 * Document readers (ng_input.h): a stream's bytes, decompressed when they
 * are gzip, cut into documents: the whole stream for text, one per line
 * for JSON Lines.  A JSON Lines stream is read in chunks and cut at
 * newlines, so memory holds one line (and one chunk), never the stream.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "input_internal.h"

enum { CHUNK = 1 << 16 };

struct ng_input {
    char *name;
    ng_input_format format;
    ng_input_compression compression;
    char *text_field, *id_field;
    size_t size_hint;
    ng_diag_t diag;
    ng_read_fn read;
    void *ctx;
    /* NG_INPUT_SNIFF: the bytes read to look for gzip's magic, handed out
     * again before anything else is read. */
    unsigned char peek[2];
    size_t peek_len, peek_pos;
    bool sniffed;
    ng_gz_t *gz;       /* NULL for plain bytes */
    /* Bytes read and not yet handed out: [start, end) of buf. */
    char *buf;
    size_t start, end, cap;
    size_t scanned;    /* buf[start, scanned) holds no newline */
    bool eof, done;
    size_t line;       /* lines cut so far */
    ng_jsonl_doc_t doc;
    ng_buf_t why, id_warning;
};

void ng_input_options_init(ng_input_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->format = NG_INPUT_TEXT;
    o->compression = NG_INPUT_PLAIN;
}

ng_input_t *ng_input_new(const char *name, ng_read_fn read, void *ctx,
                         const ng_input_options_t *opts)
{
    ng_input_options_t defaults;
    if (!opts) {
        ng_input_options_init(&defaults);
        opts = &defaults;
    }
    ng_input_t *in = ng_xcalloc(1, sizeof *in);
    in->name = ng_xstrdup(name ? name : "<input>");
    in->format = opts->format;
    in->compression = opts->compression;
    in->text_field = ng_xstrdup(opts->text_field ? opts->text_field : "text");
    in->id_field = ng_xstrdup(opts->id_field ? opts->id_field : "id");
    in->size_hint = opts->size_hint;
    in->read = read;
    in->ctx = ctx;
    return in;
}

void ng_input_free(ng_input_t *in)
{
    if (!in)
        return;
    ng_gz_free(in->gz);
    ng_jsonl_doc_clear(&in->doc);
    ng_buf_free(&in->why);
    ng_buf_free(&in->id_warning);
    free(in->buf);
    free(in->name);
    free(in->text_field);
    free(in->id_field);
    free(in);
}

void ng_input_set_diagnostics(ng_input_t *in, ng_diag_fn fn, void *ctx)
{
    in->diag.fn = fn;
    in->diag.ctx = ctx;
}

/* The raw stream, the sniffed bytes first. */
static ssize_t raw_read(void *ctx, void *buf, size_t cap)
{
    ng_input_t *in = ctx;
    if (in->peek_pos < in->peek_len) {
        size_t n = in->peek_len - in->peek_pos;
        if (n > cap)
            n = cap;
        memcpy(buf, in->peek + in->peek_pos, n);
        in->peek_pos += n;
        return (ssize_t)n;
    }
    ssize_t n;
    do
        n = in->read(in->ctx, buf, cap);
    while (n < 0 && errno == EINTR);
    return n;
}

static int read_error(ng_input_t *in, ng_error_t *err)
{
    ng_fail(err, NG_EIO, "%s: cannot read: %s", in->name, strerror(errno));
    return -1;
}

/* Decide between gzip and plain bytes, once. */
static int start(ng_input_t *in, ng_error_t *err)
{
    if (in->sniffed)
        return 0;
    in->sniffed = true;
    bool gzip = in->compression == NG_INPUT_GZIP;
    if (in->compression == NG_INPUT_SNIFF) {
        while (in->peek_len < 2) {
            ssize_t n;
            do
                n = in->read(in->ctx, in->peek + in->peek_len, 2 - in->peek_len);
            while (n < 0 && errno == EINTR);
            if (n < 0)
                return read_error(in, err);
            if (n == 0)
                break;
            in->peek_len += (size_t)n;
        }
        gzip = in->peek_len == 2 && in->peek[0] == 0x1f && in->peek[1] == 0x8b;
    }
    if (gzip)
        in->gz = ng_gz_new(in->name, raw_read, in);
    return 0;
}

/* Up to cap bytes of the (decompressed) stream into buf. */
static ssize_t pull(ng_input_t *in, char *buf, size_t cap, ng_error_t *err)
{
    if (in->gz)
        return ng_gz_read(in->gz, buf, cap, err);
    ssize_t n = raw_read(in, buf, cap);
    if (n < 0)
        return read_error(in, err);
    return n;
}

/* Room for a read at buf + end, moving what is kept to the front first.
 * The buffer starts at CHUNK bytes and grows only for a line that does
 * not fit, so reading a stream of short lines costs one allocation. */
static void make_room(ng_input_t *in)
{
    if (in->start > 0) {
        memmove(in->buf, in->buf + in->start, in->end - in->start);
        in->end -= in->start;
        in->scanned -= in->start;
        in->start = 0;
    }
    if (!in->buf) {
        in->buf = ng_xmalloc(CHUNK);
        in->cap = CHUNK;
    } else if (in->cap - in->end < CHUNK / 4 + 1)
        NG_GROW(in->buf, in->cap, in->end + CHUNK + 1);
}

/* The whole stream as one document. */
static int next_text(ng_input_t *in, ng_input_doc_t *doc, ng_error_t *err)
{
    /* One byte past the hint for the NUL, one more to see the end. */
    if (in->size_hint && in->size_hint < SIZE_MAX - CHUNK - 2)
        NG_GROW(in->buf, in->cap, in->size_hint + 2);
    for (;;) {
        /* Read straight into the buffer; grow only when it is full, so a
         * regular file whose size was hinted is read without a copy. */
        if (in->cap - in->end < 2)
            NG_GROW(in->buf, in->cap, in->end + CHUNK + 1);
        ssize_t n = pull(in, in->buf + in->end, in->cap - in->end - 1, err);
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        in->end += (size_t)n;
    }
    if (!in->buf)
        NG_GROW(in->buf, in->cap, 1);
    in->buf[in->end] = '\0';
    *doc = (ng_input_doc_t){in->name, in->buf, in->end, 0};
    return 1;
}

/* The next line, without its newline: true with *line and *len set (valid
 * until the next call), false at the end (or -1 in *status on an error). */
static bool next_line(ng_input_t *in, const char **line, size_t *len, int *status,
                      ng_error_t *err)
{
    for (;;) {
        char *nl = memchr(in->buf + in->scanned, '\n', in->end - in->scanned);
        if (nl || (in->eof && in->start < in->end)) {
            size_t stop = nl ? (size_t)(nl - in->buf) : in->end;
            *line = in->buf + in->start;
            *len = stop - in->start;
            in->start = in->scanned = nl ? stop + 1 : stop;
            in->line++;
            if (in->line == 1 && *len >= 3 && memcmp(*line, "\xEF\xBB\xBF", 3) == 0) {
                *line += 3;
                *len -= 3;
            }
            return true;
        }
        if (in->eof)
            return false;
        in->scanned = in->end;
        make_room(in);
        ssize_t n = pull(in, in->buf + in->end, in->cap - in->end - 1, err);
        if (n < 0) {
            *status = -1;
            return false;
        }
        if (n == 0)
            in->eof = true;
        in->end += (size_t)n;
    }
}

static int next_jsonl(ng_input_t *in, ng_input_doc_t *doc, ng_error_t *err)
{
    if (!in->buf)
        make_room(in);
    const char *line;
    size_t len;
    int status = 0;
    while (next_line(in, &line, &len, &status, err)) {
        if (!ng_jsonl_parse_line(in->name, in->line, line, len, in->text_field, in->id_field,
                                 &in->doc, &in->why, &in->id_warning)) {
            if (in->why.len)
                ng_diag_warn(&in->diag, "%s:%zu: %s; line skipped", in->name, in->line,
                             in->why.data);
            continue;
        }
        if (in->id_warning.len)
            ng_diag_warn(&in->diag, "%s:%zu: %s", in->name, in->line, in->id_warning.data);
        *doc = (ng_input_doc_t){in->doc.name.data, in->doc.text, in->doc.len, in->line};
        return 1;
    }
    return status;
}

int ng_input_next(ng_input_t *in, ng_input_doc_t *doc, ng_error_t *err)
{
    if (in->done)
        return 0;
    int rc = start(in, err);
    if (rc == 0)
        rc = in->format == NG_INPUT_JSONL ? next_jsonl(in, doc, err) : next_text(in, doc, err);
    if (rc <= 0 || in->format == NG_INPUT_TEXT)
        in->done = true;
    return rc;
}
