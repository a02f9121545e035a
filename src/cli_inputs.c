/*
 * Input walking for the CLI: files, directories (recursive, sorted, loops
 * through symlinks cut, --include/--exclude) and stdin, each cut into
 * documents by the library's readers (ng_input.h): text or JSON Lines,
 * gzip-compressed or not, as --input-format and the file's name say.
 * Every file is read at most once in a run, and a walk never reads the
 * run's own output.  A file that cannot be read is reported and skipped,
 * jq-style: the run goes on and the exit code says something was missed.
 * On a terminal, the same walk is made once beforehand without reading,
 * to learn the total size for the progress line.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct file_id {
    dev_t dev;
    ino_t ino;
} file_id_t;

static file_id_t id_of(const struct stat *st)
{
    return (file_id_t){st->st_dev, st->st_ino};
}

static bool same_id(file_id_t a, file_id_t b)
{
    return a.dev == b.dev && a.ino == b.ino;
}

/* The files and directories read so far, with the name each was first
 * read under: an open-addressing hash set, since a corpus can hold a
 * great many files and each one is looked up. */
typedef struct seen_set {
    struct seen_slot {
        file_id_t id;
        char *name; /* NULL: an empty slot */
    } *slots;
    size_t count, cap; /* cap is 0 or a power of two */
} seen_set_t;

static size_t hash_id(file_id_t id)
{
    uint64_t h = ((uint64_t)id.ino ^ ((uint64_t)id.dev << 32 | (uint64_t)id.dev >> 32)) *
                 UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h ^ h >> 29);
}

static struct seen_slot *seen_slot(const seen_set_t *s, file_id_t id)
{
    for (size_t i = hash_id(id) & (s->cap - 1);; i = (i + 1) & (s->cap - 1))
        if (!s->slots[i].name || same_id(s->slots[i].id, id))
            return &s->slots[i];
}

/* Returns the name the file was first read under, or NULL after recording
 * it under name. */
static const char *seen_add(seen_set_t *s, file_id_t id, const char *name)
{
    if ((s->count + 1) * 2 > s->cap) {
        seen_set_t bigger = {cli_xcalloc(s->cap ? s->cap * 2 : 64, sizeof *bigger.slots), s->count,
                             s->cap ? s->cap * 2 : 64};
        for (size_t i = 0; i < s->cap; i++)
            if (s->slots[i].name)
                *seen_slot(&bigger, s->slots[i].id) = s->slots[i];
        free(s->slots);
        *s = bigger;
    }
    struct seen_slot *slot = seen_slot(s, id);
    if (slot->name)
        return slot->name;
    slot->id = id;
    slot->name = cli_xstrdup(name);
    s->count++;
    return NULL;
}

static void seen_free(seen_set_t *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->slots[i].name);
    free(s->slots);
}

typedef struct walk {
    const cli_options_t *opts;
    cli_doc_fn fn;
    void *ctx;
    ng_diag_fn warn;
    void *warn_ctx;
    size_t *failures;
    /* The sizing walk: nothing is read or reported, sizes are added up. */
    bool sizing;
    uint64_t total;
    bool total_unknown;     /* a fifo, a device or a pipe among the inputs */
    /* Directories on the current path, to cut symlink loops. */
    file_id_t *stack;
    size_t depth, cap;
    seen_set_t seen;
    bool stdin_read;
    /* The run's output, which a walk must not read back: the file itself
     * (when it exists already), and the directory its temporary files are
     * made in with the name they start with ("graph.json.tmp."). */
    bool have_output, have_output_dir;
    file_id_t output, output_dir;
    char *tmp_prefix;
} walk_t;

/* A message about an input, after clearing the progress line; failure:
 * it counts as an input that could not be read. */
