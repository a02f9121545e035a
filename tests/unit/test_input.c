/*
 * Unit tests for the document readers (ng_input.h): JSON Lines cut into
 * documents (names, line numbers, malformed lines warned about and
 * skipped), text streams, and gzip data (one member, several, padding,
 * and every way it can be damaged), each read in one piece and in pieces
 * of one byte, since where reads end must not matter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include <cmocka.h>
#include <zlib.h>

#include "nergraph.h"
#include "util.h"

/* ---- a stream in memory, read in pieces of at most `piece` bytes ---- */

typedef struct mem {
    const char *data;
    size_t len, pos, piece; /* piece 0: as much as asked */
    int fail_at;            /* > 0: the read that starts at this offset fails */
} mem_t;

static ssize_t mem_read(void *ctx, void *buf, size_t cap)
{
    mem_t *m = ctx;
    if (m->fail_at > 0 && m->pos >= (size_t)m->fail_at) {
        errno = EIO;
        return -1;
    }
    size_t n = m->len - m->pos;
    if (n > cap)
        n = cap;
    if (m->piece && n > m->piece)
        n = m->piece;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (ssize_t)n;
}

/* Everything a stream gives: "name|line|text" per document, one per
 * line; warnings after "W " in another buffer; the final status. */
typedef struct run {
    ng_buf_t docs, warnings;
    int rc;
    ng_error_t err;
} run_t;

static void on_warning(void *ctx, const char *message)
{
    ng_buf_printf(ctx, "W %s\n", message);
}

static void read_all(const char *data, size_t len, size_t piece, const ng_input_options_t *o,
                     run_t *r)
{
    memset(r, 0, sizeof *r);
    mem_t m = {data, len, 0, piece, 0};
    ng_input_t *in = ng_input_new("s.jsonl", mem_read, &m, o);
    ng_input_set_diagnostics(in, on_warning, &r->warnings);
    ng_input_doc_t doc;
    while ((r->rc = ng_input_next(in, &doc, &r->err)) > 0) {
        assert_int_equal(doc.text[doc.len], '\0');
        ng_buf_printf(&r->docs, "%s|%zu|", doc.name, doc.line);
        ng_buf_append(&r->docs, doc.text, doc.len);
        ng_buf_putc(&r->docs, '\n');
    }
    assert_int_equal(ng_input_next(in, &doc, &r->err), 0);
    ng_input_free(in);
    ng_buf_cstr(&r->docs);
    ng_buf_cstr(&r->warnings);
}

static void run_free(run_t *r)
{
    ng_buf_free(&r->docs);
    ng_buf_free(&r->warnings);
}

static ng_input_options_t jsonl(void)
{
    ng_input_options_t o;
    ng_input_options_init(&o);
    o.format = NG_INPUT_JSONL;
    return o;
}

/* Read whole and one byte at a time: the same documents and warnings. */
static void expect(const char *data, size_t len, const ng_input_options_t *o, int rc,
                   const char *docs, const char *warnings)
{
    size_t pieces[] = {0, 1, 7};
    for (size_t i = 0; i < sizeof pieces / sizeof *pieces; i++) {
        run_t r;
        read_all(data, len, pieces[i], o, &r);
        assert_int_equal(r.rc, rc);
        assert_string_equal(r.docs.data, docs);
        assert_string_equal(r.warnings.data, warnings);
        run_free(&r);
    }
}

/* ---- JSON Lines ---- */

typedef struct jsonl_case {
    const char *name;
    const char *input;
    const char *docs;
    const char *warnings;
} jsonl_case_t;

