/*
 * Unit tests for the writers (include/ng_export.h).
 *
 * DOT: the file written by ng_export_dot is parsed back with Graphviz's own
 * reader (cgraph's agmemread), and every node id, label, count and gazetteer
 * attribute must come back byte for byte, for names built to break quoting:
 * quotes, backslashes, HTML and XML markup, DOT keywords as ids, numerals,
 * UTF-8.  (Gazetteer fields cannot hold tabs, newlines or other control
 * characters, so those are tried through the graph's "window" attribute.)
 *
 * JSON: there is no JSON library here, so the validator shared with the
 * fuzz targets (tests/lib/json_check.h) checks the syntax (RFC 8259, UTF-8
 * included) and the tests look for exact escapes in the output with
 * insignificant white space removed.
 *
 * Graphs are built the way the program builds them: gazetteer buffer ->
 * ng_cooc counts -> ng_graph_build.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <graphviz/cgraph.h>

#include "json_check.h"
#include "nergraph.h"

/* ---- capturing output --------------------------------------------------- */

typedef struct capture {
    FILE *f;
    char *data;
    size_t len;
} capture_t;

static void cap_open(capture_t *c)
{
    c->data = NULL;
    c->len = 0;
    c->f = open_memstream(&c->data, &c->len);
    assert_non_null(c->f);
}

/* Close the stream; data is NUL-terminated and owned by the caller. */
static void cap_close(capture_t *c)
{
    assert_int_equal(fclose(c->f), 0);
    c->f = NULL;
}

/* Warnings from the gazetteer (aliases without letters) are expected here;
 * keep them off the test output. */
static size_t warnings;
static void count_warning(void *ctx, const char *msg)
{
    (void)msg;
    (void)ctx;
    warnings++;
}

/* ---- the hostile gazetteer ---------------------------------------------- */

typedef struct ent {
    const char *id, *type, *name;
    const char *attrs[6][2]; /* key, value; {NULL} ends */
} ent_t;

/* Every entity gets a row "id TAB type TAB name TAB TAB k=v;k=v". */
static const ent_t ents[] = {
    {"q\"uote", "person", "Say \"Hi\"", {{"note", "he said \"x\" \\o/"}}},
    {"back\\slash", "person", "C:\\path\\to", {{"dir", "C:\\Users\\x"}}},
    {"x\\\"y", "person", "a \\\" b", {{0}}},
    {"trail\\", "person", "ends with backslash\\", {{"v", "also\\"}}},
    {"<b>html</b>", "organization", "<b>html</b>", {{"html", "<i>x</i>"}}},
    {"<html-like>", "organization", "<TABLE><TR><TD>x</TD></TR></TABLE>", {{0}}},
    {"]]>", "organization", "]]> &amp; <![CDATA[x]]>", {{"xml", "]]><!-- x --> &amp"}}},
    {"graph", "person", "node", {{0}}},
    {"node", "person", "edge", {{0}}},
    {"edge", "country", "graph", {{0}}},
    {"subgraph", "country", "strict", {{0}}},
    {"strict", "country", "digraph", {{0}}},
    {"digraph", "organization", "subgraph", {{0}}},
    {"Node", "thing", "NODE", {{0}}},
    {"\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", "country", "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2",
     {{"\xD0\xBD\xD0\xB0\xD0\xB7\xD0\xB2\xD0\xB0", "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2"}}},
    {"\xE5\x8C\x97\xE4\xBA\xAC", "country", "\xE5\x8C\x97\xE4\xBA\xAC\xE5\xB8\x82",
     {{"\xE5\x90\x8D", "\xE5\x8C\x97\xE4\xBA\xAC"}}},
    {"1abc", "person", "1abc", {{0}}},
    {"123", "person", "123", {{0}}},
    {"-", "person", "-", {{0}}},
    {"-5", "person", "-5", {{0}}},
    {"1.5.2", "person", "1.5.2", {{0}}},
    {".5", "person", ".5", {{0}}},
    {"--", "person", "->", {{0}}},
    {"a b", "person", "two  words", {{"my-key.v2", "v a l"}}},
    {"{x}", "person", "[y]", {{0}}},
    {"a=b,c", "person", "#not a comment", {{0}}},
    {"//c", "person", "/* not a comment */", {{0}}},
    {"labelN", "person", "\\N", {{0}}},
    {"styled", "person", "Styled",
     {{"shape", "star"}, {"fillcolor", "#ff0000"}, {"color", "red"}}},
    {"long", "person",
     "A very long name, with commas; semicolons \\ backslashes \"quotes\" and words that "
     "go on and on past the hundred-and-twenty-eight column line length at which cgraph "
     "breaks long strings with a backslash-newline continuation, twice over, to be sure",
     {{0}}},
};
#define NENTS (sizeof ents / sizeof *ents)

