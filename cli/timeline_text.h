/* Shared by storyline timeline and compare: opening the store and the
 * readable text forms (cli/timeline_text.c). */
#ifndef SL_CLI_TIMELINE_TEXT_H
#define SL_CLI_TIMELINE_TEXT_H

#include "cli.h"

/* The format option: 1 text, 0 jsonl; -1 when the value is neither. */
int tl_cli_format(const char *arg);
/* The readable text of a timeline or comparison; false on a write error. */
bool tl_cli_story_text(FILE *f, const sl_tl_story *st, bool color);
bool tl_cli_compare_text(FILE *f, const sl_cmp_result *r, bool color);
/* Map a library error to an exit code after reporting it. */
int tl_cli_fail(sl_ctx *ctx, int rc);

#endif
