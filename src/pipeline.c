/*
 * The document pipeline: segment a document, tag it, and push its windows
 * to the sinks (ng_pipeline.h).  Segmentation comes first so that the
 * tagger's capitalisation rules and the windows agree on where sentences
 * start; afterwards, starts that fall inside a mention are dropped, so a
 * name wrapped across a line never splits its sentence.
 *
 * Everything per document lives in buffers owned here and reused, so a
 * corpus of any size runs in the memory of its largest document.
 */
#include "nergraph.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "langid.h"
#include "utf8.h"
#include "util.h"

/* Documents in flight with jobs > 1: at most SLOTS_PER_JOB per worker, and
 * copies of at most INFLIGHT_BYTES of text.  A document larger than
 * INLINE_BYTES is not copied at all: the caller's thread tags it from the
 * caller's buffer while the workers finish the documents before it. */
#define SLOTS_PER_JOB 4
#define INFLIGHT_BYTES ((size_t)64 << 20)
#define INLINE_BYTES (INFLIGHT_BYTES / 4)
#define MAX_JOBS 256

/* One document's trip through a worker: its copy, and everything the
 * caller's thread needs to emit it later, in order. */
typedef struct job {
    char *name, *text;          /* owned copies (text: borrowed when inline) */
    size_t name_cap, text_cap;
    size_t len;
    ng_segments_t seg;
    ng_mention_t *mentions;     /* candidates point into ids */
    size_t mention_count, mention_cap;
    uint32_t *ids;
    size_t id_count, id_cap;
    ng_buf_t warnings;          /* NUL-terminated messages, in order */
    int status;                 /* NG_OK or NG_EDATA (message in err) */
    ng_error_t err;
    bool skipped;               /* a binary file: warned, no events */
    char lang[NG_LANG_CODE_MAX]; /* ng_scanner_language, or "" */
    bool done;                  /* under the pipeline's lock */
} job_t;

typedef struct worker {
    ng_pipeline_t *p;
    pthread_t thread;
    ng_scanner_t *scanner;
} worker_t;

struct ng_pipeline {
    const ng_tagger_t *tagger;
    ng_window_t window;
    ng_scanner_t *scanner;
    ng_segments_t seg;
    ng_cooc_t *cooc;
    ng_sink_t *sinks;
    size_t sink_count, sink_cap;
    unsigned wanted;     /* union of the sinks' window masks */
    ng_diag_t diag;
    size_t *tokens;      /* per mention, for tokens:N */
    size_t token_cap;
    size_t documents;
    bool started;        /* a document was added: the job count is fixed */
    int stopped;         /* the status a sink stopped the run with */

    /* jobs > 1: a ring of job slots.  Sequence numbers count documents;
     * document k lives in slot k % slot_count until it is emitted. */
    unsigned jobs;
    worker_t *workers;
    size_t worker_count;
    job_t *slots;
    size_t slot_count;
    uint64_t submitted, taken, emitted;
    size_t inflight_bytes;
    job_t inline_job;
    pthread_mutex_t lock;
    pthread_cond_t work;     /* a job was submitted, or shutdown */
    pthread_cond_t finished; /* a job is done */
    bool shutdown;
};

ng_pipeline_t *ng_pipeline_new(const ng_tagger_t *t, const ng_window_t *w)
{
    ng_pipeline_t *p = ng_xcalloc(1, sizeof *p);
    p->tagger = t;
    p->window = *w;
    p->jobs = 1;
    p->scanner = ng_scanner_new(t);
    ng_segments_init(&p->seg);
    p->cooc = ng_cooc_new(ng_gazetteer_entity_count(ng_tagger_gazetteer(t)), w);
    ng_sink_t counter = ng_cooc_sink(p->cooc);
    ng_pipeline_add_sink(p, &counter);
    return p;
}

static void job_destroy(job_t *j)
{
    free(j->name);
    free(j->text);
    ng_segments_destroy(&j->seg);
    free(j->mentions);
    free(j->ids);
    ng_buf_free(&j->warnings);
}