static void report(walk_t *w, bool failure, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report(walk_t *w, bool failure, const char *fmt, ...)
{
    if (w->sizing)
        return;
    cli_progress_clear();
    va_list ap;
    va_start(ap, fmt);
    fputs("nergraph: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (failure)
        (*w->failures)++;
}

/* A warning, counted for --strict. */
static void warn(walk_t *w, const char *message)
{
    if (w->sizing)
        return;
    if (w->warn) {
        w->warn(w->warn_ctx, message);
    } else {
        cli_progress_clear();
        fprintf(stderr, "nergraph: warning: %s\n", message);
    }
}

static void input_warning(void *ctx, const char *message)
{
    warn(ctx, message);
}

/* A file or directory met again: say so once, with the earlier name when
 * it differs (a symlink, a hard link, a file inside a directory named
 * too).  A warning, so it counts for --strict. */
static void warn_twice(walk_t *w, const char *path, const char *first)
{
    cli_buf_t msg = {0};
    if (strcmp(path, first) == 0)
        cli_buf_printf(&msg, "%s: named twice; read once", path);
    else
        cli_buf_printf(&msg, "%s: named twice (first read as %s); read once", path, first);
    warn(w, msg.data);
    cli_buf_free(&msg);
}

static void note_output(walk_t *w, const char *output)
{
    if (!output || strcmp(output, "-") == 0)
        return;
    struct stat st;
    if (stat(output, &st) == 0) {
        if (!S_ISREG(st.st_mode))
            return; /* a device or fifo: written directly, no temporary file */
        w->have_output = true;
        w->output = id_of(&st);
    }
    /* As cli_output_open names it: beside the file a symlink points to. */
    char *real = realpath(output, NULL);
    const char *target = real ? real : output;
    const char *slash = strrchr(target, '/');
    cli_buf_t dir = {0};
    if (!slash)
        cli_buf_putc(&dir, '.');
    else
        cli_buf_append(&dir, target, slash == target ? 1 : (size_t)(slash - target));
    if (stat(dir.data, &st) == 0) {
        w->have_output_dir = true;
        w->output_dir = id_of(&st);
        cli_buf_t prefix = {0};
        cli_buf_printf(&prefix, "%s%s", slash ? slash + 1 : target, CLI_TMP_INFIX);
        w->tmp_prefix = prefix.data;
    }
    cli_buf_free(&dir);
    free(real);
}

/* The run's output, or one of its temporary files (this run's or one left
 * by a run that was killed), met as entry `name` of directory dir. */
static bool is_run_output(const walk_t *w, file_id_t dir, const char *name, const struct stat *st)
{
    if (w->have_output && same_id(w->output, id_of(st)))
        return true;
    if (!w->have_output_dir || !same_id(w->output_dir, dir))
        return false;
    size_t plen = strlen(w->tmp_prefix);
    return strncmp(name, w->tmp_prefix, plen) == 0 && strlen(name) == plen + CLI_TMP_RANDOM;
}

static bool matches_any(const char **globs, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (fnmatch(globs[i], name, 0) == 0)
            return true;
    return false;
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && strncasecmp(s + len - n, suffix, n) == 0;
}

/* How to read path (NULL: standard input): gzip when the name ends in
 * .gz, and without --input-format, JSON Lines when the name without .gz
 * ends in .jsonl or .ndjson.  Standard input is sniffed for gzip's magic
 * bytes; it has no name to infer a format from. */
static ng_input_options_t reading_of(const walk_t *w, const char *path, const struct stat *st)
{
    ng_input_options_t io = w->opts->input;
    if (!path) {
        io.compression = NG_INPUT_SNIFF;
        if (w->opts->input_by_name)
            io.format = NG_INPUT_TEXT;
        return io;
    }
    size_t len = strlen(path);
    bool gz = ends_with(path, len, ".gz");
    io.compression = gz ? NG_INPUT_GZIP : NG_INPUT_PLAIN;
    if (gz)
        len -= 3;
    if (w->opts->input_by_name)
        io.format = ends_with(path, len, ".jsonl") || ends_with(path, len, ".ndjson")
                        ? NG_INPUT_JSONL : NG_INPUT_TEXT;
    /* A plain regular file's size, so its buffer is allocated once. */
    if (!gz && st && S_ISREG(st->st_mode))
        io.size_hint = (size_t)st->st_size;
    return io;
}

/* Reads fd, counting for the progress line.  At most a few MB a call, so
 * the line moves while a big file is read. */
static ssize_t fd_read(void *ctx, void *buf, size_t cap)
{
    if (cap > (1u << 22))
        cap = 1u << 22;
    ssize_t n = read(*(const int *)ctx, buf, cap);
    if (n > 0)
        cli_progress_bytes((uint64_t)n);
    return n;
}

/* Every document of the stream fd, named name, to the callback. */
static int read_documents(walk_t *w, const char *name, int fd, const ng_input_options_t *io)
{
    ng_input_t *in = ng_input_new(name, fd_read, &fd, io);
    ng_input_set_diagnostics(in, input_warning, w);
    ng_input_doc_t doc;
    ng_error_t err = {0};
    int rc = 0, st;
    while ((st = ng_input_next(in, &doc, &err)) > 0) {
        rc = w->fn(w->ctx, doc.name, doc.text, doc.len);
        cli_progress_document();
        if (rc)
            break;
    }
    if (st < 0)
        report(w, true, "%s", err.message);
    ng_input_free(in);
    return rc;
}

static int read_file(walk_t *w, const char *path, const struct stat *st)
{
    if (w->sizing) {
        if (st && S_ISREG(st->st_mode))
            w->total += (uint64_t)st->st_size;
        else
            w->total_unknown = true;
        return 0;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        report(w, true, "%s: cannot open: %s", path, strerror(errno));
        return 0;
    }
    ng_input_options_t io = reading_of(w, path, st);
    int rc = read_documents(w, path, fd, &io);
    close(fd);
    return rc;
}

/* A regular file, unless it was read already. */
static int read_once(walk_t *w, const char *path, const struct stat *st)
{
    const char *first = seen_add(&w->seen, id_of(st), path);
    if (first) {
        warn_twice(w, path, first);
        return 0;
    }
    return read_file(w, path, st);
}

static int read_stdin(walk_t *w)
{
    if (w->stdin_read) {
        warn_twice(w, "<stdin>", "<stdin>");
        return 0;
    }
    w->stdin_read = true;
    if (w->sizing) {
        struct stat st;
        if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode))
            w->total += (uint64_t)st.st_size;
        else
            w->total_unknown = true;
        return 0;
    }
    ng_input_options_t io = reading_of(w, NULL, NULL);
    return read_documents(w, "<stdin>", STDIN_FILENO, &io);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_entry(walk_t *w, const char *path, const char *name, file_id_t dir);

static int walk_dir(walk_t *w, const char *path, const struct stat *st)
{
    for (size_t i = 0; i < w->depth; i++)
        if (same_id(w->stack[i], id_of(st))) {
            report(w, false, "%s: directory loop (a symlink back to a parent); skipped", path);
            return 0;
        }
    const char *first = seen_add(&w->seen, id_of(st), path);
    if (first) {
        warn_twice(w, path, first);
        return 0;
    }
    DIR *d = opendir(path);
    if (!d) {
        report(w, true, "%s: cannot open directory: %s", path, strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' ||
            matches_any(w->opts->exclude, w->opts->exclude_count, de->d_name))
            continue;
        CLI_GROW(names, cap, count + 1);
        names[count++] = cli_xstrdup(de->d_name);
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, cmp_name);
    CLI_GROW(w->stack, w->cap, w->depth + 1);
    w->stack[w->depth++] = id_of(st);
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
            rc = walk_entry(w, child.data, names[i], id_of(st));
        }
        free(names[i]);
    }
    cli_buf_free(&child);
    free(names);
    w->depth--;
    return rc;
}

