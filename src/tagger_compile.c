/*
 * Compiling a tagger: the literal table, with the case shape of every alias
 * and the automatic surname aliases of persons; the Aho-Corasick automaton
 * over their case-folded keys; and the list of pattern aliases, whose code
 * the gazetteer compiled once at load time (rematch.h).
 */
#include "tagger_internal.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer_internal.h"
#include "ngz.h"
#include "strmap.h"
#include "utf8.h"

void ng_tagger_options_init(ng_tagger_options_t *opts)
{
    opts->auto_aliases = true;
    opts->match_limit = 1000000;
    opts->count_credits = false;
}

/* Generational suffixes and regnal numbers: "Jr.", "Sr.", "III", "XIV". */
static bool is_name_suffix(const char *w, size_t len)
{
    static const char *suffixes[] = {"Jr.", "Jr", "Sr.", "Sr", NULL};
    for (const char **s = suffixes; *s; s++)
        if (strlen(*s) == len && memcmp(*s, w, len) == 0)
            return true;
    if (len && w[len - 1] == '.')
        len--;
    if (!len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!strchr("IVXLC", w[i]))
            return false;
    return true;
}

/* The automatic surname of person e, normalized, into out; false if none. */
static bool surname_of(const ng_gazetteer_t *gz, uint32_t e, ng_buf_t *out)
{
    out->len = 0;
    const char *given = ng_gazetteer_attr(gz, e, "surname");
    if (given) {
        if (!*given)
            return false;
        ng_normalize_alias(given, strlen(given), out);
        return out->len > 0;
    }
    ng_buf_t norm = {0};
    const char *name = ng_gazetteer_entity_name(gz, e);
    ng_normalize_alias(name, strlen(name), &norm);
    /* Last word, skipping generational suffixes. */
    size_t end = norm.len;
    bool found = false;
    while (end > 0) {
        size_t start = end;
        while (start > 0 && norm.data[start - 1] != ' ')
            start--;
        if (start == 0)
            break; /* a one-word name has no separate surname */
        if (!is_name_suffix(norm.data + start, end - start)) {
            ng_buf_append(out, norm.data + start, end - start);
            found = true;
            break;
        }
        end = start - 1;
    }
    ng_buf_free(&norm);
    if (!found)
        return false;
    /* A surname must hold a letter and be more than one character. */
    bool letter = false;
    size_t chars = 0, i = 0;
    while (i < out->len) {
        int32_t cp;
        i += ng_utf8_decode((const unsigned char *)out->data, out->len, i, &cp);
        letter |= ng_is_word_cp(cp);
        chars++;
    }
    return letter && chars > 1;
}

/* LIT_ALL_CAPS, LIT_ONE_CAPITAL or 0 for an alias text. */
static uint32_t case_shape(const char *text, size_t len)
{
    size_t upper = 0, lower = 0, i = 0;
    bool first_upper = false;
    while (i < len) {
        int32_t cp;
        size_t at = i;
        i += ng_utf8_decode((const unsigned char *)text, len, i, &cp);
        if (ng_is_upper_cp(cp)) {
            upper++;
            first_upper |= at == 0;
        } else if (ng_is_lower_cp(cp)) {
            lower++;
        }
    }
    if (upper && !lower)
        return LIT_ALL_CAPS;
    if (upper == 1 && first_upper)
        return LIT_ONE_CAPITAL;
    return 0;
}

/* Append a literal whose exact text is text[0..len), copied into the
 * tagger's pool. */
static void add_lit(ng_tagger_t *t, size_t *cap, uint32_t entity, uint32_t flags,
                    const char *text, size_t len, const char *langs)
{
    NG_GROW(t->lits_owned, *cap, t->lit_count + 1);
    lit_t *lit = &t->lits_owned[t->lit_count++];
    *lit = (lit_t){entity, flags, t->text_owned.len, (uint32_t)len, 0, 0, 0};
    ng_buf_append(&t->text_owned, text, len);
    ng_buf_putc(&t->text_owned, '\0');
    if (flags & LIT_LANG) {
        lit->langs_off = (uint32_t)t->text_owned.len;
        ng_buf_append(&t->text_owned, langs, strlen(langs) + 1);
    }
}