static void stop_workers(ng_pipeline_t *p)
{
    if (!p->workers)
        return;
    pthread_mutex_lock(&p->lock);
    p->shutdown = true;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (size_t i = 0; i < p->worker_count; i++) {
        pthread_join(p->workers[i].thread, NULL);
        ng_scanner_free(p->workers[i].scanner);
    }
    free(p->workers);
    p->workers = NULL;
    for (size_t i = 0; i < p->slot_count; i++)
        job_destroy(&p->slots[i]);
    free(p->slots);
    p->inline_job.text = NULL; /* borrowed */
    job_destroy(&p->inline_job);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->finished);
    pthread_mutex_destroy(&p->lock);
}

void ng_pipeline_free(ng_pipeline_t *p)
{
    if (!p)
        return;
    stop_workers(p);
    ng_scanner_free(p->scanner);
    ng_segments_destroy(&p->seg);
    ng_cooc_free(p->cooc);
    free(p->sinks);
    free(p->tokens);
    free(p);
}

int ng_pipeline_set_jobs(ng_pipeline_t *p, unsigned jobs, ng_error_t *err)
{
    if (jobs == 0 || jobs > MAX_JOBS)
        return ng_fail(err, NG_EUSAGE, "the number of jobs must be 1 to %d, not %u",
                       MAX_JOBS, jobs);
    if (p->started)
        return ng_fail(err, NG_EUSAGE, "the number of jobs is set before the first document");
    p->jobs = jobs;
    return NG_OK;
}

unsigned ng_pipeline_jobs(const ng_pipeline_t *p)
{
    return p->jobs;
}

void ng_pipeline_add_sink(ng_pipeline_t *p, const ng_sink_t *sink)
{
    NG_GROW(p->sinks, p->sink_cap, p->sink_count + 1);
    p->sinks[p->sink_count++] = *sink;
    p->wanted |= sink->windows;
}

void ng_pipeline_set_diagnostics(ng_pipeline_t *p, ng_diag_fn fn, void *ctx)
{
    p->diag = (ng_diag_t){fn, ctx};
    ng_scanner_set_diagnostics(p->scanner, fn, ctx);
}

const ng_cooc_t *ng_pipeline_cooc(const ng_pipeline_t *p)
{
    return p->cooc;
}

size_t ng_pipeline_document_count(const ng_pipeline_t *p)
{
    return p->documents;
}

/* Drop window starts that fall strictly inside a mention: a name wrapped
 * across a line ("President Donald\nTrump") must not split its sentence. */
static size_t drop_starts_inside(size_t *starts, size_t count, const ng_mention_t *m, size_t n)
{
    size_t out = 0, k = 0;
    for (size_t i = 0; i < count; i++) {
        while (k < n && m[k].end <= starts[i])
            k++;
        if (i > 0 && k < n && m[k].start < starts[i] && starts[i] < m[k].end)
            continue;
        starts[out++] = starts[i];
    }
    return out;
}

/* Is the document nothing but white space (and byte order marks)? */
static bool is_blank(const char *text, size_t len)
{
    size_t k = 0;
    while (k < len) {
        int32_t cp;
        size_t n = ng_utf8_decode((const unsigned char *)text, len, k, &cp);
        if (!ng_is_space_cp(cp) && cp != 0xFEFF) /* a BOM alone is no text either */
            return false;
        k += n;
    }
    return true;
}

/* In text[0, len): bytes no text file holds (NUL, control characters
 * other than white space and ESC) into *control, bytes of invalid UTF-8
 * into *invalid. */
static void count_unlikely_bytes(const char *text, size_t len, size_t *control, size_t *invalid)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    *control = *invalid = 0;
    while (i < len) {
        unsigned char b = s[i];
        if (b < 0x80) {
            if (b == 0 || (b < 0x20 && !strchr("\t\n\v\f\r\033", b)))
                (*control)++;
            i++;
            continue;
        }
        int32_t cp;
        size_t n = ng_utf8_decode(s, len, i, &cp);
        if (cp == NG_CP_INVALID)
            *invalid += n;
        i += n;
    }
}

static bool utf16_bom(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    return len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
}

/* Text in a legacy 8-bit encoding has some invalid UTF-8 (read as
 * separators, with a warning); random bytes have most. */
static bool too_unlikely(size_t control, size_t invalid, size_t probe)
{
    return control * 100 > probe * NG_BINARY_PERCENT ||
           invalid * 100 > probe * 3 * NG_BINARY_PERCENT;
}