static char *gazetteer_text(void)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    len += (size_t)snprintf(buf + len, cap - len, "# hostile names\n");
    for (size_t i = 0; i < NENTS; i++) {
        len += (size_t)snprintf(buf + len, cap - len, "%s\t%s\t%s\t\t", ents[i].id,
                                ents[i].type, ents[i].name);
        for (size_t a = 0; a < 6 && ents[i].attrs[a][0]; a++)
            len += (size_t)snprintf(buf + len, cap - len, "%s%s=%s", a ? ";" : "",
                                    ents[i].attrs[a][0], ents[i].attrs[a][1]);
        len += (size_t)snprintf(buf + len, cap - len, "\n");
        assert_true(len < cap);
    }
    return buf;
}

/*
 * Counts, by construction: one document; window i (i < NENTS-1) holds
 * entities i and i+1, so the edges are a chain with weight 1.  Four more
 * windows hold {0, 1} and one more {1, 2}: edge 0-1 has weight 5 (the
 * maximum), edge 1-2 weight 2.
 */
#define EXTRA01 4
static size_t expected_mentions(size_t i)
{
    size_t m = (i == 0 || i == NENTS - 1) ? 1 : 2;
    if (i == 0)
        m += EXTRA01;
    if (i == 1)
        m += EXTRA01 + 1;
    if (i == 2)
        m += 1;
    return m;
}

static size_t expected_weight(size_t i) /* edge i -- i+1 */
{
    return i == 0 ? 1 + EXTRA01 : i == 1 ? 2 : 1;
}

/* A plain entity to pair each hostile one with. */
static const ent_t partner = {"partner", "person", "Plain Partner", {{0}}};

typedef struct world {
    ng_gazetteer_t *gz;
    ng_cooc_t *c;
    ng_graph_t *g;
    uint32_t index[NENTS]; /* ents[i] -> entity index */
    uint32_t partner;
} world_t;

/* The gazetteer alone (all hostile entities and the partner). */
static void world_load(world_t *w)
{
    memset(w, 0, sizeof *w);
    char *text = gazetteer_text();
    size_t len = strlen(text);
    len += (size_t)sprintf(text + len, "%s\t%s\t%s\n", partner.id, partner.type, partner.name);
    w->gz = ng_gazetteer_new();
    ng_gazetteer_set_diagnostics(w->gz, count_warning, NULL);
    ng_error_t err = {0};
    int st = ng_gazetteer_load_buffer(w->gz, "hostile.tsv", text, len, &err);
    free(text);
    if (st) {
        print_error("gazetteer: %s\n", err.message);
        fail();
    }
    assert_int_equal(ng_gazetteer_entity_count(w->gz), NENTS + 1);
    for (size_t i = 0; i < NENTS; i++) {
        int64_t e = ng_gazetteer_find(w->gz, ents[i].id);
        if (e < 0) {
            print_error("id '%s' not loaded\n", ents[i].id);
            fail();
        }
        w->index[i] = (uint32_t)e;
        assert_string_equal(ng_gazetteer_entity_name(w->gz, (uint32_t)e), ents[i].name);
    }
    w->partner = (uint32_t)ng_gazetteer_find(w->gz, partner.id);
    ng_window_t sentence = {NG_WINDOW_SENTENCE, 0};
    w->c = ng_cooc_new(NENTS + 1, &sentence);
}

static void world_graph(world_t *w)
{
    ng_error_t err = {0};
    w->g = ng_graph_build(w->gz, w->c, NULL, &err);
    if (!w->g) {
        print_error("graph: %s\n", err.message);
        fail();
    }
}

/* All hostile entities in a chain (see expected_mentions). */
static void world_chain(world_t *w)
{
    world_load(w);
    uint32_t e[2 * NENTS + 16];
    size_t k[2 * NENTS + 16], n = 0, win = 0;
    for (size_t i = 0; i + 1 < NENTS; i++, win++) {
        e[n] = w->index[i], k[n++] = win;
        e[n] = w->index[i + 1], k[n++] = win;
    }
    for (int x = 0; x < EXTRA01; x++, win++) {
        e[n] = w->index[1], k[n++] = win;
        e[n] = w->index[0], k[n++] = win;
    }
    e[n] = w->index[2], k[n++] = win;
    e[n] = w->index[1], k[n++] = win;
    ng_cooc_add_document(w->c, e, k, n, 0);
    world_graph(w);
    assert_int_equal(ng_graph_node_count(w->g), NENTS);
    assert_int_equal(ng_graph_edge_count(w->g), NENTS - 1);
}

