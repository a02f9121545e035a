/*
 * Mentions as JSON Lines: one record per mention, written as the documents
 * are read.
 */
#include "nergraph.h"

#include "json.h"
#include "util.h"

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
