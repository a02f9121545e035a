/*
 * Output files written whole or not at all: everything goes to a temporary
 * file in the target's directory (so rename is atomic), which replaces the
 * target only after every byte was written, flushed and synced.  A failed
 * or interrupted run leaves the old file, if any, untouched.
 *
 * A directory output (a format that writes several files) works the same
 * way one level up: the files go into a new temporary directory beside the
 * target, which then takes the target's place in one rename (an exchange,
 * when a previous output is there), so readers see the old set or the new
 * one, never a mix.
 */
#define _GNU_SOURCE /* renameat2 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>


/* What to remove if a signal ends the run: the temporary file, or the
 * files of the temporary directory and then the directory. */
static volatile sig_atomic_t have_tmp;
static char tmp_for_signal[4096];
enum { MAX_DIR_FILES = 16 };
static volatile sig_atomic_t dir_file_count, have_dir;
static char dir_files_for_signal[MAX_DIR_FILES][4096];

static void on_signal(int sig)
{
    if (have_tmp)
        unlink(tmp_for_signal);
    for (sig_atomic_t i = 0; i < dir_file_count; i++)
        unlink(dir_files_for_signal[i]);
    if (have_dir)
        rmdir(tmp_for_signal);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_signals(void)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
}

bool cli_output_open(cli_output_t *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return true;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or fifo, or a link to one (/dev/stdout, /dev/full):
         * there is no file to replace, so write to it directly. */
        o->fp = fopen(path, "wb");
        if (!o->fp) {
            fprintf(stderr, "nergraph: %s: cannot open output: %s\n", path, strerror(errno));
            return false;
        }
        o->path = cli_xstrdup(path);
        return true;
    }
    /* Through a symlink, replace the file it points to and keep the link. */
    char *real = realpath(path, NULL);
    o->path = real ? real : cli_xstrdup(path);
    path = o->path;
    size_t len = strlen(path);
    size_t tmp_size = len + sizeof CLI_TMP_INFIX + CLI_TMP_RANDOM;
    o->tmp_path = cli_xmalloc(tmp_size);
    snprintf(o->tmp_path, tmp_size, "%s" CLI_TMP_INFIX "XXXXXX", path);
    int fd = mkstemp(o->tmp_path);
    if (fd < 0) {
        fprintf(stderr, "nergraph: %s: cannot create output: %s\n", path, strerror(errno));
        free(o->tmp_path);
        free(o->path);
        memset(o, 0, sizeof *o);
        return false;
    }
    /* mkstemp makes the file 0600; an output should get the usual mode. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->fp = fdopen(fd, "wb");
    if (!o->fp) {
        close(fd);
        unlink(o->tmp_path);
        fprintf(stderr, "nergraph: %s: cannot create output: %s\n", path, strerror(errno));
        return false;
    }
    if (strlen(o->tmp_path) < sizeof tmp_for_signal) {
        strcpy(tmp_for_signal, o->tmp_path);
        have_tmp = 1;
        catch_signals();
    }
    return true;
}

/* ---- directories ---------------------------------------------------- */

static bool has_extension(const char *name, const char *const *extensions)
{
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return false;
    for (const char *const *e = extensions; *e; e++)
        if (strcasecmp(dot + 1, *e) == 0)
            return true;
    return false;
}

/* Whether directory path holds only what an output of this format could
 * have written: regular files whose names end in one of extensions (when
 * names is NULL), or whose names are among names[0..count). */
static bool looks_like_output(const char *path, const char *const *extensions, char **names,
                              size_t count, char *why, size_t why_len)
{
    DIR *d = opendir(path);
    if (!d) {
        snprintf(why, why_len, "cannot read it: %s", strerror(errno));
        return false;
    }
    bool ok = true;
    struct dirent *de;
    while (ok && (de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        struct stat st;
        bool regular = fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0
                       && S_ISREG(st.st_mode);
        bool known = false;
        if (names) {
            for (size_t i = 0; i < count && !known; i++)
                known = strcmp(names[i], de->d_name) == 0;
        } else {
            known = has_extension(de->d_name, extensions);
        }
        if (!regular || !known) {
            snprintf(why, why_len, "it holds '%s', which this output would not write",
                     de->d_name);
            ok = false;
        }
    }
    closedir(d);
    return ok;
}

/* The names of the regular files in path, sorted; *count set.  Caller
 * frees each and the array. */
static char **list_files(const char *path, size_t *count)
{
    char **names = NULL;
    size_t cap = 0;
    *count = 0;
    DIR *d = opendir(path);
    if (!d)
        return NULL;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        CLI_GROW(names, cap, *count + 1);
        names[(*count)++] = cli_xstrdup(de->d_name);
    }
    closedir(d);
    return names;
}