static const jsonl_case_t jsonl_cases[] = {
    {"string and number ids",
     "{\"id\": \"a-1\", \"text\": \"Alice Smith.\"}\n{\"id\": 42, \"text\": \"Bob.\"}\n"
     "{\"id\": 2.5, \"text\": \"x\"}\n{\"id\": -7, \"text\": \"y\"}\n",
     "a-1|1|Alice Smith.\n42|2|Bob.\n2.5|3|x\n-7|4|y\n", ""},
    {"no usable id: STREAM:LINE",
     "{\"text\": \"one\"}\n{\"id\": null, \"text\": \"two\"}\n{\"id\": \"\", \"text\": \"three\"}\n",
     "s.jsonl:1|1|one\ns.jsonl:2|2|two\ns.jsonl:3|3|three\n", ""},
    {"an id of another type: named by line, with a warning",
     "{\"id\": [1], \"text\": \"a\"}\n{\"id\": {}, \"text\": \"b\"}\n{\"id\": false, \"text\": \"c\"}\n",
     "s.jsonl:1|1|a\ns.jsonl:2|2|b\ns.jsonl:3|3|c\n",
     "W s.jsonl:1: \"id\" is an array, not a string or a number; the document is named s.jsonl:1\n"
     "W s.jsonl:2: \"id\" is an object, not a string or a number; the document is named s.jsonl:2\n"
     "W s.jsonl:3: \"id\" is a boolean, not a string or a number; the document is named s.jsonl:3\n"},
    {"blank lines skipped silently, line numbers kept",
     "\n   \n{\"id\": 1, \"text\": \"a\"}\n\t\r\n\n{\"id\": 2, \"text\": \"b\"}\n\n",
     "1|3|a\n2|6|b\n", ""},
    {"BOM, CRLF, no final newline",
     "\xEF\xBB\xBF{\"id\": 1, \"text\": \"a\"}\r\n{\"id\": 2, \"text\": \"b\"}",
     "1|1|a\n2|2|b\n", ""},
    {"malformed lines: warned about and skipped",
     "{\"id\": 1, \"text\": \"ok\"}\nnot json\n[1, 2]\n\"text\"\n{\"id\": 2}\n"
     "{\"id\": 3, \"text\": 5}\n{\"id\": 4, \"text\": null}\n{\"id\": 5, \"text\": \"a\"} trailing\n"
     "{\"id\": 6, \"text\": \"last\"}\n",
     "1|1|ok\n6|9|last\n",
     "W s.jsonl:2: not valid JSON (invalid token near 'not', at byte 3 of the line); line skipped\n"
     "W s.jsonl:3: not a JSON object but an array; line skipped\n"
     "W s.jsonl:4: not a JSON object but a string; line skipped\n"
     "W s.jsonl:5: no \"text\" member (name the member that holds the text with --text-field); "
     "line skipped\n"
     "W s.jsonl:6: \"text\" is a number, not a string; line skipped\n"
     "W s.jsonl:7: \"text\" is null, not a string; line skipped\n"
     "W s.jsonl:8: not valid JSON (end of file expected near 'trailing', at byte 31 of the line); "
     "line skipped\n"},
    {"invalid UTF-8 inside a line",
     "{\"id\": 1, \"text\": \"bad \xFF\"}\n{\"id\": 2, \"text\": \"good\"}\n", "2|2|good\n",
     "W s.jsonl:1: not valid JSON (unable to decode byte 0xff near '\"bad ', at byte 23 of the "
     "line); line skipped\n"},
    {"escapes decoded; other members ignored",
     "{\"meta\": {\"k\": [1, 2]}, \"text\": \"caf\\u00e9\\n\\\"q\\\" \\ud83d\\ude00\", \"id\": \"\\u00e9\"}\n",
     "\xC3\xA9|1|caf\xC3\xA9\n\"q\" \xF0\x9F\x98\x80\n", ""},
    {"an empty text is a document", "{\"id\": \"e\", \"text\": \"\"}\n", "e|1|\n", ""},
    {"an empty stream has no document", "", "", ""},
};

static void test_jsonl_table(void **state)
{
    (void)state;
    ng_input_options_t o = jsonl();
    for (size_t i = 0; i < sizeof jsonl_cases / sizeof *jsonl_cases; i++) {
        const jsonl_case_t *c = &jsonl_cases[i];
        print_message("case: %s\n", c->name);
        expect(c->input, strlen(c->input), &o, 0, c->docs, c->warnings);
    }
}

static void test_jsonl_fields(void **state)
{
    (void)state;
    ng_input_options_t o = jsonl();
    o.text_field = "body";
    o.id_field = "url";
    const char *in = "{\"url\": \"http://x/1\", \"body\": \"one\", \"text\": \"no\", \"id\": 9}\n"
                     "{\"text\": \"two\"}\n";
    expect(in, strlen(in), &o, 0, "http://x/1|1|one\n",
           "W s.jsonl:2: no \"body\" member (name the member that holds the text with "
           "--text-field); line skipped\n");
}

/* A NUL escaped in the text is kept (the pipeline calls the document
 * binary); the length counts past it. */
static void test_jsonl_nul(void **state)
{
    (void)state;
    ng_input_options_t o = jsonl();
    const char *in = "{\"id\": 1, \"text\": \"a\\u0000b\"}\n";
    run_t r;
    read_all(in, strlen(in), 0, &o, &r);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.docs.len, strlen("1|1|") + 3 + 1);
    assert_memory_equal(r.docs.data, "1|1|a\0b\n", r.docs.len);
    run_free(&r);
}