/* Is every letter of the alias a Latin one?  Only such a name needs the
 * document's language to tell: "Salomon" is Haitian Creole for the Solomon
 * Islands and a surname in English text, while "Россия" in any text is
 * written in the script of its language. */
static bool latin_letters(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        i += ng_utf8_decode((const unsigned char *)text, len, i, &cp);
        if (cp < 0x80 || !ng_is_word_cp(cp) || (cp >= 0x300 && cp <= 0x36F))
            continue; /* ASCII, punctuation, combining accents */
        bool latin = (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF) ||
                     (cp >= 0x2C60 && cp <= 0x2C7F) || (cp >= 0xA720 && cp <= 0xA7FF) ||
                     (cp >= 0xAB30 && cp <= 0xAB6F) || (cp >= 0x250 && cp <= 0x2AF);
        if (!latin)
            return false;
    }
    return true;
}

/* entity + text as one key, in key: the entity in digits, since the map's
 * keys are strings (no NUL inside). */
static void entity_text_key(uint32_t entity, const char *text, size_t len, ng_buf_t *key)
{
    key->len = 0;
    ng_buf_printf(key, "%" PRIu32 " ", entity);
    ng_buf_append(key, text, len);
}

/* The literal aliases ending in "s", without it, each with its entity:
 * the singulars whose plural an entity has (see is_demonym). */
static void collect_plurals(const ng_gazetteer_t *gz, ng_strmap_t *singulars)
{
    ng_buf_t key = {0};
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if ((a->flags & NG_ALIAS_PATTERN) || a->len < 2 || a->text[a->len - 1] != 's')
            continue;
        entity_text_key(a->entity, a->text, a->len - 1, &key);
        ng_strmap_put(singulars, key.data, key.len, 0, NULL);
    }
    ng_buf_free(&key);
}

/* A word for a people ("German", "Filipino", "Philippine") is no first
 * name, even where the given-name list has the same string ("German" is a
 * Russian given name): read so when its entity also has the plural
 * ("Germans", "Filipinos", "Philippines"), as a demonym has and a first
 * name used as a country's ("Jordan", "Chad") does not. */
static bool is_demonym(const ng_strmap_t *singulars, const ng_alias_t *a, ng_buf_t *key)
{
    entity_text_key(a->entity, a->text, a->len, key);
    uint32_t v;
    return ng_strmap_get(singulars, key->data, key->len, &v);
}

/* "Jordan", "Chad", "Dell": a one-word, one-capital alias of a country or
 * organization that is also a given name, which "Jordan Pike" uses as
 * one (see case_rule in tagger_scan.c). */
static bool first_name_like(const ng_gazetteer_t *gz, const ng_alias_t *a, uint32_t shape,
                            ng_strmap_t *singulars, bool *singulars_ready, ng_buf_t *key)
{
    if (!(shape & LIT_ONE_CAPITAL) || memchr(a->text, ' ', a->len) ||
        strcmp(ng_gazetteer_entity_type(gz, a->entity), "person") == 0 ||
        !ng_gazetteer_is_given_name(gz, a->text, a->len))
        return false;
    if (!*singulars_ready) {
        collect_plurals(gz, singulars);
        *singulars_ready = true;
    }
    return !is_demonym(singulars, a, key);
}

/* The one-word literal aliases of entities (not of ignore rows): names
 * such as "Japan", "Amazon" or "Dell", which a word list may also hold. */
static void collect_one_word_names(const ng_gazetteer_t *gz, ng_strmap_t *names)
{
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (!(a->flags & NG_ALIAS_PATTERN) && !memchr(a->text, ' ', a->len) &&
            strcmp(ng_gazetteer_entity_type(gz, a->entity), NG_TYPE_IGNORE) != 0)
            ng_strmap_put(names, a->text, a->len, 0, NULL);
    }
}

