/*
 * Output formats: a registry of writers, looked up by name or by a file
 * name's extension, and the writers themselves.
 *
 * A graph writer writes every node and edge column and every graph
 * attribute of an ng_graph_t (see ng_graph.h), whatever analyses added, so
 * a new column needs no change here and a new format needs no change to
 * the analyses.  Writers write to a FILE * they do not own and report
 * NG_EIO when a write fails (the caller decides what to do with the
 * half-written stream; the CLI writes to a temporary file and renames it
 * only on success); a format of several files (CSV) has a writer that
 * takes a directory instead.  Output is deterministic: sorted ids, fixed number
 * formatting, no timestamps.
 */
#ifndef NG_EXPORT_H
#define NG_EXPORT_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include <stdbool.h>
#include <stdio.h>

#include "ng_pipeline.h"
#include "ng_graph.h"

struct ng_error;

typedef struct ng_export_options {
    /* Warnings about the output (a name DOT cannot hold as is), formatted,
     * without prefix or newline.  NULL: stderr, prefixed
     * "nergraph: warning: ". */
    ng_diag_fn diag;
    void *diag_ctx;
    /* Diagrams (dot, svg, png, pdf); NULL means the default.  Strings are
     * borrowed for the call. */
    const char *layout;   /* a Graphviz engine (ng_export_layout_known);
                           * default: neato up to 100 nodes, sfdp above */
    const char *color_by; /* "type" (default) or "community": a colour per
                           * value of the node column "community" */
    const char *size_by;  /* a numeric node column; default "mentions" */
} ng_export_options_t;

void ng_export_options_init(ng_export_options_t *o);

/* Whether name is a layout engine the diagrams accept: dot, neato, fdp,
 * sfdp or circo. */
bool ng_export_layout_known(const char *name);

/* Write graph g to out.  o may be NULL (defaults).  NG_OK, NG_EIO when a
 * write failed, NG_EUSAGE when an option does not fit the graph (--color
 * community without a community column, --size naming no numeric column,
 * an unknown layout), NG_EINTERNAL when a library we use failed. */
typedef int (*ng_graph_writer_fn)(FILE *out, const ng_graph_t *g,
                                  const ng_export_options_t *o, struct ng_error *err);

/* Write graph g as several files into the directory dir, which must exist
 * (files of the same names are replaced; nothing else is touched).  The
 * files are written one after the other: a caller that wants the set
 * replaced atomically writes into a new directory and renames it (the CLI
 * does).  NG_OK, or NG_EIO with the file's path in err. */
typedef int (*ng_dir_writer_fn)(const char *dir, const ng_graph_t *g,
                                const ng_export_options_t *o, struct ng_error *err);

typedef enum ng_export_kind {
    NG_EXPORT_GRAPH,   /* write_graph writes the built graph */
    NG_EXPORT_MENTIONS /* a stream written while documents are read: attach
                          ng_mentions_writer_sink to the pipeline */
} ng_export_kind;

typedef struct ng_export_format {
    const char *name;               /* for -f: "dot" */
    const char *const *extensions;  /* lower case, no dot, NULL-terminated */
    const char *description;        /* one line, for --help */
    ng_export_kind kind;
    ng_graph_writer_fn write_graph; /* NG_EXPORT_GRAPH, one file; else NULL */
    /* Writes a directory of several files, through write_dir (write_graph
     * is then NULL).  Its extensions are those of the files inside: a
     * path ending in one names a file, not the directory to write. */
    bool directory;
    ng_dir_writer_fn write_dir;     /* directory formats only, else NULL */
} ng_export_format_t;

/* The formats, in a fixed order (the first is the default); entries are
 * static, never freed. */
size_t ng_export_format_count(void);
const ng_export_format_t *ng_export_format_at(size_t i);
/* The format called name (exact), or NULL. */
const ng_export_format_t *ng_export_format_find(const char *name);
/* The format whose extension the last component of path ends with
 * ("out/graph.JSON" -> json; case-insensitive), or NULL for no or an
 * unknown extension. */
const ng_export_format_t *ng_export_format_for_path(const char *path);

/*
 * Graphviz DOT through cgraph: an undirected graph named after the graph's
 * "name" attribute, its other attributes as graph attributes; node name =
 * entity id, every node column an attribute (label, type, mentions,
 * documents, the gazetteer attributes...) on every node; every edge column
 * on every edge (numbers as DOT numerals, no reliance on default blocks).
 * The diagram's styling goes along (see src/diagram.c): layout, a title
 * and legend as the graph label, shape and colours by type (or community),
 * width, height and font size growing with the square root of the size
 * column, a penwidth from 0.5 to 6 growing with the square root of the
 * weight, tooltips with the figures; a column such as shape or fillcolor
 * (from a gazetteer attribute) overrides the styling where it has a value.
 * Warns (o->diag) past 300 nodes.
 */
int ng_export_dot(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                  struct ng_error *err);

