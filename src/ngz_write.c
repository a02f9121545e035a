/*
 * Writing a compiled gazetteer: the gazetteer's tables and a default
 * tagger's literal table and automaton, as the flat sections of ngz.h.
 * Strings go into one pool, repeated ones (types, file names, attribute
 * keys, surnames) once; everything else refers to them by offset.
 */
#include "ngz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer_internal.h"

#define NONE NG_AC_NONE

typedef struct writer {
    ng_buf_t pool;
    ng_strmap_t interned; /* string -> pool offset */
    bool too_big;
} writer_t;

/* Append s[0..len) and a NUL to the pool; its offset. */
static uint32_t put(writer_t *w, const char *s, size_t len)
{
    if (w->pool.len + len + 1 > UINT32_MAX) {
        w->too_big = true;
        return 0;
    }
    uint32_t off = (uint32_t)w->pool.len;
    ng_buf_append(&w->pool, s, len);
    ng_buf_putc(&w->pool, '\0');
    return off;
}

/* The same, once per distinct string. */
static uint32_t intern(writer_t *w, const char *s, size_t len)
{
    uint32_t off;
    if (ng_strmap_get(&w->interned, s, len, &off))
        return off;
    off = put(w, s, len);
    ng_strmap_put(&w->interned, s, len, off, NULL);
    return off;
}

static size_t pow2_above(size_t n)
{
    size_t cap = 16;
    while (cap < n + n / 2 + 1)
        cap *= 2;
    return cap;
}

/* Open-addressing table of values (NONE = empty), keyed by hash. */
static void table_put(uint32_t *slots, size_t cap, uint64_t hash, uint32_t value)
{
    size_t i = (size_t)hash & (cap - 1);
    while (slots[i] != NONE)
        i = (i + 1) & (cap - 1);
    slots[i] = value;
}

/* The strings of a list (common words, given names), collected to be
 * sorted. */
typedef struct words_ctx {
    char **words;
    size_t count, cap;
} words_ctx_t;

static void collect_word(void *ctx, const char *word, size_t len)
{
    words_ctx_t *c = ctx;
    NG_GROW(c->words, c->cap, c->count + 1);
    c->words[c->count++] = ng_xstrndup(word, len);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef void each_fn(const ng_gazetteer_t *gz, void (*fn)(void *ctx, const char *s, size_t len),
                     void *ctx);

/* One stored list (ngz_table_t) of the strings each hands out, put into
 * the pool in sorted order: the same list gives the same file, however it
 * was loaded.  Caller frees; *cap its slots. */
static uint32_t *put_table(writer_t *w, const ng_gazetteer_t *gz, each_fn *each, size_t *cap)
{
    words_ctx_t wc = {0};
    each(gz, collect_word, &wc);
    if (wc.count)
        qsort(wc.words, wc.count, sizeof *wc.words, cmp_str);
    *cap = pow2_above(wc.count);
    uint32_t *slots = ng_xmalloc(*cap * sizeof *slots);
    memset(slots, 0xFF, *cap * sizeof *slots);
    for (size_t i = 0; i < wc.count; i++) {
        size_t wl = strlen(wc.words[i]);
        table_put(slots, *cap, ng_hash_bytes(wc.words[i], wl), put(w, wc.words[i], wl));
        free(wc.words[i]);
    }
    free(wc.words);
    return slots;
}

typedef struct section_out {
    uint32_t tag, elem;
    const void *data;
    uint64_t size;
} section_out_t;

static int write_all(FILE *out, const section_out_t *secs, size_t count, uint32_t flags,
                     ng_error_t *err)
{
    ngz_header_t h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, NGZ_MAGIC, NGZ_MAGIC_LEN);
    h.format = NGZ_FORMAT;
    h.byte_order = NGZ_BYTE_ORDER;
    snprintf(h.version, sizeof h.version, "%s", NG_VERSION);
    h.section_count = (uint32_t)count;
    h.flags = flags;
    ngz_section_t table[NGZ_SECTION_COUNT];
    uint64_t off = sizeof h + count * sizeof(ngz_section_t);
    for (size_t i = 0; i < count; i++) {
        off = (off + 7) & ~(uint64_t)7;
        table[i] = (ngz_section_t){secs[i].tag, secs[i].elem, off, secs[i].size};
        off += secs[i].size;
    }
    h.file_size = off;
    static const char zeros[8];
    bool ok = fwrite(&h, sizeof h, 1, out) == 1 &&
              fwrite(table, sizeof *table, count, out) == count;
    uint64_t at = sizeof h + count * sizeof(ngz_section_t);
    for (size_t i = 0; i < count && ok; i++) {
        if (table[i].offset > at)
            ok = fwrite(zeros, 1, (size_t)(table[i].offset - at), out) ==
                 (size_t)(table[i].offset - at);
        if (ok && secs[i].size)
            ok = fwrite(secs[i].data, 1, (size_t)secs[i].size, out) == secs[i].size;
        at = table[i].offset + secs[i].size;
    }
    if (!ok)
        return ng_fail(err, NG_EIO, "cannot write the compiled gazetteer: %s", strerror(errno));
    return NG_OK;
}

