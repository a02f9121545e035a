/*
 * gzip decompression as a byte source, for the document readers: zlib's
 * inflate over whatever a read callback yields, member after member, with
 * an error that names the stream for data that is corrupt, truncated or
 * not gzip at all.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "input_internal.h"

/* gzip only, no zlib or raw deflate: a .gz file that holds anything else
 * is damaged, and saying so beats guessing. */
#define GZ_WINDOW_BITS (15 + 16)

struct ng_gz {
    z_stream z;
    const char *name;
    ng_read_fn read;
    void *ctx;
    uint64_t consumed;  /* compressed bytes taken from read, for messages */
    unsigned members;   /* members started */
    bool in_member;     /* a member started and not yet ended */
    bool padding;       /* zero bytes met after a member */
    bool eof;           /* read said the end */
    bool done;          /* every member read */
    bool failed;
    ng_error_t error;   /* the error, repeated on every later call */
    unsigned char in[1 << 16];
};

ng_gz_t *ng_gz_new(const char *name, ng_read_fn read, void *ctx)
{
    ng_gz_t *g = ng_xcalloc(1, sizeof *g);
    g->name = name;
    g->read = read;
    g->ctx = ctx;
    if (inflateInit2(&g->z, GZ_WINDOW_BITS) != Z_OK) {
        /* Only out of memory or a zlib too old to know gzip. */
        fprintf(stderr, "nergraph: zlib cannot start decompressing: %s\n",
                g->z.msg ? g->z.msg : "out of memory");
        abort();
    }
    return g;
}

void ng_gz_free(ng_gz_t *g)
{
    if (!g)
        return;
    inflateEnd(&g->z);
    free(g);
}

/* Where the compressed stream is now, for messages. */
static uint64_t position(const ng_gz_t *g)
{
    return g->consumed - g->z.avail_in;
}

static ssize_t fail(ng_gz_t *g, ng_error_t *err, ng_status status, const char *what)
{
    g->failed = true;
    ng_fail(&g->error, status, "%s: %s", g->name, what);
    if (err)
        *err = g->error;
    return -1;
}

static ssize_t corrupt(ng_gz_t *g, ng_error_t *err, const char *what)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s at byte %llu of the compressed data (member %u); the file is "
             "damaged: check it with gzip -t, and fetch or compress it again", what,
             (unsigned long long)position(g), g->members);
    return fail(g, err, NG_EDATA, msg);
}

/* More compressed bytes, when all were used.  False on a read error. */
static bool fill(ng_gz_t *g)
{
    if (g->z.avail_in || g->eof)
        return true;
    ssize_t n;
    do
        n = g->read(g->ctx, g->in, sizeof g->in);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return false;
    if (n == 0)
        g->eof = true;
    g->z.next_in = g->in;
    g->z.avail_in = (uInt)n;
    g->consumed += (uint64_t)n;
    return true;
}

/* Between members: skip zero padding; anything else starts a member. */
static ssize_t between_members(ng_gz_t *g, ng_error_t *err)
{
    while (g->z.avail_in && *g->z.next_in == 0) {
        g->z.next_in++;
        g->z.avail_in--;
        g->padding = true;
    }
    if (!g->z.avail_in)
        return 0;
    if (g->padding)
        return corrupt(g, err, "data after the zero padding that follows the last member");
    inflateReset(&g->z);
    g->in_member = true;
    g->members++;
    return 0;
}

/* Decompress into z's output buffer until something is there (cap bytes
 * free), the data ends, or an error. */
static ssize_t inflate_some(ng_gz_t *g, size_t cap, ng_error_t *err)
{
    while (g->z.avail_out == cap) {
        if (!fill(g)) {
            char msg[512];
            snprintf(msg, sizeof msg, "cannot read: %s", strerror(errno));
            return fail(g, err, NG_EIO, msg);
        }
        if (!g->in_member) {
            if (between_members(g, err) < 0)
                return -1;
            if (!g->in_member) { /* all input used up between members */
                if (!g->eof)
                    continue;
                if (g->members == 0)
                    return fail(g, err, NG_EDATA, "empty, not gzip data; compress the text "
                                "with gzip, or drop .gz from its name");
                g->done = true;
                break;
            }
        }
        if (!g->z.avail_in && g->eof)
            return corrupt(g, err, "unexpected end of file (truncated gzip data)");
        int rc = inflate(&g->z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            g->in_member = false;
        } else if (rc == Z_DATA_ERROR) {
            /* zlib's words for a first member without gzip's magic bytes. */
            bool no_header = g->z.msg && strcmp(g->z.msg, "incorrect header check") == 0;
            if (no_header && g->members == 1)
                return fail(g, err, NG_EDATA, "not gzip data (no gzip header); compress the "
                            "text with gzip, or drop .gz from its name");
            char what[300];
            if (no_header)
                snprintf(what, sizeof what, "data after the last gzip member that is not gzip "
                         "data");
            else
                snprintf(what, sizeof what, "corrupt gzip data (%s)", g->z.msg ? g->z.msg : "");
            return corrupt(g, err, what);
        } else if (rc == Z_MEM_ERROR) {
            fprintf(stderr, "nergraph: out of memory\n");
            abort();
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            return corrupt(g, err, "zlib failed");
        }
    }
    return (ssize_t)(cap - g->z.avail_out);
}

/* Bytes decompressed before an error are handed out first (the lines
 * before a bad checksum still count, like those before a truncation); the
 * error comes with the next call. */
ssize_t ng_gz_read(ng_gz_t *g, void *buf, size_t cap, ng_error_t *err)
{
    if (g->failed) {
        if (err)
            *err = g->error;
        return -1;
    }
    if (g->done || cap == 0)
        return 0;
    if (cap > UINT32_MAX)
        cap = UINT32_MAX;
    g->z.next_out = buf;
    g->z.avail_out = (uInt)cap;
    ssize_t n = inflate_some(g, cap, err);
    if (n < 0 && g->z.avail_out < cap)
        return (ssize_t)(cap - g->z.avail_out);
    return n;
}
