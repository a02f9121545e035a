/*
 * Gazetteers: the name lists that say which strings name which entity.
 *
 * Format (UTF-8, tab-separated; '#' comments and blank lines ignored):
 *
 *   id <TAB> type <TAB> name [<TAB> aliases [<TAB> attributes]]
 *
 * A later row with an id already seen adds its name and aliases to that
 * entity (its type must be the same).  Aliases are '|'-separated literals;
 * "i:" before one makes it match in any case.  An aliases field starting
 * with "re:" is one PCRE2 pattern.  Attributes are key=value pairs separated
 * by ';' and are copied onto the entity's node in every output; "prior" (a
 * number) breaks ties between entities that share an alias, and "surname"
 * overrides the automatic surname alias of a person ("surname=" disables it).
 * "alias_lang" (ISO 639 codes separated by ',') is no attribute of the
 * entity but of the row: the row's name and aliases are names in those
 * languages (ng_alias_t.langs); such a row may repeat an id of its file.
 *
 * Entities are numbered 0..n-1 in the order their ids first appear; that
 * order is the "gazetteer order" used as the last tie-breaker.
 *
 * Entities of type "ignore" (NG_TYPE_IGNORE) are matched like any other but
 * never become mentions: they name phrases that contain a name without being
 * it ("New Mexico", "Latin America", "French fries") and other senses of a
 * shared alias (Georgia the US state).
 */
#ifndef NG_GAZETTEER_H
#define NG_GAZETTEER_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct ng_gazetteer ng_gazetteer_t;

#define NG_TYPE_IGNORE "ignore"

/* Where an object's warnings go: the formatted message, without prefix or
 * newline, borrowed for the call (see nergraph.h). */
typedef void (*ng_diag_fn)(void *ctx, const char *message);
struct ng_error;

/* How an alias is matched. */
enum {
    NG_ALIAS_FOLD = 1u << 0,    /* "i:" prefix: any case (Unicode folding) */
    NG_ALIAS_PATTERN = 1u << 1, /* "re:" field: a PCRE2 pattern */
    NG_ALIAS_NAME = 1u << 2     /* the canonical name column */
};

typedef struct ng_alias {
    uint32_t entity;   /* index of the entity it names */
    uint32_t flags;    /* NG_ALIAS_* */
    /* Literal aliases: the text with white space runs turned into one space,
     * apostrophes into ', hyphen variants into -, in Unicode NFC.  Patterns:
     * the pattern as written (without "re:"). */
    const char *text;
    size_t len;
    const char *source; /* file it came from */
    size_t line;        /* line in that file */
    /* The languages this alias is a name in, ISO 639 codes separated by
     * ',' ("de,da,sv"), from its row's alias_lang= attribute; NULL for an
     * alias of any language.  A Latin-script alias with languages counts
     * only in a document in one of them (see ng_tagger.h).  Owned by the
     * gazetteer. */
    const char *langs;
} ng_alias_t;

/* An empty gazetteer; owned by the caller, release with ng_gazetteer_free. */
ng_gazetteer_t *ng_gazetteer_new(void);
void ng_gazetteer_free(ng_gazetteer_t *gz);

/*
 * Load a gazetteer file, or every *.tsv file of a directory (sorted by
 * name, not recursive), adding to what gz already holds.  On a malformed row
 * returns NG_EDATA with "path:line: what is wrong; what to do" in err; on an
 * unreadable file NG_EIO.  Problems the load survives (an empty alias, an
 * alias without letters) are reported through the gazetteer's diagnostics
 * (ng_gazetteer_set_diagnostics) and skipped.  After a
 * failure gz may hold part of the file and should be freed.
 */
int ng_gazetteer_load_path(ng_gazetteer_t *gz, const char *path,
                           struct ng_error *err);

/* Same, from memory; source_name is used in messages.  data need not be
 * NUL-terminated and is not retained. */
int ng_gazetteer_load_buffer(ng_gazetteer_t *gz, const char *source_name,
                             const char *data, size_t len,
                             struct ng_error *err);

/* Warnings of later loads (skipped aliases, repeated attributes, patterns
 * that can match the empty string) go to fn, formatted, without prefix;
 * NULL restores the default, stderr prefixed "nergraph: warning: ".  ctx
 * is borrowed. */
void ng_gazetteer_set_diagnostics(ng_gazetteer_t *gz, ng_diag_fn fn, void *ctx);

/* What a gazetteer check is told about while loading. */
typedef enum {
    NG_REPORT_BAD_ROW,     /* a malformed row, skipped */
    NG_REPORT_DUPLICATE_ID /* an id given twice in one file (rows merged) */
} ng_report_kind;
typedef void (*ng_gazetteer_report_fn)(void *ctx, ng_report_kind kind, const char *message);

/*
 * For checking gazetteers (nergraph gazetteer check): report each malformed
 * row to fn ("path:line: what is wrong; what to do", borrowed for the call)
 * and go on with the next row instead of stopping; a load that skipped rows
 * still returns NG_EDATA at the end.  Also reports ids repeated within one
 * file.  fn and ctx are borrowed; NULL turns it off.
 */