/* A line far longer than a read is delivered whole. */
static void test_jsonl_long_line(void **state)
{
    (void)state;
    size_t n = 300000;
    ng_buf_t in = {0};
    ng_buf_printf(&in, "{\"id\": \"big\", \"text\": \"");
    for (size_t i = 0; i < n; i++)
        ng_buf_putc(&in, (char)('a' + i % 26));
    ng_buf_printf(&in, "\"}\n{\"id\": \"small\", \"text\": \"s\"}\n");
    ng_input_options_t o = jsonl();
    run_t r;
    read_all(in.data, in.len, 0, &o, &r);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.docs.len, strlen("big|1|") + n + 1 + strlen("small|2|s\n"));
    assert_memory_equal(r.docs.data + strlen("big|1|") + n, "\nsmall|2|s\n", 11);
    run_free(&r);
    ng_buf_free(&in);
}

/* ---- text ---- */

static void test_text(void **state)
{
    (void)state;
    ng_input_options_t o;
    ng_input_options_init(&o);
    const char *in = "Alice Smith.\n\n{\"id\": 1}\n";
    expect(in, strlen(in), &o, 0, "s.jsonl|0|Alice Smith.\n\n{\"id\": 1}\n\n", "");
    expect("", 0, &o, 0, "s.jsonl|0|\n", ""); /* an empty stream is one empty document */
    o.size_hint = strlen(in); /* exact, too small and too big all read the same */
    expect(in, strlen(in), &o, 0, "s.jsonl|0|Alice Smith.\n\n{\"id\": 1}\n\n", "");
    o.size_hint = 3;
    expect(in, strlen(in), &o, 0, "s.jsonl|0|Alice Smith.\n\n{\"id\": 1}\n\n", "");
    o.size_hint = 1000;
    expect(in, strlen(in), &o, 0, "s.jsonl|0|Alice Smith.\n\n{\"id\": 1}\n\n", "");
}

static void test_read_error(void **state)
{
    (void)state;
    const ng_input_format formats[] = {NG_INPUT_TEXT, NG_INPUT_JSONL};
    for (size_t i = 0; i < 2; i++) {
        ng_input_options_t o;
        ng_input_options_init(&o);
        o.format = formats[i];
        const char *data = "{\"id\": 1, \"text\": \"a\"}\n{\"id\": 2, \"text\": \"b\"}\n";
        mem_t m = {data, strlen(data), 0, 30, 30};
        ng_input_t *in = ng_input_new("s.jsonl", mem_read, &m, &o);
        ng_input_doc_t doc;
        ng_error_t err = {0};
        int rc;
        size_t docs = 0;
        while ((rc = ng_input_next(in, &doc, &err)) > 0)
            docs++;
        assert_int_equal(rc, -1);
        assert_int_equal(err.status, NG_EIO);
        assert_int_equal(docs, i == 1 ? 1 : 0); /* the lines before the error count */
        assert_non_null(strstr(err.message, "s.jsonl: cannot read: "));
        ng_input_free(in);
    }
}

/* ---- gzip ---- */

static void gzip_append(ng_buf_t *out, const char *data, size_t len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t bound = deflateBound(&z, (uLong)len);
    NG_GROW(out->data, out->cap, out->len + bound + 1);
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out->data + out->len;
    z.avail_out = (uInt)bound;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    out->len += bound - z.avail_out;
    deflateEnd(&z);
}

static const char lines[] = "{\"id\": 1, \"text\": \"Alice Smith.\"}\n"
                            "{\"id\": 2, \"text\": \"Bob Jones.\"}\n"
                            "{\"id\": 3, \"text\": \"France.\"}\n";
static const char lines_docs[] = "1|1|Alice Smith.\n2|2|Bob Jones.\n3|3|France.\n";

static void test_gzip(void **state)
{
    (void)state;
    ng_input_options_t o = jsonl();
    o.compression = NG_INPUT_GZIP;
    ng_buf_t gz = {0};
    gzip_append(&gz, lines, strlen(lines));
    expect(gz.data, gz.len, &o, 0, lines_docs, "");
    /* Sniffed: gzip data is decompressed, plain bytes are not. */
    o.compression = NG_INPUT_SNIFF;
    expect(gz.data, gz.len, &o, 0, lines_docs, "");
    expect(lines, strlen(lines), &o, 0, lines_docs, "");
    /* Text, and an empty member. */
    ng_input_options_t t;
    ng_input_options_init(&t);
    t.compression = NG_INPUT_GZIP;
    expect(gz.data, gz.len, &t, 0, "s.jsonl|0|" "{\"id\": 1, \"text\": \"Alice Smith.\"}\n"
           "{\"id\": 2, \"text\": \"Bob Jones.\"}\n{\"id\": 3, \"text\": \"France.\"}\n\n", "");
    ng_buf_t empty = {0};
    gzip_append(&empty, "", 0);
    expect(empty.data, empty.len, &t, 0, "s.jsonl|0|\n", "");
    ng_buf_free(&empty);
    ng_buf_free(&gz);
}

