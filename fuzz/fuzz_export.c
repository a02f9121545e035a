/*
 * fuzz_export: hostile entity ids, names and attributes through the DOT
 * and JSON writers.
 *
 * The input is cut at '\n' into up to 20 chunks.  Each chunk, with the
 * bytes a gazetteer cannot hold (control characters, invalid UTF-8)
 * replaced by '?', becomes one gazetteer row: the chunk is the entity's id,
 * its name and the value of its "note" attribute (';' read as ','); a chunk
 * holding '=' also sets the attribute named by the text before it to the
 * text after.  Every entity is mentioned, co-occurrences are counted with
 * ng_cooc directly (window kind and keys from the input), and the graph is
 * built and exported.
 *
 * Checks, aborting on violation:
 *  - DOT: cgraph's agmemread parses the output back; it has exactly one
 *    node per graph vertex; every node name and gazetteer attribute value
 *    comes back byte for byte (or as the documented lossy spelling, U+29F5
 *    for a backslash DOT cannot quote, when the string is neither quotable
 *    nor balanced for an HTML-like string); every label comes back as
 *    written, or HTML-escaped when it had to go out as <...>; the edges are
 *    the graph's edges;
 *  - JSON: the output is well-formed JSON (valid UTF-8, no raw control
 *    character in a string, valid escapes) and its node "id" and "label"
 *    strings decode to the gazetteer's ids and names, in order.
 */
#include <graphviz/cgraph.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz_util.h"

#define MAX_CHUNKS 20

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A growable string. */
typedef struct str {
    char *p;
    size_t len, cap;
} str_t;

static void put(str_t *s, const void *data, size_t len)
{
    if (s->len + len + 1 > s->cap) {
        s->cap = (s->len + len + 1) * 2;
        s->p = realloc(s->p, s->cap);
        FUZZ_CHECK(s->p != NULL);
    }
    memcpy(s->p + s->len, data, len);
    s->len += len;
    s->p[s->len] = '\0';
}

static void puts_(str_t *s, const char *c) { put(s, c, strlen(c)); }

/* Append chunk with control characters and invalid UTF-8 as '?', and the
 * bytes in `drop` left out; leading and trailing spaces trimmed. */
static void sanitize(str_t *out, const uint8_t *s, size_t len, const char *drop)
{
    size_t from = out->len;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = ng_utf8_decode(s, len, i, &cp);
        if (cp == NG_CP_INVALID || cp < 0x20 || cp == 0x7F)
            put(out, "?", 1);
        else if (!(n == 1 && strchr(drop, (char)cp)))
            put(out, s + i, n);
        i += n;
    }
    if (!out->p)
        return;
    size_t a = from;
    while (a < out->len && out->p[a] == ' ')
        a++;
    memmove(out->p + from, out->p + a, out->len - a);
    out->len -= a - from;
    while (out->len > from && out->p[out->len - 1] == ' ')
        out->len--;
    out->p[out->len] = '\0';
}

static bool reserved_key(const char *k)
{
    static const char *const r[] = {"id", "label", "type", "mentions", "documents",
                                    "windows", "prior", "note", NULL};
    for (const char *const *p = r; *p; p++)
        if (strcmp(*p, k) == 0)
            return true;
    return false;
}


/* ---- what a DOT reader must give back -------------------------------- */

/* Gazetteer rule for attribute names: letters, digits, '_', '-', '.',
 * starting with a letter or '_'. */
static bool plain_name(const char *k)
{
    if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == '_'))
        return false;
    for (k++; *k; k++)
        if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
              (*k >= '0' && *k <= '9') || *k == '_' || *k == '-' || *k == '.'))
            return false;
    return true;
}

/* Mirror of export_dot.c's quotable(): DOT cannot quote a backslash before
 * '"', a line break or the end; cgraph writes strings of digits, '-' and
 * '.' that are not numerals unquoted, and its reader drops a leading
 * U+FEFF.  Written independently of the library on purpose. */
