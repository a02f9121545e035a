/*
 * Helpers shared by the graph writers (see export_util.h): reading any
 * column generically, XML escaping that always gives well-formed output,
 * and keys that are unique and valid in formats that restrict names.
 */
#include "export_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "utf8.h"
#include "util.h"

ng_value_t ng_node_value(const ng_graph_t *g, size_t col, size_t v)
{
    ng_value_t x = {ng_graph_node_column_type(g, col), ng_graph_node_int(g, col, v),
                    ng_graph_node_float(g, col, v), ng_graph_node_string(g, col, v)};
    return x;
}

ng_value_t ng_edge_value(const ng_graph_t *g, size_t col, size_t e)
{
    ng_value_t x = {ng_graph_edge_column_type(g, col), ng_graph_edge_int(g, col, e),
                    ng_graph_edge_float(g, col, e), ng_graph_edge_string(g, col, e)};
    return x;
}

ng_value_t ng_attr_value(const ng_graph_t *g, size_t i)
{
    ng_value_t x = {ng_graph_attr_type(g, i), ng_graph_attr_int(g, i), ng_graph_attr_float(g, i),
                    ng_graph_attr_string(g, i)};
    return x;
}

/* Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
 * (surrogates never decode: ng_utf8_decode rejects them). */
static bool xml_char(int32_t cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF);
}

void ng_xml_escape(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = ng_utf8_decode(p, len, i, &cp);
        if (cp == NG_CP_INVALID || !xml_char(cp)) {
            fputs("\xEF\xBF\xBD", out);
            i += n;
            continue;
        }
        switch (cp) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        case '\t': fputs("&#9;", out); break;
        case '\n': fputs("&#10;", out); break;
        case '\r': fputs("&#13;", out); break;
        default: fwrite(p + i, 1, n, out);
        }
        i += n;
    }
}

const char *ng_xml_number(char *buf, size_t n, const ng_value_t *x)
{
    if (x->type == NG_COLUMN_INT) {
        snprintf(buf, n, "%lld", (long long)x->i);
    } else if (!ng_format_float(buf, n, x->f)) {
        snprintf(buf, n, "%s", isnan(x->f) ? "NaN" : x->f < 0 ? "-INF" : "INF");
    }
    return buf;
}

bool ng_is_ascii_identifier(const char *s)
{
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
        return false;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')
              || *s == '_'))
            return false;
    return true;
}

/* ASCII case folding only: the readers that fold (Gephi) fold ASCII. */
static bool same_key(const char *a, const char *b, bool fold)
{
    if (!fold)
        return strcmp(a, b) == 0;
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

static bool taken(const ng_keys_t *k, const char *key)
{
    for (size_t i = 0; i < k->count; i++)
        if (same_key(k->keys[i], key, k->fold))
            return true;
    return false;
}

static const char *add(ng_keys_t *k, char *key)
{
    NG_GROW(k->keys, k->cap, k->count + 1);
    k->keys[k->count++] = key;
    return key;
}

void ng_keys_reserve(ng_keys_t *k, const char *key)
{
    add(k, ng_xstrdup(key));
}

/* name with the bytes an identifier cannot hold spelled _XX, and an 'x'
 * in front unless it starts with a letter. */
static void spell_identifier(ng_buf_t *b, const char *name)
{
    b->len = 0;
    if (!((*name >= 'A' && *name <= 'Z') || (*name >= 'a' && *name <= 'z')))
        ng_buf_putc(b, 'x');
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')
            || *p == '_')
            ng_buf_putc(b, (char)*p);
        else
            ng_buf_printf(b, "_%02X", *p);
    }
}

const char *ng_keys_take(ng_keys_t *k, const char *name, bool (*valid)(const char *))
{
    ng_buf_t b = {0};
    if (valid(name))
        ng_buf_append(&b, name, strlen(name));
    else
        spell_identifier(&b, name);
    size_t base = b.len;
    for (unsigned suffix = 2; taken(k, ng_buf_cstr(&b)); suffix++) {
        b.len = base;
        ng_buf_printf(&b, "_%u", suffix);
    }
    ng_buf_cstr(&b);
    return add(k, b.data);
}

void ng_keys_free(ng_keys_t *k)
{
    for (size_t i = 0; i < k->count; i++)
        free(k->keys[i]);
    free(k->keys);
    memset(k, 0, sizeof *k);
}
