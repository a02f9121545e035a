/*
 * Compiled gazetteers (.ngz): a gazetteer and its tagger's literal table
 * and automaton in one file that is used as mapped, without parsing.
 * Internal.
 *
 * Layout (all integers in the byte order of the machine that wrote it,
 * which the header records; sections 8-byte aligned):
 *
 *   header       magic, format version, byte order, nergraph version,
 *                file size, section count, flags
 *   section table  {tag, element size, offset, size} per section
 *   sections     flat arrays: strings (one pool of NUL-terminated
 *                strings, referred to by offset), entities, attributes,
 *                aliases, the id, common-word and given-name hash tables,
 *                the pattern
 *                aliases, the literal table (lit_t as the tagger uses it),
 *                the per-entity "ignore" flags and the automaton's arrays
 *                (ng_ac_flat_t)
 *
 * Nothing in the file is trusted: ng_ngz_open checks every offset and
 * index before anything uses it (see ngz_read.c), so a truncated, corrupt
 * or hostile file is refused with a message, never read out of bounds.
 * Pattern aliases are stored as text and compiled (with JIT) at load.
 */
#ifndef NG_NGZ_H
#define NG_NGZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acmatch.h"
#include "tagger_internal.h"

#define NGZ_MAGIC "\x89NGZ\r\n\x1a\n"
#define NGZ_MAGIC_LEN 8
/* Bump whenever the layout of anything below or of lit_t or of the
 * automaton's arrays changes. */
#define NGZ_FORMAT 2 /* 2: the given-name table, the languages of aliases */
#define NGZ_BYTE_ORDER 0x01020304u

/* The literal table was built with automatic surname aliases. */
#define NGZ_FLAG_AUTO_ALIASES 1u

typedef struct ngz_header {
    char magic[NGZ_MAGIC_LEN];
    uint32_t format;
    uint32_t byte_order;
    char version[16];       /* NG_VERSION of the writer, NUL-padded */
    uint64_t file_size;
    uint32_t section_count;
    uint32_t flags;
    uint64_t reserved;
} ngz_header_t;

typedef struct ngz_section {
    uint32_t tag;           /* NGZ_S_* */
    uint32_t elem_size;
    uint64_t offset, size;  /* bytes */
} ngz_section_t;

enum {
    NGZ_S_STRINGS, NGZ_S_ENTITIES, NGZ_S_ATTRS, NGZ_S_ALIASES, NGZ_S_IDS, NGZ_S_WORDS,
    NGZ_S_PATTERNS, NGZ_S_LITS, NGZ_S_IGNORED, NGZ_S_AC_COUNTS, NGZ_S_AC_STATES,
    NGZ_S_AC_LABELS, NGZ_S_AC_OUTS, NGZ_S_AC_DENSE, NGZ_S_AC_CLASSES, NGZ_S_AC_DEPTHS,
    NGZ_S_GIVEN, NGZ_SECTION_COUNT
};

typedef struct ngz_entity {
    uint32_t id, type, name; /* string offsets */
    uint32_t attr_off, attr_count;
    uint32_t reserved;
    double prior;
} ngz_entity_t;

typedef struct ngz_attr {
    uint32_t key, value;
} ngz_attr_t;

typedef struct ngz_alias {
    uint32_t entity, flags, text, len, source, line;
    uint32_t langs;         /* string offset; 0 (the empty string): any language */
} ngz_alias_t;

/* A stored list of strings (common words folded, given names as written):
 * an open-addressing hash table of string offsets, NG_AC_NONE for empty,
 * a power of two in size with at least one empty slot. */
typedef struct ngz_table {
    const uint32_t *slots;
    size_t cap, count;
} ngz_table_t;

/* A compiled gazetteer, checked and ready: every pointer points into the
 * mapping (or the caller's buffer). */
typedef struct ng_ngz {
    void *map;              /* mmap'd region, or an aligned copy; owned */
    size_t map_len;
    bool mapped;
    uint32_t flags;
    const char *pool;
    size_t pool_len;
    const ngz_entity_t *entities;
    size_t entity_count;
    const ngz_attr_t *attrs;
    size_t attr_count;
    const ngz_alias_t *aliases;
    size_t alias_count;
    const uint32_t *id_slots;   /* entity index or NG_AC_NONE; power-of-two size */
    size_t id_cap;
    ngz_table_t words;          /* folded common words */
    ngz_table_t given;          /* given names, as written */
    const uint32_t *patterns;   /* alias indices, ascending */
    size_t pattern_count;
    const lit_t *lits;
    size_t lit_count;
    const uint8_t *ignored;     /* per entity, 0 or 1 */
    ng_ac_t *ac;                /* over the mapped arrays; owned */
} ng_ngz_t;

/* Do these bytes start like a compiled gazetteer? */
bool ng_ngz_magic(const void *data, size_t len);

/* Map and check path; NG_EIO when unreadable, NG_EDATA with "path: what
 * is wrong; recompile ..." when not a usable compiled gazetteer.  The
 * caller frees *out with ng_ngz_close. */
int ng_ngz_open(const char *path, ng_ngz_t **out, ng_error_t *err);

/* Same over bytes in memory (copied when misaligned, else borrowed: they
 * must outlive the result); name is used in messages. */
int ng_ngz_from_buffer(const char *name, const void *data, size_t len, ng_ngz_t **out,
                       ng_error_t *err);
void ng_ngz_close(ng_ngz_t *z);

/* Look an id up, or a string in one of z's stored lists (&z->words with a
 * folded word, &z->given with a name as written). */
int64_t ng_ngz_find(const ng_ngz_t *z, const char *id, size_t len);
bool ng_ngz_table_has(const ng_ngz_t *z, const ngz_table_t *t, const char *s, size_t len);

#endif