/* The given hostile entities (and the partner when with_partner) all in
 * one window, mentioned once each. */
static void world_subset(world_t *w, const size_t *sel, size_t nsel, bool with_partner)
{
    world_load(w);
    uint32_t e[NENTS + 1];
    size_t k[NENTS + 1] = {0}, n = 0;
    for (size_t i = 0; i < nsel; i++)
        e[n++] = w->index[sel[i]];
    if (with_partner)
        e[n++] = w->partner;
    ng_cooc_add_document(w->c, e, k, n, 0);
    world_graph(w);
}

static void world_free(world_t *w)
{
    ng_graph_free(w->g);
    ng_cooc_free(w->c);
    ng_gazetteer_free(w->gz);
}

/* ---- collecting mismatches ---------------------------------------------- */

static size_t mismatches;

static void show(const char *s)
{
    print_error("'");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n')
            print_error("\\n");
        else if (*p < 0x20)
            print_error("\\x%02x", *p);
        else
            print_error("%c", *p);
    }
    print_error("'");
}

static void expect_str(const char *what, const char *who, const char *got, const char *want)
{
    if (got && strcmp(got, want) == 0)
        return;
    mismatches++;
    print_error("  %s of ", what);
    show(who);
    print_error(": got ");
    if (got)
        show(got);
    else
        print_error("(none)");
    print_error(", want ");
    show(want);
    print_error("\n");
}

#define S(x) ((char *)(x))

static char *export_dot(const world_t *w, const char *window, size_t documents)
{
    capture_t cap;
    cap_open(&cap);
    if (window) {
        ng_graph_set_attr_string(w->g, "window", window);
        ng_graph_set_attr_int(w->g, "documents", (int64_t)documents);
    }
    ng_error_t err = {0};
    ng_export_options_t quiet;
    ng_export_options_init(&quiet);
    quiet.diag = count_warning; /* lossy names are expected here */
    int st = ng_export_dot(cap.f, w->g, &quiet, &err);
    if (st != NG_OK) {
        print_error("ng_export_dot: %d %s\n", st, err.message);
        fail();
    }
    cap_close(&cap);
    return cap.data;
}

/* The DOT text, one line at a time (print_error truncates long output). */
static void dump_dot(const char *dot)
{
    const char *p = dot;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        print_error("    | %.*s\n", (int)n, p);
        p += n + (nl ? 1 : 0);
    }
}

static Agraph_t *parse_dot(const char *dot)
{
    Agraph_t *g = agmemread(dot);
    if (!g) {
        print_error("cgraph could not parse the DOT output:\n");
        dump_dot(dot);
        fail();
    }
    return g;
}

/* Node of ents[i] read back, with its label, type, counts and attributes. */
static Agnode_t *check_node(Agraph_t *dg, const ent_t *en, size_t mentions)
{
    Agnode_t *n = agnode(dg, S(en->id), 0);
    if (!n) {
        print_error("  node ");
        show(en->id);
        print_error(" not found after reading back\n");
        mismatches++;
        return NULL;
    }
    expect_str("label", en->id, agget(n, S("label")), en->name);
    expect_str("type", en->id, agget(n, S("type")), en->type);
    char num[32];
    snprintf(num, sizeof num, "%zu", mentions);
    expect_str("mentions", en->id, agget(n, S("mentions")), num);
    expect_str("documents", en->id, agget(n, S("documents")), "1");
    for (size_t a = 0; a < 6 && en->attrs[a][0]; a++)
        expect_str(en->attrs[a][0], en->id, agget(n, S(en->attrs[a][0])), en->attrs[a][1]);
    return n;
}

/* ---- DOT tests ---------------------------------------------------------- */

/* Each hostile entity on its own, beside a plain partner: one failure per
 * entity that does not round-trip, so one bad name cannot hide another. */
