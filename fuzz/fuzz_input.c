/*
 * fuzz_input: arbitrary bytes through the document readers (ng_input.h):
 * the JSON Lines line parser (jansson) and the gzip reader (zlib).
 *
 * Input: byte 0 picks the format (bit 0: text or JSON Lines), the id
 * member (bit 1: "id" or "name") and the compression level (bits 2-5);
 * byte 1 seeds the sizes the read callback returns; byte 2 says where the
 * payload is cut into two gzip members and byte 3 where a copy is
 * truncated.  The rest is the payload.
 *
 * Each run is written down as a transcript: every document (name, line,
 * length, bytes), every warning, and the final status.  Checks, aborting
 * on violation:
 *  - every document's text is NUL-terminated at its length, its name
 *    non-empty, JSON Lines line numbers strictly increasing;
 *  - reading in short, uneven pieces gives the transcript of reading in
 *    one piece (line cutting does not depend on where reads end);
 *  - the payload gzip-compressed as two members gives the same transcript,
 *    read as gzip and sniffed (concatenated members, as gzip -dc);
 *  - plain payload read with sniffing is the plain transcript, unless it
 *    starts with gzip's magic bytes;
 *  - a truncated copy of the compressed data ends in NG_EDATA (unless cut
 *    exactly between the members), after a prefix of the documents;
 *  - the raw payload read as gzip never crashes, leaks or hangs: it ends,
 *    with an error (NG_EDATA) or with documents.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "fuzz_util.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct source {
    const uint8_t *data;
    size_t len, pos;
    uint32_t rng;   /* 0: one read takes everything asked for */
} source_t;

static ssize_t source_read(void *ctx, void *buf, size_t cap)
{
    source_t *s = ctx;
    size_t n = s->len - s->pos;
    if (n > cap)
        n = cap;
    if (s->rng) {
        s->rng = s->rng * 1103515245u + 12345u;
        size_t most = 1 + (s->rng >> 16) % 97;
        if (n > most)
            n = most;
    }
    memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    return (ssize_t)n;
}

static void note_warning(void *ctx, const char *message)
{
    ng_buf_t *t = ctx;
    ng_buf_printf(t, "W %s\n", message);
}

/* Read everything; the transcript into t, the final status returned
 * (0 or the error's ng_status). */
static int transcribe(const uint8_t *bytes, size_t len, uint32_t rng,
                      const ng_input_options_t *o, ng_buf_t *t)
{
    source_t src = {bytes, len, 0, rng};
    ng_input_t *in = ng_input_new("fuzz.jsonl", source_read, &src, o);
    ng_input_set_diagnostics(in, note_warning, t);
    ng_input_doc_t doc;
    ng_error_t err = {0};
    int rc;
    size_t last_line = 0, docs = 0;
    while ((rc = ng_input_next(in, &doc, &err)) > 0) {
        docs++;
        FUZZ_CHECK(doc.name && doc.name[0]);
        FUZZ_CHECK(doc.text && doc.text[doc.len] == '\0');
        if (o->format == NG_INPUT_JSONL) {
            FUZZ_CHECK(doc.line > last_line);
            last_line = doc.line;
        } else {
            FUZZ_CHECK(docs == 1 && doc.line == 0);
        }
        ng_buf_printf(t, "D %s %zu %zu\n", doc.name, doc.line, doc.len);
        ng_buf_append(t, doc.text, doc.len);
        ng_buf_putc(t, '\n');
    }
    FUZZ_CHECK(rc == 0 || rc == -1);
    if (rc < 0)
        FUZZ_CHECK(err.status == NG_EDATA && err.message[0]);
    FUZZ_CHECK(ng_input_next(in, &doc, &err) == 0); /* and stays ended */
    /* A text stream is one document, whatever it holds. */
    if (o->format == NG_INPUT_TEXT && rc == 0)
        FUZZ_CHECK(docs == 1);
    ng_input_free(in);
    int status = rc < 0 ? (int)err.status : 0;
    ng_buf_printf(t, "E %d\n", status);
    return status;
}

