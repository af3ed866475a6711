#include "cli.h"
#include "dist.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *current_command;

void cli_set_command(const char *name)
{
    current_command = name;
}

bool cli_color(FILE *f)
{
    const char *no_color = getenv("NO_COLOR");
    if (no_color && no_color[0])
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(fileno(f));
}

static void vmessage(const char *label, const char *color, const char *fmt, va_list ap)
{
    if (dist_muted()) /* another process reports this record (cli/dist.h) */
        return;
    bool c = cli_color(stderr);
    if (current_command)
        fprintf(stderr, "storyline %s: ", current_command);
    else
        fputs("storyline: ", stderr);
    fprintf(stderr, "%s%s:%s ", c ? color : "", label, c ? "\033[0m" : "");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("error", "\033[1;31m", fmt, ap);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning", "\033[1;33m", fmt, ap);
    va_end(ap);
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("error", "\033[1;31m", fmt, ap);
    va_end(ap);
    fprintf(stderr, "see 'storyline %s --help'\n", current_command ? current_command : "help");
    return EXIT_USAGE;
}

bool cli_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || s[0] == '-')
        return false;
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: break;
    }
    if (*end != '\0' || v > (SIZE_MAX >> shift))
        return false;
    *out = (size_t)(v << shift);
    return true;
}

int cli_worse(int a, int b)
{
    return a > b ? a : b;
}

int cli_exit_for(int rc)
{
    switch (rc) {
    case SL_OK: return EXIT_OK;
    case SL_EPARSE: case SL_ELIMIT: case SL_EUTF8: return EXIT_REJECTED;
    default: return EXIT_IO;
    }
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_init(cli_progress *p)
{
    p->enabled = isatty(STDERR_FILENO);
    p->started = p->last = now_seconds();
    p->shown = false;
}

/* Shown only after the job has run for a second, so small inputs stay
 * quiet; then at most four times a second. */
void cli_progress_update(cli_progress *p, uint64_t docs, uint64_t bytes)
{
    if (!p->enabled)
        return;
    double t = now_seconds();
    if (t - p->started < 1.0 || t - p->last < 0.25)
        return;
    p->last = t;
    p->shown = true;
    fprintf(stderr, "\r%llu documents, %.1f MB, %.1f MB/s   ", (unsigned long long)docs,
            (double)bytes / 1e6, (double)bytes / 1e6 / (t - p->started));
}

void cli_progress_done(cli_progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr);
    p->shown = false;
}

bool cli_write(FILE *out, const char *data, size_t len)
{
    if (fwrite(data, 1, len, out) == len)
        return true;
    cli_error("cannot write output: %s", strerror(errno));
    return false;
}