static void test_dot_roundtrip_each(void **state)
{
    (void)state;
    size_t bad = 0;
    for (size_t i = 0; i < NENTS; i++) {
        world_t w;
        world_subset(&w, &i, 1, true);
        char *dot = export_dot(&w, "sentence", 1);
        mismatches = 0;
        Agraph_t *dg = agmemread(dot);
        if (!dg) {
            print_error("  entity ");
            show(ents[i].id);
            print_error(" (label ");
            show(ents[i].name);
            print_error("): the DOT output does not parse:\n");
            dump_dot(dot);
            mismatches++;
        } else {
            Agnode_t *a = check_node(dg, &ents[i], 1);
            Agnode_t *b = check_node(dg, &partner, 1);
            if (agnnodes(dg) != 2 || agnedges(dg) != 1) {
                print_error("  entity '%s': %d nodes, %d edges read back (want 2, 1)\n",
                            ents[i].id, agnnodes(dg), agnedges(dg));
                mismatches++;
            }
            if (a && b && !agedge(dg, a, b, NULL, 0) && !agedge(dg, b, a, NULL, 0)) {
                print_error("  entity '%s': edge to the partner missing\n", ents[i].id);
                mismatches++;
            }
            agclose(dg);
        }
        if (mismatches)
            bad++;
        free(dot);
        world_free(&w);
    }
    if (bad)
        fail_msg("%zu of %zu hostile entities do not round-trip through DOT", bad, NENTS);
}

/* All of them in one graph, edges (weight, documents, penwidth) included. */
static void test_dot_roundtrip_all(void **state)
{
    (void)state;
    world_t w;
    world_chain(&w);
    char *dot = export_dot(&w, "sentence", 1);
    Agraph_t *dg = agmemread(dot);
    if (!dg) {
        print_error("cgraph could not parse the DOT output:\n");
        dump_dot(dot);
        free(dot);
        world_free(&w);
        fail_msg("the DOT output of the whole hostile graph does not parse");
    }
    mismatches = 0;
    assert_true(agisundirected(dg));
    if ((size_t)agnnodes(dg) != NENTS) {
        print_error("  %d nodes read back, %zu written\n", agnnodes(dg), NENTS);
        mismatches++;
    }
    if ((size_t)agnedges(dg) != NENTS - 1) {
        print_error("  %d edges read back, %zu written\n", agnedges(dg), NENTS - 1);
        mismatches++;
    }
    expect_str("graph attribute", "window", agget(dg, S("window")), "sentence");
    expect_str("graph attribute", "documents", agget(dg, S("documents")), "1");

    Agnode_t *nodes[NENTS];
    for (size_t i = 0; i < NENTS; i++)
        nodes[i] = check_node(dg, &ents[i], expected_mentions(i));
    /* Edges: the chain, with weight, documents and a penwidth from 0.8
     * (weight 1) to 6 (the largest weight), growing with the weight. */
    double pen_w2 = 0;
    for (size_t i = 0; i + 1 < NENTS; i++) {
        if (!nodes[i] || !nodes[i + 1])
            continue;
        Agedge_t *e = agedge(dg, nodes[i], nodes[i + 1], NULL, 0);
        if (!e)
            e = agedge(dg, nodes[i + 1], nodes[i], NULL, 0);
        if (!e) {
            print_error("  edge %zu-%zu missing\n", i, i + 1);
            mismatches++;
            continue;
        }
        char num[32];
        snprintf(num, sizeof num, "%zu", expected_weight(i));
        expect_str("edge weight", ents[i].id, agget(e, S("weight")), num);
        expect_str("edge documents", ents[i].id, agget(e, S("documents")), "1");
        const char *pw = agget(e, S("penwidth"));
        double pen = pw ? strtod(pw, NULL) : -1;
        double want = i == 0 ? 6.0 : 0.8;
        if (i == 1) {
            pen_w2 = pen;
        } else if (pen < want - 0.01 || pen > want + 0.01) {
            print_error("  penwidth of edge %zu: %s, want %.2f\n", i, pw ? pw : "(none)", want);
            mismatches++;
        }
    }
    if (!(pen_w2 > 0.8 && pen_w2 < 6.0)) {
        print_error("  penwidth of the weight-2 edge %.2f is not between 0.8 and 6\n", pen_w2);
        mismatches++;
    }
    agclose(dg);
    free(dot);
    world_free(&w);
    if (mismatches)
        fail_msg("%zu DOT round-trip mismatches", mismatches);
}

