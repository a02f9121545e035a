/*
 * Gazetteer loading: TSV rows into entities and aliases.  Every message
 * names the file and line, says what is wrong and what to write instead,
 * because the people who edit these files are analysts, not programmers.
 * Patterns are compiled here, once per process: a bad one is reported
 * with its line before any text is read, and the compiled code is kept for
 * every tagger and scanner to share (rematch.h).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "nergraph.h"

#include <dirent.h>
#include <errno.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gazetteer_internal.h"
#include "langid.h"
#include "ngz.h"
#include "norm.h"
#include "rematch.h"
#include "strmap.h"
#include "utf8.h"
#include "util.h"

/* A list of strings loaded beside the entities (common words, folded;
 * given names, as written).  For a compiled gazetteer the file holds one
 * too, and this holds what was loaded afterwards. */
typedef struct name_list {
    ng_strmap_t map;
    bool fold;      /* stored and looked up case-folded */
    bool cleared;   /* the file's list is not used */
    bool added;     /* strings beyond the file's were loaded */
} name_list_t;

typedef struct attr {
    const char *key;
    const char *value;
} attr_t;

/* The compiled code of one pattern alias. */
typedef struct pattern_code {
    uint32_t alias;
    pcre2_code *code;
} pattern_code_t;

/*
 * A hash index of entities by id, or of aliases by entity, kind and text:
 * slots hold a 32-bit hash and an index, 8 bytes, and keys are compared
 * with the entity or alias the index names, so nothing is copied.  A
 * million-name gazetteer keeps three million of these.
 */
typedef struct index {
    uint64_t *slots; /* hash << 32 | (index + 1); 0 = empty */
    size_t cap, count;
} index_t;

typedef struct entity {
    const char *id;
    const char *type;
    const char *name;
    const char *source;
    size_t line;
    double prior;
    attr_t *attrs;
    size_t attr_count, attr_cap;
} entity_t;

struct ng_gazetteer {
    entity_t *entities;
    size_t entity_count, entity_cap;
    ng_alias_t *aliases;
    size_t alias_count, alias_cap;
    pattern_code_t *patterns; /* ascending by alias */
    size_t pattern_count, pattern_cap;
    index_t ids;            /* id -> entity index */
    index_t alias_seen;     /* entity+kind+text -> alias index (dedupe) */
    name_list_t words;      /* common words (ng_gazetteer_load_words) */
    name_list_t given;      /* given names (ng_gazetteer_load_given_names) */
    ng_arena_t *strings;
    ng_diag_t diag;         /* ng_gazetteer_set_diagnostics */
    ng_gazetteer_report_fn report; /* set by ng_gazetteer_keep_going */
    void *report_ctx;
    size_t bad_rows;
    /* A compiled gazetteer (ng_ngz_open): the entity and alias tables are
     * the file's, and the fields above stay empty except words and given
     * names added afterwards. */
    ng_ngz_t *z;
    /* The file's aliases as ng_alias_t, made on first request (the public
     * accessor hands out pointers), once, whichever thread asks. */
    ng_alias_t *z_aliases;
    atomic_bool z_aliases_ready;
    pthread_mutex_t z_lock;
};

static uint32_t hash32(const void *data, size_t len, uint32_t seed)
{
    return (uint32_t)(ng_hash_bytes(data, len) >> 32) ^ seed;
}

/* The slot for hash h where eq(ctx, index) holds, or the empty slot where
 * it would go. */
static uint64_t *index_slot(const index_t *x, uint32_t h,
                            bool (*eq)(const void *ctx, uint32_t i), const void *ctx)
{
    size_t i = h & (x->cap - 1);
    for (;; i = (i + 1) & (x->cap - 1)) {
        uint64_t v = x->slots[i];
        if (!v || ((uint32_t)(v >> 32) == h && eq(ctx, (uint32_t)v - 1)))
            return &x->slots[i];
    }
}

static bool never(const void *ctx, uint32_t i)
{
    (void)ctx, (void)i;
    return false;
}

/* Room for one more. */
static void index_reserve(index_t *x)
{
    if ((x->count + 1) * 4 <= x->cap * 3)
        return;
    index_t n = {ng_xcalloc(x->cap ? x->cap * 2 : 64, sizeof *n.slots),
                 x->cap ? x->cap * 2 : 64, x->count};
    for (size_t i = 0; i < x->cap; i++)
        if (x->slots[i])
            *index_slot(&n, (uint32_t)(x->slots[i] >> 32), never, NULL) = x->slots[i];
    free(x->slots);
    *x = n;
}

typedef struct id_key {
    const ng_gazetteer_t *gz;
    const char *s;
    size_t len;
} id_key_t;

static bool id_eq(const void *ctx, uint32_t e)
{
    const id_key_t *k = ctx;
    const char *id = k->gz->entities[e].id;
    return strncmp(id, k->s, k->len) == 0 && id[k->len] == '\0';
}

static bool find_id(const ng_gazetteer_t *gz, const char *id, size_t len, uint32_t *e)
{
    if (!gz->ids.cap)
        return false;
    id_key_t k = {gz, id, len};
    uint64_t *slot = index_slot(&gz->ids, hash32(id, len, 0), id_eq, &k);
    if (!*slot)
        return false;
    *e = (uint32_t)*slot - 1;
    return true;
}

void ng_gazetteer_set_diagnostics(ng_gazetteer_t *gz, ng_diag_fn fn, void *ctx)
{
    gz->diag = (ng_diag_t){fn, ctx};
}

void ng_gazetteer_keep_going(ng_gazetteer_t *gz, ng_gazetteer_report_fn fn, void *ctx)
{
    gz->report = fn;
    gz->report_ctx = ctx;
}

ng_gazetteer_t *ng_gazetteer_new(void)
{
    ng_gazetteer_t *gz = ng_xcalloc(1, sizeof *gz);
    ng_strmap_init(&gz->words.map);
    gz->words.fold = true;
    ng_strmap_init(&gz->given.map);
    gz->strings = ng_arena_new();
    pthread_mutex_init(&gz->z_lock, NULL);
    return gz;
}