/* "White House", "Human Rights Watch", "The Verge": a name of several
 * words, each a common word and none a name of its own, so that a novel
 * may use it too, and a shouted line ("ON THE VERGE OF") surely does (see
 * weak_loses and corroborate in tagger_scan.c).  "Japan Airlines" and
 * "Dell Technologies" are names, though "japan" and "dell" are words. */
static bool common_words_only(const ng_gazetteer_t *gz, const ng_strmap_t *names,
                              const char *w, size_t len)
{
    const char *end = w + len;
    if (!memchr(w, ' ', len))
        return false;
    while (w < end) {
        const char *sp = memchr(w, ' ', (size_t)(end - w));
        size_t n = (size_t)((sp ? sp : end) - w);
        uint32_t v;
        if (!ng_gazetteer_is_word(gz, w, n) || ng_strmap_get(names, w, n, &v))
            return false;
        w += n + (sp != NULL);
    }
    return true;
}

/* "Wendy's", "Levi's": a company named for a given name, in the
 * possessive, which a story about a Wendy writes too; it needs the same
 * company as a name of common words. */
static bool possessive_given_name(const ng_gazetteer_t *gz, const ng_alias_t *a)
{
    return a->len > 2 && memcmp(a->text + a->len - 2, "'s", 2) == 0 &&
           !memchr(a->text, ' ', a->len) &&
           strcmp(ng_gazetteer_entity_type(gz, a->entity), "person") != 0 &&
           ng_gazetteer_is_given_name(gz, a->text, a->len - 2);
}

/* The literal aliases of the gazetteer, with their case shapes. */
static void add_explicit_literals(ng_tagger_t *t, size_t *cap)
{
    const ng_gazetteer_t *gz = t->gz;
    ng_strmap_t singulars, names;
    ng_strmap_init(&singulars);
    ng_strmap_init(&names);
    collect_one_word_names(gz, &names);
    bool singulars_ready = false;
    ng_buf_t key = {0};
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (a->flags & NG_ALIAS_PATTERN)
            continue;
        uint32_t shape = case_shape(a->text, a->len);
        uint32_t flags = (a->flags & NG_ALIAS_FOLD) | shape;
        if (first_name_like(gz, a, shape, &singulars, &singulars_ready, &key))
            flags |= LIT_FIRST_NAME_LIKE;
        if (ng_gazetteer_is_word(gz, a->text, a->len))
            flags |= LIT_WORD;
        if (a->langs && latin_letters(a->text, a->len))
            flags |= LIT_LANG;
        if (common_words_only(gz, &names, a->text, a->len) || possessive_given_name(gz, a))
            flags |= LIT_COMMON_WORDS;
        add_lit(t, cap, a->entity, flags, a->text, a->len, a->langs);
    }
    ng_buf_free(&key);
    ng_strmap_destroy(&singulars);
    ng_strmap_destroy(&names);
}

/* The automatic surname alias of every person that has one. */
static void add_surname_literals(ng_tagger_t *t, size_t *cap)
{
    const ng_gazetteer_t *gz = t->gz;
    ng_buf_t sur = {0};
    for (uint32_t e = 0; e < ng_gazetteer_entity_count(gz); e++) {
        if (strcmp(ng_gazetteer_entity_type(gz, e), "person") != 0 || !surname_of(gz, e, &sur))
            continue;
        uint32_t flags = LIT_AUTO | case_shape(sur.data, sur.len);
        if (ng_gazetteer_is_word(gz, sur.data, sur.len))
            flags |= LIT_WORD;
        add_lit(t, cap, e, flags, sur.data, sur.len, NULL);
    }
    ng_buf_free(&sur);
}

/* Case-fold a literal's text: most are ASCII, where folding is lowering
 * the letters and Unicode need not be asked. */