/* Styling by type, and gazetteer attributes winning over it. */
static void test_dot_styles(void **state)
{
    (void)state;
    /* graph, node (person), edge (country), digraph (organization), Node
     * (thing), styled (person with its own shape and colours). */
    const size_t sel[] = {7, 8, 9, 12, 13, 28};
    assert_string_equal(ents[28].id, "styled");
    world_t w;
    world_subset(&w, sel, 6, false);
    char *dot = export_dot(&w, NULL, 0);
    Agraph_t *dg = parse_dot(dot);
    /* Same type, same shape; person, country, organization and another type
     * are told apart. */
    const char *person = agget(agnode(dg, S("graph"), 0), S("shape"));
    const char *person2 = agget(agnode(dg, S("node"), 0), S("shape"));
    const char *country = agget(agnode(dg, S("edge"), 0), S("shape"));
    const char *org = agget(agnode(dg, S("digraph"), 0), S("shape"));
    const char *other = agget(agnode(dg, S("Node"), 0), S("shape"));
    assert_non_null(person);
    assert_string_equal(person, person2);
    assert_string_not_equal(person, country);
    assert_string_not_equal(person, org);
    assert_string_not_equal(country, org);
    assert_string_not_equal(other, person);
    /* The gazetteer's styling wins. */
    Agnode_t *styled = agnode(dg, S("styled"), 0);
    assert_non_null(styled);
    assert_string_equal(agget(styled, S("shape")), "star");
    assert_string_equal(agget(styled, S("fillcolor")), "#ff0000");
    assert_string_equal(agget(styled, S("color")), "red");
    /* The run attributes come from the counter. */
    assert_string_equal(agget(dg, S("window")), "sentence");
    agclose(dg);
    free(dot);
    world_free(&w);
}

/* Control characters, newlines and backslashes through the one string that
 * can hold them: the graph's window attribute. */
static void test_dot_graph_attribute_escapes(void **state)
{
    (void)state;
    static const char *windows[] = {
        "tokens:5",
        "line one\nline two",
        "tab\there",
        "quote \" inside",
        "back\\slash",
        "backslash-quote \\\" inside",
        "back\\\nslash-newline",
        "<b>not html</b>",
        "# looks like a preprocessor line",
        "\n# after a newline",
        "ends with backslash\\",
    };
    const size_t sel[] = {16}; /* "1abc" */
    world_t w;
    world_subset(&w, sel, 1, true);
    mismatches = 0;
    size_t before = 0;
    for (size_t i = 0; i < sizeof windows / sizeof *windows; i++) {
        char *dot = export_dot(&w, windows[i], 7);
        Agraph_t *dg = agmemread(dot);
        if (!dg) {
            print_error("  window ");
            show(windows[i]);
            print_error(": the DOT output does not parse\n");
            mismatches++;
        } else {
            expect_str("graph attribute window", windows[i], agget(dg, S("window")),
                       windows[i]);
            expect_str("graph attribute documents", windows[i], agget(dg, S("documents")),
                       "7");
            if (agnnodes(dg) != 2) {
                print_error("  window ");
                show(windows[i]);
                print_error(": %d nodes read back\n", agnnodes(dg));
                mismatches++;
            }
            agclose(dg);
        }
        if (mismatches != before)
            dump_dot(dot);
        before = mismatches;
        free(dot);
    }
    world_free(&w);
    if (mismatches)
        fail_msg("%zu mismatches", mismatches);
}

static void test_dot_empty_graph(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_window_t sentence = {NG_WINDOW_SENTENCE, 0};
    ng_cooc_t *c = ng_cooc_new(0, &sentence);
    ng_graph_t *g = ng_graph_build(gz, c, NULL, NULL);
    assert_non_null(g);
    capture_t cap;
    cap_open(&cap);
    ng_graph_set_attr_string(g, "window", "document");
    ng_graph_set_attr_int(g, "documents", 0);
    assert_int_equal(ng_export_dot(cap.f, g, NULL, NULL), NG_OK);
    cap_close(&cap);
    Agraph_t *dg = parse_dot(cap.data);
    assert_int_equal(agnnodes(dg), 0);
    assert_int_equal(agnedges(dg), 0);
    agclose(dg);
    free(cap.data);
    ng_graph_free(g);
    ng_cooc_free(c);
    ng_gazetteer_free(gz);
}

static void expect_valid_json(const char *s, size_t len)
{
    json_check_result_t res;
    if (!json_check(s, len, NULL, NULL, &res)) {
        print_error("invalid JSON (%s) at byte %zu:\n%s\n", res.message, res.offset, s);
        fail();
    }
}

/* The JSON text without white space outside strings. */
static char *compact(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    bool in_str = false;
    for (const char *p = s; *p; p++) {
        if (in_str) {
            *o++ = *p;
            if (*p == '\\' && p[1])
                *o++ = *++p;
            else if (*p == '"')
                in_str = false;
        } else if (*p == '"') {
            in_str = true;
            *o++ = *p;
        } else if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

static void expect_contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle)) {
        print_error("expected to find\n  %s\nin\n  %s\n", needle, hay);
        fail();
    }
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Like expect_contains, with \u escapes matched in either hex case. */
static bool contains_ci_escape(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *h = hay; *h; h++) {
        size_t i = 0;
        bool in_u = false;
        int hex_left = 0;
        for (; i < n && h[i]; i++) {
            char a = h[i], b = needle[i];
            if (hex_left > 0) {
                if (hexval((unsigned char)a) < 0 ||
                    hexval((unsigned char)a) != hexval((unsigned char)b))
                    break;
                hex_left--;
                continue;
            }
            if (a != b)
                break;
            if (in_u && a == 'u') {
                hex_left = 4;
                in_u = false;
                continue;
            }
            in_u = a == '\\' && !in_u;
        }
        if (i == n)
            return true;
    }
    return false;
}