/* payload as gzip: one member per piece. */
static void gzip_member(ng_buf_t *out, const uint8_t *data, size_t len, int level)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    FUZZ_CHECK(deflateInit2(&z, level, Z_DEFLATED, 9 + 16, 1, Z_DEFAULT_STRATEGY) == Z_OK);
    size_t bound = deflateBound(&z, (uLong)len);
    NG_GROW(out->data, out->cap, out->len + bound + 1);
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out->data + out->len;
    z.avail_out = (uInt)bound;
    FUZZ_CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out->len += bound - z.avail_out;
    deflateEnd(&z);
}

static bool same(const ng_buf_t *a, const ng_buf_t *b)
{
    return a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
}

static void must_match(const char *what, const ng_buf_t *want, const ng_buf_t *got)
{
    if (same(want, got))
        return;
    fprintf(stderr, "%s differs:\n--- want\n%.*s\n--- got\n%.*s\n", what, (int)want->len,
            want->data, (int)got->len, got->data);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    ng_input_options_t o;
    ng_input_options_init(&o);
    o.format = data[0] & 1 ? NG_INPUT_JSONL : NG_INPUT_TEXT;
    o.id_field = data[0] & 2 ? "name" : "id";
    int level = (data[0] >> 2) % 10;
    uint32_t seed = 1u + data[1];
    const uint8_t *payload = data + 4;
    size_t len = size - 4;

    ng_buf_t whole = {0}, pieces = {0}, sniffed = {0}, gz = {0}, gz_read = {0};
    transcribe(payload, len, 0, &o, &whole);
    transcribe(payload, len, seed, &o, &pieces);
    must_match("plain read in pieces", &whole, &pieces);

    o.compression = NG_INPUT_SNIFF;
    transcribe(payload, len, seed, &o, &sniffed);
    if (len < 2 || payload[0] != 0x1f || payload[1] != 0x8b)
        must_match("plain read with sniffing", &whole, &sniffed);

    /* Two members, cut where byte 2 says. */
    size_t cut = len ? data[2] % (len + 1) : 0;
    gzip_member(&gz, payload, cut, level);
    size_t first_member = gz.len;
    gzip_member(&gz, payload + cut, len - cut, level);
    o.compression = NG_INPUT_GZIP;
    transcribe((const uint8_t *)gz.data, gz.len, seed, &o, &gz_read);
    must_match("gzip, two members", &whole, &gz_read);
    gz_read.len = 0;
    o.compression = NG_INPUT_SNIFF;
    transcribe((const uint8_t *)gz.data, gz.len, 0, &o, &gz_read);
    must_match("gzip, sniffed", &whole, &gz_read);

    /* Truncated: an error after a prefix of the documents. */
    size_t keep = gz.len * data[3] / 256;
    gz_read.len = 0;
    o.compression = NG_INPUT_GZIP;
    int st = transcribe((const uint8_t *)gz.data, keep, seed, &o, &gz_read);
    if (keep == first_member) {
        FUZZ_CHECK(st == 0);
    } else {
        FUZZ_CHECK(st == NG_EDATA);
        /* All but the last line ("E 1") is a prefix of the whole
         * transcript: a line cut short by the damage is never delivered. */
        size_t upto = gz_read.len;
        if (upto > 0)
            upto--;
        while (upto > 0 && gz_read.data[upto - 1] != '\n')
            upto--;
        FUZZ_CHECK(upto <= whole.len && memcmp(gz_read.data, whole.data, upto) == 0);
    }

    /* The raw payload as gzip: anything may happen but a crash. */
    gz_read.len = 0;
    transcribe(payload, len, seed, &o, &gz_read);

    ng_buf_free(&whole);
    ng_buf_free(&pieces);
    ng_buf_free(&sniffed);
    ng_buf_free(&gz);
    ng_buf_free(&gz_read);
    return 0;
}