bool ng_document_is_binary(const char *text, size_t len)
{
    size_t probe = len < NG_BINARY_PROBE ? len : NG_BINARY_PROBE;
    size_t control, invalid;
    if (utf16_bom(text, len))
        return true;
    count_unlikely_bytes(text, probe, &control, &invalid);
    return too_unlikely(control, invalid, probe);
}

/* False (after a warning) when the document is to be skipped. */
static bool screen_document(const ng_diag_t *diag, const char *name, const char *text,
                            size_t len)
{
    /* Binary or text is decided by content, as ripgrep does for files it
     * is asked to read: a scraped page with a few stray NUL bytes is text,
     * while an image, an executable or UTF-16 (every other byte NUL) has
     * a large share of bytes no UTF-8 text holds.  Its "names" would be
     * noise, so such a file is left out whole. */
    if (utf16_bom(text, len)) {
        ng_diag_warn(diag, "%s: UTF-16 text (byte order mark); skipped (nergraph reads "
                     "UTF-8; convert with iconv -f UTF-16 -t UTF-8)", name);
        return false;
    }
    size_t probe = len < NG_BINARY_PROBE ? len : NG_BINARY_PROBE;
    size_t control, invalid;
    count_unlikely_bytes(text, probe, &control, &invalid);
    if (too_unlikely(control, invalid, probe)) {
        ng_diag_warn(diag, "%s: looks like a binary file (%zu of its first %zu bytes are NUL "
                     "or control bytes, %zu invalid UTF-8); skipped (nergraph reads UTF-8 text; "
                     "convert UTF-16 with iconv)", name, control, probe, invalid);
        return false;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        size_t count = 0;
        for (const char *q = nul; q; q = memchr(q + 1, '\0', len - (size_t)(q + 1 - text)))
            count++;
        ng_diag_warn(diag, "%s: %zu NUL byte%s (the first at offset %zu) read as separators",
                     name, count, count == 1 ? "" : "s", (size_t)(nul - text));
    }
    size_t bad = ng_utf8_first_invalid((const unsigned char *)text, len);
    if (bad < len)
        ng_diag_warn(diag, "%s: invalid UTF-8 at byte %zu; invalid bytes are read as "
                     "separators (convert the file to UTF-8, e.g. with iconv)", name, bad);
    if (is_blank(text, len))
        ng_diag_warn(diag, "%s: empty document (no text)", name);
    return true;
}

/* ---- events ------------------------------------------------------------ */

typedef struct emitter {
    ng_pipeline_t *p;
    const ng_segments_t *seg;
    const ng_document_t *doc;
    ng_error_t *err;
} emitter_t;

/* A sink said stop: make sure the caller gets a message. */
static int sink_stopped(emitter_t *em, int st)
{
    if (em->err && !em->err->message[0])
        ng_fail(em->err, st, "%s: an output stopped the run (status %d)", em->doc->name, st);
    else if (em->err)
        em->err->status = st;
    return st;
}

static int emit_window(emitter_t *em, ng_window_event_t *w)
{
    ng_pipeline_t *p = em->p;
    if (!(p->wanted & NG_SINK_WANTS(w->kind)))
        return NG_OK;
    for (size_t i = 0; i < p->sink_count; i++) {
        const ng_sink_t *s = &p->sinks[i];
        if (!s->window || !(s->windows & NG_SINK_WANTS(w->kind)))
            continue;
        int st = s->window(s->ctx, em->doc, w, em->err);
        if (st)
            return sink_stopped(em, st);
    }
    return NG_OK;
}

static int emit_document_edge(emitter_t *em, bool begin)
{
    ng_pipeline_t *p = em->p;
    for (size_t i = 0; i < p->sink_count; i++) {
        const ng_sink_t *s = &p->sinks[i];
        int (*fn)(void *, const ng_document_t *, ng_error_t *) =
            begin ? s->begin_document : s->end_document;
        if (!fn)
            continue;
        int st = fn(s->ctx, em->doc, em->err);
        if (st)
            return sink_stopped(em, st);
    }
    return NG_OK;
}

/* The end of window [start, next): trailing white space is not part of it. */
static size_t trim_end(const char *text, size_t start, size_t next)
{
    while (next > start && strchr(" \t\r\n\f\v", text[next - 1]) && text[next - 1])
        next--;
    return next;
}