void ng_gazetteer_free(ng_gazetteer_t *gz)
{
    if (!gz)
        return;
    for (size_t i = 0; i < gz->entity_count; i++)
        free(gz->entities[i].attrs);
    free(gz->entities);
    free(gz->aliases);
    for (size_t i = 0; i < gz->pattern_count; i++)
        ng_pattern_free(gz->patterns[i].code);
    free(gz->patterns);
    free(gz->ids.slots);
    free(gz->alias_seen.slots);
    ng_strmap_destroy(&gz->words.map);
    ng_strmap_destroy(&gz->given.map);
    ng_arena_free(gz->strings);
    ng_ngz_close(gz->z);
    free(gz->z_aliases);
    pthread_mutex_destroy(&gz->z_lock);
    free(gz);
}

/* Accessors read the file's tables for a compiled gazetteer. */
#define ALIAS_LANG "alias_lang"
#define ZS(off) (gz->z->pool + (off))

size_t ng_gazetteer_entity_count(const ng_gazetteer_t *gz)
{
    return gz->z ? gz->z->entity_count : gz->entity_count;
}

const char *ng_gazetteer_entity_id(const ng_gazetteer_t *gz, uint32_t e)
{
    return gz->z ? ZS(gz->z->entities[e].id) : gz->entities[e].id;
}

const char *ng_gazetteer_entity_type(const ng_gazetteer_t *gz, uint32_t e)
{
    return gz->z ? ZS(gz->z->entities[e].type) : gz->entities[e].type;
}

const char *ng_gazetteer_entity_name(const ng_gazetteer_t *gz, uint32_t e)
{
    return gz->z ? ZS(gz->z->entities[e].name) : gz->entities[e].name;
}

double ng_gazetteer_entity_prior(const ng_gazetteer_t *gz, uint32_t e)
{
    return gz->z ? gz->z->entities[e].prior : gz->entities[e].prior;
}

size_t ng_gazetteer_attr_count(const ng_gazetteer_t *gz, uint32_t e)
{
    return gz->z ? gz->z->entities[e].attr_count : gz->entities[e].attr_count;
}

const char *ng_gazetteer_attr_key(const ng_gazetteer_t *gz, uint32_t e, size_t i)
{
    if (gz->z)
        return ZS(gz->z->attrs[gz->z->entities[e].attr_off + i].key);
    return gz->entities[e].attrs[i].key;
}

const char *ng_gazetteer_attr_value(const ng_gazetteer_t *gz, uint32_t e, size_t i)
{
    if (gz->z)
        return ZS(gz->z->attrs[gz->z->entities[e].attr_off + i].value);
    return gz->entities[e].attrs[i].value;
}

size_t ng_gazetteer_alias_count(const ng_gazetteer_t *gz)
{
    return gz->z ? gz->z->alias_count : gz->alias_count;
}

/* The file's aliases in the public form, made once. */
static const ng_alias_t *compiled_aliases(const ng_gazetteer_t *cgz)
{
    ng_gazetteer_t *gz = (ng_gazetteer_t *)cgz; /* a cache, not a change */
    if (atomic_load_explicit(&gz->z_aliases_ready, memory_order_acquire))
        return gz->z_aliases;
    pthread_mutex_lock(&gz->z_lock);
    if (!atomic_load_explicit(&gz->z_aliases_ready, memory_order_relaxed)) {
        size_t n = gz->z->alias_count;
        ng_alias_t *out = ng_xmalloc((n ? n : 1) * sizeof *out);
        for (size_t i = 0; i < n; i++) {
            const ngz_alias_t *a = &gz->z->aliases[i];
            out[i] = (ng_alias_t){a->entity, a->flags, ZS(a->text), a->len, ZS(a->source),
                                  a->line, a->langs ? ZS(a->langs) : NULL};
        }
        gz->z_aliases = out;
        atomic_store_explicit(&gz->z_aliases_ready, true, memory_order_release);
    }
    pthread_mutex_unlock(&gz->z_lock);
    return gz->z_aliases;
}

const ng_alias_t *ng_gazetteer_alias(const ng_gazetteer_t *gz, size_t i)
{
    return gz->z ? &compiled_aliases(gz)[i] : &gz->aliases[i];
}

uint32_t ng_gazetteer_alias_entity(const ng_gazetteer_t *gz, size_t i)
{
    return gz->z ? gz->z->aliases[i].entity : gz->aliases[i].entity;
}

bool ng_gazetteer_is_compiled(const ng_gazetteer_t *gz)
{
    return gz->z != NULL;
}

const ng_ngz_t *ng_gazetteer_ngz(const ng_gazetteer_t *gz)
{
    return gz->z && !gz->words.cleared && !gz->words.added && !gz->given.cleared &&
                   !gz->given.added
               ? gz->z
               : NULL;
}

const pcre2_code *ng_gazetteer_pattern(const ng_gazetteer_t *gz, size_t k, uint32_t *alias)
{
    if (k >= gz->pattern_count)
        return NULL;
    *alias = gz->patterns[k].alias;
    return gz->patterns[k].code;
}

const pcre2_code *ng_pattern_code_of(const ng_gazetteer_t *gz, size_t alias)
{
    size_t lo = 0, hi = gz->pattern_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (gz->patterns[mid].alias < alias)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < gz->pattern_count && gz->patterns[lo].alias == alias)
        return gz->patterns[lo].code;
    return NULL;
}

const char *ng_gazetteer_attr(const ng_gazetteer_t *gz, uint32_t e, const char *key)
{
    if (gz->z) {
        size_t n = ng_gazetteer_attr_count(gz, e);
        for (size_t i = 0; i < n; i++)
            if (strcmp(ng_gazetteer_attr_key(gz, e, i), key) == 0)
                return ng_gazetteer_attr_value(gz, e, i);
        return NULL;
    }
    const entity_t *en = &gz->entities[e];
    for (size_t i = 0; i < en->attr_count; i++)
        if (strcmp(en->attrs[i].key, key) == 0)
            return en->attrs[i].value;
    return NULL;
}