static void fold_key(const char *s, size_t len, ng_buf_t *out)
{
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    if (i < len) {
        ng_fold_string(s, len, out);
        return;
    }
    NG_GROW(out->data, out->cap, out->len + len + 1);
    for (i = 0; i < len; i++) {
        char c = s[i];
        out->data[out->len++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
}

/* The automaton over the folded keys of every literal; records each key's
 * length in its literal. */
static ng_ac_t *build_automaton(lit_t *lits, size_t count, const char *text)
{
    /* Folded keys, all in one buffer; offsets first because it moves. */
    ng_buf_t keys = {0};
    size_t *offs = ng_xmalloc((count + 1) * sizeof *offs);
    uint32_t *lens = ng_xmalloc((count + 1) * sizeof *lens);
    for (size_t i = 0; i < count; i++) {
        offs[i] = keys.len;
        fold_key(text + lits[i].exact_off, lits[i].exact_len, &keys);
        lens[i] = (uint32_t)(keys.len - offs[i]);
        lits[i].key_len = lens[i];
    }
    const unsigned char **kp = ng_xmalloc((count + 1) * sizeof *kp);
    for (size_t i = 0; i < count; i++)
        kp[i] = (const unsigned char *)keys.data + offs[i];
    ng_ac_t *ac = ng_ac_build(kp, lens, count);
    free(kp);
    free(lens);
    free(offs);
    ng_buf_free(&keys);
    return ac;
}

ng_tagger_t *ng_tagger_new(const ng_gazetteer_t *gz, const ng_tagger_options_t *opts,
                           ng_error_t *err)
{
    ng_tagger_t *t = ng_xcalloc(1, sizeof *t);
    t->gz = gz;
    if (opts)
        t->opts = *opts;
    else
        ng_tagger_options_init(&t->opts);
    const ng_ngz_t *z = ng_gazetteer_ngz(gz);
    if (z && t->opts.auto_aliases == ((z->flags & NGZ_FLAG_AUTO_ALIASES) != 0)) {
        /* A compiled gazetteer whose stored table fits: use it in place. */
        t->lits = z->lits;
        t->lit_count = z->lit_count;
        t->lit_text = z->pool;
        t->ac = z->ac;
        t->ignored = z->ignored;
    } else {
        size_t entities = ng_gazetteer_entity_count(gz);
        t->ignored = t->ignored_owned = ng_xcalloc(entities + 1, 1);
        for (uint32_t e = 0; e < entities; e++)
            t->ignored_owned[e] = strcmp(ng_gazetteer_entity_type(gz, e), NG_TYPE_IGNORE) == 0;
        size_t cap = 0;
        add_explicit_literals(t, &cap);
        if (t->opts.auto_aliases)
            add_surname_literals(t, &cap);
        t->lit_text = t->text_owned.data ? t->text_owned.data : "";
        t->ac = t->ac_owned = build_automaton(t->lits_owned, t->lit_count, t->lit_text);
        t->lits = t->lits_owned;
    }

    /* Patterns need no automaton; a compiled gazetteer keeps only them
     * besides literals, so this looks at pattern aliases only. */
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz) && !z; i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if ((a->flags & NG_ALIAS_PATTERN) && !ng_pattern_code_of(gz, i)) {
            /* the loader compiles every pattern it keeps; a gazetteer
             * built any other way is a bug */
            ng_fail(err, NG_EINTERNAL, "%s:%zu: pattern of '%s' was never compiled",
                    a->source, a->line, ng_gazetteer_entity_id(gz, a->entity));
            ng_tagger_free(t);
            return NULL;
        }
    }
    ng_patterns_t *patterns = ng_patterns_new(gz, t->opts.match_limit);
    if (ng_patterns_count(patterns))
        t->patterns = patterns;
    else
        ng_patterns_free(patterns);
    return t;
}

void ng_tagger_free(ng_tagger_t *t)
{
    if (!t)
        return;
    free(t->lits_owned);
    free(t->ignored_owned);
    ng_ac_free(t->ac_owned);
    ng_buf_free(&t->text_owned);
    ng_patterns_free(t->patterns);
    free(t);
}

const ng_gazetteer_t *ng_tagger_gazetteer(const ng_tagger_t *t)
{
    return t->gz;
}

size_t ng_tagger_literal_count(const ng_tagger_t *t)
{
    return t->lit_count;
}
