/* Internals of the scale-out modes shared by cli/dist*.c. */
#ifndef SL_CLI_DIST_INTERNAL_H
#define SL_CLI_DIST_INTERNAL_H

#include "dist.h"
#include "dist/dist.h"

typedef struct dist_global {
    dist_mode mode;
    unsigned index, count;   /* shard (or rank) and shards (or ranks) */
    bool mpi_started;
    bool read_entered;       /* MPI: this rank reached dist_read_all */
    bool muted;
    unsigned stage;
    uint64_t options;
    bool with_text;          /* intermediates keep the stage text */
    uint64_t *skipped;       /* the command's skipped records, or NULL */
    sl_ctx *lines_ctx;       /* dist_put_line's writer */
    sl_dist_writer lines;
    sl_buf line_buf;
    bool lines_open;
    FILE *map_out;           /* map: the intermediate */
    const char *map_path;
    char **parts;            /* reduce: the intermediates */
    size_t n_parts;
    uint64_t sent_bytes, sent_records; /* for SL_DIST_STATS */
} dist_global;

extern dist_global dist_g;

/* The remote results of one batch, decoded into their own prepared
 * documents (made with the main thread's context, so loading them never
 * touches a context a worker may be using). */
typedef struct dist_loaded {
    sl_ctx *ctx;
    void *prep[POOL_BATCH];
    bool used[POOL_BATCH];
    void *saved[POOL_BATCH]; /* the items' own, put back after the add */
    sl_buf buf;              /* encoding scratch */
} dist_loaded;

bool dist_loaded_open(dist_loaded *l, pool *p);
void dist_loaded_close(dist_loaded *l, pool *p);
/* Swap the loaded documents into the items that use them, and back. */
void dist_loaded_swap_in(dist_loaded *l, pool_batch *b);
void dist_loaded_swap_out(dist_loaded *l, pool_batch *b);

/* One prepared item as bytes: global number, line, status, with the
 * fields the resolution reads when `fields`, and the prepared document. */
int dist_put_item(sl_buf *b, const pool *p, const pool_item *it, bool fields);

/* A decoded item (pointers into the record's bytes). */
typedef struct dist_item {
    uint64_t global, line;
    int rc;
    const char *err;
    size_t err_len;
    const char *field[PI_FIELDS];
    size_t len[PI_FIELDS];
} dist_item;
/* Decode the head of an item; the prepared document follows in d when
 * rc is 0. */
void dist_get_item_head(sl_dist_dec *d, dist_item *it, bool fields);

/* MPI (dist_mpi.c; stubs that refuse without MPI). */
bool dist_mpi_start(unsigned *rank, unsigned *size);
int dist_mpi_finish(int status);
void dist_mpi_abort(int status);
/* All ranks say whether they are ready to read: true when all are.  A rank
 * that failed before reading says no from dist_end, so the others do not
 * wait for it in a gather. */
bool dist_mpi_agree(bool ok);
/* Gather each rank's bytes at rank 0: recv gets them one rank after the
 * other, lens[r] their lengths (rank 0 only).  False on failure. */
bool dist_mpi_gather(const void *data, size_t len, sl_buf *recv, size_t *lens);

/* The reduce (dist_reduce.c). */
int dist_reduce(pool *p, const pool_stream *st);

#endif