/* First mention at or after offset `at`, from index k on. */
static size_t mentions_before(const ng_mention_t *m, size_t n, size_t k, size_t at)
{
    while (k < n && m[k].start < at)
        k++;
    return k;
}

/* m + from, where m may be NULL (no mentions: C forbids NULL + 0). */
static const ng_mention_t *slice(const ng_mention_t *m, size_t from)
{
    return m ? m + from : NULL;
}

/* Sentence windows, each paragraph's after its last sentence. */
static int emit_sentences_and_paragraphs(emitter_t *em, const ng_mention_t *m, size_t n)
{
    const ng_segments_t *seg = em->seg;
    const char *text = em->doc->text;
    size_t len = em->doc->len;
    size_t para = 0, para_mention = 0, k = 0;
    for (size_t s = 0; s < seg->sentence_count; s++) {
        size_t start = seg->sentence_starts[s];
        size_t next = s + 1 < seg->sentence_count ? seg->sentence_starts[s + 1] : len;
        while (para + 1 < seg->paragraph_count && seg->paragraph_starts[para + 1] <= start)
            para++;
        size_t first = k;
        k = mentions_before(m, n, k, next);
        ng_window_event_t w = {NG_WINDOW_SENTENCE, s, start, trim_end(text, start, next),
                               para, slice(m, first), k - first, NULL};
        int st = emit_window(em, &w);
        if (st)
            return st;
        bool para_ends = para + 1 < seg->paragraph_count
                             ? seg->paragraph_starts[para + 1] <= next
                             : s + 1 == seg->sentence_count;
        if (para_ends) {
            size_t pstart = seg->paragraph_starts[para];
            ng_window_event_t pw = {NG_WINDOW_PARAGRAPH, para, pstart,
                                    trim_end(text, pstart, next), para,
                                    slice(m, para_mention), k - para_mention, NULL};
            st = emit_window(em, &pw);
            if (st)
                return st;
            para_mention = k;
        }
    }
    return NG_OK;
}

/* Token index of each mention's first token, counted incrementally. */
static const size_t *token_indexes(ng_pipeline_t *p, const char *text, const ng_mention_t *m,
                                   size_t n)
{
    if (p->window.kind != NG_WINDOW_TOKENS)
        return NULL;
    NG_GROW(p->tokens, p->token_cap, n + 1);
    size_t token = 0, from = 0;
    for (size_t i = 0; i < n; i++) {
        token += ng_count_tokens(text, from, m[i].start);
        from = m[i].start;
        p->tokens[i] = token;
    }
    return p->tokens;
}

static int emit_document(ng_pipeline_t *p, const ng_segments_t *seg, const ng_document_t *doc,
                         const ng_mention_t *m, size_t n, ng_error_t *err)
{
    emitter_t em = {p, seg, doc, err};
    int st = emit_document_edge(&em, true);
    if (!st && (p->wanted & (NG_SINK_WANTS(NG_WINDOW_SENTENCE) |
                             NG_SINK_WANTS(NG_WINDOW_PARAGRAPH))))
        st = emit_sentences_and_paragraphs(&em, m, n);
    if (!st) {
        ng_window_event_t w = {NG_WINDOW_DOCUMENT, 0, 0, trim_end(doc->text, 0, doc->len), 0,
                               m, n, token_indexes(p, doc->text, m, n)};
        st = emit_window(&em, &w);
    }
    if (!st)
        st = emit_document_edge(&em, false);
    return st;
}

/* Screen, segment and tag one document into seg; *skipped when it is
 * binary.  Warnings go to diag. */
static int analyse(ng_scanner_t *sc, const ng_diag_t *diag, ng_segments_t *seg,
                   const char *name, const char *text, size_t len, const ng_mention_t **m,
                   size_t *n, bool *skipped, ng_error_t *err)
{
    *m = NULL;
    *n = 0;
    *skipped = !screen_document(diag, name, text, len);
    if (*skipped)
        return NG_OK;
    ng_segment_text(text, len, seg);
    int st = ng_scanner_tag(sc, seg, name, text, len, m, n, err);
    if (st)
        return st;
    seg->sentence_count = drop_starts_inside(seg->sentence_starts, seg->sentence_count, *m, *n);
    seg->paragraph_count = drop_starts_inside(seg->paragraph_starts, seg->paragraph_count, *m, *n);
    return NG_OK;
}

