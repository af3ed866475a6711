/* storyline extract: pieces shared by cmd_extract.c and extract_run.c. */
#ifndef SL_CLI_EXTRACT_H
#define SL_CLI_EXTRACT_H

#include "cli.h"

#include <stddef.h>

/* Does the file name look like a page (.html, .htm, .html.gz, ...)? */
bool extract_is_page_name(const char *name);
/* The document id of a page: its file name without directories, ".gz"
 * and ".html"/".htm". */
void extract_page_id(const char *path, char *out, size_t cap);
/* Read a whole file ("-": standard input), gunzipping gzip data; *buf is
 * grown with realloc and NUL-terminated.  0, or -1 with a message. */
int extract_read_file(const char *path, size_t max, char **buf, size_t *len, size_t *cap,
                      char *err, size_t err_cap);

typedef int (*extract_page_fn)(const char *path, void *ud);
/* Call fn for the file at path, or for every page under it when it is a
 * directory (recursively, in byte order).  Returns the worst exit code. */
int extract_for_each_page(const char *path, extract_page_fn fn, void *ud);

#endif