void ng_gazetteer_keep_going(ng_gazetteer_t *gz, ng_gazetteer_report_fn fn, void *ctx);

size_t ng_gazetteer_entity_count(const ng_gazetteer_t *gz);
const char *ng_gazetteer_entity_id(const ng_gazetteer_t *gz, uint32_t e);
const char *ng_gazetteer_entity_type(const ng_gazetteer_t *gz, uint32_t e);
const char *ng_gazetteer_entity_name(const ng_gazetteer_t *gz, uint32_t e);
/* The prior= attribute, 0 when absent. */
double ng_gazetteer_entity_prior(const ng_gazetteer_t *gz, uint32_t e);
/* Attributes in the order first given. */
size_t ng_gazetteer_attr_count(const ng_gazetteer_t *gz, uint32_t e);
const char *ng_gazetteer_attr_key(const ng_gazetteer_t *gz, uint32_t e, size_t i);
const char *ng_gazetteer_attr_value(const ng_gazetteer_t *gz, uint32_t e, size_t i);
/* Value of attribute key, or NULL when the entity has none. */
const char *ng_gazetteer_attr(const ng_gazetteer_t *gz, uint32_t e, const char *key);
/* Index of the entity with this id, or -1. */
int64_t ng_gazetteer_find(const ng_gazetteer_t *gz, const char *id);

/*
 * Load a list of common words (UTF-8, one per line, '#' comments), adding
 * to those already loaded; the bundled gazetteers ship english-words.txt.
 * The tagger reads a capitalized alias that is also such a word ("Shell",
 * "Apple") at a sentence start or in a title as the word when the document
 * names no entity with telling capitals (see ng_tagger.h).  NG_EIO when
 * the file cannot be read, NG_EDATA on invalid UTF-8.
 */
int ng_gazetteer_load_words(ng_gazetteer_t *gz, const char *path, struct ng_error *err);
/* Is text (any case) one of the loaded words? */
bool ng_gazetteer_is_word(const ng_gazetteer_t *gz, const char *text, size_t len);
size_t ng_gazetteer_word_count(const ng_gazetteer_t *gz);

/* Forget the common words loaded so far (a compiled gazetteer's stored
 * list included): for a word list given instead of the gazetteer's own. */
void ng_gazetteer_clear_words(ng_gazetteer_t *gz);

/*
 * Load a list of given names (UTF-8, one per line, '#' comments, blank
 * lines skipped), adding to those already loaded; the bundled gazetteers
 * ship given-names.txt (names of many languages).  The tagger reads a
 * one-word country or organization alias that is also a given name
 * ("Jordan", "Chad", "Dell") right before another capitalized word as a
 * first name ("Jordan Pike"), and discovery (ng_discover.h) reads a given
 * name before a capitalized surname as a person.  NG_EIO when the file
 * cannot be read, NG_EDATA on invalid UTF-8 (with file:line).
 */
int ng_gazetteer_load_given_names(ng_gazetteer_t *gz, const char *path, struct ng_error *err);
/* Same, from memory (data not retained; source_name is used in messages). */
int ng_gazetteer_add_given_names(ng_gazetteer_t *gz, const char *source_name, const char *data,
                                 size_t len, struct ng_error *err);
/* Is text, exactly as written (case counts: "Jordan", not "JORDAN"), one of
 * the loaded given names? */
bool ng_gazetteer_is_given_name(const ng_gazetteer_t *gz, const char *text, size_t len);
size_t ng_gazetteer_given_name_count(const ng_gazetteer_t *gz);
/* Forget the given names loaded so far (a compiled gazetteer's stored list
 * included): for a list given instead of the gazetteer's own. */
void ng_gazetteer_clear_given_names(ng_gazetteer_t *gz);

/*
 * Compiled gazetteers.  ng_gazetteer_load_path takes a file written by
 * ng_gazetteer_write_compiled (known by its first bytes, whatever its
 * name): it is mapped and checked, not parsed, and every accessor reads
 * it in place; a tagger made from it uses the stored automaton.  It must
 * be the only gazetteer loaded (NG_EDATA otherwise), and a file from
 * another nergraph version or format, or a truncated or corrupt one, is
 * refused with NG_EDATA and "path: what is wrong; compile it again".
 */
bool ng_gazetteer_is_compiled(const ng_gazetteer_t *gz);

/*
 * Write gz, its common words, its given names and the literal table and automaton of a
 * tagger with default options, as a compiled gazetteer to out (a binary
 * stream, written from its current position; the caller opens and closes
 * it).  NG_EIO on a write error, NG_EDATA when gz is too large for the
 * format (4 GiB of strings, 2^32 entries), NG_EDATA also when a pattern
 * fails, with err filled.
 */
int ng_gazetteer_write_compiled(const ng_gazetteer_t *gz, FILE *out, struct ng_error *err);

/* Aliases, literal and pattern, including each canonical name; duplicates
 * (same entity, text and flags) are stored once.  Borrowed pointers. */
size_t ng_gazetteer_alias_count(const ng_gazetteer_t *gz);
const ng_alias_t *ng_gazetteer_alias(const ng_gazetteer_t *gz, size_t i);

#pragma GCC visibility pop
#endif
