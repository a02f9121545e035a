/* What the graph writers share: one value of a column or graph attribute
 * whatever its type, text escaping for XML, and unique, valid keys for
 * formats that restrict names.  Internal; not installed. */
#ifndef NG_EXPORT_UTIL_H
#define NG_EXPORT_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "nergraph.h"

typedef struct ng_value {
    ng_column_type type;
    int64_t i;
    double f;
    const char *s; /* borrowed from the graph; NULL: absent */
} ng_value_t;

ng_value_t ng_node_value(const ng_graph_t *g, size_t col, size_t v);
ng_value_t ng_edge_value(const ng_graph_t *g, size_t col, size_t e);
ng_value_t ng_attr_value(const ng_graph_t *g, size_t i);

/* An absent string: writers leave it out rather than write "". */
static inline bool ng_value_absent(const ng_value_t *x)
{
    return x->type == NG_COLUMN_STRING && !x->s;
}

/* Write s as XML character data that is also safe inside an attribute
 * value in double quotes: & < > " ' as entities; tab, line feed and
 * carriage return as character references (so attribute-value
 * normalisation and end-of-line handling keep them); every character XML
 * 1.0 forbids (C0 controls, U+FFFE, U+FFFF) and every byte that is not
 * UTF-8 as U+FFFD.  The result is well-formed whatever s holds. */
void ng_xml_escape(FILE *out, const char *s);

/* An int64 or a double as XML Schema writes it: floats exact (see
 * ng_format_float), non-finite ones NaN, INF, -INF.  buf: 32 bytes. */
const char *ng_xml_number(char *buf, size_t n, const ng_value_t *x);

/*
 * Unique keys for names a format restricts.  A set of keys taken so far at
 * one level (graph, node, edge); ng_keys_take returns the key for name:
 * name itself when valid() accepts it and it is free, otherwise name with
 * every byte valid() would not keep spelled _XX (hex), an 'x' in front
 * when it would not start with a letter, and _2, _3... until it is free.
 * Keys compare case-insensitively when fold is true (a reader that does).
 * The returned string is owned by the set; free everything with
 * ng_keys_free.
 */
typedef struct ng_keys {
    char **keys;
    size_t count, cap;
    bool fold;
} ng_keys_t;

/* Reserve key (a fixed name of the format) so that no column gets it. */
void ng_keys_reserve(ng_keys_t *k, const char *key);
const char *ng_keys_take(ng_keys_t *k, const char *name, bool (*valid)(const char *));
void ng_keys_free(ng_keys_t *k);

/* [A-Za-z][A-Za-z0-9_]*: a GML key, and a safe name nearly anywhere. */
bool ng_is_ascii_identifier(const char *s);

#endif
