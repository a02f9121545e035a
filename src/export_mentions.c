/*
 * Mentions as JSON Lines, written as the documents are read: a pipeline
 * sink that listens to sentence windows, so each record can carry the
 * sentence it lies in.
 */
#include "nergraph.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

struct ng_mentions_writer {
    FILE *out;
    const ng_gazetteer_t *gz;
    bool *keep; /* entity -> its type was asked for */
};

ng_mentions_writer_t *ng_mentions_writer_new(FILE *out, const ng_gazetteer_t *gz,
                                             const char *const *types, size_t type_count)
{
    ng_mentions_writer_t *w = ng_xcalloc(1, sizeof *w);
    w->out = out;
    w->gz = gz;
    size_t n = ng_gazetteer_entity_count(gz);
    w->keep = ng_xcalloc(n + 1, sizeof *w->keep);
    for (uint32_t e = 0; e < n; e++) {
        const char *type = ng_gazetteer_entity_type(gz, e);
        w->keep[e] = types == NULL;
        for (size_t i = 0; i < type_count && !w->keep[e]; i++)
            w->keep[e] = strcmp(types[i], type) == 0;
    }
    return w;
}

void ng_mentions_writer_free(ng_mentions_writer_t *w)
{
    if (!w)
        return;
    free(w->keep);
    free(w);
}

static void write_mention(const ng_mentions_writer_t *w, const ng_document_t *doc,
                          const ng_window_event_t *s, const ng_mention_t *m)
{
    FILE *out = w->out;
    fputs("{\"doc\": ", out);
    ng_json_cstring(out, doc->name);
    fprintf(out, ", \"sentence\": %zu, \"paragraph\": %zu, \"start\": %zu, \"end\": %zu, \"text\": ",
            s->index, s->paragraph, m->start, m->end);
    ng_json_string(out, doc->text + m->start, m->end - m->start);
    fputs(", \"id\": ", out);
    ng_json_cstring(out, ng_gazetteer_entity_id(w->gz, m->entity));
    fputs(", \"type\": ", out);
    ng_json_cstring(out, ng_gazetteer_entity_type(w->gz, m->entity));
    fprintf(out, ", \"sentence_start\": %zu, \"sentence_end\": %zu", s->start, s->end);
    if (m->ambiguous) {
        fputs(", \"candidates\": [", out);
        for (size_t i = 0; i < m->candidate_count; i++) {
            if (i)
                fputs(", ", out);
            ng_json_cstring(out, ng_gazetteer_entity_id(w->gz, m->candidates[i]));
        }
        putc(']', out);
    }
    if (m->credit)
        fputs(", \"credit\": true", out);
    if (doc->lang) {
        fputs(", \"lang\": ", out);
        ng_json_cstring(out, doc->lang);
    }
    fputs("}\n", out);
}

static int write_failed(ng_error_t *err, int saved_errno)
{
    return ng_fail(err, NG_EIO, "cannot write mentions: %s",
                   strerror(saved_errno ? saved_errno : EIO));
}

static int on_sentence(void *ctx, const ng_document_t *doc, const ng_window_event_t *s,
                       ng_error_t *err)
{
    const ng_mentions_writer_t *w = ctx;
    errno = 0;
    for (size_t i = 0; i < s->mention_count; i++)
        if (w->keep[s->mentions[i].entity])
            write_mention(w, doc, s, &s->mentions[i]);
    return ferror(w->out) ? write_failed(err, errno) : NG_OK;
}

/* A document's records reach the file when it ends, so a failing device is
 * found per document, not only when the stream is closed. */
static int on_end_document(void *ctx, const ng_document_t *doc, ng_error_t *err)
{
    (void)doc;
    const ng_mentions_writer_t *w = ctx;
    errno = 0;
    if (fflush(w->out) != 0 || ferror(w->out))
        return write_failed(err, errno);
    return NG_OK;
}

ng_sink_t ng_mentions_writer_sink(ng_mentions_writer_t *w)
{
    ng_sink_t s = {0};
    s.ctx = w;
    s.windows = NG_SINK_WANTS(NG_WINDOW_SENTENCE);
    s.window = on_sentence;
    s.end_document = on_end_document;
    return s;
}
