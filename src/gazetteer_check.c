/*
 * Gazetteer check and statistics.  The check loads with the gazetteer's
 * keep-going mode, turns each loader report and warning into a finding
 * with its file and line, then looks at the loaded aliases as a whole:
 * those several entities share (grouped by their case-folded text, the key
 * the matcher uses) and those that are common words.  The statistics count
 * entities and aliases per type and aliases per script.  Both hand their
 * results to the caller; printing is the caller's business.
 */
#include "ng_gazetteer_check.h"

#include <stdlib.h>
#include <string.h>

#include "nergraph.h"
#include "norm.h"
#include "strmap.h"
#include "utf8.h"
#include "util.h"

typedef struct check {
    ng_check_fn fn;
    void *ctx;
    ng_check_summary_t sum;
    const char *path;     /* the path being loaded: where locations start */
    size_t bad_rows;      /* malformed rows reported so far */
    ng_buf_t file;        /* scratch for a finding's file name */
} check_t;

static void emit(check_t *c, ng_check_kind kind, const char *file, size_t line,
                 const char *message)
{
    switch (kind) {
    case NG_CHECK_ERROR: c->sum.errors++; break;
    case NG_CHECK_WARNING: c->sum.warnings++; break;
    case NG_CHECK_AMBIGUOUS: c->sum.ambiguous++; break;
    case NG_CHECK_COMMON_WORD: c->sum.common_words++; break;
    }
    if (c->fn) {
        ng_check_finding_t f = {kind, file, line, message};
        c->fn(c->ctx, &f);
    }
}

/*
 * The loader's messages read "file:line: what" or "file: what", where file
 * is the path being loaded or, for a directory, the path and a file name.
 * The location ends at the first ": " or ":<digits>: " after that path, so
 * a path with colons of its own stays whole.  A message of another shape
 * is passed on without a location.
 */
static void emit_located(check_t *c, ng_check_kind kind, const char *msg)
{
    size_t plen = strlen(c->path);
    const char *p = strncmp(msg, c->path, plen) == 0 ? msg + plen : msg;
    for (p = strchr(p, ':'); p; p = strchr(p + 1, ':')) {
        const char *q = p + 1;
        size_t line = 0;
        while (*q >= '0' && *q <= '9')
            line = line * 10 + (size_t)(*q++ - '0');
        if (q > p + 1 && q[0] == ':' && q[1] == ' ')
            q += 2;
        else if (q == p + 1 && q[0] == ' ')
            q += 1;
        else
            continue;
        c->file.len = 0;
        ng_buf_append(&c->file, msg, (size_t)(p - msg));
        emit(c, kind, ng_buf_cstr(&c->file), line, q);
        return;
    }
    emit(c, kind, NULL, 0, msg);
}

static void on_report(void *ctx, ng_report_kind kind, const char *message)
{
    check_t *c = ctx;
    if (kind == NG_REPORT_BAD_ROW) {
        c->bad_rows++;
        emit_located(c, NG_CHECK_ERROR, message);
    } else {
        emit_located(c, NG_CHECK_WARNING, message);
    }
}

/* Skipped aliases and other problems the load survives. */
static void on_warning(void *ctx, const char *message)
{
    emit_located(ctx, NG_CHECK_WARNING, message);
}

static void load_all(check_t *c, ng_gazetteer_t *gz, const char *const *paths, size_t count)
{
    ng_gazetteer_keep_going(gz, on_report, c);
    ng_gazetteer_set_diagnostics(gz, on_warning, c);
    for (size_t i = 0; i < count; i++) {
        ng_error_t err = {0};
        c->path = paths[i];
        int st = ng_gazetteer_load_path(gz, paths[i], &err);
        /* In keep-going mode NG_EDATA mostly sums up rows reported one by
         * one already; only before any bad row can it be something else
         * (a directory without *.tsv files), which must not go unsaid. */
        if (st && (st != NG_EDATA || c->bad_rows == 0))
            emit_located(c, NG_CHECK_ERROR, err.message);
    }
    /* c lives on the caller's stack */
    ng_gazetteer_set_diagnostics(gz, NULL, NULL);
    ng_gazetteer_keep_going(gz, NULL, NULL);
}

/* Has an alias before j in the chain from head named the same entity? */
static bool entity_seen(const ng_gazetteer_t *gz, const uint32_t *next, uint32_t head,
                        uint32_t j)
{
    uint32_t e = ng_gazetteer_alias(gz, j)->entity;
    for (uint32_t k = head; k != j; k = next[k])
        if (ng_gazetteer_alias(gz, k)->entity == e)
            return true;
    return false;
}

/* Aliases that several entities share, grouped by folded text, reported
 * at the first alias of each group, in the order groups first appear. */
