/*
 * JSON values.  Names come from user-edited files and text from
 * anywhere, so every byte that JSON forbids is escaped, and any byte that is
 * not UTF-8 becomes U+FFFD rather than producing a file parsers reject.
 */
#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

void ng_json_string(FILE *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    putc('"', out);
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c >= 0x80) {
            int32_t cp;
            size_t n = ng_utf8_decode(p, len, i, &cp);
            if (cp == NG_CP_INVALID)
                fputs("\\ufffd", out);
            else
                fwrite(p + i, 1, n, out);
            i += n;
            continue;
        }
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (c < 0x20 || c == 0x7F)
                fprintf(out, "\\u%04x", c);
            else
                putc(c, out);
        }
        i++;
    }
    putc('"', out);
}

void ng_json_cstring(FILE *out, const char *s)
{
    ng_json_string(out, s, strlen(s));
}

bool ng_format_float(char *buf, size_t n, double x)
{
    if (isnan(x)) {
        snprintf(buf, n, "nan");
        return false;
    }
    if (isinf(x)) {
        snprintf(buf, n, x < 0 ? "-inf" : "inf");
        return false;
    }
    for (int digits = 15; digits < 17; digits++) {
        snprintf(buf, n, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            return true;
    }
    snprintf(buf, n, "%.17g", x);
    return true;
}
