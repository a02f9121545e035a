/*
 * Language identification: libexttextcat behind a handle that loads its
 * models when first asked, and the ISO 639 codes of its answers.
 */
#include "langid.h"

#include <stdlib.h>
#include <string.h>
#include <textcat.h>
#include <unistd.h>

#include "util.h"

#ifndef NG_TEXTCAT_DIR
#define NG_TEXTCAT_DIR "/usr/share/libexttextcat"
#endif

struct ng_langid {
    void *handle;  /* TextCat's, NULL until loaded or when loading failed */
    bool tried;
};

ng_langid_t *ng_langid_new(void)
{
    return ng_xcalloc(1, sizeof(ng_langid_t));
}

void ng_langid_free(ng_langid_t *l)
{
    if (!l)
        return;
    if (l->handle)
        textcat_Done(l->handle);
    free(l);
}

/* TextCat categories whose code is not the one of the gazetteers' message
 * catalogues (ISO 639-1 where there is one). */
static const char *const renamed[][2] = {
    {"gug", "gn"},  /* Paraguayan Guaraní: Guaraní */
    {"plt", "mg"},  /* Plateau Malagasy: Malagasy */
    {"quz", "qu"},  /* Cusco Quechua: Quechua */
    {"kng", "kg"},  /* Koongo: Kongo */
    {"ktu", "kg"},  /* Kituba */
};

bool ng_langid_code(const char *name, size_t len, char out[NG_LANG_CODE_MAX])
{
    /* "de--utf8", "zh-CN-utf8", "haw-utf8", "az-cyrillic-utf8": the code is
     * what comes before the first '-'. */
    size_t n = 0;
    while (n < len && name[n] >= 'a' && name[n] <= 'z')
        n++;
    if (n < 2 || n >= NG_LANG_CODE_MAX || (n < len && name[n] != '-'))
        return false;
    memcpy(out, name, n);
    out[n] = '\0';
    for (size_t i = 0; i < sizeof renamed / sizeof *renamed; i++)
        if (strcmp(out, renamed[i][0]) == 0)
            strcpy(out, renamed[i][1]);
    return true;
}

/* Languages TextCat's models do not keep apart, or that the catalogues
 * name by another code. */
static const char *const kin[] = {
    " sh sr hr bs ", /* Serbo-Croatian and its standards */
    " tl fil ",      /* Tagalog, Filipino */
    " nb nn no ",    /* Norwegian */
};

static bool same_language(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    if (alen == blen && memcmp(a, b, alen) == 0)
        return true;
    char ka[NG_LANG_CODE_MAX + 2], kb[NG_LANG_CODE_MAX + 2];
    if (alen >= NG_LANG_CODE_MAX || blen >= NG_LANG_CODE_MAX)
        return false;
    ka[0] = kb[0] = ' ';
    memcpy(ka + 1, a, alen);
    memcpy(kb + 1, b, blen);
    ka[alen + 1] = kb[blen + 1] = ' ';
    ka[alen + 2] = kb[blen + 2] = '\0';
    for (size_t i = 0; i < sizeof kin / sizeof *kin; i++)
        if (strstr(kin[i], ka) && strstr(kin[i], kb))
            return true;
    return false;
}

bool ng_lang_set_has(const char *set, const char *code)
{
    for (const char *p = set; *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (same_language(p, n, code))
            return true;
        p += n + (comma != NULL);
    }
    return false;
}

bool ng_lang_set_valid(const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == ',') {
            if (run < 2 || run > 3)
                return false;
            run = 0;
        } else if (s[i] >= 'a' && s[i] <= 'z') {
            run++;
        } else {
            return false;
        }
    }
    return true;
}

static bool load(ng_langid_t *l)
{
    if (!l->tried) {
        l->tried = true;
        /* Without its models TextCat would print to stderr on its own;
         * nergraph then just cannot tell languages (see ng_langid_detect). */
        if (access(NG_TEXTCAT_DIR "/fpdb.conf", R_OK) == 0)
            l->handle = special_textcat_Init(NG_TEXTCAT_DIR "/fpdb.conf", NG_TEXTCAT_DIR "/");
        /* TextCat guesses from a few letters ("Salomon." reads as
         * Esperanto or Tagalog); below a short sentence it must say SHORT,
         * so that a headline keeps its names. */
        if (l->handle)
            textcat_SetProperty(l->handle, TCPROP_MINIMUM_DOCUMENT_SIZE, NG_LANGID_MIN);
    }
    return l->handle != NULL;
}

size_t ng_langid_detect(ng_langid_t *l, const char *text, size_t len,
                        char codes[][NG_LANG_CODE_MAX], size_t max)
{
    if (!load(l))
        return 0;
    if (len > NG_LANGID_PREFIX) {
        len = NG_LANGID_PREFIX;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    /* "[de--utf8][nl--utf8]", "SHORT" or "UNKNOWN"; the string is the
     * handle's, valid until its next call. */
    const char *r = textcat_Classify(l->handle, text, len);
    size_t n = 0;
    while (r && *r == '[' && n < max) {
        const char *close = strchr(r, ']');
        if (!close)
            break;
        if (ng_langid_code(r + 1, (size_t)(close - r - 1), codes[n]))
            n++;
        r = close + 1;
    }
    return n;
}
