/*
 * edges: who occurs with whom in one text, through libnergraph.
 *
 *   cc edges.c $(pkg-config --cflags --libs nergraph) -o edges
 *   ./edges GAZETTEER_DIR ["TEXT"]   (or set NERGRAPH_GAZETTEERS)
 *
 * Prints one line per edge: source id, target id, weight (the number of
 * sentences that name both).  Exit status 1 with a message on any error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nergraph/nergraph.h>

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : getenv("NERGRAPH_GAZETTEERS");
    const char *text = argc > 2 ? argv[2] : "Ukraine and France signed a grain deal.";
    ng_error_t err = {.message = "no gazetteer directory: pass one or set NERGRAPH_GAZETTEERS"};
    ng_window_t sentence = {NG_WINDOW_SENTENCE, 0};
    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_tagger_t *tagger = NULL;
    ng_pipeline_t *pipeline = NULL;
    ng_graph_t *graph = NULL;
    if (!dir || ng_gazetteer_load_path(gz, dir, &err) ||
        !(tagger = ng_tagger_new(gz, NULL, &err)) ||
        !(pipeline = ng_pipeline_new(tagger, &sentence)) ||
        ng_pipeline_add_document(pipeline, "text", text, strlen(text), &err) ||
        !(graph = ng_graph_build(gz, ng_pipeline_cooc(pipeline), NULL, &err)))
        fprintf(stderr, "edges: %s\n", err.message);
    size_t weight = graph ? (size_t)ng_graph_edge_column_find(graph, "weight") : 0;
    for (size_t e = 0, u, v; graph && e < ng_graph_edge_count(graph); e++) {
        ng_graph_edge_nodes(graph, e, &u, &v);
        printf("%s\t%s\t%lld\n", ng_graph_node_id(graph, u), ng_graph_node_id(graph, v),
               (long long)ng_graph_edge_int(graph, weight, e));
    }
    ng_graph_free(graph);
    ng_pipeline_free(pipeline);
    ng_tagger_free(tagger);
    ng_gazetteer_free(gz);
    return graph ? 0 : 1;
}