static void free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

/* Remove directory path and the files in it (it holds no directories:
 * only a writer's files). */
static void remove_dir(const char *path)
{
    if (!path)
        return;
    size_t count;
    char **names = list_files(path, &count);
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    for (size_t i = 0; fd >= 0 && i < count; i++)
        unlinkat(fd, names[i], 0);
    if (fd >= 0)
        close(fd);
    free_names(names, count);
    rmdir(path);
}

bool cli_output_open_dir(cli_output_t *o, const char *path, const char *const *extensions)
{
    memset(o, 0, sizeof *o);
    char why[512];
    struct stat st;
    if (stat(path, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            fprintf(stderr, "nergraph: %s: exists and is not a directory; this format writes "
                            "a directory\n", path);
            return false;
        }
        if (!looks_like_output(path, extensions, NULL, 0, why, sizeof why)) {
            fprintf(stderr, "nergraph: %s: will not replace this directory: %s\n", path, why);
            return false;
        }
    }
    /* Through a symlink, replace the directory it points to. */
    char *real = realpath(path, NULL);
    o->path = real ? real : cli_xstrdup(path);
    /* "out/" names "out": the temporary directory goes beside it. */
    for (size_t n = strlen(o->path); n > 1 && o->path[n - 1] == '/'; n--)
        o->path[n - 1] = '\0';
    size_t len = strlen(o->path);
    o->tmp_path = cli_xmalloc(len + 16);
    snprintf(o->tmp_path, len + 16, "%s.tmp.XXXXXX", o->path);
    if (!mkdtemp(o->tmp_path)) {
        fprintf(stderr, "nergraph: %s: cannot create output: %s\n", o->path, strerror(errno));
        free(o->tmp_path);
        free(o->path);
        memset(o, 0, sizeof *o);
        return false;
    }
    mode_t mask = umask(0);
    umask(mask);
    chmod(o->tmp_path, 0777 & ~mask);
    o->directory = true;
    if (strlen(o->tmp_path) < sizeof tmp_for_signal) {
        strcpy(tmp_for_signal, o->tmp_path);
        have_dir = 1;
        catch_signals();
    }
    return true;
}

int cli_output_write_dir(cli_output_t *o, ng_dir_writer_fn write, const ng_graph_t *g,
                         const ng_export_options_t *opts, ng_error_t *err)
{
    /* The handler cannot list a directory: hold the signals until the
     * files written are known to it. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    int st = write(o->tmp_path, g, opts, err);
    size_t count;
    char **names = list_files(o->tmp_path, &count);
    for (size_t i = 0; i < count && i < MAX_DIR_FILES; i++) {
        snprintf(dir_files_for_signal[i], sizeof dir_files_for_signal[i], "%s/%s",
                 o->tmp_path, names[i]);
        dir_file_count = (sig_atomic_t)(i + 1);
    }
    free_names(names, count);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return st;
}

/* Sync every file of the directory, then the directory itself. */
static bool sync_dir(const char *path, int *saved)
{
    size_t count;
    char **names = list_files(path, &count);
    int dfd = open(path, O_RDONLY | O_DIRECTORY);
    bool ok = dfd >= 0;
    for (size_t i = 0; ok && i < count; i++) {
        int fd = openat(dfd, names[i], O_RDONLY);
        ok = fd >= 0 && (fsync(fd) == 0 || errno == EINVAL);
        if (fd >= 0)
            close(fd);
    }
    if (ok && fsync(dfd) != 0 && errno != EINVAL)
        ok = false;
    if (!ok)
        *saved = errno;
    if (dfd >= 0)
        close(dfd);
    free_names(names, count);
    return ok;
}

/* Put directory tmp in the place of target.  A missing or empty target is
 * replaced by a plain rename; a previous output is exchanged with tmp in
 * one step (renameat2), or, where the file system cannot exchange, moved
 * aside first.  The old set ends up at tmp (or in *old) for removal. */
static bool swap_into_place(const char *tmp, const char *target, char **old)
{
    if (rename(tmp, target) == 0)
        return true;
    if (errno != ENOTEMPTY && errno != EEXIST)
        return false;
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, target, RENAME_EXCHANGE) == 0)
        return true;
    if (errno != EINVAL && errno != ENOSYS)
        return false;
    size_t len = strlen(target);
    *old = cli_xmalloc(len + 16);
    snprintf(*old, len + 16, "%s.old.XXXXXX", target);
    if (!mkdtemp(*old) || rename(target, *old) != 0)
        return false;
    if (rename(tmp, target) != 0) {
        int saved = errno;
        rename(*old, target);
        errno = saved;
        return false;
    }
    return true;
}

