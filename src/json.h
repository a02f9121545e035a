/* Writing JSON strings: escaping shared by the JSON writers.  Internal. */
#ifndef NG_JSON_H
#define NG_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Write s[0..len) as a quoted JSON string: ", \ and control characters
 * escaped, invalid UTF-8 replaced by U+FFFD so the output stays valid. */
void ng_json_string(FILE *out, const char *s, size_t len);
void ng_json_cstring(FILE *out, const char *s);

#endif
