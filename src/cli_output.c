/*
 * Output files written whole or not at all: everything goes to a temporary
 * file in the target's directory (so rename is atomic), which replaces the
 * target only after every byte was written, flushed and synced.  A failed
 * or interrupted run leaves the old file, if any, untouched.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* The temporary file to remove if a signal ends the run. */
static volatile sig_atomic_t have_tmp;
static char tmp_for_signal[4096];

static void on_signal(int sig)
{
    if (have_tmp)
        unlink(tmp_for_signal);
    signal(sig, SIG_DFL);
    raise(sig);
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
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        signal(SIGHUP, on_signal);
    }
    return true;
}

bool cli_output_commit(cli_output_t *o)
{
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
