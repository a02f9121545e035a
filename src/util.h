/*
 * Internal helpers shared by every module: allocation that aborts on
 * exhaustion, growable arrays, and error/warning formatting.  Not installed.
 */
#ifndef NG_UTIL_H
#define NG_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "nergraph.h"

/* Allocation never returns NULL: running out of memory ends the process with
 * a message (see the ownership note in nergraph.h). */
void *ng_xmalloc(size_t size);
void *ng_xcalloc(size_t count, size_t size);
void *ng_xrealloc(void *ptr, size_t size);
char *ng_xstrdup(const char *s);
char *ng_xstrndup(const char *s, size_t len);

/* Grow *array (of elements of elem_size) so it holds at least `need`
 * elements; capacity doubles, so appends are amortised O(1). */
void ng_grow(void *array_ptr, size_t *cap, size_t need, size_t elem_size);
#define NG_GROW(arr, cap, need) ng_grow(&(arr), &(cap), (need), sizeof *(arr))

/* Fill err (if non-NULL) and return status. */
ng_status ng_fail(ng_error_t *err, ng_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Where an object's warnings go (ng_diag_fn in nergraph.h); a zeroed one
 * means stderr.  Objects hold one by value and hand it to their parts. */
typedef struct ng_diag {
    ng_diag_fn fn;
    void *ctx;
} ng_diag_t;

/* Format a warning and hand it to d (NULL or no fn: stderr, prefixed). */
void ng_diag_warn(const ng_diag_t *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A byte buffer that grows; used for building strings. */
typedef struct ng_buf {
    char *data;
    size_t len;
    size_t cap;
} ng_buf_t;

void ng_buf_append(ng_buf_t *b, const void *data, size_t len);
void ng_buf_putc(ng_buf_t *b, char c);
void ng_buf_printf(ng_buf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Returns a NUL-terminated view (the buffer keeps ownership). */
const char *ng_buf_cstr(ng_buf_t *b);
void ng_buf_free(ng_buf_t *b);

#endif
