/*
 * Windows: what counts as "together".  A sentence, a paragraph, a whole
 * document, or "tokens:N" (two mentions whose first tokens are at most N
 * tokens apart).
 */
#ifndef NG_WINDOW_H
#define NG_WINDOW_H

#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stddef.h>

struct ng_error;

typedef enum ng_window_kind {
    NG_WINDOW_SENTENCE,
    NG_WINDOW_PARAGRAPH,
    NG_WINDOW_DOCUMENT,
    NG_WINDOW_TOKENS
} ng_window_kind;

typedef struct ng_window {
    ng_window_kind kind;
    size_t tokens; /* N, for NG_WINDOW_TOKENS */
} ng_window_t;

/* Parse "sentence", "paragraph", "document" or "tokens:N" (N from 1 to
 * 1000000).  NG_EUSAGE with a message on anything else. */
int ng_window_parse(const char *spec, ng_window_t *out, struct ng_error *err);
/* The canonical spelling of w ("tokens:5"), into buf of size n. */
void ng_window_format(const ng_window_t *w, char *buf, size_t n);

#pragma GCC visibility pop
#endif