/* Members concatenated (cat a.gz b.gz), cut inside a line, and an empty
 * one between: one stream, as gzip -dc gives it.  Zero padding after the
 * last member is ignored. */
static void test_gzip_members(void **state)
{
    (void)state;
    ng_input_options_t o = jsonl();
    o.compression = NG_INPUT_GZIP;
    ng_buf_t gz = {0};
    gzip_append(&gz, lines, 20);
    gzip_append(&gz, "", 0);
    gzip_append(&gz, lines + 20, strlen(lines) - 20);
    expect(gz.data, gz.len, &o, 0, lines_docs, "");
    ng_buf_append(&gz, "\0\0\0\0\0\0\0\0", 8);
    expect(gz.data, gz.len, &o, 0, lines_docs, "");
    ng_buf_free(&gz);
}

typedef struct damage_case {
    const char *name;
    void (*damage)(ng_buf_t *gz);
    const char *docs;    /* delivered before the error */
    const char *message; /* part of the error */
} damage_case_t;

static void truncate_trailer(ng_buf_t *gz) { gz->len -= 4; }
static void truncate_mid(ng_buf_t *gz) { gz->len = 15; }
static void truncate_all(ng_buf_t *gz) { gz->len = 0; }
static void flip_data(ng_buf_t *gz) { gz->data[12] ^= 0x55; }
static void flip_crc(ng_buf_t *gz) { gz->data[gz->len - 8] ^= 1; }
static void not_gzip(ng_buf_t *gz)
{
    gz->len = 0;
    ng_buf_append(gz, lines, strlen(lines));
}
static void trailing_garbage(ng_buf_t *gz) { ng_buf_append(gz, "junk!", 5); }
static void garbage_after_padding(ng_buf_t *gz) { ng_buf_append(gz, "\0\0x", 3); }

static const damage_case_t damage_cases[] = {
    {"trailer cut", truncate_trailer, lines_docs, "unexpected end of file (truncated gzip data)"},
    {"cut after the header", truncate_mid, "", "unexpected end of file (truncated gzip data)"},
    {"empty file", truncate_all, "", "s.jsonl: empty, not gzip data"},
    {"corrupt data", flip_data, "", "s.jsonl: corrupt gzip data ("},
    {"bad checksum", flip_crc, lines_docs, "corrupt gzip data (incorrect data check)"},
    {"not gzip at all", not_gzip, "", "s.jsonl: not gzip data (no gzip header)"},
    {"garbage after the last member", trailing_garbage, lines_docs,
     "data after the last gzip member that is not gzip data"},
    {"garbage after zero padding", garbage_after_padding, lines_docs,
     "data after the zero padding"},
};

static void test_gzip_damaged(void **state)
{
    (void)state;
    ng_input_options_t o = jsonl();
    o.compression = NG_INPUT_GZIP;
    for (size_t i = 0; i < sizeof damage_cases / sizeof *damage_cases; i++) {
        const damage_case_t *c = &damage_cases[i];
        print_message("case: %s\n", c->name);
        ng_buf_t gz = {0};
        gzip_append(&gz, lines, strlen(lines));
        c->damage(&gz);
        size_t pieces[] = {0, 1};
        for (size_t p = 0; p < 2; p++) {
            run_t r;
            read_all(gz.data ? gz.data : "", gz.len, pieces[p], &o, &r);
            assert_int_equal(r.rc, -1);
            assert_int_equal(r.err.status, NG_EDATA);
            if (!strstr(r.err.message, c->message))
                fail_msg("%s: message '%s' lacks '%s'", c->name, r.err.message, c->message);
            /* Data cut mid-stream may still deliver the lines before the cut;
             * a damaged block delivers none of its lines. */
            if (c->docs[0] == '\0' || p == 0)
                assert_string_equal(r.docs.data, c->docs);
            run_free(&r);
        }
        ng_buf_free(&gz);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl_table),
        cmocka_unit_test(test_jsonl_fields),
        cmocka_unit_test(test_jsonl_nul),
        cmocka_unit_test(test_jsonl_long_line),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_read_error),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_gzip_members),
        cmocka_unit_test(test_gzip_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
