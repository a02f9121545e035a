/*
 * JSON export in networkx's node-link layout, and JSON Lines mentions.
 * Counts are numbers; gazetteer attributes are strings, as written.
 */
#include "nergraph.h"

#include <string.h>

#include "json.h"
#include "util.h"

int ng_export_json(FILE *out, const ng_graph_t *g, const ng_graph_info_t *info,
                   ng_error_t *err)
{
    const ng_gazetteer_t *gz = ng_graph_gazetteer(g);
    fputs("{\n  \"directed\": false,\n  \"multigraph\": false,\n  \"graph\": {\"name\": \"nergraph\"", out);
    if (info) {
        fputs(", \"window\": ", out);
        ng_json_cstring(out, info->window ? info->window : "");
        fprintf(out, ", \"documents\": %zu", info->documents);
    }
    fputs("},\n  \"nodes\": [", out);
    size_t n = ng_graph_node_count(g);
    for (size_t v = 0; v < n; v++) {
        uint32_t e = ng_graph_node_entity(g, v);
        fputs(v ? ",\n    {\"id\": " : "\n    {\"id\": ", out);
        ng_json_cstring(out, ng_gazetteer_entity_id(gz, e));
        fputs(", \"label\": ", out);
        ng_json_cstring(out, ng_gazetteer_entity_name(gz, e));
        fputs(", \"type\": ", out);
        ng_json_cstring(out, ng_gazetteer_entity_type(gz, e));
        fprintf(out, ", \"mentions\": %zu, \"documents\": %zu", ng_graph_node_mentions(g, v),
                ng_graph_node_documents(g, v));
        for (size_t i = 0; i < ng_gazetteer_attr_count(gz, e); i++) {
            fputs(", ", out);
            ng_json_cstring(out, ng_gazetteer_attr_key(gz, e, i));
            fputs(": ", out);
            ng_json_cstring(out, ng_gazetteer_attr_value(gz, e, i));
        }
        putc('}', out);
    }
    fputs(n ? "\n  ],\n  \"links\": [" : "],\n  \"links\": [", out);
    size_t m = ng_graph_edge_count(g);
    for (size_t i = 0; i < m; i++) {
        size_t u, v, w, d;
        ng_graph_edge(g, i, &u, &v, &w, &d);
        fputs(i ? ",\n    {\"source\": " : "\n    {\"source\": ", out);
        ng_json_cstring(out, ng_gazetteer_entity_id(gz, ng_graph_node_entity(g, u)));
        fputs(", \"target\": ", out);
        ng_json_cstring(out, ng_gazetteer_entity_id(gz, ng_graph_node_entity(g, v)));
        fprintf(out, ", \"weight\": %zu, \"documents\": %zu}", w, d);
    }
    fputs(m ? "\n  ]\n}\n" : "]\n}\n", out);
    if (ferror(out))
        return ng_fail(err, NG_EIO, "write failed");
    return NG_OK;
}

int ng_export_mention(FILE *out, const ng_gazetteer_t *gz, const ng_mention_place_t *place,
                      const ng_mention_t *m)
{
    fputs("{\"doc\": ", out);
    ng_json_cstring(out, place->doc);
    fprintf(out, ", \"sentence\": %zu, \"paragraph\": %zu, \"start\": %zu, \"end\": %zu, \"text\": ",
            place->sentence, place->paragraph, m->start, m->end);
    ng_json_string(out, place->text + m->start, m->end - m->start);
    fputs(", \"id\": ", out);
    ng_json_cstring(out, ng_gazetteer_entity_id(gz, m->entity));
    fputs(", \"type\": ", out);
    ng_json_cstring(out, ng_gazetteer_entity_type(gz, m->entity));
    if (m->ambiguous) {
        fputs(", \"candidates\": [", out);
        for (size_t i = 0; i < m->candidate_count; i++) {
            if (i)
                fputs(", ", out);
            ng_json_cstring(out, ng_gazetteer_entity_id(gz, m->candidates[i]));
        }
        putc(']', out);
    }
    fputs("}\n", out);
    return ferror(out) ? -1 : 0;
}
