/* sl-floor: the speed floor for `storyline dedup`.
 *
 *   sl-floor FILE...
 *
 * Reads the inputs with the library's reader, exactly as `storyline dedup`
 * does, and turns the text of every document into its set of word 5-grams
 * with sl_shingle_text, the first step of sl_dedup_prepare.  Nothing else:
 * no cleaning, no index, no verification, no output.  Any dedup built on
 * this reader and this shingler is at best this fast, so the ratio
 * dedup/floor says how much of the budget the rest of dedup takes.
 *
 * Prints one line on standard output:
 *   docs=N bytes=N text_bytes=N shingles=N seconds=S
 * bytes is the input consumed (sl_reader_bytes), text_bytes the texts
 * shingled, shingles the sum of the distinct shingles per document (also a
 * check that the work was done), seconds the time spent reading and
 * shingling.  Exit status: 0, or 1 when a record or input could not be read
 * (the rest is still counted), 2 on a usage error. */
#include "dedup/shingle.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct floor_counts {
    uint64_t docs, text_bytes, shingles, rejected;
} floor_counts;

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read every document and shingle its text.  Returns 0, or the last error
 * code that stops the run (out of memory). */
static int shingle_all(sl_ctx *ctx, sl_reader *reader, floor_counts *n)
{
    sl_shingles set;
    sl_shingles_init(&set, ctx);
    sl_doc doc;
    int status = SL_OK;
    for (;;) {
        int rc = sl_reader_next(reader, &doc);
        if (rc == SL_EOF)
            break;
        if (rc == SL_OK)
            rc = sl_shingle_text(&set, doc.text.ptr, doc.text.len, NULL);
        if (rc != SL_OK) {
            fprintf(stderr, "sl-floor: %s\n", sl_errmsg(ctx));
            n->rejected++;
            if (rc == SL_ENOMEM) {
                status = rc;
                break;
            }
            continue;
        }
        n->docs++;
        n->text_bytes += doc.text.len;
        n->shingles += set.n;
    }
    sl_shingles_release(&set);
    return status;
}

static int usage(void)
{
    fputs("usage: sl-floor FILE...\n"
          "Read the documents and hash the word 5-grams of each text, nothing else;\n"
          "print docs=N bytes=N text_bytes=N shingles=N seconds=S.\n",
          stderr);
    return 2;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage();
            return 0;
        }
    if (argc < 2)
        return usage();

    sl_ctx *ctx = NULL;
    sl_reader *reader = NULL;
    if (sl_ctx_new(&ctx, NULL) || sl_reader_new(ctx, &reader, NULL)) {
        fprintf(stderr, "sl-floor: %s\n", ctx ? sl_errmsg(ctx) : "out of memory");
        sl_ctx_free(ctx);
        return 1;
    }
    int failed = 0;
    for (int i = 1; i < argc; i++)
        if (sl_reader_add(reader, argv[i]) != SL_OK) {
            fprintf(stderr, "sl-floor: %s\n", sl_errmsg(ctx));
            failed = 1;
        }

    floor_counts n = { 0, 0, 0, 0 };
    double start = seconds_now();
    int rc = shingle_all(ctx, reader, &n);
    double seconds = seconds_now() - start;
    printf("docs=%llu bytes=%llu text_bytes=%llu shingles=%llu seconds=%.6f\n",
           (unsigned long long)n.docs, (unsigned long long)sl_reader_bytes(reader),
           (unsigned long long)n.text_bytes, (unsigned long long)n.shingles, seconds);

    sl_reader_free(reader);
    sl_ctx_free(ctx);
    return failed || rc != SL_OK || n.rejected ? 1 : 0;
}