static void check_ambiguous(check_t *c, const ng_gazetteer_t *gz)
{
    size_t n = ng_gazetteer_alias_count(gz);
    ng_strmap_t groups;
    ng_strmap_init(&groups);
    uint32_t *next = ng_xmalloc((n + 1) * sizeof *next); /* chain: alias -> next alias */
    uint32_t *last = ng_xmalloc((n + 1) * sizeof *last); /* group head -> its last alias */
    uint32_t *head_of = ng_xmalloc((n + 1) * sizeof *head_of);
    ng_buf_t key = {0}, msg = {0};
    for (size_t i = 0; i < n; i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        next[i] = UINT32_MAX;
        head_of[i] = UINT32_MAX;
        if (a->flags & NG_ALIAS_PATTERN)
            continue;
        key.len = 0;
        ng_fold_string(a->text, a->len, &key);
        uint32_t head;
        if (ng_strmap_put(&groups, key.data, key.len, (uint32_t)i, &head)) {
            head = (uint32_t)i;
        } else {
            next[last[head]] = (uint32_t)i;
        }
        last[head] = (uint32_t)i;
        head_of[i] = head;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (head_of[i] != i || next[i] == UINT32_MAX)
            continue;
        size_t distinct = 0;
        for (uint32_t j = i; j != UINT32_MAX; j = next[j])
            distinct += !entity_seen(gz, next, i, j);
        if (distinct < 2)
            continue;
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        msg.len = 0;
        ng_buf_printf(&msg, "'%s' names %zu entities:", a->text, distinct);
        for (uint32_t j = i; j != UINT32_MAX; j = next[j]) {
            const ng_alias_t *b = ng_gazetteer_alias(gz, j);
            if (!entity_seen(gz, next, i, j))
                ng_buf_printf(&msg, " %s (%s:%zu)", ng_gazetteer_entity_id(gz, b->entity),
                              b->source, b->line);
        }
        emit(c, NG_CHECK_AMBIGUOUS, a->source, a->line, msg.data);
    }
    ng_buf_free(&key);
    ng_buf_free(&msg);
    free(next);
    free(last);
    free(head_of);
    ng_strmap_destroy(&groups);
}

/* Aliases that are also common words.  Written as given they are matched
 * only as written, which is a risk worth listing; with "i:" they match the
 * word itself in running text, which is a mistake. */
static void check_common_words(check_t *c, const ng_gazetteer_t *gz)
{
    ng_buf_t key = {0}, msg = {0};
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (a->flags & NG_ALIAS_PATTERN)
            continue;
        if (strcmp(ng_gazetteer_entity_type(gz, a->entity), NG_TYPE_IGNORE) == 0)
            continue; /* absorbing such phrases is what ignore rows are for */
        if (!ng_gazetteer_is_word(gz, a->text, a->len))
            continue;
        key.len = 0;
        ng_fold_string(a->text, a->len, &key);
        const char *id = ng_gazetteer_entity_id(gz, a->entity);
        msg.len = 0;
        if (a->flags & NG_ALIAS_FOLD) {
            ng_buf_printf(&msg, "alias 'i:%s' of %s matches the everyday word '%s' in any "
                          "case; drop the 'i:'", a->text, id, ng_buf_cstr(&key));
            emit(c, NG_CHECK_WARNING, a->source, a->line, msg.data);
        } else {
            ng_buf_printf(&msg, "'%s' (%s) is also the word '%s'", a->text, id,
                          ng_buf_cstr(&key));
            emit(c, NG_CHECK_COMMON_WORD, a->source, a->line, msg.data);
        }
    }
    ng_buf_free(&key);
    ng_buf_free(&msg);
}

void ng_gazetteer_check(ng_gazetteer_t *gz, const char *const *paths, size_t count,
                        ng_check_fn fn, void *ctx, ng_check_summary_t *summary)
{
    check_t c = {.fn = fn, .ctx = ctx};
    load_all(&c, gz, paths, count);
    check_ambiguous(&c, gz);
    check_common_words(&c, gz);
    c.sum.entities = ng_gazetteer_entity_count(gz);
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++)
        (ng_gazetteer_alias(gz, i)->flags & NG_ALIAS_PATTERN) ? c.sum.patterns++
                                                               : c.sum.literal_aliases++;
    ng_buf_free(&c.file);
    if (summary)
        *summary = c.sum;
}

/* ---- statistics ------------------------------------------------------- */

typedef struct script_range {
    int32_t lo, hi;
    const char *name;
} script_range_t;

