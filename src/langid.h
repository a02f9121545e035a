/*
 * Document language identification with libexttextcat (Debian's
 * libexttextcat: the TextCat n-gram classifier with LibreOffice's language
 * models), and the ISO 639 codes the gazetteers write in alias_lang=.
 * Internal.
 *
 * The tagger asks only when it must: a Latin-script translation alias
 * ("Salomon", Haitian Creole for the Solomon Islands) hit, and it counts
 * only where the text is in one of its languages: its sentence, or the
 * document.  A classifier handle keeps
 * its result buffer inside, so it is not shared between threads: every
 * scanner owns one (ng_langid_t), loaded on first use.  The library keeps
 * no other state (its .data and .bss are the C runtime's 16 bytes), so
 * handles of different threads do not meet.
 */
#ifndef NG_LANGID_H
#define NG_LANGID_H

#include <stdbool.h>
#include <stddef.h>

/* Longest code kept ("haw", "nds"), with its NUL. */
#define NG_LANG_CODE_MAX 8
/* Languages TextCat may name for one text when it cannot choose. */
#define NG_LANG_MAX_GUESSES 6
/* How much of a document is classified: the language of a news story or a
 * chapter shows in its first 700 words, and the cost stays flat (TextCat
 * takes about 0.35 ms for any text, 0.9 ms for 4 KiB, 2.3 ms for 16 KiB). */
#define NG_LANGID_PREFIX ((size_t)4 << 10)

/* Texts shorter than this (in characters) are SHORT: too little to tell.
 * A short sentence ("Deutschland und Frankreich.", 27) is enough. */
#define NG_LANGID_MIN 24

typedef struct ng_langid ng_langid_t;

/* A classifier whose models load on the first ng_langid_detect call, from
 * NG_TEXTCAT_DIR (the directory of fpdb.conf, a build setting).  Owned by
 * the caller; free with ng_langid_free. */
ng_langid_t *ng_langid_new(void);
void ng_langid_free(ng_langid_t *l);

/*
 * The languages of text[0, len) (its first NG_LANGID_PREFIX bytes, cut
 * on a character boundary), best first, as ISO 639 codes into
 * codes[0..max); returns how many.  0 when TextCat answers SHORT (too
 * little text) or UNKNOWN, or when its models cannot be loaded: the
 * language is then not known, and nothing may be concluded from it.
 */
size_t ng_langid_detect(ng_langid_t *l, const char *text, size_t len,
                        char codes[][NG_LANG_CODE_MAX], size_t max);

/*
 * The ISO 639 code of a TextCat category name ("de--utf8" -> "de",
 * "zh-CN-utf8" -> "zh", "gug--utf8" -> "gn") into out (NG_LANG_CODE_MAX
 * bytes); false for a name that holds no code.  name[0, len) is borrowed.
 */
bool ng_langid_code(const char *name, size_t len, char out[NG_LANG_CODE_MAX]);

/* Is code one of the languages of set (codes separated by ',', as in
 * alias_lang=de,da,sv), counting languages that TextCat does not tell
 * apart as one (Serbo-Croatian and Serbian, Croatian, Bosnian; Tagalog
 * and Filipino; Norwegian Bokmål, Nynorsk and Norwegian)? */
bool ng_lang_set_has(const char *set, const char *code);

/* Is s[0, len) a list of ISO 639 codes for alias_lang= ("de", "de,fr"):
 * two or three lowercase ASCII letters each, separated by ','? */
bool ng_lang_set_valid(const char *s, size_t len);

#endif
