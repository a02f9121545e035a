/*
 * Input walking for the CLI: files, directories (recursive, sorted, loops
 * through symlinks cut) and stdin, each read whole into one reused buffer.
 * A file that cannot be read is reported and skipped, jq-style: the run
 * goes on and the exit code says something was missed.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>


typedef struct walk {
    cli_doc_fn fn;
    void *ctx;
    size_t *failures;
    cli_buf_t buf;
    /* Directories on the current path, to cut symlink loops. */
    struct { dev_t dev; ino_t ino; } *stack;
    size_t depth, cap;
} walk_t;

static bool read_stream(FILE *f, cli_buf_t *b)
{
    b->len = 0;
    /* Size the buffer once for a regular file: growing by doubling would
     * copy a big document several times and leave slack of up to 2x. */
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        (size_t)st.st_size + 1 > b->cap) {
        b->cap = (size_t)st.st_size + 1;
        b->data = cli_xrealloc(b->data, b->cap);
    }
    char chunk[1 << 16];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cli_buf_append(b, chunk, n);
    return !ferror(f);
}

static int read_file(walk_t *w, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "nergraph: %s: cannot open: %s\n", path, strerror(errno));
        (*w->failures)++;
        return 0;
    }
    bool ok = read_stream(f, &w->buf);
    int saved = errno;
    fclose(f);
    if (!ok) {
        fprintf(stderr, "nergraph: %s: cannot read: %s\n", path, strerror(saved));
        (*w->failures)++;
        return 0;
    }
    return w->fn(w->ctx, path, w->buf.data ? w->buf.data : "", w->buf.len);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_path(walk_t *w, const char *path, bool top);

static int walk_dir(walk_t *w, const char *path, const struct stat *st)
{
    for (size_t i = 0; i < w->depth; i++)
        if (w->stack[i].dev == st->st_dev && w->stack[i].ino == st->st_ino) {
            fprintf(stderr, "nergraph: %s: directory loop (a symlink back to a parent); skipped\n",
                    path);
            return 0;
        }
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "nergraph: %s: cannot open directory: %s\n", path, strerror(errno));
        (*w->failures)++;
        return 0;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        CLI_GROW(names, cap, count + 1);
        names[count++] = cli_xstrdup(de->d_name);
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, cmp_name);
    CLI_GROW(w->stack, w->cap, w->depth + 1);
    w->stack[w->depth].dev = st->st_dev;
    w->stack[w->depth].ino = st->st_ino;
    w->depth++;
    int rc = 0;
    cli_buf_t child = {0};
    for (size_t i = 0; i < count; i++) {
        if (!rc) {
            child.len = 0;
            size_t plen = strlen(path);
            cli_buf_append(&child, path, plen);
            if (plen && path[plen - 1] != '/')
                cli_buf_putc(&child, '/');
            cli_buf_append(&child, names[i], strlen(names[i]));
            rc = walk_path(w, child.data, false);
        }
        free(names[i]);
    }
    cli_buf_free(&child);
    free(names);
    w->depth--;
    return rc;
}

static int walk_path(walk_t *w, const char *path, bool top)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        /* A file that vanished mid-walk, a dangling link, a missing file. */
        fprintf(stderr, "nergraph: %s: cannot open: %s\n", path, strerror(errno));
        (*w->failures)++;
        return 0;
    }
    if (S_ISDIR(st.st_mode))
        return walk_dir(w, path, &st);
    if (!S_ISREG(st.st_mode) && !top)
        return 0; /* sockets, fifos, devices met while walking */
    return read_file(w, path);
}

int cli_read_input(const char *arg, cli_doc_fn fn, void *ctx, size_t *failures)
{
    walk_t w = {.fn = fn, .ctx = ctx, .failures = failures};
    int rc;
    if (strcmp(arg, "-") == 0) {
        if (!read_stream(stdin, &w.buf)) {
            fprintf(stderr, "nergraph: <stdin>: cannot read: %s\n", strerror(errno));
            (*failures)++;
            rc = 0;
        } else {
            rc = fn(ctx, "<stdin>", w.buf.data ? w.buf.data : "", w.buf.len);
        }
    } else {
        rc = walk_path(&w, arg, true);
    }
    cli_buf_free(&w.buf);
    free(w.stack);
    return rc;
}