int64_t ng_gazetteer_find(const ng_gazetteer_t *gz, const char *id)
{
    if (gz->z)
        return ng_ngz_find(gz->z, id, strlen(id));
    uint32_t v;
    if (find_id(gz, id, strlen(id), &v))
        return v;
    return -1;
}

/* A field of a row: pointer into the line and length, after trimming. */
typedef struct field {
    const char *s;
    size_t len;
} field_t;

static field_t trim(const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    return (field_t){s, len};
}

static bool has_word_char(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        i += ng_utf8_decode((const unsigned char *)s, len, i, &cp);
        if (ng_is_word_cp(cp))
            return true;
    }
    return false;
}

static bool valid_type(field_t f)
{
    if (!f.len || f.s[0] < 'a' || f.s[0] > 'z')
        return false;
    for (size_t i = 1; i < f.len; i++) {
        char c = f.s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* Attribute names become DOT attributes, JSON keys and, later, GraphML
 * and CSV columns: plain names (letters and digits of any script, '_',
 * '-', '.', not starting with a digit or punctuation) travel through all
 * of them. */
static bool valid_attr_key(field_t f)
{
    const unsigned char *p = (const unsigned char *)f.s;
    size_t i = 0;
    while (i < f.len) {
        int32_t cp;
        size_t n = ng_utf8_decode(p, f.len, i, &cp);
        bool ok = i == 0 ? (ng_is_word_cp(cp) && !(cp >= '0' && cp <= '9')) || cp == '_'
                         : ng_is_word_cp(cp) || cp == '_' || cp == '-' || cp == '.';
        if (!ok)
            return false;
        i += n;
    }
    return f.len > 0;
}

static bool has_control(field_t f)
{
    for (size_t i = 0; i < f.len; i++)
        if ((unsigned char)f.s[i] < 0x20 || f.s[i] == 0x7F)
            return true;
    return false;
}

/* Where we are, for messages. */
typedef struct row_ctx {
    ng_gazetteer_t *gz;
    const char *source; /* arena copy */
    size_t line;
    ng_error_t *err;
    const char *langs;  /* the row's alias_lang=, arena copy, or NULL */
} row_ctx_t;

static const char *reserved_attrs[] = {"id", "label", "type", "mentions", "documents", "windows",
                                      NULL};

typedef struct alias_key {
    const ng_gazetteer_t *gz;
    uint32_t entity, kind;
    const char *text;
    size_t len;
} alias_key_t;

static bool alias_eq(const void *ctx, uint32_t i)
{
    const alias_key_t *k = ctx;
    const ng_alias_t *a = &k->gz->aliases[i];
    return a->entity == k->entity && (a->flags & (NG_ALIAS_FOLD | NG_ALIAS_PATTERN)) == k->kind &&
           a->len == k->len && memcmp(a->text, k->text, k->len) == 0;
}

/* The languages of an alias given again: any language when one row says
 * so (NULL), else both rows' languages. */
static const char *union_langs(ng_gazetteer_t *gz, const char *a, const char *b)
{
    if (!a || !b)
        return NULL;
    ng_buf_t u = {0};
    ng_buf_append(&u, a, strlen(a));
    for (const char *p = b; *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char code[NG_LANG_CODE_MAX];
        if (n < sizeof code) {
            memcpy(code, p, n);
            code[n] = '\0';
            if (!ng_lang_set_has(a, code)) {
                ng_buf_putc(&u, ',');
                ng_buf_append(&u, p, n);
            }
        }
        p += n + (comma != NULL);
    }
    const char *out = u.len == strlen(a) ? a : ng_arena_strndup(gz->strings, u.data, u.len);
    ng_buf_free(&u);
    return out;
}

/* Add an alias unless the entity already has it; returns whether it was
 * added (as the last alias). */
static bool add_alias(row_ctx_t *rc, uint32_t e, uint32_t flags, const char *text, size_t len)
{
    ng_gazetteer_t *gz = rc->gz;
    /* Dedupe key: entity index, kind, then the text. */
    uint32_t kind = flags & (NG_ALIAS_FOLD | NG_ALIAS_PATTERN);
    alias_key_t k = {gz, e, kind, text, len};
    index_reserve(&gz->alias_seen);
    uint64_t *slot = index_slot(&gz->alias_seen, hash32(text, len, e * 0x9E3779B1u ^ kind),
                                alias_eq, &k);
    if (*slot) {
        ng_alias_t *old = &gz->aliases[(uint32_t)*slot - 1];
        old->flags |= flags & NG_ALIAS_NAME;
        old->langs = union_langs(gz, old->langs, rc->langs);
        return false;
    }
    *slot = (uint64_t)hash32(text, len, e * 0x9E3779B1u ^ kind) << 32 |
            ((uint64_t)gz->alias_count + 1);
    gz->alias_seen.count++;
    NG_GROW(gz->aliases, gz->alias_cap, gz->alias_count + 1);
    ng_alias_t *a = &gz->aliases[gz->alias_count++];
    a->entity = e;
    a->flags = flags;
    a->text = ng_arena_strndup(gz->strings, text, len);
    a->len = len;
    a->source = rc->source;
    a->line = rc->line;
    a->langs = rc->langs;
    return true;
}

/* A field wrapped in double quotes, as spreadsheets save "Quux, Inc.":
 * the quotes would be matched as text and the alias never found.  They
 * are removed, with a warning. */
static field_t unquote(row_ctx_t *rc, field_t f, const char *what)
{
    if (f.len < 2 || f.s[0] != '"' || f.s[f.len - 1] != '"')
        return f;
    field_t inner = trim(f.s + 1, f.len - 2);
    if (memchr(inner.s, '"', inner.len))
        return f; /* "A"|"B": each alias is unquoted on its own */
    ng_diag_warn(&rc->gz->diag, "%s:%zu: %s %.*s is wrapped in double quotes; gazetteer fields "
                 "are not quoted (write %.*s); read without the quotes", rc->source, rc->line,
                 what, (int)f.len, f.s, (int)inner.len, inner.s);
    return inner;
}

/* Add a literal alias after normalizing it; warn and skip unusable ones. */
static void add_literal(row_ctx_t *rc, uint32_t e, uint32_t flags, field_t f)
{
    if (f.len >= 2 && f.s[0] == 'i' && f.s[1] == ':') {
        flags |= NG_ALIAS_FOLD;
        f = trim(f.s + 2, f.len - 2);
    }
    f = unquote(rc, f, "alias");
    if (!f.len) {
        ng_diag_warn(&rc->gz->diag, "%s:%zu: empty alias ignored (remove the extra '|')", rc->source, rc->line);
        return;
    }
    /* Names hold commas ("Saint Helena, Ascension and Tristan da Cunha"),
     * but hardly ever semicolons: "A; B" is two names in one. */
    if (memchr(f.s, ';', f.len))
        ng_diag_warn(&rc->gz->diag, "%s:%zu: alias '%.*s' contains ';'; aliases are separated "
                     "by '|' (write 'A|B'); kept as one alias", rc->source, rc->line,
                     (int)f.len, f.s);
    if (!has_word_char(f.s, f.len)) {
        ng_diag_warn(&rc->gz->diag, "%s:%zu: alias '%.*s' has no letter or digit and would match punctuation; ignored",
                rc->source, rc->line, (int)f.len, f.s);
        return;
    }
    ng_buf_t norm = {0};
    ng_normalize_alias(f.s, f.len, &norm);
    add_alias(rc, e, flags, norm.data, norm.len);
    ng_buf_free(&norm);
}

static int add_pattern(row_ctx_t *rc, uint32_t e, field_t f)
{
    char msg[256];
    size_t erroff;
    pcre2_code *code = ng_pattern_compile(f.s, f.len, msg, sizeof msg, &erroff);
    if (!code)
        return ng_fail(rc->err, NG_EDATA,
                       "%s:%zu: pattern of '%s' does not compile: %s at offset %zu of '%.*s'; "
                       "fix the PCRE2 syntax or write the alias as a literal",
                       rc->source, rc->line, rc->gz->entities[e].id, msg, erroff,
                       (int)f.len, f.s);
    if (ng_pattern_min_length(code) == 0)
        ng_diag_warn(&rc->gz->diag, "%s:%zu: pattern of '%s' can match the empty string; empty matches are ignored",
                rc->source, rc->line, rc->gz->entities[e].id);
    ng_gazetteer_t *gz = rc->gz;
    if (!add_alias(rc, e, NG_ALIAS_PATTERN, f.s, f.len)) {
        ng_pattern_free(code); /* the entity has this pattern already */
        return NG_OK;
    }
    NG_GROW(gz->patterns, gz->pattern_cap, gz->pattern_count + 1);
    gz->patterns[gz->pattern_count++] = (pattern_code_t){(uint32_t)(gz->alias_count - 1), code};
    return NG_OK;
}

static bool is_alias_lang(field_t key)
{
    return key.len == strlen(ALIAS_LANG) && memcmp(key.s, ALIAS_LANG, key.len) == 0;
}

/* The row's alias_lang= into rc->langs (NULL without one, or with an
 * empty value), before its aliases are added. */
static int row_langs(row_ctx_t *rc, field_t f)
{
    rc->langs = NULL;
    const char *p = f.s, *end = f.s + f.len;
    while (p < end) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        field_t pair = trim(p, (size_t)((semi ? semi : end) - p));
        p = semi ? semi + 1 : end;
        const char *eq = memchr(pair.s, '=', pair.len);
        if (!eq || !is_alias_lang(trim(pair.s, (size_t)(eq - pair.s))))
            continue;
        field_t val = trim(eq + 1, (size_t)(pair.s + pair.len - eq - 1));
        if (!val.len)
            continue;
        if (!ng_lang_set_valid(val.s, val.len))
            return ng_fail(rc->err, NG_EDATA,
                           "%s:%zu: alias_lang=%.*s is not a list of language codes; write "
                           "ISO 639 codes separated by ',' (alias_lang=de,fr)",
                           rc->source, rc->line, (int)val.len, val.s);
        rc->langs = ng_arena_strndup(rc->gz->strings, val.s, val.len);
    }
    return NG_OK;
}

static int parse_attrs(row_ctx_t *rc, uint32_t e, field_t f)
{
    ng_gazetteer_t *gz = rc->gz;
    entity_t *en = &gz->entities[e];
    const char *p = f.s, *end = f.s + f.len;
    while (p < end) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *stop = semi ? semi : end;
        field_t pair = trim(p, (size_t)(stop - p));
        p = semi ? semi + 1 : end;
        if (!pair.len)
            continue;
        const char *eq = memchr(pair.s, '=', pair.len);
        if (!eq || eq == pair.s)
            return ng_fail(rc->err, NG_EDATA,
                           "%s:%zu: attribute '%.*s' is not key=value; write attributes as "
                           "key=value pairs separated by ';'",
                           rc->source, rc->line, (int)pair.len, pair.s);
        field_t key = trim(pair.s, (size_t)(eq - pair.s));
        field_t val = trim(eq + 1, (size_t)(pair.s + pair.len - eq - 1));
        if (is_alias_lang(key))
            continue; /* the row's, read by row_langs */
        if (!valid_attr_key(key))
            return ng_fail(rc->err, NG_EDATA,
                           "%s:%zu: attribute name '%.*s' is not a plain name; use letters, "
                           "digits, '_', '-' and '.', starting with a letter or '_'",
                           rc->source, rc->line, (int)key.len, key.s);
        for (const char **r = reserved_attrs; *r; r++)
            if (strlen(*r) == key.len && memcmp(*r, key.s, key.len) == 0)
                return ng_fail(rc->err, NG_EDATA,
                               "%s:%zu: attribute '%.*s' is reserved (nergraph sets it); "
                               "rename it",
                               rc->source, rc->line, (int)key.len, key.s);
        char *k = ng_arena_strndup(gz->strings, key.s, key.len);
        char *v = ng_arena_strndup(gz->strings, val.s, val.len);
        const char *old = ng_gazetteer_attr(gz, e, k);
        if (old) {
            if (strcmp(old, v) != 0)
                ng_diag_warn(&rc->gz->diag, "%s:%zu: '%s' already has %s=%s; keeping it and ignoring %s=%s",
                        rc->source, rc->line, en->id, k, old, k, v);
            continue;
        }
        if (strcmp(k, "prior") == 0) {
            char *stop_num;
            errno = 0;
            double d = strtod(v, &stop_num);
            if (!*v || *stop_num || errno)
                return ng_fail(rc->err, NG_EDATA,
                               "%s:%zu: prior=%s is not a number; write e.g. prior=10",
                               rc->source, rc->line, v);
            en->prior = d;
        }
        NG_GROW(en->attrs, en->attr_cap, en->attr_count + 1);
        en->attrs[en->attr_count++] = (attr_t){k, v};
    }
    return NG_OK;
}