static bool dot_quotable(const char *s)
{
    if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
        return false;
    if (*s && strspn(s, "-.0123456789") == strlen(s)) {
        /* numeral: -?(\.[0-9]+|[0-9]+(\.[0-9]*)?) */
        const char *p = s;
        if (*p == '-')
            p++;
        size_t int_digits = strspn(p, "0123456789");
        p += int_digits;
        size_t frac_digits = 0;
        if (*p == '.') {
            frac_digits = strspn(p + 1, "0123456789");
            p += 1 + frac_digits;
        }
        if (*p || int_digits + frac_digits == 0)
            return false;
    }
    for (const char *p = s; *p; p++)
        if (*p == '\\' && (p[1] == '"' || p[1] == '\n' || p[1] == '\r' || p[1] == '\0'))
            return false;
    return true;
}

/* A string DOT cannot quote goes out as an HTML-like string if its angle
 * brackets balance, else with the unquotable backslashes as U+29F5. */
static char *dot_expected(const char *s)
{
    bool quotable = dot_quotable(s);
    long depth = 0;
    for (const char *p = s; *p && depth >= 0; p++)
        depth += *p == '<' ? 1 : *p == '>' ? -1 : 0;
    str_t out = {0};
    puts_(&out, "");
    for (const char *p = s; *p; p++) {
        if (!quotable && depth != 0 && *p == '\\' &&
            (p[1] == '"' || p[1] == '\n' || p[1] == '\r' || p[1] == '\0'))
            puts_(&out, "\xE2\xA7\xB5");
        else
            put(&out, p, 1);
    }
    return out.p;
}

/* Labels (export_dot.c, dot_label): a label that cannot be quoted goes out
 * as an HTML-like string with & < > escaped, so that it draws as written;
 * a DOT reader returns that escaped text. */
static char *label_expected(const char *s)
{
    bool quotable = dot_quotable(s);
    str_t out = {0};
    puts_(&out, "");
    for (const char *p = s; *p; p++) {
        if (!quotable && *p == '&')
            puts_(&out, "&amp;");
        else if (!quotable && *p == '<')
            puts_(&out, "&lt;");
        else if (!quotable && *p == '>')
            puts_(&out, "&gt;");
        else
            put(&out, p, 1);
    }
    return out.p;
}

static void check_dot(const ng_graph_t *g, const char *dot)
{
    const ng_gazetteer_t *gz = ng_graph_gazetteer(g);
    Agraph_t *pg = agmemread(dot);
    if (!pg) {
        fprintf(stderr, "fuzz_export: agmemread cannot parse the DOT output:\n%s\n", dot);
        abort();
    }
    size_t nv = ng_graph_node_count(g);
    FUZZ_CHECK((size_t)agnnodes(pg) == nv);
    char **want = calloc(nv + 1, sizeof *want);
    FUZZ_CHECK(want != NULL);
    for (size_t v = 0; v < nv; v++)
        want[v] = dot_expected(ng_gazetteer_entity_id(gz, ng_graph_node_entity(g, v)));
    /* Parsed node -> vertex, by name. */
    Agnode_t **node_of = calloc(nv + 1, sizeof *node_of);
    FUZZ_CHECK(node_of != NULL);
    for (Agnode_t *n = agfstnode(pg); n; n = agnxtnode(pg, n)) {
        const char *name = agnameof(n);
        size_t v = 0;
        while (v < nv && strcmp(want[v], name) != 0)
            v++;
        if (v == nv) {
            fprintf(stderr, "fuzz_export: DOT node '%s' is no entity id\n", name);
            abort();
        }
        FUZZ_CHECK(node_of[v] == NULL);
        node_of[v] = n;
    }
    for (size_t v = 0; v < nv; v++) {
        uint32_t e = ng_graph_node_entity(g, v);
        Agnode_t *n = node_of[v];
        FUZZ_CHECK(n != NULL);
        char *label = label_expected(ng_gazetteer_entity_name(gz, e));
        const char *got = agget(n, "label");
        if (!got || strcmp(got, label) != 0) {
            fprintf(stderr, "fuzz_export: label '%s' came back as '%s'\n", label,
                    got ? got : "(none)");
            abort();
        }
        free(label);
        for (size_t i = 0; i < ng_gazetteer_attr_count(gz, e); i++) {
            const char *key = ng_gazetteer_attr_key(gz, e, i);
            char *val = dot_expected(ng_gazetteer_attr_value(gz, e, i));
            got = agget(n, (char *)key);
            /* An empty value equals cgraph's default: it is not written,
             * and an attribute no node sets is not declared at all. */
            if (!got && !*val)
                got = "";
            if (!got || strcmp(got, val) != 0) {
                fprintf(stderr, "fuzz_export: attribute '%s'='%s' came back as '%s'\n", key,
                        val, got ? got : "(none)");
                abort();
            }
            free(val);
        }
    }
    FUZZ_CHECK((size_t)agnedges(pg) == ng_graph_edge_count(g));
    for (size_t i = 0; i < ng_graph_edge_count(g); i++) {
        size_t u, v, w, d;
        ng_graph_edge(g, i, &u, &v, &w, &d);
        FUZZ_CHECK(agedge(pg, node_of[u], node_of[v], NULL, 0) != NULL);
    }
    for (size_t v = 0; v < nv; v++)
        free(want[v]);
    free(want);
    free(node_of);
    agclose(pg);
}

