/*
 * Opening a compiled gazetteer: map the file, then check every offset and
 * index in it once, so that everything after can use the arrays as they
 * are.  The checks are linear passes over flat arrays (no allocation per
 * entry); what they do not catch (a changed byte inside a name) cannot
 * make anything read out of bounds.  Every refusal says what to do:
 * compile the gazetteer again with this version of nergraph.
 */
/* MAP_POPULATE is Linux's, outside POSIX. */
#define _DEFAULT_SOURCE
#include "ngz.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strmap.h"

#define NONE NG_AC_NONE
#ifdef MAP_POPULATE
#define NGZ_POPULATE MAP_POPULATE
#else
#define NGZ_POPULATE 0
#endif
#define AGAIN "; compile it again with 'nergraph gazetteer compile'"

bool ng_ngz_magic(const void *data, size_t len)
{
    return len >= NGZ_MAGIC_LEN && memcmp(data, NGZ_MAGIC, NGZ_MAGIC_LEN) == 0;
}

void ng_ngz_close(ng_ngz_t *z)
{
    if (!z)
        return;
    ng_ac_free(z->ac);
    if (z->mapped)
        munmap(z->map, z->map_len);
    else
        free(z->map);
    free(z);
}

/* Is off a string of the pool (NUL-terminated inside it)? */
static bool str_ok(const ng_ngz_t *z, uint64_t off)
{
    return off < z->pool_len;
}

/* Is [off, off + len] inside the pool, ending with its NUL? */
static bool span_ok(const ng_ngz_t *z, uint64_t off, uint64_t len)
{
    return off < z->pool_len && len < z->pool_len - off && z->pool[off + len] == '\0';
}

/* A stored list: a power of two in size, strings in the pool, and an
 * empty slot to stop every probe; counts its strings. */
static bool table_ok(const ng_ngz_t *z, ngz_table_t *t)
{
    if (!t->cap || (t->cap & (t->cap - 1)))
        return false;
    t->count = 0;
    for (size_t i = 0; i < t->cap; i++) {
        if (t->slots[i] == NONE)
            continue;
        if (!str_ok(z, t->slots[i]))
            return false;
        t->count++;
    }
    return t->count < t->cap;
}

/* The section with this tag, checked against the file; NULL (and *n = 0)
 * for a missing one. */
static const void *section(const unsigned char *base, const ngz_section_t *secs, uint32_t count,
                           uint32_t tag, uint32_t elem, size_t *n)
{
    *n = 0;
    for (uint32_t i = 0; i < count; i++)
        if (secs[i].tag == tag && secs[i].elem_size == elem) {
            *n = (size_t)(secs[i].size / elem);
            return base + secs[i].offset;
        }
    return NULL;
}

/* The tagger looks key_len bytes back from where the automaton says a
 * literal ends: that must be the depth of the state that reports it. */
static uint32_t lit_key_len(const void *ctx, uint32_t key)
{
    return ((const lit_t *)ctx)[key].key_len;
}

#define BAD(...) (ng_fail(err, NG_EDATA, __VA_ARGS__), NG_EDATA)