static void expect_contains_ci(const char *hay, const char *needle)
{
    if (!contains_ci_escape(hay, needle)) {
        print_error("expected to find (\\u hex in any case)\n  %s\nin\n  %s\n", needle, hay);
        fail();
    }
}

/* ---- JSON graph --------------------------------------------------------- */

static void test_json_graph(void **state)
{
    (void)state;
    world_t w;
    world_chain(&w);
    capture_t cap;
    cap_open(&cap);
    ng_graph_set_attr_string(w.g, "window", "tokens:5");
    ng_graph_set_attr_int(w.g, "documents", 1);
    ng_error_t err = {0};
    assert_int_equal(ng_export_json(cap.f, w.g, NULL, &err), NG_OK);
    cap_close(&cap);
    expect_valid_json(cap.data, cap.len);
    char *j = compact(cap.data);

    expect_contains(j, "\"directed\":false");
    expect_contains(j, "\"multigraph\":false");
    expect_contains(j, "\"window\":\"tokens:5\"");
    /* Escapes: quote -> \", backslash -> \\. */
    expect_contains(j, "{\"id\":\"q\\\"uote\",\"label\":\"Say \\\"Hi\\\"\",\"type\":\"person\"");
    expect_contains(j, "\"note\":\"he said \\\"x\\\" \\\\o/\"");
    expect_contains(j, "{\"id\":\"back\\\\slash\",\"label\":\"C:\\\\path\\\\to\"");
    expect_contains(j, "{\"id\":\"x\\\\\\\"y\",\"label\":\"a \\\\\\\" b\"");
    expect_contains(j, "{\"id\":\"trail\\\\\",\"label\":\"ends with backslash\\\\\"");
    expect_contains(j, "\"v\":\"also\\\\\"");
    expect_contains(j, "\"label\":\"]]> &amp; <![CDATA[x]]>\"");
    expect_contains(j, "\"html\":\"<i>x</i>\"");
    expect_contains(j, "\"my-key.v2\":\"v a l\"");
    /* UTF-8 as is (or as \u escapes). */
    if (!strstr(j, "\"id\":\"\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2\""))
        expect_contains_ci(j, "\"id\":\"\\u041a\\u0438\\u0457\\u0432\"");
    if (!strstr(j, "\"label\":\"\xE5\x8C\x97\xE4\xBA\xAC\xE5\xB8\x82\""))
        expect_contains_ci(j, "\"label\":\"\\u5317\\u4eac\\u5e02\"");
    /* Counts are numbers. */
    char buf[256];
    snprintf(buf, sizeof buf, "{\"id\":\"labelN\",\"label\":\"\\\\N\",\"type\":\"person\","
             "\"mentions\":%zu,\"documents\":1", expected_mentions(27));
    assert_string_equal(ents[27].id, "labelN");
    expect_contains(j, buf);
    /* Links, with the ids of their ends, weight and documents. */
    expect_contains(j, "{\"source\":\"back\\\\slash\",\"target\":\"q\\\"uote\",\"weight\":5,"
                       "\"documents\":1,\"count\":5}");
    expect_contains(j, "{\"source\":\"back\\\\slash\",\"target\":\"x\\\\\\\"y\",\"weight\":2,"
                       "\"documents\":1,\"count\":2}");

    /* Nodes in byte order of id: each id's "id": entry comes after the
     * previous one's. */
    const char *order[NENTS];
    for (size_t i = 0; i < NENTS; i++)
        order[i] = ents[i].id;
    for (size_t i = 1; i < NENTS; i++)
        for (size_t k = i; k > 0 && strcmp(order[k - 1], order[k]) > 0; k--) {
            const char *t = order[k];
            order[k] = order[k - 1];
            order[k - 1] = t;
        }
    const char *nodes = strstr(j, "\"nodes\":[");
    const char *links = strstr(j, "\"links\":[");
    assert_non_null(nodes);
    assert_non_null(links);
    const char *prev = nodes;
    for (size_t i = 0; i < NENTS; i++) {
        /* Escape the id the way JSON needs. */
        char want[256], *o = want;
        o += sprintf(o, "{\"id\":\"");
        for (const char *p = order[i]; *p; p++) {
            if (*p == '"' || *p == '\\')
                *o++ = '\\';
            *o++ = *p;
        }
        sprintf(o, "\"");
        const char *at = strstr(nodes, want);
        if (!at || at < prev || at > links) {
            print_error("node %s is not in sorted position\n", want);
            fail();
        }
        prev = at;
    }
    free(j);
    free(cap.data);
    world_free(&w);
}