/* The row's tab-separated columns, trimmed, into cols[0..6); returns how
 * many there are (possibly more than 6, which only the count reports). */
static size_t split_columns(const char *line, size_t len, field_t cols[6])
{
    size_t ncols = 0;
    const char *p = line, *end = line + len;
    for (;;) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        if (ncols < 6)
            cols[ncols] = trim(p, (size_t)((tab ? tab : end) - p));
        ncols++;
        if (!tab)
            break;
        p = tab + 1;
    }
    /* Trailing empty columns are an editor's habit, not an error. */
    while (ncols > 3 && ncols <= 6 && cols[ncols - 1].len == 0)
        ncols--;
    return ncols;
}

/* Everything about the columns that can be said before the gazetteer is
 * touched: their count, the required ones, control characters, the type
 * and the id. */
static int check_columns(const row_ctx_t *rc, const field_t *cols, size_t ncols)
{
    if (ncols < 3 || ncols > 5)
        return ng_fail(rc->err, NG_EDATA,
                       "%s:%zu: expected 3 to 5 tab-separated columns (id, type, name, "
                       "aliases, attributes), found %zu; separate columns with a TAB character",
                       rc->source, rc->line, ncols);
    static const char *names[] = {"id", "type", "name"};
    for (int c = 0; c < 3; c++)
        if (!cols[c].len)
            return ng_fail(rc->err, NG_EDATA, "%s:%zu: the %s column is empty; every row needs "
                           "an id, a type and a name", rc->source, rc->line, names[c]);
    for (size_t c = 0; c < ncols; c++)
        if (has_control(cols[c]))
            return ng_fail(rc->err, NG_EDATA, "%s:%zu: column %zu contains a control character; "
                           "remove it", rc->source, rc->line, c + 1);
    if (!valid_type(cols[1]))
        return ng_fail(rc->err, NG_EDATA,
                       "%s:%zu: type '%.*s' is not a lowercase word; use person, country, "
                       "organization or another lowercase word",
                       rc->source, rc->line, (int)cols[1].len, cols[1].s);
    if (cols[0].s[0] == '%')
        return ng_fail(rc->err, NG_EDATA,
                       "%s:%zu: id '%.*s' starts with '%%', which Graphviz reserves for "
                       "anonymous nodes; choose an id that does not",
                       rc->source, rc->line, (int)cols[0].len, cols[0].s);
    return NG_OK;
}

