/* Input handling shared by the commands that read documents. */
#include "cli.h"
#include "dist.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool cli_reader_option(int opt, const char *arg, sl_reader_options *o, int *status)
{
    size_t v;
    switch (opt) {
    case CLI_OPT_MAX_LINE:
        if (!cli_parse_size(arg, &o->max_line) || o->max_line == 0)
            *status = cli_usage_error("--max-line takes a size such as 64M, not '%s'", arg);
        return true;
    case CLI_OPT_MAX_DOC:
        if (!cli_parse_size(arg, &o->max_doc) || o->max_doc == 0)
            *status = cli_usage_error("--max-doc takes a size such as 64M, not '%s'", arg);
        return true;
    case CLI_OPT_MAX_DEPTH:
        if (!cli_parse_size(arg, &v) || v == 0 || v > 10000)
            *status = cli_usage_error("--max-depth takes a number from 1 to 10000, not '%s'", arg);
        else
            o->max_depth = (unsigned)v;
        return true;
    default:
        return false;
    }
}

int cli_add_inputs(sl_ctx *ctx, sl_reader *reader, int argc, char **argv, int first)
{
    if (dist_take_inputs(argc, argv, first)) /* merge: intermediate files */
        return EXIT_OK;
    int status = EXIT_OK;
    for (int i = first; i < argc; i++) {
        if (sl_reader_add(reader, argv[i]) != SL_OK) {
            cli_error("%s", sl_errmsg(ctx));
            status = EXIT_IO;
        }
    }
    if (first == argc && sl_reader_add(reader, "-") != SL_OK) {
        cli_error("%s", sl_errmsg(ctx));
        status = EXIT_IO;
    }
    return status;
}

bool cli_read_error(sl_ctx *ctx, int rc, bool quiet, int *status)
{
    if (!quiet || rc == SL_ENOMEM || rc == SL_EIO)
        cli_error("%s", sl_errmsg(ctx));
    *status = cli_worse(*status, cli_exit_for(rc));
    return true;
}

FILE *cli_open_output(const char *path)
{
    bool handled;
    FILE *out = dist_open_output(path, &handled); /* shards and MPI (cli/dist.h) */
    if (handled)
        return out;
    out = stdout;
    if (path && !(out = fopen(path, "wb"))) {
        cli_error("cannot open '%s' for writing: %s", path, strerror(errno));
        return NULL;
    }
    /* Documents are written one line at a time; a large buffer (not for a
     * terminal, which keeps its line buffering) saves most write calls. */
    if (!isatty(fileno(out)))
        setvbuf(out, NULL, _IOFBF, 1 << 20);
    return out;
}

int cli_close_output(FILE *out, const char *path, int status)
{
    if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
        cli_error("cannot write '%s': %s", path ? path : "standard output", strerror(errno));
        return EXIT_IO;
    }
    return status;
}

bool cli_parse_fraction(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v > 0.0 && v <= 1.0))
        return false;
    *out = v;
    return true;
}

double cli_round4(double v)
{
    return round(v * 10000.0) / 10000.0;
}

/* The text a stage works on: cleaned here, unless the record went through
 * `storyline clean` already (it has "repairs") or no_clean says so.  *r is
 * NULL when the text is the input's own. */
int cli_stage_text(sl_cleaner *cleaner, bool no_clean, const sl_doc *doc, sl_str *text,
                   sl_str *title, const sl_clean_result **r)
{
    *r = NULL;
    *text = doc->text;
    *title = doc->title;
    if (no_clean || sl_doc_has_field(doc, "repairs"))
        return SL_OK;
    int rc = sl_clean(cleaner, doc->text.ptr, doc->text.len, doc->source.ptr, doc->source.len, r);
    if (rc)
        return rc;
    *text = (*r)->text;
    if ((*r)->title.text.len) {
        *title = (*r)->title.text;
        return SL_OK;
    }
    return sl_clean_field(cleaner, doc->title.ptr, doc->title.len, title);
}
