/* A temporary file of items written once and read back by number. */
#include "dedup_spill.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool spill_open(spill *s)
{
    memset(s, 0, sizeof *s);
    s->file = tmpfile();
    if (!s->file) {
        cli_error("cannot create a temporary file (TMPDIR): %s", strerror(errno));
        return false;
    }
    return spill_end_item(s) || (spill_close(s), false); /* item 0 starts at 0 */
}

void spill_close(spill *s)
{
    if (s->file)
        fclose(s->file);
    free(s->off);
    memset(s, 0, sizeof *s);
}

bool spill_put(spill *s, const void *data, size_t len)
{
    if (len && fwrite(data, 1, len, s->file) != len) {
        cli_error("cannot write a temporary file: %s", strerror(errno));
        return false;
    }
    s->size += len;
    return true;
}

/* off[k] is where item k starts; off[n - 1] is the end of the last item. */
bool spill_end_item(spill *s)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        uint64_t *off = realloc(s->off, cap * sizeof *off);
        if (!off) {
            cli_error("out of memory");
            return false;
        }
        s->off = off;
        s->cap = cap;
    }
    s->off[s->n++] = s->size;
    return true;
}

bool spill_get(spill *s, size_t i, char **buf, size_t *cap, size_t *len)
{
    if (i + 1 >= s->n)
        return false;
    uint64_t start = s->off[i];
    size_t n = (size_t)(s->off[i + 1] - start);
    if (n + 1 > *cap) {
        char *p = realloc(*buf, n + 1);
        if (!p) {
            cli_error("out of memory");
            return false;
        }
        *buf = p;
        *cap = n + 1;
    }
    if (fflush(s->file) != 0) {
        cli_error("cannot write a temporary file: %s", strerror(errno));
        return false;
    }
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fileno(s->file), *buf + got, n - got, (off_t)(start + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            cli_error("cannot read a temporary file: %s", r < 0 ? strerror(errno) : "short read");
            return false;
        }
        got += (size_t)r;
    }
    (*buf)[n] = '\0';
    *len = n;
    return true;
}