/* The entity the row's id names into *e: the existing one (same type
 * required), or a new one with the row's type and name. */
static int row_entity(row_ctx_t *rc, const field_t *cols, uint32_t *e)
{
    ng_gazetteer_t *gz = rc->gz;
    if (find_id(gz, cols[0].s, cols[0].len, e)) {
        entity_t *en = &gz->entities[*e];
        if (strlen(en->type) != cols[1].len || memcmp(en->type, cols[1].s, cols[1].len) != 0)
            return ng_fail(rc->err, NG_EDATA,
                           "%s:%zu: id '%s' has type '%.*s' here but '%s' at %s:%zu; one id "
                           "names one entity of one type",
                           rc->source, rc->line, en->id, (int)cols[1].len, cols[1].s, en->type,
                           en->source, en->line);
        /* Another file adding aliases to an id is how demonyms and
         * translations work; the same id twice in one file is a slip,
         * except in rows of aliases of different languages. */
        if (gz->report && en->source == rc->source && !rc->langs) {
            ng_buf_t m = {0};
            ng_buf_printf(&m, "%s:%zu: id '%s' is already defined at line %zu of this file; "
                          "merge the two rows", rc->source, rc->line, en->id, en->line);
            gz->report(gz->report_ctx, NG_REPORT_DUPLICATE_ID, m.data);
            ng_buf_free(&m);
        }
        return NG_OK;
    }
    if (gz->entity_count >= UINT32_MAX - 1)
        return ng_fail(rc->err, NG_EDATA, "%s:%zu: too many entities", rc->source, rc->line);
    *e = (uint32_t)gz->entity_count;
    NG_GROW(gz->entities, gz->entity_cap, gz->entity_count + 1);
    entity_t *en = &gz->entities[gz->entity_count++];
    memset(en, 0, sizeof *en);
    en->id = ng_arena_strndup(gz->strings, cols[0].s, cols[0].len);
    en->type = ng_arena_strndup(gz->strings, cols[1].s, cols[1].len);
    en->name = ng_arena_strndup(gz->strings, cols[2].s, cols[2].len);
    en->source = rc->source;
    en->line = rc->line;
    index_reserve(&gz->ids);
    id_key_t k = {gz, cols[0].s, cols[0].len};
    uint32_t h = hash32(cols[0].s, cols[0].len, 0);
    *index_slot(&gz->ids, h, id_eq, &k) = (uint64_t)h << 32 | ((uint64_t)*e + 1);
    gz->ids.count++;
    return NG_OK;
}

