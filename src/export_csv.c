/*
 * CSV export for Gephi's spreadsheet import (and any CSV reader): two
 * files, nodes.csv and edges.csv, written from the graph's columns.
 *
 *   nodes.csv  Id,Label,Type, then every other node column in order
 *              (Id = entity id; Label and Type = the "label" and "type"
 *              columns, or the id and empty when the graph lacks them)
 *   edges.csv  Source,Target,Type,Weight, then every other edge column
 *              (Type is always Undirected; Weight the "weight" column)
 *
 * Headers are the column names, except that Gephi matches its own headers
 * without regard to case, so a column called "id" or "TYPE" is written as
 * "id_2", "TYPE_2".  RFC 4180: CRLF line ends, a field holding a comma,
 * a quote or a line break is quoted with its quotes doubled.  Numbers are
 * plain (floats exact, non-finite ones NaN, Infinity, -Infinity, which
 * both Java and Python read); an absent string is an empty field; bytes
 * that are not UTF-8 become U+FFFD.  No byte order mark.
 */
#include "nergraph.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export_util.h"
#include "json.h"
#include "utf8.h"
#include "util.h"

static bool any_name(const char *s)
{
    (void)s;
    return true;
}

static void write_field(FILE *out, const char *s)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        putc('"', out);
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = ng_utf8_decode(p, len, i, &cp);
        if (cp == NG_CP_INVALID)
            fputs("\xEF\xBF\xBD", out);
        else if (cp == '"')
            fputs("\"\"", out);
        else
            fwrite(p + i, 1, n, out);
        i += n;
    }
    if (quote)
        putc('"', out);
}

static void write_value(FILE *out, const ng_value_t *x)
{
    char num[32];
    switch (x->type) {
    case NG_COLUMN_INT:
        fprintf(out, "%lld", (long long)x->i);
        break;
    case NG_COLUMN_FLOAT:
        if (ng_format_float(num, sizeof num, x->f)) /* 2.0: a float column stays one */
            fprintf(out, "%s%s", num, strpbrk(num, ".e") ? "" : ".0");
        else
            fputs(isnan(x->f) ? "NaN" : x->f < 0 ? "-Infinity" : "Infinity", out);
        break;
    case NG_COLUMN_STRING:
        if (x->s)
            write_field(out, x->s);
        break;
    }
}

/* The header for the columns other than skip1/skip2 (indices or -1),
 * after the fixed ones already reserved in k. */
static void write_header_rest(FILE *out, ng_keys_t *k, size_t cols, int64_t skip1, int64_t skip2,
                              const char *(*name)(const ng_graph_t *, size_t),
                              const ng_graph_t *g)
{
    for (size_t c = 0; c < cols; c++)
        if ((int64_t)c != skip1 && (int64_t)c != skip2) {
            putc(',', out);
            write_field(out, ng_keys_take(k, name(g, c), any_name));
        }
    fputs("\r\n", out);
}

static int64_t string_column(const ng_graph_t *g, const char *name)
{
    int64_t c = ng_graph_node_column_find(g, name);
    return c >= 0 && ng_graph_node_column_type(g, (size_t)c) == NG_COLUMN_STRING ? c : -1;
}

int ng_export_csv_nodes(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                        ng_error_t *err)
{
    (void)o;
    int64_t label = string_column(g, "label"), type = string_column(g, "type");
    size_t cols = ng_graph_node_column_count(g);
    ng_keys_t k = {.fold = true};
    ng_keys_reserve(&k, "Id");
    ng_keys_reserve(&k, "Label");
    ng_keys_reserve(&k, "Type");
    fputs("Id,Label,Type", out);
    write_header_rest(out, &k, cols, label, type, ng_graph_node_column_name, g);
    ng_keys_free(&k);
    for (size_t v = 0; v < ng_graph_node_count(g); v++) {
        const char *id = ng_graph_node_id(g, v);
        const char *l = label >= 0 ? ng_graph_node_string(g, (size_t)label, v) : NULL;
        const char *t = type >= 0 ? ng_graph_node_string(g, (size_t)type, v) : NULL;
        write_field(out, id);
        putc(',', out);
        write_field(out, l ? l : id);
        putc(',', out);
        write_field(out, t ? t : "");
        for (size_t c = 0; c < cols; c++) {
            if ((int64_t)c == label || (int64_t)c == type)
                continue;
            putc(',', out);
            ng_value_t x = ng_node_value(g, c, v);
            write_value(out, &x);
        }
        fputs("\r\n", out);
    }
    if (ferror(out))
        return ng_fail(err, NG_EIO, "write failed");
    return NG_OK;
}

int ng_export_csv_edges(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                        ng_error_t *err)
{
    (void)o;
    int64_t weight = ng_graph_edge_column_find(g, "weight");
    if (weight >= 0 && ng_graph_edge_column_type(g, (size_t)weight) == NG_COLUMN_STRING)
        weight = -1;
    size_t cols = ng_graph_edge_column_count(g);
    ng_keys_t k = {.fold = true};
    ng_keys_reserve(&k, "Source");
    ng_keys_reserve(&k, "Target");
    ng_keys_reserve(&k, "Type");
    ng_keys_reserve(&k, "Weight");
    fputs("Source,Target,Type,Weight", out);
    write_header_rest(out, &k, cols, weight, -1, ng_graph_edge_column_name, g);
    ng_keys_free(&k);
    for (size_t e = 0; e < ng_graph_edge_count(g); e++) {
        size_t u, v;
        ng_graph_edge_nodes(g, e, &u, &v);
        write_field(out, ng_graph_node_id(g, u));
        putc(',', out);
        write_field(out, ng_graph_node_id(g, v));
        fputs(",Undirected,", out);
        if (weight >= 0) {
            ng_value_t x = ng_edge_value(g, (size_t)weight, e);
            write_value(out, &x);
        } else {
            putc('1', out); /* Gephi's own default */
        }
        for (size_t c = 0; c < cols; c++) {
            if ((int64_t)c == weight)
                continue;
            putc(',', out);
            ng_value_t x = ng_edge_value(g, c, e);
            write_value(out, &x);
        }
        fputs("\r\n", out);
    }
    if (ferror(out))
        return ng_fail(err, NG_EIO, "write failed");
    return NG_OK;
}

/* Write one file of the set: dir/name through writer. */
static int write_file(const char *dir, const char *name, ng_graph_writer_fn writer,
                      const ng_graph_t *g, const ng_export_options_t *o, ng_error_t *err)
{
    ng_buf_t path = {0};
    ng_buf_printf(&path, "%s/%s", dir, name);
    FILE *f = fopen(path.data, "wb");
    int st;
    if (!f) {
        st = ng_fail(err, NG_EIO, "%s: cannot create: %s", path.data, strerror(errno));
    } else {
        st = writer(f, g, o, err);
        if (fclose(f) != 0 && st == NG_OK)
            st = ng_fail(err, NG_EIO, "%s: cannot write: %s", path.data, strerror(errno));
        else if (st == NG_EIO)
            st = ng_fail(err, NG_EIO, "%s: cannot write", path.data);
    }
    ng_buf_free(&path);
    return st;
}

int ng_export_csv(const char *dir, const ng_graph_t *g, const ng_export_options_t *o,
                  ng_error_t *err)
{
    int st = write_file(dir, "nodes.csv", ng_export_csv_nodes, g, o, err);
    return st ? st : write_file(dir, "edges.csv", ng_export_csv_edges, g, o, err);
}
