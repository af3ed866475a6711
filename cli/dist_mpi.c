/* MPI for the scale-out modes: started only when mpiexec launched this
 * process (plain `storyline` never touches MPI), one gather per batch.
 * Without MPI at build time the functions refuse and say why. */
#include "dist_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#ifdef SL_HAVE_MPI
#include <mpi.h>

bool dist_mpi_start(unsigned *rank, unsigned *size)
{
    int r, n;
    if (MPI_Init(NULL, NULL) != MPI_SUCCESS || MPI_Comm_rank(MPI_COMM_WORLD, &r) != MPI_SUCCESS ||
        MPI_Comm_size(MPI_COMM_WORLD, &n) != MPI_SUCCESS) {
        cli_error("cannot start MPI");
        return false;
    }
    *rank = (unsigned)r;
    *size = (unsigned)n;
    return true;
}

/* The exit status is the worst of all ranks', so a failure on any rank
 * shows in mpiexec's. */
int dist_mpi_finish(int status)
{
    int mine = status, worst = status;
    if (MPI_Allreduce(&mine, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD) != MPI_SUCCESS)
        worst = EXIT_IO;
    MPI_Finalize();
    return worst;
}

void dist_mpi_abort(int status)
{
    MPI_Abort(MPI_COMM_WORLD, status);
}

bool dist_mpi_agree(bool ok)
{
    int mine = ok, all = 0;
    if (MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD) != MPI_SUCCESS)
        return false;
    return all != 0;
}

bool dist_mpi_gather(const void *data, size_t len, sl_buf *recv, size_t *lens)
{
    if (len > INT_MAX) {
        cli_error("a batch of %zu bytes is too large to send", len);
        return false;
    }
    int n = (int)dist_g.count, mine = (int)len;
    int *counts = NULL, *displs = NULL;
    if (dist_g.index == 0) {
        counts = calloc((size_t)n, sizeof *counts);
        displs = calloc((size_t)n, sizeof *displs);
        if (!counts || !displs) {
            free(counts);
            free(displs);
            cli_error("out of memory");
            return false;
        }
    }
    bool ok = MPI_Gather(&mine, 1, MPI_INT, counts, 1, MPI_INT, 0, MPI_COMM_WORLD) == MPI_SUCCESS;
    if (ok && dist_g.index == 0) {
        size_t total = 0;
        for (int r = 0; r < n; r++) {
            lens[r] = (size_t)counts[r];
            total += lens[r];
        }
        ok = total <= INT_MAX;
        for (int r = 0, off = 0; ok && r < n; off += counts[r], r++)
            displs[r] = off;
        sl_buf_reset(recv);
        ok = ok && sl_buf_reserve(recv, total) == SL_OK;
        if (ok)
            recv->len = total;
    }
    /* every rank joins the second gather, whatever rank 0 found */
    int go = ok;
    MPI_Bcast(&go, 1, MPI_INT, 0, MPI_COMM_WORLD);
    ok = go && MPI_Gatherv(len ? data : "", mine, MPI_BYTE, recv ? recv->ptr : NULL, counts,
                           displs, MPI_BYTE, 0, MPI_COMM_WORLD) == MPI_SUCCESS;
    free(counts);
    free(displs);
    if (!ok)
        cli_error("cannot gather the prepared documents");
    return ok;
}

#else

bool dist_mpi_start(unsigned *rank, unsigned *size)
{
    (void)rank;
    (void)size;
    cli_error("this storyline was built without MPI (install libopenmpi-dev and build again), "
              "so it cannot run under mpiexec; --shard i/N and 'storyline merge' need no MPI");
    return false;
}

int dist_mpi_finish(int status)
{
    return status;
}

void dist_mpi_abort(int status)
{
    exit(status);
}

bool dist_mpi_agree(bool ok)
{
    return ok;
}

bool dist_mpi_gather(const void *data, size_t len, sl_buf *recv, size_t *lens)
{
    (void)data;
    (void)len;
    (void)recv;
    (void)lens;
    return false;
}

#endif
