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
    ng_tagger_options_t tagger_opts;
    ng_graph_options_t graph_opts;
    ng_window_t window = {NG_WINDOW_SENTENCE, 0};
    ng_tagger_options_init(&tagger_opts);
    ng_graph_options_init(&graph_opts);

    ng_gazetteer_t *gz = ng_gazetteer_new();
    ng_tagger_t *tagger = NULL;
    ng_pipeline_t *pipeline = NULL;
    ng_graph_t *graph = NULL;
    int status = 1;
    if (!dir || ng_gazetteer_load_path(gz, dir, &err) != NG_OK)
        goto out;
    if (!(tagger = ng_tagger_new(gz, &tagger_opts, &err)))
        goto out;
    pipeline = ng_pipeline_new(tagger, &window);
    if (ng_pipeline_add_document(pipeline, "text", text, strlen(text), NULL, NULL, &err) != NG_OK)
        goto out;
    if (!(graph = ng_graph_build(gz, ng_pipeline_cooc(pipeline), &graph_opts, &err)))
        goto out;
    for (size_t i = 0; i < ng_graph_edge_count(graph); i++) {
        size_t u, v, weight, documents;
        ng_graph_edge(graph, i, &u, &v, &weight, &documents);
        printf("%s\t%s\t%zu\n", ng_gazetteer_entity_id(gz, ng_graph_node_entity(graph, u)),
               ng_gazetteer_entity_id(gz, ng_graph_node_entity(graph, v)), weight);
    }
    status = 0;
out:
    if (status)
        fprintf(stderr, "edges: %s\n", err.message);
    ng_graph_free(graph);
    ng_pipeline_free(pipeline);
    ng_tagger_free(tagger);
    ng_gazetteer_free(gz);
    return status;
}