/* Does an aliases column without '|' read as a comma-separated list?
 * Names hold commas ("Block, Inc.", "Saint Helena, Ascension and Tristan
 * da Cunha"), so one comma alone says little; two or more, or a comma
 * before an acronym ("Quux Corporation, QX"), say "list". */
static bool looks_like_comma_list(field_t f)
{
    if (memchr(f.s, '|', f.len))
        return false;
    size_t commas = 0, last = 0;
    for (size_t i = 0; i < f.len; i++)
        if (f.s[i] == ',')
            commas++, last = i;
    if (commas >= 2)
        return true;
    if (commas == 0)
        return false;
    field_t tail = trim(f.s + last + 1, f.len - last - 1);
    if (tail.len < 2 || tail.len > 8)
        return false;
    for (size_t i = 0; i < tail.len; i++)
        if (tail.s[i] < 'A' || tail.s[i] > 'Z')
            return false;
    return true;
}

/* The aliases column: "re:PATTERN", or literals separated by '|'. */
static int parse_aliases(row_ctx_t *rc, uint32_t e, field_t f)
{
    if (f.len >= 3 && memcmp(f.s, "re:", 3) == 0) {
        field_t pat = {f.s + 3, f.len - 3};
        if (!pat.len)
            return ng_fail(rc->err, NG_EDATA, "%s:%zu: 're:' with no pattern after it",
                           rc->source, rc->line);
        return add_pattern(rc, e, pat);
    }
    if (looks_like_comma_list(f))
        ng_diag_warn(&rc->gz->diag, "%s:%zu: aliases '%.*s' look like a comma-separated list; "
                     "aliases are separated by '|' (write 'A|B'); kept as one alias",
                     rc->source, rc->line, (int)f.len, f.s);
    const char *a = f.s, *aend = f.s + f.len;
    for (;;) {
        const char *bar = memchr(a, '|', (size_t)(aend - a));
        add_literal(rc, e, 0, trim(a, (size_t)((bar ? bar : aend) - a)));
        if (!bar)
            break;
        a = bar + 1;
    }
    return NG_OK;
}

static bool field_is(field_t f, const char *word)
{
    size_t n = strlen(word);
    if (f.len != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((f.s[i] | 0x20) != word[i])
            return false;
    return true;
}

/* One row: id, type, name[, aliases[, attributes]].  *rows counts the
 * rows that name an entity. */
static int parse_row(row_ctx_t *rc, const char *line, size_t len, size_t *rows)
{
    field_t cols[6];
    size_t ncols = split_columns(line, len, cols);
    /* A spreadsheet's header row saved with the data would otherwise
     * become an entity named "name" of type "type". */
    if (ncols >= 3 && field_is(cols[0], "id") && field_is(cols[1], "type")) {
        ng_diag_warn(&rc->gz->diag, "%s:%zu: looks like a header row (id, type, ...); skipped "
                     "(start it with '#' to make it a comment)", rc->source, rc->line);
        return NG_OK;
    }
    /* The aliases column as a whole ("A|B" in quotes); the name column
     * is unquoted here too, so that its alias and the node label agree. */
    for (size_t c = 2; c < 4 && c < ncols; c++)
        if (!(c == 3 && cols[3].len >= 4 && memcmp(cols[3].s, "\"re:", 4) == 0))
            cols[c] = unquote(rc, cols[c], c == 2 ? "name" : "aliases column");
    (*rows)++;
    int st = check_columns(rc, cols, ncols);
    if (st)
        return st;
    if ((st = row_langs(rc, ncols == 5 ? cols[4] : (field_t){"", 0})))
        return st;
    uint32_t e;
    if ((st = row_entity(rc, cols, &e)))
        return st;
    add_literal(rc, e, NG_ALIAS_NAME, cols[2]);
    if (ncols >= 4 && cols[3].len && (st = parse_aliases(rc, e, cols[3])))
        return st;
    if (ncols == 5)
        return parse_attrs(rc, e, cols[4]);
    return NG_OK;
}

/* Take a compiled gazetteer, from path (mapped) or from data (copied),
 * into gz, which must hold no entity yet. */
static int load_compiled(ng_gazetteer_t *gz, const char *name, const char *path,
                         const char *data, size_t len, ng_error_t *err)
{
    if (gz->z || gz->entity_count || gz->alias_count)
        return ng_fail(err, NG_EDATA, "%s: a compiled gazetteer must be loaded alone; compile "
                       "all the gazetteers into one file with 'nergraph gazetteer compile'",
                       name);
    ng_ngz_t *z;
    int st;
    if (path) {
        st = ng_ngz_open(path, &z, err);
    } else {
        /* malloc's alignment suits the arrays; the copy becomes z's. */
        char *copy = ng_xmalloc(len ? len : 1);
        memcpy(copy, data, len);
        st = ng_ngz_from_buffer(name, copy, len, &z, err);
        if (st)
            free(copy);
        else
            z->map = copy;
    }
    if (st)
        return st;
    /* Patterns are stored as text: compiled code (JIT above all) is not
     * portable between processes. */
    for (size_t i = 0; i < z->pattern_count; i++) {
        const ngz_alias_t *a = &z->aliases[z->patterns[i]];
        char msg[256];
        size_t erroff;
        pcre2_code *code = ng_pattern_compile(z->pool + a->text, a->len, msg, sizeof msg, &erroff);
        if (!code) {
            st = ng_fail(err, NG_EDATA, "%s: stored pattern %zu does not compile (%s); compile "
                         "the gazetteer again with 'nergraph gazetteer compile'", name, i, msg);
            break;
        }
        NG_GROW(gz->patterns, gz->pattern_cap, gz->pattern_count + 1);
        gz->patterns[gz->pattern_count++] = (pattern_code_t){z->patterns[i], code};
    }
    if (st) {
        ng_ngz_close(z);
        return st;
    }
    gz->z = z;
    /* Words and names loaded before stay, as added ones (see load_list). */
    gz->words.added = gz->words.map.count > 0;
    gz->given.added = gz->given.map.count > 0;
    return NG_OK;
}

/* ng_gazetteer_load_buffer, counting the rows that name an entity. */
static int load_rows(ng_gazetteer_t *gz, const char *source_name, const char *data, size_t len,
                     size_t *rows, ng_error_t *err)
{
    if (gz->z)
        return ng_fail(err, NG_EDATA, "%s: cannot be added to a compiled gazetteer; compile "
                       "all the gazetteers into one file with 'nergraph gazetteer compile'",
                       source_name);
    row_ctx_t rc = {gz, ng_arena_strndup(gz->strings, source_name, strlen(source_name)), 0, err, NULL};
    size_t pos = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t llen = nl ? (size_t)(nl - line) : len - pos;
        pos += llen + (nl ? 1 : 0);
        rc.line++;
        if (llen && line[llen - 1] == '\r')
            llen--;
        size_t bad = ng_utf8_first_invalid((const unsigned char *)line, llen);
        int st = NG_OK;
        if (bad < llen) {
            st = ng_fail(err, NG_EDATA, "%s:%zu: invalid UTF-8 at byte %zu of the line; "
                         "save the file as UTF-8", rc.source, rc.line, bad + 1);
        } else {
            field_t t = trim(line, llen);
            if (!t.len || t.s[0] == '#')
                continue;
            st = parse_row(&rc, line, llen, rows);
        }
        if (st == NG_EDATA && gz->report) {
            gz->report(gz->report_ctx, NG_REPORT_BAD_ROW, err->message);
            gz->bad_rows++;
            continue;
        }
        if (st)
            return st;
    }
    if (gz->report && gz->bad_rows)
        return ng_fail(err, NG_EDATA, "%s: %zu malformed row%s so far", rc.source, gz->bad_rows,
                       gz->bad_rows == 1 ? "" : "s");
    return NG_OK;
}