/* ---- the JSON output ------------------------------------------------ */

/* Node ids and labels as the validator decodes them, each followed by a
 * NUL.  Node objects are at depth 2 (root, "nodes" array, node); "id"
 * appears nowhere else, "label" does. */
typedef struct node_strings {
    str_t ids, labels;
} node_strings_t;

static int collect_node_strings(void *ctx, int depth, const char *key, size_t key_len,
                                 const char *value, size_t value_len)
{
    node_strings_t *ns = ctx;
    str_t *into = NULL;
    (void)key_len;
    if (strcmp(key, "id") == 0)
        into = &ns->ids;
    else if (strcmp(key, "label") == 0 && depth == 2)
        into = &ns->labels;
    if (into) {
        put(into, value, value_len);
        put(into, "", 1);
    }
    return 0;
}

static void check_json(const ng_graph_t *g, const char *text, size_t len)
{
    node_strings_t ns = {{0}, {0}};
    FUZZ_CHECK(text[strspn(text, " \t\r\n")] == '{');
    fuzz_check_json("fuzz_export", text, len, collect_node_strings, &ns);
    const ng_gazetteer_t *gz = ng_graph_gazetteer(g);
    const char *id = ns.ids.p, *label = ns.labels.p;
    for (size_t v = 0; v < ng_graph_node_count(g); v++) {
        uint32_t e = ng_graph_node_entity(g, v);
        FUZZ_CHECK(id && label);
        FUZZ_CHECK(strcmp(id, ng_gazetteer_entity_id(gz, e)) == 0);
        FUZZ_CHECK(strcmp(label, ng_gazetteer_entity_name(gz, e)) == 0);
        id += strlen(id) + 1;
        label += strlen(label) + 1;
    }
    FUZZ_CHECK(id == (ns.ids.p ? ns.ids.p + ns.ids.len : NULL));
    free(ns.ids.p);
    free(ns.labels.p);
}

