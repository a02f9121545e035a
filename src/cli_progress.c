/*
 * The progress line: on a terminal, how far the inputs are read, redrawn
 * in place on stderr a few times a second.  Every other message on stderr
 * clears it first (cli_progress_clear), so a warning never lands in the
 * middle of it; it is never drawn when stderr is not a terminal.  Runs
 * shorter than a second or so draw nothing at all.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Nothing is drawn before this, so quick runs stay silent, and then at
 * most every REDRAW seconds. */
#define FIRST_DRAW 0.5
#define REDRAW 0.25

static struct {
    pthread_mutex_t lock;
    bool on;
    uint64_t total;       /* bytes, 0 when unknown */
    uint64_t bytes, documents;
    double started, last_draw;
    size_t shown;         /* columns of the line on screen now, 0 if none */
    bool drawn;           /* drawn at least once */
} P = {.lock = PTHREAD_MUTEX_INITIALIZER};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void format_bytes(char *buf, size_t n, uint64_t b)
{
    double x = (double)b;
    if (b < 1000)
        snprintf(buf, n, "%llu B", (unsigned long long)b);
    else if (x < 1e6)
        snprintf(buf, n, "%.1f kB", x / 1e3);
    else if (x < 1e9)
        snprintf(buf, n, "%.1f MB", x / 1e6);
    else
        snprintf(buf, n, "%.2f GB", x / 1e9);
}

static void format_duration(char *buf, size_t n, double s)
{
    unsigned long t = (unsigned long)(s + 0.5);
    if (t < 60)
        snprintf(buf, n, "%lus", t);
    else if (t < 3600)
        snprintf(buf, n, "%lum%02lus", t / 60, t % 60);
    else
        snprintf(buf, n, "%luh%02lum", t / 3600, t / 60 % 60);
}

/* 1234567 -> "1,234,567" */
static void format_count(char *buf, size_t n, uint64_t v)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

static size_t terminal_width(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
        return ws.ws_col;
    return 80;
}

static void erase(void)
{
    if (!P.shown)
        return;
    fprintf(stderr, "\r%*s\r", (int)P.shown, "");
    P.shown = 0;
}

/* The line for the state now; final: the summary. */
static void draw(double t, bool final)
{
    char done[32], total[32], docs[32], rate[32], left[32] = "", line[256];
    double elapsed = t - P.started;
    format_bytes(done, sizeof done, P.bytes);
    format_count(docs, sizeof docs, P.documents);
    format_bytes(rate, sizeof rate, elapsed > 0 ? (uint64_t)((double)P.bytes / elapsed) : 0);
    if (final) {
        char took[32];
        format_duration(took, sizeof took, elapsed);
        snprintf(line, sizeof line, "nergraph: read %s, %s document%s in %s (%s/s)", done,
                 docs, P.documents == 1 ? "" : "s", took, rate);
    } else if (P.total) {
        format_bytes(total, sizeof total, P.total);
        double frac = P.bytes >= P.total ? 1.0 : (double)P.bytes / (double)P.total;
        if (P.bytes && P.bytes < P.total) {
            char eta[24];
            format_duration(eta, sizeof eta, elapsed * (1.0 - frac) / frac);
            snprintf(left, sizeof left, ", %s left", eta);
        }
        snprintf(line, sizeof line, "nergraph: %s of %s (%d%%), %s document%s, %s/s%s", done,
                 total, (int)(frac * 100), docs, P.documents == 1 ? "" : "s", rate, left);
    } else {
        snprintf(line, sizeof line, "nergraph: %s, %s document%s, %s/s", done, docs,
                 P.documents == 1 ? "" : "s", rate);
    }
    /* One line that fits: a wrapped line cannot be redrawn with \r. */
    size_t len = strlen(line), width = terminal_width() - 1;
    if (len > width)
        len = width;
    fprintf(stderr, "\r%.*s", (int)len, line);
    if (len < P.shown)
        fprintf(stderr, "%*s\r%.*s", (int)(P.shown - len), "", (int)len, line);
    P.shown = len;
    P.drawn = true;
    P.last_draw = t;
    fflush(stderr);
}

static void maybe_draw(void)
{
    double t = now();
    if (t - P.started >= FIRST_DRAW && t - P.last_draw >= REDRAW)
        draw(t, false);
}

void cli_progress_start(uint64_t total)
{
    pthread_mutex_lock(&P.lock);
    P.on = true;
    P.total = total;
    P.bytes = P.documents = 0;
    P.started = now();
    P.last_draw = 0;
    P.shown = 0;
    P.drawn = false;
    pthread_mutex_unlock(&P.lock);
}

void cli_progress_bytes(uint64_t n)
{
    pthread_mutex_lock(&P.lock);
    if (P.on) {
        P.bytes += n;
        maybe_draw();
    }
    pthread_mutex_unlock(&P.lock);
}

void cli_progress_document(void)
{
    pthread_mutex_lock(&P.lock);
    if (P.on) {
        P.documents++;
        maybe_draw();
    }
    pthread_mutex_unlock(&P.lock);
}

void cli_progress_clear(void)
{
    pthread_mutex_lock(&P.lock);
    if (P.on) {
        erase();
        fflush(stderr);
    }
    pthread_mutex_unlock(&P.lock);
}

void cli_progress_finish(void)
{
    pthread_mutex_lock(&P.lock);
    if (P.on && P.drawn) {
        draw(now(), true);
        fputc('\n', stderr);
        fflush(stderr);
    }
    P.on = false;
    P.shown = 0;
    pthread_mutex_unlock(&P.lock);
}
