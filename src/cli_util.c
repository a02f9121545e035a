/*
 * The tool's allocation wrappers and growable buffer.  The library has its
 * own, which it does not export: the tool is a user of the public API and
 * keeps its helpers to itself, as curl's src/ does with lib/.
 */
#include "cli.h"

#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size)
{
    fprintf(stderr, "nergraph: out of memory (asked for %zu bytes)\n", size);
    abort();
}

void *cli_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

void *cli_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *cli_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

char *cli_xstrdup(const char *s)
{
    size_t len = strlen(s);
    char *p = cli_xmalloc(len + 1);
    memcpy(p, s, len + 1);
    return p;
}

void cli_grow(void *array_ptr, size_t *cap, size_t need, size_t elem_size)
{
    void **arr = array_ptr;
    if (need <= *cap)
        return;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem_size)
            out_of_memory(SIZE_MAX);
        ncap *= 2;
    }
    *arr = cli_xrealloc(*arr, ncap * elem_size);
    *cap = ncap;
}

void cli_buf_append(cli_buf_t *b, const void *data, size_t len)
{
    CLI_GROW(b->data, b->cap, b->len + len + 1);
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void cli_buf_putc(cli_buf_t *b, char c)
{
    cli_buf_append(b, &c, 1);
}

void cli_buf_printf(cli_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    CLI_GROW(b->data, b->cap, b->len + (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void cli_buf_free(cli_buf_t *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* The list named `file` of each directory among paths[0..count), loaded
 * with load; *found says whether any directory had one. */
static bool load_beside(ng_gazetteer_t *gz, const char *file, const char *const *paths,
                        size_t count, int (*load)(ng_gazetteer_t *, const char *, ng_error_t *),
                        bool *found, ng_error_t *err)
{
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        cli_buf_t path = {0};
        cli_buf_printf(&path, "%s/%s", paths[i], file);
        bool ok = true;
        if (access(path.data, F_OK) == 0) {
            *found = true;
            ok = load(gz, path.data, err) == NG_OK;
        }
        cli_buf_free(&path);
        if (!ok)
            return false;
    }
    return true;
}

bool cli_load_words(ng_gazetteer_t *gz, const char *words, const char *const *paths,
                    size_t count, ng_error_t *err)
{
    if (words) {
        /* In place of a compiled gazetteer's stored list too, as in place
         * of its directories' lists. */
        ng_gazetteer_clear_words(gz);
        return strcmp(words, "none") == 0 || ng_gazetteer_load_words(gz, words, err) == NG_OK;
    }
    bool found = false;
    return load_beside(gz, "english-words.txt", paths, count, ng_gazetteer_load_words, &found,
                       err);
}

bool cli_load_given_names(ng_gazetteer_t *gz, const char *given, const char *const *paths,
                          size_t count, ng_error_t *err)
{
    if (given) {
        ng_gazetteer_clear_given_names(gz);
        return strcmp(given, "none") == 0 ||
               ng_gazetteer_load_given_names(gz, given, err) == NG_OK;
    }
    bool found = false;
    if (!load_beside(gz, "given-names.txt", paths, count, ng_gazetteer_load_given_names, &found,
                     err))
        return false;
    if (found || ng_gazetteer_is_compiled(gz))
        return true;
    char *dir = cli_default_gazetteer_dir();
    cli_buf_t path = {0};
    cli_buf_printf(&path, "%s/given-names.txt", dir);
    bool ok = access(path.data, F_OK) != 0 ||
              ng_gazetteer_load_given_names(gz, path.data, err) == NG_OK;
    cli_buf_free(&path);
    free(dir);
    return ok;
}
