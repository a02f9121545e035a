/*
 * One line of JSON Lines input into a document: parsed by jansson, the
 * text taken from one member and the name from another.  What makes a
 * line unusable is said in words a user can act on; the caller reports it
 * with the stream and line number.
 */
#include <jansson.h>
#include <string.h>

#include "input_internal.h"
#include "json.h"

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

/* Empty, and still a C string. */
static void buf_reset(ng_buf_t *b)
{
    b->len = 0;
    ng_buf_append(b, "", 0);
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

void ng_jsonl_doc_clear(ng_jsonl_doc_t *doc)
{
    json_decref(doc->json);
    doc->json = NULL;
    doc->text = NULL;
    doc->len = 0;
    ng_buf_free(&doc->name);
}

/* The document's name: the id member as written (a string, or a number
 * in its shortest exact form), else STREAM:LINE. */
static void name_document(const char *stream, size_t lineno, const json_t *id,
                          const char *id_field, ng_jsonl_doc_t *doc, ng_buf_t *id_warning)
{
    buf_reset(&doc->name);
    if (id && json_is_string(id) && json_string_length(id) > 0 &&
        !memchr(json_string_value(id), '\0', json_string_length(id))) {
        ng_buf_append(&doc->name, json_string_value(id), json_string_length(id));
        return;
    }
    if (id && json_is_integer(id)) {
        ng_buf_printf(&doc->name, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
        return;
    }
    if (id && json_is_real(id)) {
        char num[32];
        ng_format_float(num, sizeof num, json_real_value(id));
        ng_buf_printf(&doc->name, "%s", num);
        return;
    }
    ng_buf_printf(&doc->name, "%s:%zu", stream, lineno);
    if (id && json_is_string(id) && json_string_length(id) > 0)
        ng_buf_printf(id_warning, "\"%s\" holds a NUL character", id_field);
    else if (id && !json_is_null(id) && !json_is_string(id))
        ng_buf_printf(id_warning, "\"%s\" is %s, not a string or a number", id_field,
                      type_name(id));
    if (id_warning->len)
        ng_buf_printf(id_warning, "; the document is named %s", doc->name.data);
}

bool ng_jsonl_parse_line(const char *stream, size_t lineno, const char *line, size_t len,
                         const char *text_field, const char *id_field, ng_jsonl_doc_t *doc,
                         ng_buf_t *why, ng_buf_t *id_warning)
{
    buf_reset(why);
    buf_reset(id_warning);
    if (is_blank(line, len))
        return false;
    json_error_t jerr;
    /* Any value, so that a line holding an array or a bare string is
     * called "not a JSON object" rather than jansson's "'[' or '{'
     * expected"; NULs allowed, so a "\u0000" in a text is no error (the
     * pipeline calls such a document binary). */
    json_t *v = json_loadb(line, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (!v) {
        ng_buf_printf(why, "not valid JSON (%s, at byte %d of the line)", jerr.text,
                      jerr.position);
        return false;
    }
    if (!json_is_object(v)) {
        ng_buf_printf(why, "not a JSON object but %s", type_name(v));
        json_decref(v);
        return false;
    }
    json_t *text = json_object_get(v, text_field);
    if (!text || !json_is_string(text)) {
        if (!text)
            ng_buf_printf(why, "no \"%s\" member (name the member that holds the text "
                          "with --text-field)", text_field);
        else
            ng_buf_printf(why, "\"%s\" is %s, not a string", text_field, type_name(text));
        json_decref(v);
        return false;
    }
    ng_jsonl_doc_clear(doc);
    doc->json = v;
    doc->text = json_string_value(text);
    doc->len = json_string_length(text);
    name_document(stream, lineno, json_object_get(v, id_field), id_field, doc, id_warning);
    return true;
}