/* Remove names[0..count) from directory path, then path if that left it
 * empty: a previous output is removed file by file, so that anything
 * someone put there meanwhile stays. */
static void remove_named(const char *path, char **names, size_t count)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    for (size_t i = 0; fd >= 0 && i < count; i++)
        unlinkat(fd, names[i], 0);
    if (fd >= 0)
        close(fd);
    rmdir(path);
}

static bool commit_dir(cli_output_t *o)
{
    int saved = 0;
    size_t count;
    char **names = list_files(o->tmp_path, &count);
    bool ok = sync_dir(o->tmp_path, &saved);
    char why[512] = "";
    struct stat st;
    if (!ok) {
        fprintf(stderr, "nergraph: %s: cannot write output: %s; nothing was written\n", o->path,
                strerror(saved));
    } else if (stat(o->path, &st) == 0) {
        /* Replace only what this very output writes again. */
        ok = S_ISDIR(st.st_mode)
             && looks_like_output(o->path, NULL, names, count, why, sizeof why);
        if (!ok)
            fprintf(stderr, "nergraph: %s: will not replace this directory: %s; nothing was "
                            "written\n", o->path, why[0] ? why : "not a directory");
    }
    char *old = NULL;
    if (ok && !swap_into_place(o->tmp_path, o->path, &old)) {
        fprintf(stderr, "nergraph: %s: cannot write output: %s; nothing was written\n", o->path,
                strerror(errno));
        ok = false;
    }
    if (ok) {
        /* After an exchange, tmp holds the previous output; after a move
         * aside, old does; after a plain rename, neither exists. */
        remove_named(old ? old : o->tmp_path, names, count);
    } else {
        remove_dir(o->tmp_path);
        if (old)
            rmdir(old); /* only if empty: never lose a previous output */
    }
    free(old);
    free_names(names, count);
    dir_file_count = 0;
    have_dir = 0;
    free(o->tmp_path);
    free(o->path);
    memset(o, 0, sizeof *o);
    return ok;
}

bool cli_output_commit(cli_output_t *o)
{
    if (o->directory)
        return commit_dir(o);
    if (!o->path) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            if (errno != EPIPE)
                fprintf(stderr, "nergraph: cannot write to standard output: %s\n",
                        strerror(errno));
            return false;
        }
        return true;
    }
    bool ok = fflush(o->fp) == 0 && !ferror(o->fp);
    int saved = errno;
    if (!o->tmp_path) {
        if (fclose(o->fp) != 0 && ok)
            ok = false, saved = errno;
        if (!ok)
            fprintf(stderr, "nergraph: %s: cannot write output: %s\n", o->path, strerror(saved));
        free(o->path);
        memset(o, 0, sizeof *o);
        return ok;
    }
    if (ok && fsync(fileno(o->fp)) != 0 && errno != EINVAL)
        ok = false, saved = errno;
    if (fclose(o->fp) != 0 && ok)
        ok = false, saved = errno;
    o->fp = NULL;
    if (ok && rename(o->tmp_path, o->path) != 0)
        ok = false, saved = errno;
    if (!ok) {
        fprintf(stderr, "nergraph: %s: cannot write output: %s; nothing was written\n",
                o->path, strerror(saved));
        unlink(o->tmp_path);
    }
    have_tmp = 0;
    free(o->tmp_path);
    free(o->path);
    memset(o, 0, sizeof *o);
    return ok;
}

void cli_output_abort(cli_output_t *o)
{
    if (o->directory) {
        remove_dir(o->tmp_path);
        have_dir = 0;
        free(o->tmp_path);
        free(o->path);
        memset(o, 0, sizeof *o);
        return;
    }
    if (o->path) {
        if (o->fp)
            fclose(o->fp);
        if (o->tmp_path)
            unlink(o->tmp_path);
        have_tmp = 0;
        free(o->tmp_path);
        free(o->path);
    }
    memset(o, 0, sizeof *o);
}