/* ---- jobs > 1 ------------------------------------------------------------- */

/* A worker's warning, kept with its document until that is emitted. */
static void job_warn(void *ctx, const char *message)
{
    job_t *j = ctx;
    ng_buf_append(&j->warnings, message, strlen(message) + 1);
}

/* Analyse j with scanner sc: the results are copied out of the scanner,
 * which goes on to the next document while j waits to be emitted. */
static void run_job(job_t *j, ng_scanner_t *sc)
{
    ng_diag_t diag = {job_warn, j};
    ng_scanner_set_diagnostics(sc, job_warn, j);
    const ng_mention_t *m;
    size_t n;
    j->err.message[0] = '\0';
    j->status = analyse(sc, &diag, &j->seg, j->name, j->text, j->len, &m, &n, &j->skipped,
                        &j->err);
    j->mention_count = j->id_count = 0;
    const char *lang = j->status ? NULL : ng_scanner_language(sc);
    snprintf(j->lang, sizeof j->lang, "%s", lang ? lang : "");
    if (j->status)
        return;
    NG_GROW(j->mentions, j->mention_cap, n);
    size_t ids = 0;
    for (size_t i = 0; i < n; i++)
        ids += m[i].candidate_count;
    NG_GROW(j->ids, j->id_cap, ids);
    for (size_t i = 0; i < n; i++) {
        j->mentions[i] = m[i];
        if (m[i].candidate_count)
            memcpy(j->ids + j->id_count, m[i].candidates,
                   m[i].candidate_count * sizeof *j->ids);
        j->id_count += m[i].candidate_count;
    }
    j->mention_count = n;
    /* Pointers last: ids may have moved while it grew. */
    for (size_t i = 0, at = 0; i < n; i++) {
        j->mentions[i].candidates = j->ids + at;
        at += m[i].candidate_count;
    }
}

static void *worker_main(void *arg)
{
    worker_t *w = arg;
    ng_pipeline_t *p = w->p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->shutdown && p->taken == p->submitted)
            pthread_cond_wait(&p->work, &p->lock);
        if (p->shutdown)
            break;
        job_t *j = &p->slots[p->taken++ % p->slot_count];
        pthread_mutex_unlock(&p->lock);
        run_job(j, w->scanner);
        pthread_mutex_lock(&p->lock);
        j->done = true;
        pthread_cond_broadcast(&p->finished);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Start the workers, on the first document.  With none started (a
 * thread limit), the pipeline runs on the caller's thread alone. */
static void start_workers(ng_pipeline_t *p)
{
    p->started = true;
    if (p->jobs <= 1)
        return;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->finished, NULL);
    p->slot_count = (size_t)p->jobs * SLOTS_PER_JOB;
    p->slots = ng_xcalloc(p->slot_count, sizeof *p->slots);
    p->workers = ng_xcalloc(p->jobs, sizeof *p->workers);
    for (unsigned i = 0; i < p->jobs; i++) {
        worker_t *w = &p->workers[p->worker_count];
        w->p = p;
        w->scanner = ng_scanner_new(p->tagger);
        if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
            ng_scanner_free(w->scanner);
            break;
        }
        p->worker_count++;
    }
    if (p->worker_count == 0) {
        stop_workers(p);
        p->jobs = 1;
    }
}

/* Hand a job's warnings on, in the order they were met. */
static void replay_warnings(ng_pipeline_t *p, job_t *j)
{
    for (size_t at = 0; at < j->warnings.len; at += strlen(j->warnings.data + at) + 1)
        ng_diag_warn(&p->diag, "%s", j->warnings.data + at);
    j->warnings.len = 0;
}

/* Emit a finished job: its warnings, then its events (or its error). */
static int emit_job(ng_pipeline_t *p, job_t *j, ng_error_t *err)
{
    replay_warnings(p, j);
    if (j->status) {
        if (err)
            *err = j->err;
        return j->status;
    }
    if (j->skipped)
        return NG_OK;
    ng_document_t doc = {j->name, j->text, j->len, p->documents++, j->lang[0] ? j->lang : NULL};
    return emit_document(p, &j->seg, &doc, j->mentions, j->mention_count, err);
}