int ng_gazetteer_load_buffer(ng_gazetteer_t *gz, const char *source_name,
                             const char *data, size_t len, ng_error_t *err)
{
    if (ng_ngz_magic(data, len))
        return load_compiled(gz, source_name, NULL, data, len, err);
    size_t rows = 0;
    return load_rows(gz, source_name, data, len, &rows, err);
}

/* in_directory: the file was found in a -g directory, where an empty one
 * is a warning; named on its own, it is an error, since a run with it
 * would find nothing and say nothing. */
static int load_file(ng_gazetteer_t *gz, const char *path, bool in_directory, ng_error_t *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ng_fail(err, NG_EIO, "%s: cannot open gazetteer: %s", path, strerror(errno));
    ng_buf_t b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ng_buf_append(&b, chunk, n);
    int st = NG_OK;
    if (ferror(f))
        st = ng_fail(err, NG_EIO, "%s: cannot read gazetteer: %s", path, strerror(errno));
    fclose(f);
    if (st == NG_OK && ng_ngz_magic(b.data, b.len)) {
        st = load_compiled(gz, path, NULL, b.data, b.len, err);
        ng_buf_free(&b);
        return st;
    }
    size_t rows = 0;
    if (st == NG_OK)
        st = load_rows(gz, path, b.data ? b.data : "", b.len, &rows, err);
    ng_buf_free(&b);
    if (st == NG_OK && rows == 0) {
        if (!in_directory)
            return ng_fail(err, NG_EDATA, "%s: no entity rows (the file is empty or all "
                           "comments); add rows 'id<TAB>type<TAB>name' or leave the file out",
                           path);
        ng_diag_warn(&gz->diag, "%s: no entity rows (the file is empty or all comments)", path);
    }
    return st;
}

/* The file's table behind list l, or NULL (none, or cleared). */
static const ngz_table_t *file_table(const ng_gazetteer_t *gz, const name_list_t *l)
{
    if (!gz->z || l->cleared)
        return NULL;
    const ngz_table_t *t = l == &gz->words ? &gz->z->words : &gz->z->given;
    return t->count ? t : NULL;
}

/* Add one string to list l (folded first if the list is). */
static void list_put(ng_gazetteer_t *gz, name_list_t *l, const char *s, size_t n, ng_buf_t *tmp)
{
    if (l->fold) {
        tmp->len = 0;
        ng_fold_string(s, n, tmp);
        s = tmp->data;
        n = tmp->len;
    }
    const ngz_table_t *ft = file_table(gz, l);
    if (ft && ng_ngz_table_has(gz->z, ft, s, n))
        return;
    if (ng_strmap_put(&l->map, s, n, 1, NULL) && gz->z)
        l->added = true;
}

/* Strings one per line ('#' comments, blank lines and the white space
 * around a string skipped) into list l; what names the list in messages. */
static int list_add(ng_gazetteer_t *gz, name_list_t *l, const char *what, const char *source,
                    const char *data, size_t len, ng_error_t *err)
{
    ng_buf_t tmp = {0};
    size_t line = 0, i = 0;
    int st = NG_OK;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        line++;
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        size_t s = i, e = end;
        i = end + 1;
        while (s < e && (data[s] == ' ' || data[s] == '\t'))
            s++;
        while (e > s && (data[e - 1] == ' ' || data[e - 1] == '\t' || data[e - 1] == '\r'))
            e--;
        if (s == e || data[s] == '#')
            continue;
        if (ng_utf8_first_invalid((const unsigned char *)data + s, e - s) < e - s) {
            st = ng_fail(err, NG_EDATA, "%s:%zu: invalid UTF-8; save the %s as UTF-8", source,
                         line, what);
            break;
        }
        list_put(gz, l, data + s, e - s, &tmp);
    }
    ng_buf_free(&tmp);
    return st;
}