int ng_gazetteer_write_compiled(const ng_gazetteer_t *gz, FILE *out, ng_error_t *err)
{
    ng_tagger_options_t opts;
    ng_tagger_options_init(&opts);
    ng_tagger_t *t = ng_tagger_new(gz, &opts, err);
    if (!t)
        return NG_EDATA;
    writer_t w = {0};
    ng_strmap_init(&w.interned);
    ng_buf_putc(&w.pool, '\0'); /* offset 0: the empty string */

    size_t ne = ng_gazetteer_entity_count(gz), na = ng_gazetteer_alias_count(gz);
    ngz_entity_t *ents = ng_xcalloc(ne ? ne : 1, sizeof *ents);
    ngz_attr_t *attrs = NULL;
    size_t nattr = 0, attr_cap = 0;
    size_t id_cap = pow2_above(ne);
    uint32_t *ids = ng_xmalloc(id_cap * sizeof *ids);
    memset(ids, 0xFF, id_cap * sizeof *ids);
    uint8_t *ignored = ng_xcalloc(ne ? ne : 1, 1);
    for (uint32_t e = 0; e < ne; e++) {
        const char *id = ng_gazetteer_entity_id(gz, e);
        const char *type = ng_gazetteer_entity_type(gz, e);
        const char *name = ng_gazetteer_entity_name(gz, e);
        ngz_entity_t *en = &ents[e];
        en->id = put(&w, id, strlen(id));
        en->type = intern(&w, type, strlen(type));
        en->name = put(&w, name, strlen(name));
        en->prior = ng_gazetteer_entity_prior(gz, e);
        en->attr_off = (uint32_t)nattr;
        en->attr_count = (uint32_t)ng_gazetteer_attr_count(gz, e);
        for (size_t i = 0; i < en->attr_count; i++) {
            const char *k = ng_gazetteer_attr_key(gz, e, i);
            const char *v = ng_gazetteer_attr_value(gz, e, i);
            NG_GROW(attrs, attr_cap, nattr + 1);
            attrs[nattr++] = (ngz_attr_t){intern(&w, k, strlen(k)), intern(&w, v, strlen(v))};
        }
        table_put(ids, id_cap, ng_hash_bytes(id, strlen(id)), e);
        ignored[e] = t->ignored[e];
    }

    /* Aliases; an explicit literal's exact text is its alias's text, so
     * the literal table shares it (literals follow literal aliases in
     * order, see add_explicit_literals). */
    ngz_alias_t *aliases = ng_xcalloc(na ? na : 1, sizeof *aliases);
    uint32_t *patterns = ng_xmalloc((na ? na : 1) * sizeof *patterns);
    size_t npat = 0;
    /* The tagger is this function's: a table it built is rewritten in
     * place to point into the pool (a copy would cost as much again); one
     * it borrowed from a compiled gazetteer is copied. */
    lit_t *copy = NULL, *lits = t->lits_owned;
    if (!lits) {
        copy = ng_xmalloc((t->lit_count ? t->lit_count : 1) * sizeof *copy);
        memcpy(copy, t->lits, t->lit_count * sizeof *copy);
        lits = copy;
    }
    const char *lit_text = t->lit_text;
    size_t li = 0;
    for (size_t i = 0; i < na; i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (a->line > UINT32_MAX)
            w.too_big = true;
        aliases[i] = (ngz_alias_t){a->entity, a->flags, put(&w, a->text, a->len),
                                   (uint32_t)a->len, intern(&w, a->source, strlen(a->source)),
                                   (uint32_t)a->line,
                                   a->langs ? intern(&w, a->langs, strlen(a->langs)) : 0};
        if (a->flags & NG_ALIAS_PATTERN) {
            patterns[npat++] = (uint32_t)i;
            continue;
        }
        if (li < t->lit_count && lits[li].entity == a->entity && lits[li].exact_len == a->len &&
            !(lits[li].flags & LIT_AUTO) &&
            memcmp(lit_text + lits[li].exact_off, a->text, a->len) == 0)
            lits[li++].exact_off = aliases[i].text;
    }
    for (; li < t->lit_count; li++)
        lits[li].exact_off = intern(&w, lit_text + lits[li].exact_off, lits[li].exact_len);
    for (li = 0; li < t->lit_count; li++)
        if (lits[li].flags & LIT_LANG) {
            const char *langs = lit_text + lits[li].langs_off;
            lits[li].langs_off = intern(&w, langs, strlen(langs));
        }

    size_t word_cap, given_cap;
    uint32_t *word_slots = put_table(&w, gz, ng_gazetteer_each_word, &word_cap);
    uint32_t *given_slots = put_table(&w, gz, ng_gazetteer_each_given_name, &given_cap);

    ng_ac_flat_t f;
    ng_ac_flat(t->ac, &f);
    uint32_t ac_counts[4] = {f.state_count, f.dense_count, f.class_count, f.out_count};
    int st = NG_OK;
    if (w.too_big || ne >= NONE || na >= NONE || t->lit_count >= NONE) {
        st = ng_fail(err, NG_EDATA, "the gazetteer is too large to compile (more than 4 GiB "
                     "of names or 2^32 entries); split it");
    } else {
        section_out_t secs[] = {
            {NGZ_S_STRINGS, 1, w.pool.data, w.pool.len},
            {NGZ_S_ENTITIES, sizeof *ents, ents, ne * sizeof *ents},
            {NGZ_S_ATTRS, sizeof(ngz_attr_t), attrs, nattr * sizeof(ngz_attr_t)},
            {NGZ_S_ALIASES, sizeof *aliases, aliases, na * sizeof *aliases},
            {NGZ_S_IDS, 4, ids, id_cap * 4},
            {NGZ_S_WORDS, 4, word_slots, word_cap * 4},
            {NGZ_S_PATTERNS, 4, patterns, npat * 4},
            {NGZ_S_LITS, sizeof *lits, lits, t->lit_count * sizeof *lits},
            {NGZ_S_IGNORED, 1, ignored, ne},
            {NGZ_S_AC_COUNTS, 4, ac_counts, sizeof ac_counts},
            {NGZ_S_AC_STATES, sizeof(ng_ac_state_t), f.states,
             ((uint64_t)f.state_count + 1) * sizeof(ng_ac_state_t)},
            {NGZ_S_AC_LABELS, 1, f.labels, f.state_count},
            {NGZ_S_AC_OUTS, 4, f.out_keys, (uint64_t)f.out_count * 4},
            {NGZ_S_AC_DENSE, 4, f.dense, (uint64_t)f.dense_count * f.class_count * 4},
            {NGZ_S_AC_CLASSES, 1, f.classes, 256},
            {NGZ_S_AC_DEPTHS, 1, f.depths, f.state_count},
            {NGZ_S_GIVEN, 4, given_slots, given_cap * 4},
        };
        st = write_all(out, secs, sizeof secs / sizeof *secs,
                       opts.auto_aliases ? NGZ_FLAG_AUTO_ALIASES : 0, err);
    }
    free(ents);
    free(attrs);
    free(ids);
    free(ignored);
    free(aliases);
    free(patterns);
    free(copy);
    free(word_slots);
    free(given_slots);
    ng_buf_free(&w.pool);
    ng_strmap_destroy(&w.interned);
    ng_tagger_free(t);
    return st;
}