/* Check the sections of z (map and map_len set) and point into them. */
static int check(const char *name, ng_ngz_t *z, ng_error_t *err)
{
    const unsigned char *base = z->map;
    size_t len = z->map_len;
    ngz_header_t h;
    if (len < sizeof h || !ng_ngz_magic(base, len))
        return BAD("%s: not a compiled gazetteer (no header)" AGAIN, name);
    memcpy(&h, base, sizeof h);
    if (h.byte_order != NGZ_BYTE_ORDER)
        return BAD("%s: compiled on a machine of another byte order" AGAIN, name);
    if (h.format != NGZ_FORMAT)
        return BAD("%s: compiled gazetteer format %u, this nergraph reads format %u" AGAIN,
                   name, h.format, NGZ_FORMAT);
    char version[sizeof h.version + 1];
    memcpy(version, h.version, sizeof h.version);
    version[sizeof h.version] = '\0';
    if (strcmp(version, NG_VERSION) != 0) {
        for (char *p = version; *p; p++)
            if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F)
                *p = '?';
        return BAD("%s: compiled by nergraph %s, this is nergraph %s" AGAIN, name, version,
                   NG_VERSION);
    }
    if (h.file_size != len)
        return BAD("%s: %s (%zu bytes, the header says %llu)" AGAIN, name,
                   len < h.file_size ? "truncated" : "has bytes after its end", len,
                   (unsigned long long)h.file_size);
    if (h.section_count > 64 || sizeof h + (size_t)h.section_count * sizeof(ngz_section_t) > len)
        return BAD("%s: corrupt section table" AGAIN, name);
    z->flags = h.flags;
    const ngz_section_t *secs = (const ngz_section_t *)(base + sizeof h);
    for (uint32_t i = 0; i < h.section_count; i++) {
        const ngz_section_t *s = &secs[i];
        if (s->offset % 8 || s->offset > len || s->size > len - s->offset || !s->elem_size ||
            s->size % s->elem_size)
            return BAD("%s: section %u lies outside the file" AGAIN, name, i);
    }
    size_t n, cnt[7];
    z->pool = section(base, secs, h.section_count, NGZ_S_STRINGS, 1, &z->pool_len);
    z->entities = section(base, secs, h.section_count, NGZ_S_ENTITIES, sizeof(ngz_entity_t),
                          &z->entity_count);
    z->attrs = section(base, secs, h.section_count, NGZ_S_ATTRS, sizeof(ngz_attr_t),
                       &z->attr_count);
    z->aliases = section(base, secs, h.section_count, NGZ_S_ALIASES, sizeof(ngz_alias_t),
                         &z->alias_count);
    z->id_slots = section(base, secs, h.section_count, NGZ_S_IDS, 4, &z->id_cap);
    z->words.slots = section(base, secs, h.section_count, NGZ_S_WORDS, 4, &z->words.cap);
    z->given.slots = section(base, secs, h.section_count, NGZ_S_GIVEN, 4, &z->given.cap);
    z->patterns = section(base, secs, h.section_count, NGZ_S_PATTERNS, 4, &z->pattern_count);
    z->lits = section(base, secs, h.section_count, NGZ_S_LITS, sizeof(lit_t), &z->lit_count);
    z->ignored = section(base, secs, h.section_count, NGZ_S_IGNORED, 1, &n);
    const uint32_t *acn = section(base, secs, h.section_count, NGZ_S_AC_COUNTS, 4, &cnt[0]);
    ng_ac_flat_t f;
    f.states = section(base, secs, h.section_count, NGZ_S_AC_STATES, sizeof(ng_ac_state_t),
                       &cnt[1]);
    f.labels = section(base, secs, h.section_count, NGZ_S_AC_LABELS, 1, &cnt[2]);
    f.out_keys = section(base, secs, h.section_count, NGZ_S_AC_OUTS, 4, &cnt[3]);
    f.dense = section(base, secs, h.section_count, NGZ_S_AC_DENSE, 4, &cnt[4]);
    f.classes = section(base, secs, h.section_count, NGZ_S_AC_CLASSES, 1, &cnt[5]);
    f.depths = section(base, secs, h.section_count, NGZ_S_AC_DEPTHS, 1, &cnt[6]);
    if (!z->pool || !z->entities || !z->attrs || !z->aliases || !z->id_slots ||
        !z->words.slots || !z->given.slots || !z->patterns || !z->lits || !z->ignored || !acn || !f.states ||
        !f.labels || !f.out_keys || !f.dense || !f.classes || !f.depths)
        return BAD("%s: a section is missing" AGAIN, name);

    /* Strings, then everything that points into them. */
    if (!z->pool_len || z->pool[z->pool_len - 1] != '\0' || z->pool_len > UINT32_MAX)
        return BAD("%s: corrupt string table" AGAIN, name);
    if (n != z->entity_count || z->entity_count >= NONE || z->alias_count >= NONE ||
        z->lit_count >= NONE)
        return BAD("%s: table sizes disagree" AGAIN, name);
    for (size_t e = 0; e < z->entity_count; e++) {
        const ngz_entity_t *en = &z->entities[e];
        if (!str_ok(z, en->id) || !str_ok(z, en->type) || !str_ok(z, en->name) ||
            en->attr_off > z->attr_count || en->attr_count > z->attr_count - en->attr_off ||
            z->ignored[e] > 1)
            return BAD("%s: entity %zu is corrupt" AGAIN, name, e);
    }
    for (size_t i = 0; i < z->attr_count; i++)
        if (!str_ok(z, z->attrs[i].key) || !str_ok(z, z->attrs[i].value))
            return BAD("%s: attribute %zu is corrupt" AGAIN, name, i);
    const uint32_t known = NG_ALIAS_FOLD | NG_ALIAS_PATTERN | NG_ALIAS_NAME;
    for (size_t i = 0; i < z->alias_count; i++) {
        const ngz_alias_t *a = &z->aliases[i];
        if (a->entity >= z->entity_count || (a->flags & ~known) || !span_ok(z, a->text, a->len) ||
            !str_ok(z, a->source) || !str_ok(z, a->langs))
            return BAD("%s: alias %zu is corrupt" AGAIN, name, i);
    }
    for (size_t i = 0; i < z->pattern_count; i++)
        if (z->patterns[i] >= z->alias_count ||
            !(z->aliases[z->patterns[i]].flags & NG_ALIAS_PATTERN) ||
            (i && z->patterns[i] <= z->patterns[i - 1]))
            return BAD("%s: pattern list is corrupt" AGAIN, name);
    /* Hash tables: a power of two in size, with room to stop a probe. */
    if (!z->id_cap || (z->id_cap & (z->id_cap - 1)) || z->id_cap <= z->entity_count ||
        !table_ok(z, &z->words) || !table_ok(z, &z->given))
        return BAD("%s: corrupt hash table" AGAIN, name);
    for (size_t i = 0; i < z->id_cap; i++)
        if (z->id_slots[i] != NONE && z->id_slots[i] >= z->entity_count)
            return BAD("%s: corrupt id table" AGAIN, name);
    for (size_t i = 0; i < z->lit_count; i++) {
        const lit_t *l = &z->lits[i];
        if (l->entity >= z->entity_count || l->exact_off >= z->pool_len ||
            l->exact_len >= z->pool_len - l->exact_off || !l->key_len ||
            ((l->flags & LIT_LANG) && !str_ok(z, l->langs_off)))
            return BAD("%s: literal %zu is corrupt" AGAIN, name, i);
    }

    /* The automaton: its own checks, then the tagger's. */
    if (cnt[0] != 4 || cnt[5] != 256)
        return BAD("%s: corrupt automaton header" AGAIN, name);
    f.state_count = acn[0];
    f.dense_count = acn[1];
    f.class_count = acn[2];
    f.out_count = acn[3];
    if (f.state_count == NONE || cnt[1] != (size_t)f.state_count + 1 ||
        cnt[2] != f.state_count || cnt[6] != f.state_count || cnt[3] != f.out_count || f.class_count > 256 ||
        cnt[4] != (size_t)f.dense_count * f.class_count)
        return BAD("%s: automaton sizes disagree" AGAIN, name);
    char why[160];
    z->ac = ng_ac_from_flat(&f, (uint32_t)z->lit_count, lit_key_len, z->lits, why, sizeof why);
    if (!z->ac)
        return BAD("%s: corrupt automaton (%s)" AGAIN, name, why);
    return NG_OK;
}