/* ---- the target ------------------------------------------------------ */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const types[] = {"person", "country", "organization", "thing"};

    /* Gazetteer rows from the chunks. */
    str_t tsv = {0};
    /* A first line of our own, so that no chunk is read as a BOM. */
    puts_(&tsv, "# fuzz_export\n");
    size_t chunks = 0, pos = 0;
    while (pos <= size && chunks < MAX_CHUNKS) {
        const uint8_t *nl = size > pos ? memchr(data + pos, '\n', size - pos) : NULL;
        size_t clen = nl ? (size_t)(nl - (data + pos)) : size - pos;
        str_t c = {0}, key = {0}, val = {0};
        sanitize(&c, data + pos, clen, "");
        /* "key=value" in a chunk also sets attribute key to value. */
        const uint8_t *eq = memchr(data + pos, '=', clen);
        if (eq) {
            sanitize(&key, data + pos, (size_t)(eq - (data + pos)), ";");
            sanitize(&val, eq + 1, clen - (size_t)(eq + 1 - (data + pos)), ";");
        }
        pos += clen + 1;
        if (!c.len || c.p[0] == '#') {
            free(c.p);
            free(key.p);
            free(val.p);
            continue;
        }
        /* Gazetteer rules: an id may not start with '%' (Graphviz reserves
         * it for anonymous nodes), and a field wrapped in double quotes is
         * read without them (so '""' would be an empty name). */
        if (c.p[0] == '%' || (c.len >= 2 && c.p[0] == '"' && c.p[c.len - 1] == '"')) {
            str_t t = {0};
            puts_(&t, "_");
            put(&t, c.p, c.len);
            free(c.p);
            c = t;
        }
        /* One id, one type: the type is a function of the id. */
        uint32_t h = 0;
        for (size_t i = 0; i < c.len; i++)
            h = h * 31 + (unsigned char)c.p[i];
        put(&tsv, c.p, c.len);
        puts_(&tsv, "\t");
        puts_(&tsv, types[h % 4]);
        puts_(&tsv, "\t");
        put(&tsv, c.p, c.len);
        puts_(&tsv, "\t\tnote=");
        for (size_t i = 0; i < c.len; i++)
            put(&tsv, c.p[i] == ';' ? "," : &c.p[i], 1);
        if (key.len && plain_name(key.p) && !reserved_key(key.p)) {
            puts_(&tsv, ";");
            put(&tsv, key.p, key.len);
            puts_(&tsv, "=");
            if (val.len)
                put(&tsv, val.p, val.len);
        }
        puts_(&tsv, "\n");
        chunks++;
        free(c.p);
        free(key.p);
        free(val.p);
    }

    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_gazetteer_set_diagnostics(gz, fuzz_quiet, NULL);
    ng_export_options_t quiet;
    ng_export_options_init(&quiet);
    quiet.diag = fuzz_quiet;
    ng_error_t err;
    if (ng_gazetteer_load_buffer(gz, "fuzz.tsv", tsv.p, tsv.len, &err) != NG_OK) {
        /* Rows are built to be valid; a rejection means the row builder and
         * the gazetteer rules disagree, which the target must learn of. */
        fprintf(stderr, "fuzz_export: row rejected: %s\n", err.message);
        abort();
    }
    free(tsv.p);
    size_t ne = ng_gazetteer_entity_count(gz);

    /* Mentions: every entity once, then a few chosen by the input. */
    uint32_t ents[MAX_CHUNKS + 64];
    size_t keys[MAX_CHUNKS + 64];
    size_t n = 0;
    unsigned step = size ? 1 + data[size - 1] % 4 : 1;
    for (uint32_t e = 0; e < ne; e++, n++) {
        ents[n] = e;
        keys[n] = n / step;
    }
    for (size_t i = 0; ne && i < size && i < 64; i++, n++) {
        ents[n] = data[i] % ne;
        keys[n] = n / step;
    }
    ng_window_t w = {(ng_window_kind)(size ? data[0] % 4 : 0), step};
    ng_cooc_t *c = ng_cooc_new(ne, &w);
    ng_cooc_add_document(c, ents, keys, n, 0);

    ng_graph_options_t go;
    ng_graph_options_init(&go);
    ng_graph_t *g = ng_graph_build(gz, c, &go, &err);
    FUZZ_CHECK(g != NULL);
    ng_cooc_free(c);
    FUZZ_CHECK(ng_graph_node_count(g) == ne);

    char window[32];
    ng_window_format(&w, window, sizeof window);
    /* The graph carries the counter's window and document count. */
    FUZZ_CHECK(strcmp(ng_graph_attr_string(g, (size_t)ng_graph_attr_find(g, "window")), window) == 0);
    FUZZ_CHECK(ng_graph_attr_int(g, (size_t)ng_graph_attr_find(g, "documents")) == 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    FUZZ_CHECK(out != NULL);
    FUZZ_CHECK(ng_export_dot(out, g, &quiet, &err) == NG_OK);
    fclose(out);
    check_dot(g, buf);
    free(buf);

    buf = NULL;
    out = open_memstream(&buf, &len);
    FUZZ_CHECK(out != NULL);
    FUZZ_CHECK(ng_export_json(out, g, &quiet, &err) == NG_OK);
    fclose(out);
    check_json(g, buf, len);
    free(buf);

    ng_graph_free(g);
    ng_gazetteer_free(gz);
    return 0;
}
