/*
 * Pattern aliases through PCRE2.  Every pattern scans the whole document,
 * so patterns cost far more than literals: they are for the few names a
 * list of literals cannot express.  Compiled with MATCH_INVALID_UTF so that
 * broken bytes in a document stop a match instead of failing the run.
 *
 * Compiled code is read-only after pcre2_jit_compile, which PCRE2 documents
 * as safe to share between threads; only match data is per caller.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rematch.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer_internal.h"
#include "nergraph.h"
#include "util.h"

typedef struct pattern {
    const pcre2_code *code; /* owned by the gazetteer */
    uint32_t alias;
} pattern_t;

struct ng_patterns {
    const ng_gazetteer_t *gz;
    pattern_t *items;
    size_t count;
    uint32_t match_limit;
};

struct ng_pattern_scratch {
    pcre2_match_context *mctx;
    pcre2_match_data *md;
};

pcre2_code *ng_pattern_compile(const char *text, size_t len, char *msg, size_t msg_size,
                               size_t *erroff)
{
    int errcode;
    PCRE2_SIZE off;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)text, len,
                                     PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF,
                                     &errcode, &off, NULL);
    if (!code) {
        if (msg_size) {
            PCRE2_UCHAR buf[256];
            pcre2_get_error_message(errcode, buf, sizeof buf);
            snprintf(msg, msg_size, "%s", (char *)buf);
        }
        *erroff = (size_t)off;
        return NULL;
    }
    /* JIT is an optimisation: where it is unavailable the interpreter gives
     * the same matches.  NERGRAPH_NO_JIT=1 turns it off, for valgrind, which
     * cannot follow JIT-compiled code. */
    const char *no_jit = getenv("NERGRAPH_NO_JIT");
    if (!no_jit || !*no_jit || strcmp(no_jit, "0") == 0)
        pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    return code;
}

void ng_pattern_free(pcre2_code *code)
{
    pcre2_code_free(code);
}

uint32_t ng_pattern_min_length(const pcre2_code *code)
{
    uint32_t minlen = 0;
    pcre2_pattern_info(code, PCRE2_INFO_MINLENGTH, &minlen);
    return minlen;
}

ng_patterns_t *ng_patterns_new(const ng_gazetteer_t *gz, uint32_t match_limit)
{
    ng_patterns_t *p = ng_xcalloc(1, sizeof *p);
    p->gz = gz;
    p->match_limit = match_limit;
    size_t cap = 0;
    /* The gazetteer's list of patterns, not every alias: a million-name
     * gazetteer has a handful. */
    uint32_t alias;
    const pcre2_code *code;
    for (size_t k = 0; (code = ng_gazetteer_pattern(gz, k, &alias)); k++) {
        NG_GROW(p->items, cap, p->count + 1);
        p->items[p->count++] = (pattern_t){code, alias};
    }
    return p;
}

void ng_patterns_free(ng_patterns_t *p)
{
    if (!p)
        return;
    free(p->items);
    free(p);
}

size_t ng_patterns_count(const ng_patterns_t *p)
{
    return p->count;
}

ng_pattern_scratch_t *ng_pattern_scratch_new(const ng_patterns_t *p)
{
    ng_pattern_scratch_t *s = ng_xcalloc(1, sizeof *s);
    s->mctx = pcre2_match_context_create(NULL);
    s->md = pcre2_match_data_create(1, NULL);
    if (!s->mctx || !s->md) {
        fprintf(stderr, "nergraph: out of memory (PCRE2 match data)\n");
        abort();
    }
    pcre2_set_match_limit(s->mctx, p->match_limit);
    pcre2_set_depth_limit(s->mctx, p->match_limit);
    return s;
}

void ng_pattern_scratch_free(ng_pattern_scratch_t *s)
{
    if (!s)
        return;
    pcre2_match_context_free(s->mctx);
    pcre2_match_data_free(s->md);
    free(s);
}

void ng_patterns_scan(const ng_patterns_t *p, ng_pattern_scratch_t *scratch,
                      const char *doc_name, const char *text, size_t len,
                      const ng_diag_t *diag, ng_pattern_hit_fn hit, void *ctx)
{
    for (size_t i = 0; i < p->count; i++) {
        const pattern_t *pt = &p->items[i];
        size_t offset = 0;
        while (offset <= len) {
            int rc = pcre2_match(pt->code, (PCRE2_SPTR)text, len, offset, 0, scratch->md,
                                 scratch->mctx);
            if (rc == PCRE2_ERROR_NOMATCH)
                break;
            if (rc < 0) {
                const ng_alias_t *a = ng_gazetteer_alias(p->gz, pt->alias);
                PCRE2_UCHAR msg[256];
                pcre2_get_error_message(rc, msg, sizeof msg);
                ng_diag_warn(diag, "%s: pattern of '%s' (%s:%zu) stopped: %s; its matches "
                             "in this document are incomplete (simplify the pattern)",
                             doc_name, ng_gazetteer_entity_id(p->gz, a->entity), a->source,
                             a->line, (char *)msg);
                break;
            }
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(scratch->md);
            size_t s = ov[0], e = ov[1];
            if (e > s) {
                hit(ctx, pt->alias, s, e);
                offset = e;
            } else {
                /* Empty match: step over one character (a UTF-8 sequence,
                 * or one invalid byte). */
                offset = e + 1;
                while (offset < len && ((unsigned char)text[offset] & 0xC0) == 0x80)
                    offset++;
            }
        }
    }
}