int ng_ngz_from_buffer(const char *name, const void *data, size_t len, ng_ngz_t **out,
                       ng_error_t *err)
{
    *out = NULL;
    ng_ngz_t *z = ng_xcalloc(1, sizeof *z);
    /* The arrays are read in place, so they must be aligned as a mapping
     * is; a misaligned buffer is copied (into memory close will free). */
    bool copy = (uintptr_t)data % 8 != 0;
    if (copy) {
        z->map = ng_xmalloc(len ? len : 1);
        memcpy(z->map, data, len);
    } else {
        z->map = (void *)data; /* never written */
    }
    z->map_len = len;
    int st = check(name, z, err);
    if (!copy)
        z->map = NULL; /* the caller's: close must not free it */
    if (st) {
        ng_ngz_close(z);
        return st;
    }
    *out = z;
    return NG_OK;
}

int ng_ngz_open(const char *path, ng_ngz_t **out, ng_error_t *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return ng_fail(err, NG_EIO, "%s: cannot open compiled gazetteer: %s", path,
                       strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || sb.st_size <= 0) {
        int e = errno;
        close(fd);
        if (sb.st_size == 0)
            return ng_fail(err, NG_EDATA, "%s: empty file" AGAIN, path);
        return ng_fail(err, NG_EIO, "%s: cannot read compiled gazetteer: %s", path,
                       strerror(e));
    }
    /* Populated: the checks read every page at once, and one call faults
     * them in faster than a fault each. */
    void *map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE | NGZ_POPULATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return ng_fail(err, NG_EIO, "%s: cannot map compiled gazetteer: %s", path,
                       strerror(errno));
    ng_ngz_t *z = ng_xcalloc(1, sizeof *z);
    z->map = map;
    z->map_len = (size_t)sb.st_size;
    z->mapped = true;
    int st = check(path, z, err);
    if (st) {
        ng_ngz_close(z);
        return st;
    }
    *out = z;
    return NG_OK;
}

int64_t ng_ngz_find(const ng_ngz_t *z, const char *id, size_t len)
{
    size_t mask = z->id_cap - 1, i = (size_t)ng_hash_bytes(id, len) & mask;
    for (size_t probes = 0; probes < z->id_cap; probes++, i = (i + 1) & mask) {
        uint32_t e = z->id_slots[i];
        if (e == NONE)
            return -1;
        const char *s = z->pool + z->entities[e].id;
        if (strncmp(s, id, len) == 0 && s[len] == '\0')
            return e;
    }
    return -1;
}

bool ng_ngz_table_has(const ng_ngz_t *z, const ngz_table_t *t, const char *s, size_t len)
{
    size_t mask = t->cap - 1, i = (size_t)ng_hash_bytes(s, len) & mask;
    for (size_t probes = 0; probes < t->cap; probes++, i = (i + 1) & mask) {
        uint32_t w = t->slots[i];
        if (w == NONE)
            return false;
        const char *stored = z->pool + w;
        if (strncmp(stored, s, len) == 0 && stored[len] == '\0')
            return true;
    }
    return false;
}