static void test_json_empty_graph(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_window_t sentence = {NG_WINDOW_SENTENCE, 0};
    ng_cooc_t *c = ng_cooc_new(0, &sentence);
    ng_graph_t *g = ng_graph_build(gz, c, NULL, NULL);
    capture_t cap;
    cap_open(&cap);
    assert_int_equal(ng_export_json(cap.f, g, NULL, NULL), NG_OK);
    cap_close(&cap);
    expect_valid_json(cap.data, cap.len);
    char *j = compact(cap.data);
    expect_contains(j, "\"nodes\":[]");
    expect_contains(j, "\"links\":[]");
    free(j);
    free(cap.data);
    ng_graph_free(g);
    ng_cooc_free(c);
    ng_gazetteer_free(gz);
}

/* ---- mentions ----------------------------------------------------------- */

static const char mention_gaz[] =
    "p:ny\tplace\tNew York\n"
    "p:york\tplace\tYork\n"
    "q\"id\\\tperson\tQ\n";

/* Where a mention sits: the document and the sentence window around it
 * (the whole text). */
typedef struct place {
    const char *doc, *text;
    size_t sentence, paragraph;
} place_t;

/* One mention through the mentions writer's sink, as the pipeline would
 * deliver it. */
static int write_one(FILE *f, const ng_gazetteer_t *gz, const place_t *pl, const ng_mention_t *m)
{
    ng_mentions_writer_t *w = ng_mentions_writer_new(f, gz, NULL, 0);
    ng_sink_t s = ng_mentions_writer_sink(w);
    ng_document_t doc = {pl->doc, pl->text, strlen(pl->text), 0};
    ng_window_event_t ev = {NG_WINDOW_SENTENCE, pl->sentence, 0, strlen(pl->text),
                            pl->paragraph, m, 1, NULL};
    ng_error_t err = {0};
    int st = s.window(s.ctx, &doc, &ev, &err);
    if (st == NG_OK)
        st = s.end_document(s.ctx, &doc, &err);
    ng_mentions_writer_free(w);
    return st;
}

static void one_mention(const ng_gazetteer_t *gz, const place_t *pl,
                        const ng_mention_t *m, char **out)
{
    capture_t cap;
    cap_open(&cap);
    assert_int_equal(write_one(cap.f, gz, pl, m), NG_OK);
    cap_close(&cap);
    /* One line: a single newline, at the end. */
    assert_true(cap.len > 1);
    assert_int_equal(cap.data[cap.len - 1], '\n');
    assert_null(memchr(cap.data, '\n', cap.len - 1));
    expect_valid_json(cap.data, cap.len);
    *out = compact(cap.data);
    free(cap.data);
}

static void test_mention_line(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_buffer(gz, "m.tsv", mention_gaz, strlen(mention_gaz),
                                              &err), 0);
    uint32_t ny = (uint32_t)ng_gazetteer_find(gz, "p:ny");
    uint32_t york = (uint32_t)ng_gazetteer_find(gz, "p:york");
    uint32_t q = (uint32_t)ng_gazetteer_find(gz, "q\"id\\");

    /* The span: bytes 3..17 of the text = "New\nYork\x01\x1f\"q\\\t" */
    const char text[] = "In New\nYork\x01\x1f\"q\\\t, today.";
    place_t pl = {"dir/a \"b\"\\c\x01.txt", text, 3, 1};
    uint32_t cands[] = {york, ny};
    ng_mention_t m = {3, 17, ny, false, cands, 1, false};
    char *j;
    one_mention(gz, &pl, &m, &j);
    expect_contains_ci(j, "\"doc\":\"dir/a \\\"b\\\"\\\\c\\u0001.txt\"");
    expect_contains(j, "\"sentence\":3");
    expect_contains(j, "\"start\":3");
    expect_contains(j, "\"end\":17");
    if (!contains_ci_escape(j, "\"text\":\"New\\nYork\\u0001\\u001f\\\"q\\\\\\t\""))
        expect_contains_ci(j, "\"text\":\"New\\nYork\\u0001\\u001f\\\"q\\\\\\u0009\"");
    expect_contains(j, "\"id\":\"p:ny\"");
    expect_contains(j, "\"type\":\"place\"");
    assert_null(strstr(j, "candidates")); /* not ambiguous: no list */
    free(j);

    /* Ambiguous: every candidate, in the order given. */
    m = (ng_mention_t){7, 11, york, true, cands, 2, false};
    one_mention(gz, &pl, &m, &j);
    expect_contains(j, "\"text\":\"York\"");
    expect_contains(j, "\"id\":\"p:york\"");
    expect_contains(j, "\"candidates\":[\"p:york\",\"p:ny\"]");
    free(j);

    /* Ids with quotes and backslashes, in id and candidates. */
    uint32_t qc[] = {q, ny};
    m = (ng_mention_t){3, 6, q, true, qc, 2, false};
    one_mention(gz, &pl, &m, &j);
    expect_contains(j, "\"id\":\"q\\\"id\\\\\"");
    expect_contains(j, "\"candidates\":[\"q\\\"id\\\\\",\"p:ny\"]");
    expect_contains(j, "\"type\":\"person\"");
    free(j);
    ng_gazetteer_free(gz);
}

