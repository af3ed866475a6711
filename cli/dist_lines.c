/* Map steps of the commands that write one output per record without a
 * pool (clean, extract): the owned records' outputs, numbered, into the
 * intermediate; merge (dist_merge_lines, in dist_reduce.c) puts them back
 * in input order. */
#include "dist_internal.h"

#include <string.h>

bool dist_owns(uint64_t k)
{
    return dist_g.mode != DIST_MAP || k % dist_g.count == dist_g.index;
}

static int lines_open(void)
{
    if (dist_g.lines_open)
        return EXIT_OK;
    if (sl_ctx_new(&dist_g.lines_ctx, NULL) != SL_OK) {
        cli_error("out of memory");
        return EXIT_IO;
    }
    sl_buf_init(&dist_g.line_buf, dist_g.lines_ctx);
    sl_dist_header h = { SL_DIST_VERSION, dist_g.stage, dist_g.index, dist_g.count,
                         dist_g.options };
    dist_g.lines_open = true;
    if (sl_dist_writer_open(&dist_g.lines, dist_g.lines_ctx, dist_g.map_out, &h) != SL_OK) {
        cli_error("%s: %s", dist_g.map_path, sl_errmsg(dist_g.lines_ctx));
        return EXIT_IO;
    }
    return EXIT_OK;
}

int dist_put_line(uint64_t k, const char *line, size_t len)
{
    if (lines_open() != EXIT_OK)
        return EXIT_IO;
    sl_buf *b = &dist_g.line_buf;
    sl_buf_reset(b);
    int rc = sl_dist_put_varint(b, k);
    if (!rc) rc = sl_dist_put_bytes(b, line, len);
    if (!rc) rc = sl_dist_writer_put(&dist_g.lines, b->ptr, b->len);
    if (rc) {
        cli_error("%s: %s", dist_g.map_path, sl_errmsg(dist_g.lines_ctx));
        return EXIT_IO;
    }
    dist_g.sent_bytes += b->len;
    return EXIT_OK;
}

/* The trailer (unless the step failed: a file without one is refused). */
int dist_lines_finish(uint64_t rejected, int status)
{
    if (dist_g.mode != DIST_MAP)
        return status;
    if (status != EXIT_IO && lines_open() == EXIT_OK) {
        sl_dist_trailer t;
        memset(&t, 0, sizeof t);
        t.counts[0] = rejected;
        if (sl_dist_writer_finish(&dist_g.lines, &t) != SL_OK) {
            cli_error("%s: %s", dist_g.map_path, sl_errmsg(dist_g.lines_ctx));
            status = EXIT_IO;
        }
    } else
        status = EXIT_IO;
    sl_dist_writer_release(&dist_g.lines);
    sl_buf_release(&dist_g.line_buf);
    sl_ctx_free(dist_g.lines_ctx);
    dist_g.lines_ctx = NULL;
    dist_g.lines_open = false;
    return status;
}