static int list_load(ng_gazetteer_t *gz, name_list_t *l, const char *what, const char *path,
                     ng_error_t *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ng_fail(err, NG_EIO, "%s: cannot open %s: %s", path, what, strerror(errno));
    ng_buf_t b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ng_buf_append(&b, chunk, n);
    int st;
    if (ferror(f))
        st = ng_fail(err, NG_EIO, "%s: cannot read %s: %s", path, what, strerror(errno));
    else
        st = list_add(gz, l, what, path, b.data ? b.data : "", b.len, err);
    fclose(f);
    ng_buf_free(&b);
    return st;
}

static bool list_has(const ng_gazetteer_t *gz, const name_list_t *l, const char *text,
                     size_t len)
{
    const ngz_table_t *ft = file_table(gz, l);
    if (!l->map.count && !ft)
        return false;
    ng_buf_t folded = {0};
    if (l->fold) {
        ng_fold_string(text, len, &folded);
        text = folded.data;
        len = folded.len;
    }
    uint32_t v;
    bool found = ng_strmap_get(&l->map, text, len, &v) ||
                 (ft && ng_ngz_table_has(gz->z, ft, text, len));
    ng_buf_free(&folded);
    return found;
}

static size_t list_count(const ng_gazetteer_t *gz, const name_list_t *l)
{
    const ngz_table_t *ft = file_table(gz, l);
    return l->map.count + (ft ? ft->count : 0);
}

static void list_clear(ng_gazetteer_t *gz, name_list_t *l)
{
    ng_strmap_destroy(&l->map);
    ng_strmap_init(&l->map);
    if (gz->z) {
        l->cleared = true;
        l->added = false;
    }
}

static void list_each(const ng_gazetteer_t *gz, const name_list_t *l,
                      void (*fn)(void *ctx, const char *w, size_t len), void *ctx)
{
    const ngz_table_t *ft = file_table(gz, l);
    if (ft)
        for (size_t i = 0; i < ft->cap; i++)
            if (ft->slots[i] != NG_AC_NONE) {
                const char *w = gz->z->pool + ft->slots[i];
                fn(ctx, w, strlen(w));
            }
    ng_strmap_each(&l->map, fn, ctx);
}

int ng_gazetteer_load_words(ng_gazetteer_t *gz, const char *path, ng_error_t *err)
{
    return list_load(gz, &gz->words, "word list", path, err);
}

bool ng_gazetteer_is_word(const ng_gazetteer_t *gz, const char *text, size_t len)
{
    return list_has(gz, &gz->words, text, len);
}

size_t ng_gazetteer_word_count(const ng_gazetteer_t *gz)
{
    return list_count(gz, &gz->words);
}

void ng_gazetteer_clear_words(ng_gazetteer_t *gz)
{
    list_clear(gz, &gz->words);
}

void ng_gazetteer_each_word(const ng_gazetteer_t *gz,
                            void (*fn)(void *ctx, const char *w, size_t len), void *ctx)
{
    list_each(gz, &gz->words, fn, ctx);
}

int ng_gazetteer_load_given_names(ng_gazetteer_t *gz, const char *path, ng_error_t *err)
{
    return list_load(gz, &gz->given, "given-name list", path, err);
}

int ng_gazetteer_add_given_names(ng_gazetteer_t *gz, const char *source_name, const char *data,
                                 size_t len, ng_error_t *err)
{
    return list_add(gz, &gz->given, "given-name list", source_name, data, len, err);
}

bool ng_gazetteer_is_given_name(const ng_gazetteer_t *gz, const char *text, size_t len)
{
    return list_has(gz, &gz->given, text, len);
}

size_t ng_gazetteer_given_name_count(const ng_gazetteer_t *gz)
{
    return list_count(gz, &gz->given);
}

void ng_gazetteer_clear_given_names(ng_gazetteer_t *gz)
{
    list_clear(gz, &gz->given);
}

void ng_gazetteer_each_given_name(const ng_gazetteer_t *gz,
                                  void (*fn)(void *ctx, const char *w, size_t len), void *ctx)
{
    list_each(gz, &gz->given, fn, ctx);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int ng_gazetteer_load_path(ng_gazetteer_t *gz, const char *path, ng_error_t *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return ng_fail(err, NG_EIO, "%s: cannot open gazetteer: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode)) {
        /* A compiled gazetteer is known by its first bytes, whatever its name. */
        FILE *f = fopen(path, "rb");
        char head[NGZ_MAGIC_LEN];
        size_t n = f ? fread(head, 1, sizeof head, f) : 0;
        if (f)
            fclose(f);
        if (ng_ngz_magic(head, n))
            return load_compiled(gz, path, path, NULL, 0, err);
        return load_file(gz, path, false, err);
    }

    DIR *d = opendir(path);
    if (!d)
        return ng_fail(err, NG_EIO, "%s: cannot open gazetteer directory: %s", path, strerror(errno));
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' || l < 5 || strcmp(de->d_name + l - 4, ".tsv") != 0)
            continue;
        NG_GROW(names, cap, count + 1);
        names[count++] = ng_xstrdup(de->d_name);
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, cmp_str);
    int rc = NG_OK;
    if (!count)
        rc = ng_fail(err, NG_EDATA, "%s: directory holds no *.tsv gazetteer files", path);
    for (size_t i = 0; i < count && rc == NG_OK; i++) {
        ng_buf_t full = {0};
        size_t plen = strlen(path);
        bool slash = plen && path[plen - 1] == '/';
        ng_buf_printf(&full, "%s%s%s", path, slash ? "" : "/", names[i]);
        rc = load_file(gz, full.data, true, err);
        ng_buf_free(&full);
    }
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return rc;
}
