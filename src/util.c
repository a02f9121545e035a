/*
 * Allocation wrappers, growable arrays and message formatting.  Out of
 * memory is fatal by design: every other module can then treat allocation
 * as infallible, which removes most error paths.
 */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size)
{
    fprintf(stderr, "nergraph: out of memory (asked for %zu bytes)\n", size);
    abort();
}

void *ng_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

void *ng_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *ng_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

char *ng_xstrndup(const char *s, size_t len)
{
    char *p = ng_xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *ng_xstrdup(const char *s)
{
    return ng_xstrndup(s, strlen(s));
}

void ng_grow(void *array_ptr, size_t *cap, size_t need, size_t elem_size)
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
    *arr = ng_xrealloc(*arr, ncap * elem_size);
    *cap = ncap;
}

ng_status ng_fail(ng_error_t *err, ng_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->status = status;
    }
    return status;
}

void ng_diag_warn(const ng_diag_t *d, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (d && d->fn)
        d->fn(d->ctx, msg);
    else
        fprintf(stderr, "nergraph: warning: %s\n", msg);
}

void ng_buf_append(ng_buf_t *b, const void *data, size_t len)
{
    NG_GROW(b->data, b->cap, b->len + len + 1);
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void ng_buf_putc(ng_buf_t *b, char c)
{
    ng_buf_append(b, &c, 1);
}

void ng_buf_printf(ng_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    NG_GROW(b->data, b->cap, b->len + (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *ng_buf_cstr(ng_buf_t *b)
{
    if (!b->data)
        ng_buf_append(b, "", 0);
    return b->data;
}

void ng_buf_free(ng_buf_t *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