/* The same diagram laid out and rendered in-process by Graphviz (gvc) as
 * SVG, PNG or PDF.  Deterministic: the same graph and options give the
 * same bytes (the PDF's creation date is fixed to 1970-01-01).  Not
 * thread-safe: Graphviz keeps process-wide state, and one Graphviz context,
 * made on the first call, serves the whole process.  Warns (o->diag) past
 * 300 nodes. */
int ng_export_svg(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                  struct ng_error *err);
int ng_export_png(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                  struct ng_error *err);
int ng_export_pdf(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                  struct ng_error *err);

/* networkx node-link JSON (networkx.node_link_graph loads it): "graph"
 * holds the graph attributes, each node its id then its columns, each link
 * source, target then its columns.  The links are written twice, as
 * "links" (what networkx up to 3.5 reads by default) and as "edges"
 * (3.6 on), so a plain node_link_graph(data) reads the file in both.  Integers are numbers; floats exact
 * numbers (the shortest of %.15g, %.16g, %.17g that reads back the same;
 * nan and infinities, which JSON lacks, as null); strings strings; an
 * absent string is left out. */
int ng_export_json(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                   struct ng_error *err);

/*
 * GraphML: one typed <key> per graph attribute, node column and edge
 * column (attr.name = the name; int -> long, float -> double, string ->
 * string; ids g0.., n0.., e0.. by position), node id = entity id,
 * undirected.  UTF-8; every string escaped so the XML is well-formed:
 * & < > " ' as entities, tab, CR and LF as character references, and the
 * characters XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF) and
 * bytes that are not UTF-8 replaced by U+FFFD.  Floats exact; NaN, INF,
 * -INF as XML Schema spells them.  An absent string has no <data>.
 */
int ng_export_graphml(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                      struct ng_error *err);

/*
 * GML (7-bit ASCII): node id = index, label = entity id (unique, as
 * networkx wants), the "label" column as "name", every other column under
 * its name when it is a GML key ([A-Za-z][A-Za-z0-9_]*) and free, else a
 * derived key (bytes spelled _XX, a leading 'x', a _2 suffix); strings
 * with &quot; for " and &#N; for & and every character outside printable
 * ASCII;
 * reals always with a '.', or INF, -INF, NAN.
 */
int ng_export_gml(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                  struct ng_error *err);

/*
 * GEXF 1.2 (http://www.gexf.net/1.2draft), undirected and static: node
 * label = the "label" column, edge weight = a numeric "weight" column,
 * every other column a typed attribute (long, double, string), graph
 * attributes in <meta><description> as "name=value; ...".  Escaping as
 * for GraphML.
 */
int ng_export_gexf(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                   struct ng_error *err);

/*
 * CSV for Gephi's spreadsheet import: ng_export_csv writes dir/nodes.csv
 * (Id,Label,Type, then the other node columns) and dir/edges.csv
 * (Source,Target,Type=Undirected,Weight, then the other edge columns);
 * the two halves are also available on streams.  RFC 4180 (CRLF, fields
 * with , " CR or LF quoted, quotes doubled), UTF-8 without a byte order
 * mark, numbers plain; a column whose name Gephi would confuse with a
 * fixed header (case-insensitively) gets a _2 suffix.
 */
int ng_export_csv(const char *dir, const ng_graph_t *g, const ng_export_options_t *o,
                  struct ng_error *err);
int ng_export_csv_nodes(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                        struct ng_error *err);
int ng_export_csv_edges(FILE *out, const ng_graph_t *g, const ng_export_options_t *o,
                        struct ng_error *err);

/* ---- mentions: a pipeline sink ------------------------------------------- */

typedef struct ng_mentions_writer ng_mentions_writer_t;

/*
 * A writer of one JSON Lines record per mention to out (borrowed, not
 * closed), for mentions of entities in gz (borrowed; must outlive the
 * writer) whose type is one of types[0..type_count) (copied; types NULL:
 * every type).  Records, in text order:
 *   {"doc", "sentence", "paragraph", "start", "end", "text", "id", "type",
 *    "sentence_start", "sentence_end"}
 * with "candidates" (every entity id the span could name) last when the
 * mention was ambiguous.  sentence and paragraph are 0-based indices in the
 * document; start/end and sentence_start/sentence_end are byte ranges in
 * it (end exclusive): the mention and the sentence it lies in.  Free with
 * ng_mentions_writer_free.
 */
ng_mentions_writer_t *ng_mentions_writer_new(FILE *out, const ng_gazetteer_t *gz,
                                             const char *const *types, size_t type_count);
void ng_mentions_writer_free(ng_mentions_writer_t *w);

/* The sink to add to a pipeline (ng_pipeline_add_sink): it listens to
 * sentence windows and flushes out at the end of each document.  When a
 * write fails it stops the run with NG_EIO and "cannot write mentions:
 * <reason>". */
ng_sink_t ng_mentions_writer_sink(ng_mentions_writer_t *w);

#pragma GCC visibility pop
#endif