/* Unicode blocks of the scripts gazetteers are written in, sorted. */
static const script_range_t script_ranges[] = {
    {0x0041, 0x024F, "Latin"},      {0x0370, 0x03FF, "Greek"},
    {0x0400, 0x052F, "Cyrillic"},   {0x0530, 0x058F, "Armenian"},
    {0x0590, 0x05FF, "Hebrew"},     {0x0600, 0x06FF, "Arabic"},
    {0x0700, 0x074F, "Syriac"},     {0x0750, 0x077F, "Arabic"},
    {0x0780, 0x07BF, "Thaana"},     {0x07C0, 0x07FF, "NKo"},
    {0x08A0, 0x08FF, "Arabic"},     {0x0900, 0x097F, "Devanagari"},
    {0x0980, 0x09FF, "Bengali"},    {0x0A00, 0x0A7F, "Gurmukhi"},
    {0x0A80, 0x0AFF, "Gujarati"},   {0x0B00, 0x0B7F, "Oriya"},
    {0x0B80, 0x0BFF, "Tamil"},      {0x0C00, 0x0C7F, "Telugu"},
    {0x0C80, 0x0CFF, "Kannada"},    {0x0D00, 0x0D7F, "Malayalam"},
    {0x0D80, 0x0DFF, "Sinhala"},    {0x0E00, 0x0E7F, "Thai"},
    {0x0E80, 0x0EFF, "Lao"},        {0x0F00, 0x0FFF, "Tibetan"},
    {0x1000, 0x109F, "Myanmar"},    {0x10A0, 0x10FF, "Georgian"},
    {0x1100, 0x11FF, "Hangul"},     {0x1200, 0x139F, "Ethiopic"},
    {0x13A0, 0x13FF, "Cherokee"},   {0x1400, 0x167F, "Canadian Syllabics"},
    {0x1780, 0x17FF, "Khmer"},      {0x1800, 0x18AF, "Mongolian"},
    {0x1C80, 0x1C8F, "Cyrillic"},   {0x1C90, 0x1CBF, "Georgian"},
    {0x1E00, 0x1EFF, "Latin"},      {0x1F00, 0x1FFF, "Greek"},
    {0x2C60, 0x2C7F, "Latin"},      {0x2D30, 0x2D7F, "Tifinagh"},
    {0x2DE0, 0x2DFF, "Cyrillic"},   {0x3040, 0x309F, "Hiragana"},
    {0x30A0, 0x30FF, "Katakana"},   {0x3130, 0x318F, "Hangul"},
    {0x31F0, 0x31FF, "Katakana"},   {0x3400, 0x4DBF, "Han"},
    {0x4E00, 0x9FFF, "Han"},        {0xA640, 0xA69F, "Cyrillic"},
    {0xA720, 0xA7FF, "Latin"},      {0xAB30, 0xAB6F, "Latin"},
    {0xAC00, 0xD7AF, "Hangul"},     {0xF900, 0xFAFF, "Han"},
    {0xFB1D, 0xFB4F, "Hebrew"},     {0xFB50, 0xFDFF, "Arabic"},
    {0xFE70, 0xFEFF, "Arabic"},     {0xFF21, 0xFF5A, "Latin"},
    {0x20000, 0x2FFFF, "Han"},
};

/* The script of the first letter of s ("Other" when none is listed;
 * "Common" when s has no letter, e.g. a number). */
static const char *script_of(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        i += ng_utf8_decode((const unsigned char *)s, len, i, &cp);
        if (!ng_is_word_cp(cp) || (cp >= '0' && cp <= '9'))
            continue;
        size_t lo = 0, hi = sizeof script_ranges / sizeof *script_ranges;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (cp < script_ranges[mid].lo)
                hi = mid;
            else if (cp > script_ranges[mid].hi)
                lo = mid + 1;
            else
                return script_ranges[mid].name;
        }
        return "Other";
    }
    return "Common";
}

/* Types and scripts are few (tens), so a linear search is enough. */
static ng_tally_t *tally_get(ng_tally_t **t, size_t *count, size_t *cap, const char *name)
{
    for (size_t i = 0; i < *count; i++)
        if (strcmp((*t)[i].name, name) == 0)
            return &(*t)[i];
    NG_GROW(*t, *cap, *count + 1);
    (*t)[*count] = (ng_tally_t){name, 0, 0};
    return &(*t)[(*count)++];
}

static int cmp_tally(const void *pa, const void *pb)
{
    const ng_tally_t *a = pa, *b = pb;
    if (a->aliases != b->aliases)
        return a->aliases > b->aliases ? -1 : 1;
    return strcmp(a->name, b->name);
}

void ng_gazetteer_stats_init(ng_gazetteer_stats_t *s, const ng_gazetteer_t *gz)
{
    memset(s, 0, sizeof *s);
    size_t type_cap = 0, script_cap = 0;
    s->entities = ng_gazetteer_entity_count(gz);
    s->aliases = ng_gazetteer_alias_count(gz);
    for (uint32_t e = 0; e < s->entities; e++)
        tally_get(&s->types, &s->type_count, &type_cap,
                  ng_gazetteer_entity_type(gz, e))->entities++;
    for (size_t i = 0; i < s->aliases; i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        tally_get(&s->types, &s->type_count, &type_cap,
                  ng_gazetteer_entity_type(gz, a->entity))->aliases++;
        if (a->flags & NG_ALIAS_PATTERN) {
            s->patterns++;
            continue;
        }
        tally_get(&s->scripts, &s->script_count, &script_cap,
                  script_of(a->text, a->len))->aliases++;
    }
    if (s->type_count)
        qsort(s->types, s->type_count, sizeof *s->types, cmp_tally);
    if (s->script_count)
        qsort(s->scripts, s->script_count, sizeof *s->scripts, cmp_tally);
}

void ng_gazetteer_stats_destroy(ng_gazetteer_stats_t *s)
{
    free(s->types);
    free(s->scripts);
    memset(s, 0, sizeof *s);
}
