/* Writing JSON values: escaping and number formatting shared by the
 * writers.  Internal. */
#ifndef NG_JSON_H
#define NG_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Write s[0..len) as a quoted JSON string: ", \ and control characters
 * escaped, invalid UTF-8 replaced by U+FFFD so the output stays valid. */
void ng_json_string(FILE *out, const char *s, size_t len);
void ng_json_cstring(FILE *out, const char *s);

/* The shortest of %.15g, %.16g and %.17g that reads back as x, into buf
 * (32 bytes are enough): deterministic, exact, and 0.1 stays "0.1".
 * Returns false (buf holds "nan", "inf" or "-inf") when x is not finite. */
bool ng_format_float(char *buf, size_t n, double x);

#endif