/* An entry met while walking directory dir (hidden and excluded names are
 * already gone). */
static int walk_entry(walk_t *w, const char *path, const char *name, file_id_t dir)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        /* A file that vanished mid-walk, a dangling link. */
        report(w, true, "%s: cannot open: %s", path, strerror(errno));
        return 0;
    }
    if (S_ISDIR(st.st_mode))
        return walk_dir(w, path, &st);
    if (!S_ISREG(st.st_mode))
        return 0; /* sockets, fifos, devices */
    if (w->opts->include_count && !matches_any(w->opts->include, w->opts->include_count, name))
        return 0;
    if (is_run_output(w, dir, name, &st))
        return 0;
    return read_once(w, path, &st);
}

/* One INPUT argument: read whatever it names, filters aside. */
static int read_arg(walk_t *w, const char *arg)
{
    if (strcmp(arg, "-") == 0)
        return read_stdin(w);
    struct stat st;
    if (stat(arg, &st) != 0) {
        report(w, true, "%s: cannot open: %s", arg, strerror(errno));
        return 0;
    }
    if (S_ISDIR(st.st_mode))
        return walk_dir(w, arg, &st);
    if (S_ISREG(st.st_mode))
        return read_once(w, arg, &st);
    return read_file(w, arg, &st); /* a device or fifo, named on purpose */
}

/* One walk over every INPUT of o: reading, or only adding up sizes. */
static int walk_inputs(walk_t *w)
{
    note_output(w, w->opts->output);
    int rc = 0;
    if (!w->opts->input_count)
        rc = read_stdin(w);
    for (int i = 0; i < w->opts->input_count && !rc; i++)
        rc = read_arg(w, w->opts->inputs[i]);
    free(w->stack);
    free(w->tmp_prefix);
    seen_free(&w->seen);
    return rc;
}

/* A progress line on stderr only when it is a terminal, and not when
 * mention records stream to the same terminal. */
static bool want_progress(const cli_options_t *o)
{
    if (o->quiet || !isatty(STDERR_FILENO))
        return false;
    bool to_stdout = !o->output || strcmp(o->output, "-") == 0;
    return !(to_stdout && o->format && o->format->kind == NG_EXPORT_MENTIONS &&
             isatty(STDOUT_FILENO));
}

int cli_read_inputs(const cli_options_t *o, cli_doc_fn fn, void *ctx,
                    ng_diag_fn warn_fn, void *warn_ctx, size_t *failures)
{
    if (want_progress(o)) {
        size_t ignored = 0;
        walk_t sizing = {.opts = o, .failures = &ignored, .sizing = true};
        walk_inputs(&sizing);
        cli_progress_start(sizing.total_unknown ? 0 : sizing.total);
    }
    walk_t w = {.opts = o, .fn = fn, .ctx = ctx, .warn = warn_fn, .warn_ctx = warn_ctx,
                .failures = failures};
    int rc = walk_inputs(&w);
    cli_progress_finish();
    return rc;
}
