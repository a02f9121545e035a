/* hs_scan: Intel Hyperscan as a peer in `make bench`.
 *
 *   hs_scan NAMES.txt CORPUS...
 *
 * Compiles every line of NAMES.txt as one literal (hs_compile_lit_multi,
 * block mode, start of match left-most, every match reported: no
 * HS_FLAG_SINGLEMATCH), then scans each CORPUS file and counts the
 * matches, all of them and those that start and end on a word boundary
 * (ASCII letters, digits and '_' are word bytes, as for GNU grep -w in the
 * C locale).  Hyperscan reports every occurrence, overlapping ones too,
 * not the leftmost-longest selection that grep and nergraph make: the
 * counts are of work found, not of mentions.
 *
 * With --no-som the literals are compiled without start of match
 * (Hyperscan's fastest build) and word_matches stays 0.
 *
 * Prints one line of key=value pairs for bench/bench.py: patterns,
 * compile_s, compile_cpu_s (wall and CPU seconds), db_bytes, scratch_bytes, scan_s, bytes, matches,
 * word_matches.  Peak memory is measured outside, by /usr/bin/time.
 *
 * A file is scanned in pieces of about 64 MB that end at a line break
 * (block mode takes at most 4 GB at once, and a literal name never spans a
 * line break), so memory does not grow with the corpus. */
#define _POSIX_C_SOURCE 200809L
#include <hs.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PIECE (64u << 20)

struct counts {
    const unsigned char *buf;
    size_t len;
    unsigned long long matches;
    unsigned long long word_matches;
    int som;
};

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
    return clock_s(CLOCK_MONOTONIC);
}

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *ctx)
{
    struct counts *c = ctx;
    (void)id;
    (void)flags;
    c->matches++;
    if (!c->som)
        return 0;
    if ((from == 0 || !word_byte(c->buf[from - 1])) && (to >= c->len || !word_byte(c->buf[to])))
        c->word_matches++;
    return 0;
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "hs_scan: %s: %s\n", what, detail);
    exit(1);
}

int main(int argc, char **argv)
{
    /* --no-som: end offsets only (no word-boundary check at the start),
     * the way Hyperscan is fastest to build; shows what SOM costs.
     * --regex: each line is a PCRE-syntax pattern (a gazetteer's re:
     * alias), compiled with hs_compile_multi, UTF-8 and Unicode
     * properties on, all in one database. */
    int som = 1, regex = 0;
    while (argc > 1 && strncmp(argv[1], "--", 2) == 0) {
        if (strcmp(argv[1], "--no-som") == 0)
            som = 0;
        else if (strcmp(argv[1], "--regex") == 0)
            regex = 1;
        else
            break;
        argv++;
        argc--;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: hs_scan [--no-som] [--regex] NAMES.txt CORPUS...\n");
        return 2;
    }
    FILE *nf = fopen(argv[1], "rb");
    if (!nf)
        die(argv[1], strerror(errno));
    size_t cap = 1024, n = 0;
    char **exprs = malloc(cap * sizeof *exprs);
    size_t *lens = malloc(cap * sizeof *lens);
    char *line = NULL;
    size_t line_cap = 0;
    ssize_t got;
    if (!exprs || !lens)
        die("names", "out of memory");
    while ((got = getline(&line, &line_cap, nf)) > 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            got--;
        if (got == 0)
            continue;
        if (n == cap) {
            cap *= 2;
            exprs = realloc(exprs, cap * sizeof *exprs);
            lens = realloc(lens, cap * sizeof *lens);
            if (!exprs || !lens)
                die("names", "out of memory");
        }
        exprs[n] = malloc((size_t)got + 1);
        if (!exprs[n])
            die("names", "out of memory");
        memcpy(exprs[n], line, (size_t)got);
        exprs[n][got] = '\0';
        lens[n] = (size_t)got;
        n++;
    }
    free(line);
    fclose(nf);
    if (n == 0)
        die(argv[1], "no names");
    unsigned int *flags = malloc(n * sizeof *flags);
    unsigned int *ids = malloc(n * sizeof *ids);
    if (!flags || !ids)
        die("names", "out of memory");
    for (size_t i = 0; i < n; i++) {
        flags[i] = (som ? HS_FLAG_SOM_LEFTMOST : 0) | (regex ? HS_FLAG_UTF8 | HS_FLAG_UCP : 0);
        ids[i] = (unsigned int)i;
    }

    hs_database_t *db = NULL;
    hs_compile_error_t *err = NULL;
    double t0 = now(), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    hs_error_t rc = regex
        ? hs_compile_multi((const char *const *)exprs, flags, ids, (unsigned int)n, HS_MODE_BLOCK, NULL, &db, &err)
        : hs_compile_lit_multi((const char *const *)exprs, flags, ids, lens, (unsigned int)n, HS_MODE_BLOCK,
                               NULL, &db, &err);
    if (rc != HS_SUCCESS) {
        if (err && err->expression >= 0 && (size_t)err->expression < n)
            fprintf(stderr, "hs_scan: pattern %d: %s\n", err->expression, exprs[err->expression]);
        die("compile", err && err->message ? err->message : "failed");
    }
    double compile_s = now() - t0;
    double compile_cpu_s = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
    for (size_t i = 0; i < n; i++)
        free(exprs[i]);
    free(exprs);
    free(lens);
    free(flags);
    free(ids);

    size_t db_bytes = 0, scratch_bytes = 0;
    hs_database_size(db, &db_bytes);
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS)
        die("scratch", "allocation failed");
    hs_scratch_size(scratch, &scratch_bytes);

    unsigned char *buf = malloc(PIECE);
    if (!buf)
        die("buffer", "out of memory");
    struct counts c = {buf, 0, 0, 0, som};
    unsigned long long total = 0;
    double scan_s = 0;
    for (int a = 2; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (!f)
            die(argv[a], strerror(errno));
        size_t have = 0;
        for (;;) {
            size_t r = fread(buf + have, 1, PIECE - have, f);
            have += r;
            if (have == 0)
                break;
            size_t cut = have;
            if (r > 0 && have == PIECE) {
                /* End the piece after its last line break; the rest opens
                 * the next piece.  A piece without one is scanned whole. */
                size_t k = have;
                while (k > 0 && buf[k - 1] != '\n')
                    k--;
                if (k > 0)
                    cut = k;
            }
            c.len = cut;
            double s0 = now();
            if (hs_scan(db, (const char *)buf, (unsigned int)cut, 0, scratch, on_match, &c) != HS_SUCCESS)
                die(argv[a], "scan failed");
            scan_s += now() - s0;
            total += cut;
            memmove(buf, buf + cut, have - cut);
            have -= cut;
            if (r == 0 && have == 0)
                break;
        }
        fclose(f);
    }
    printf("patterns=%zu compile_s=%.3f compile_cpu_s=%.3f db_bytes=%zu scratch_bytes=%zu scan_s=%.3f bytes=%llu "
           "matches=%llu word_matches=%llu\n",
           n, compile_s, compile_cpu_s, db_bytes, scratch_bytes, scan_s, total, c.matches, c.word_matches);
    free(buf);
    hs_free_scratch(scratch);
    hs_free_database(db);
    return 0;
}