/* Text that is not UTF-8 still gives a valid JSON line (U+FFFD instead). */
static void test_mention_invalid_utf8(void **state)
{
    (void)state;
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_error_t err = {0};
    assert_int_equal(ng_gazetteer_load_buffer(gz, "m.tsv", mention_gaz, strlen(mention_gaz),
                                              &err), 0);
    const char text[] = "New\xFF\xC3York \xE2\x82";
    place_t pl = {"bad\xFE.txt", text, 0, 0};
    ng_mention_t m = {0, sizeof text - 1, 0, false, NULL, 0, false};
    char *j;
    one_mention(gz, &pl, &m, &j);
    assert_true(strstr(j, "\\ufffd") || strstr(j, "\\uFFFD") || strstr(j, "\xEF\xBF\xBD"));
    free(j);
    ng_gazetteer_free(gz);
}

/* ---- determinism and write errors --------------------------------------- */

static char *export_to_string(ng_graph_writer_fn fn, ng_graph_t *g, size_t *len)
{
    capture_t cap;
    cap_open(&cap);
    ng_graph_set_attr_string(g, "window", "paragraph");
    ng_graph_set_attr_int(g, "documents", 3);
    assert_int_equal(fn(cap.f, g, NULL, NULL), NG_OK);
    cap_close(&cap);
    *len = cap.len;
    return cap.data;
}

static void test_determinism(void **state)
{
    (void)state;
    world_t a, b;
    world_chain(&a);
    world_chain(&b); /* a second, independently built copy */
    ng_graph_writer_fn fns[] = {ng_export_dot, ng_export_json};
    for (size_t f = 0; f < 2; f++) {
        size_t l1, l2, l3;
        char *s1 = export_to_string(fns[f], a.g, &l1);
        char *s2 = export_to_string(fns[f], a.g, &l2);
        char *s3 = export_to_string(fns[f], b.g, &l3);
        assert_true(l1 > 0);
        assert_int_equal(l1, l2);
        assert_memory_equal(s1, s2, l1);
        assert_int_equal(l1, l3);
        assert_memory_equal(s1, s3, l1);
        free(s1);
        free(s2);
        free(s3);
    }
    world_free(&b);
    world_free(&a);
}

static void test_write_errors(void **state)
{
    (void)state;
    world_t w;
    world_chain(&w);
    /* A stream that refuses writes: opened for reading only. */
    FILE *ro = tmpfile();
    assert_non_null(ro);
    FILE *r = fdopen(dup(fileno(ro)), "r");
    assert_non_null(r);
    ng_error_t err = {0};
    assert_int_equal(ng_export_json(r, w.g, NULL, &err), NG_EIO);
    assert_int_equal(err.status, NG_EIO);
    clearerr(r);
    memset(&err, 0, sizeof err);
    assert_int_equal(ng_export_dot(r, w.g, NULL, &err), NG_EIO);
    clearerr(r);
    place_t pl = {"d", "York", 0, 0};
    ng_mention_t m = {0, 4, 0, false, NULL, 0, false};
    assert_int_equal(write_one(r, w.gz, &pl, &m), NG_EIO);
    fclose(r);
    fclose(ro);
    world_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dot_roundtrip_each),
        cmocka_unit_test(test_dot_roundtrip_all),
        cmocka_unit_test(test_dot_styles),
        cmocka_unit_test(test_dot_graph_attribute_escapes),
        cmocka_unit_test(test_dot_empty_graph),
        cmocka_unit_test(test_json_graph),
        cmocka_unit_test(test_json_empty_graph),
        cmocka_unit_test(test_mention_line),
        cmocka_unit_test(test_mention_invalid_utf8),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_write_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