/* Wait for the oldest document in flight and emit it. */
static int emit_oldest(ng_pipeline_t *p, ng_error_t *err)
{
    job_t *j = &p->slots[p->emitted % p->slot_count];
    pthread_mutex_lock(&p->lock);
    while (!j->done)
        pthread_cond_wait(&p->finished, &p->lock);
    pthread_mutex_unlock(&p->lock);
    p->emitted++;
    p->inflight_bytes -= j->len;
    int st = emit_job(p, j, err);
    if (st && st != NG_EDATA)
        p->stopped = st;
    return st;
}

/* Emit every document in flight, in order; the first stopping status. */
static int drain(ng_pipeline_t *p, ng_error_t *err)
{
    int result = NG_OK;
    while (p->emitted < p->submitted) {
        int st = emit_oldest(p, err);
        if (st && st != NG_EDATA)
            return st;
        if (st && !result)
            result = st;
    }
    return result;
}

static void copy_into(char **buf, size_t *cap, const char *src, size_t len)
{
    /* Shrink a buffer a huge document left behind, so the slots together
     * stay near INFLIGHT_BYTES. */
    if (*cap < len + 1 || *cap > 4 * (len + 1) + (64u << 10)) {
        free(*buf);
        *cap = len + 1;
        *buf = ng_xmalloc(*cap);
    }
    if (len)
        memcpy(*buf, src, len);
    (*buf)[len] = '\0';
}

static int add_parallel(ng_pipeline_t *p, const char *name, const char *text, size_t len,
                        ng_error_t *err)
{
    int result = NG_OK;
    if (len > INLINE_BYTES) {
        /* Tag it here, from the caller's buffer, while the workers finish
         * the documents before it; emitted after them. */
        job_t *j = &p->inline_job;
        copy_into(&j->name, &j->name_cap, name, strlen(name));
        j->text = (char *)text;
        j->len = len;
        run_job(j, p->scanner);
        ng_scanner_set_diagnostics(p->scanner, p->diag.fn, p->diag.ctx);
        int st = drain(p, err);
        if (!st)
            st = emit_job(p, j, err);
        else
            j->warnings.len = 0;
        j->text = NULL;
        if (st && st != NG_EDATA)
            p->stopped = st;
        return st;
    }
    /* Room for one more: a free slot, and the bytes budget (one document
     * alone may always be in flight). */
    while (p->submitted - p->emitted == p->slot_count ||
           (p->emitted < p->submitted && p->inflight_bytes + len > INFLIGHT_BYTES)) {
        int st = emit_oldest(p, err);
        if (st && st != NG_EDATA)
            return st;
        if (st && !result)
            result = st;
    }
    job_t *j = &p->slots[p->submitted % p->slot_count];
    copy_into(&j->name, &j->name_cap, name, strlen(name));
    copy_into(&j->text, &j->text_cap, text, len);
    j->len = len;
    j->done = false;
    p->inflight_bytes += len;
    pthread_mutex_lock(&p->lock);
    p->submitted++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->lock);
    return result;
}

int ng_pipeline_finish(ng_pipeline_t *p, ng_error_t *err)
{
    if (err)
        err->message[0] = '\0';
    if (p->stopped)
        return ng_fail(err, p->stopped, "the run was stopped by an output (status %d)",
                       p->stopped);
    if (!p->workers)
        return NG_OK;
    return drain(p, err);
}

int ng_pipeline_add_document(ng_pipeline_t *p, const char *name, const char *text,
                             size_t len, ng_error_t *err)
{
    if (err)
        err->message[0] = '\0';
    if (!p->started)
        start_workers(p);
    if (p->stopped)
        return ng_fail(err, p->stopped, "the run was stopped by an output (status %d)",
                       p->stopped);
    if (p->workers)
        return add_parallel(p, name, text, len, err);

    const ng_mention_t *m;
    size_t n;
    bool skipped;
    int st = analyse(p->scanner, &p->diag, &p->seg, name, text, len, &m, &n, &skipped, err);
    if (st || skipped)
        return st;
    ng_document_t doc = {name, text, len, p->documents++, ng_scanner_language(p->scanner)};
    return emit_document(p, &p->seg, &doc, m, n, err);
}
