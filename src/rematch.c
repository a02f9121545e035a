/*
 * Pattern aliases through PCRE2.  Every pattern scans the whole document,
 * so patterns cost far more than literals: they are for the few names a
 * list of literals cannot express.  Compiled with MATCH_INVALID_UTF so that
 * broken bytes in a document stop a match instead of failing the run.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rematch.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nergraph.h"
#include "util.h"

typedef struct pattern {
    pcre2_code *code;
    uint32_t alias;
} pattern_t;

struct ng_patterns {
    const ng_gazetteer_t *gz;
    pattern_t *items;
    size_t count;
    pcre2_match_context *mctx;
    pcre2_match_data *md;
};

ng_patterns_t *ng_patterns_new(const ng_gazetteer_t *gz, uint32_t match_limit, ng_error_t *err)
{
    ng_patterns_t *p = ng_xcalloc(1, sizeof *p);
    p->gz = gz;
    size_t cap = 0;
    for (size_t i = 0; i < ng_gazetteer_alias_count(gz); i++) {
        const ng_alias_t *a = ng_gazetteer_alias(gz, i);
        if (!(a->flags & NG_ALIAS_PATTERN))
            continue;
        int errcode;
        PCRE2_SIZE erroff;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)a->text, a->len,
                                         PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF,
                                         &errcode, &erroff, NULL);
        if (!code) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(errcode, msg, sizeof msg);
            ng_fail(err, NG_EDATA, "%s:%zu: pattern of '%s' does not compile: %s at offset %zu",
                    a->source, a->line, ng_gazetteer_entity_id(gz, a->entity), (char *)msg,
                    (size_t)erroff);
            ng_patterns_free(p);
            return NULL;
        }
        /* JIT is an optimisation: where it is unavailable the interpreter
         * gives the same matches.  NERGRAPH_NO_JIT=1 turns it off, for
         * valgrind, which cannot follow JIT-compiled code. */
        const char *no_jit = getenv("NERGRAPH_NO_JIT");
        if (!no_jit || !*no_jit || strcmp(no_jit, "0") == 0)
            pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
        NG_GROW(p->items, cap, p->count + 1);
        p->items[p->count++] = (pattern_t){code, (uint32_t)i};
    }
    p->mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(p->mctx, match_limit);
    pcre2_set_depth_limit(p->mctx, match_limit);
    p->md = pcre2_match_data_create(1, NULL);
    if (!p->mctx || !p->md) {
        fprintf(stderr, "nergraph: out of memory (PCRE2 match data)\n");
        abort();
    }
    return p;
}

void ng_patterns_free(ng_patterns_t *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++)
        pcre2_code_free(p->items[i].code);
    free(p->items);
    pcre2_match_context_free(p->mctx);
    pcre2_match_data_free(p->md);
    free(p);
}

size_t ng_patterns_count(const ng_patterns_t *p)
{
    return p->count;
}

void ng_patterns_scan(ng_patterns_t *p, const char *doc_name, const char *text, size_t len,
                      ng_pattern_hit_fn hit, void *ctx)
{
    for (size_t i = 0; i < p->count; i++) {
        pattern_t *pt = &p->items[i];
        size_t offset = 0;
        while (offset <= len) {
            int rc = pcre2_match(pt->code, (PCRE2_SPTR)text, len, offset, 0, p->md, p->mctx);
            if (rc == PCRE2_ERROR_NOMATCH)
                break;
            if (rc < 0) {
                const ng_alias_t *a = ng_gazetteer_alias(p->gz, pt->alias);
                PCRE2_UCHAR msg[256];
                pcre2_get_error_message(rc, msg, sizeof msg);
                ng_warn("%s: pattern of '%s' (%s:%zu) stopped: %s; its matches in this "
                        "document are incomplete (simplify the pattern)",
                        doc_name, ng_gazetteer_entity_id(p->gz, a->entity), a->source,
                        a->line, (char *)msg);
                break;
            }
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(p->md);
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
