/*
 * Window specifications: parsing "sentence", "paragraph", "document" and
 * "tokens:N" and writing them back in one canonical spelling, which is
 * what graph attributes and partial results record.
 */
#include "nergraph.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int ng_window_parse(const char *spec, ng_window_t *out, ng_error_t *err)
{
    static const struct { const char *name; ng_window_kind kind; } named[] = {
        {"sentence", NG_WINDOW_SENTENCE},
        {"paragraph", NG_WINDOW_PARAGRAPH},
        {"document", NG_WINDOW_DOCUMENT},
    };
    for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
        if (strcmp(spec, named[i].name) == 0) {
            *out = (ng_window_t){named[i].kind, 0};
            return NG_OK;
        }
    }
    if (strncmp(spec, "tokens:", 7) == 0 && spec[7] >= '0' && spec[7] <= '9') {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(spec + 7, &end, 10);
        if (!*end && !errno && n >= 1 && n <= 1000000) {
            *out = (ng_window_t){NG_WINDOW_TOKENS, (size_t)n};
            return NG_OK;
        }
    }
    return ng_fail(err, NG_EUSAGE,
                   "unknown window '%s'; use sentence, paragraph, document or tokens:N "
                   "(N from 1 to 1000000)", spec);
}

void ng_window_format(const ng_window_t *w, char *buf, size_t n)
{
    switch (w->kind) {
    case NG_WINDOW_SENTENCE: snprintf(buf, n, "sentence"); break;
    case NG_WINDOW_PARAGRAPH: snprintf(buf, n, "paragraph"); break;
    case NG_WINDOW_DOCUMENT: snprintf(buf, n, "document"); break;
    case NG_WINDOW_TOKENS: snprintf(buf, n, "tokens:%zu", w->tokens); break;
    }
}
