/* Scale-out modes of the command-line tool: which process does what
 * (cli/dist.h), the --shard option and the start and end of MPI. */
#include "dist.h"
#include "dist_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

dist_global dist_g;

dist_mode dist_get_mode(void)
{
    return dist_g.mode;
}

unsigned dist_index(void)
{
    return dist_g.mode == DIST_OFF ? 0 : dist_g.index;
}

unsigned dist_count(void)
{
    return dist_g.mode == DIST_OFF ? 1 : dist_g.count;
}

void dist_set_reduce(void)
{
    dist_g.mode = DIST_REDUCE;
}

bool dist_muted(void)
{
    return dist_g.muted;
}

const char *dist_stage_name(unsigned stage)
{
    switch (stage) {
    case DIST_STAGE_DEDUP: return "dedup";
    case DIST_STAGE_STORIES: return "stories";
    case DIST_STAGE_RUN: return "run";
    case DIST_STAGE_FACTS: return "facts";
    case DIST_STAGE_CLEAN: return "clean";
    case DIST_STAGE_EXTRACT: return "extract";
    default: return "unknown";
    }
}

void dist_set_stage(unsigned stage, uint64_t options, bool with_text)
{
    dist_g.stage = stage;
    dist_g.options = options;
    dist_g.with_text = with_text;
}

void dist_count_skipped(uint64_t *counter)
{
    dist_g.skipped = counter;
}

int dist_save_dedup(const void *prep, sl_buf *out)
{
    return sl_dist_put_dedup_doc(out, prep);
}

int dist_load_dedup(void *prep, sl_dist_dec *in)
{
    return sl_dist_get_dedup_doc(in, prep);
}

int dist_save_story(const void *prep, sl_buf *out)
{
    return sl_dist_put_story_doc(out, prep);
}

int dist_load_story(void *prep, sl_dist_dec *in)
{
    return sl_dist_get_story_doc(in, prep);
}

int dist_save_facts(const void *prep, sl_buf *out)
{
    return sl_dist_put_facts_doc(out, prep);
}

int dist_load_facts(void *prep, sl_dist_dec *in)
{
    return sl_dist_get_facts_doc(in, prep);
}

uint64_t dist_hash(const void *data, size_t len, uint64_t seed)
{
    return sl_dist_hash(data, len, seed);
}

bool dist_writes_results(void)
{
    return dist_g.mode == DIST_OFF || dist_g.mode == DIST_REDUCE ||
           (dist_g.mode == DIST_MPI && dist_g.index == 0);
}

/* ------------------------------------------------------------ options */

static bool one_of(const char *command, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (strcmp(command, names[i]) == 0)
            return true;
    return false;
}

/* Commands that take --shard. */
static bool shards(const char *command)
{
    static const char *const names[] = { "clean", "extract", "dedup", "stories", "facts",
                                         "dates", "quotes", "run", NULL };
    return one_of(command, names);
}

/* Commands that run under mpiexec: those that read through the pool. */
static bool runs_on_mpi(const char *command)
{
    static const char *const names[] = { "dedup", "stories", "facts", "dates", "quotes", "run",
                                         NULL };
    return one_of(command, names);
}

static bool parse_shard(const char *s, unsigned *i, unsigned *n)
{
    char *end;
    errno = 0;
    unsigned long a = strtoul(s, &end, 10);
    if (errno || end == s || *end != '/' || s[0] == '-')
        return false;
    const char *t = end + 1;
    unsigned long b = strtoul(t, &end, 10);
    if (errno || end == t || *end || t[0] == '-' || b < 1 || b > 1000000 || a >= b)
        return false;
    *i = (unsigned)a;
    *n = (unsigned)b;
    return true;
}

/* Take "--shard i/N" or "--shard=i/N" out of argv (before "--"). */
static int strip_shard(const char *command, int *argc, char **argv)
{
    for (int k = 1; k < *argc; k++) {
        if (strcmp(argv[k], "--") == 0)
            break;
        const char *value = NULL;
        int used = 1;
        if (strncmp(argv[k], "--shard=", 8) == 0)
            value = argv[k] + 8;
        else if (strcmp(argv[k], "--shard") == 0) {
            if (k + 1 >= *argc)
                return cli_usage_error("--shard takes i/N, such as 0/4");
            value = argv[k + 1];
            used = 2;
        } else
            continue;
        if (!shards(command))
            return cli_usage_error("'%s' does not take --shard", command);
        unsigned i, n;
        if (!parse_shard(value, &i, &n))
            return cli_usage_error("--shard takes i/N with 0 <= i < N, such as 0/4, not '%s'",
                                   value);
        dist_g.mode = n > 1 ? DIST_MAP : DIST_OFF;
        dist_g.index = i;
        dist_g.count = n;
        memmove(argv + k, argv + k + used, (size_t)(*argc - k - used + 1) * sizeof *argv);
        *argc -= used;
        k--;
    }
    return EXIT_OK;
}

/* The number of processes mpiexec started (OpenMPI, MPICH, PMIx), 0 when
 * this process was not started by it. */
static unsigned launched_ranks(void)
{
    static const char *const vars[] = { "OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE" };
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return (unsigned)strtoul(v, NULL, 10);
    }
    return 0;
}

int dist_begin(const char *command, int *argc, char **argv)
{
    memset(&dist_g, 0, sizeof dist_g);
    dist_g.count = 1;
    int status = strip_shard(command, argc, argv);
    if (status != EXIT_OK)
        return status;
    unsigned ranks = launched_ranks();
    if (ranks <= 1)
        return EXIT_OK;
    if (!runs_on_mpi(command)) {
        cli_error("'%s' does not run under mpiexec", command);
        return EXIT_USAGE;
    }
    if (dist_g.mode == DIST_MAP)
        return cli_usage_error("--shard and mpiexec cannot be combined");
    unsigned rank, size;
    if (!dist_mpi_start(&rank, &size))
        return EXIT_USAGE;
    dist_g.mpi_started = true;
    dist_g.mode = size > 1 ? DIST_MPI : DIST_OFF;
    dist_g.index = rank;
    dist_g.count = size;
    return EXIT_OK;
}

int dist_end(int status)
{
    if (dist_g.map_out && dist_g.map_out != stdout && fclose(dist_g.map_out) != 0) {
        cli_error("cannot write '%s': %s", dist_g.map_path, strerror(errno));
        status = EXIT_IO;
    }
    dist_g.map_out = NULL;
    if (dist_g.mpi_started) {
        if (dist_g.mode == DIST_MPI && !dist_g.read_entered)
            dist_mpi_agree(false); /* the others must not wait for this rank */
        status = dist_mpi_finish(status);
        dist_g.mpi_started = false;
    }
    return status;
}

/* ----------------------------------------------------- inputs, outputs */

FILE *dist_open_output(const char *path, bool *handled)
{
    *handled = true;
    if (dist_g.mode == DIST_MPI && dist_g.index != 0)
        return fopen("/dev/null", "wb");
    if (dist_g.mode != DIST_MAP) {
        *handled = false;
        return NULL;
    }
    FILE *f = stdout;
    if (!path && isatty(STDOUT_FILENO)) {
        cli_error("--shard writes a binary intermediate file: give -o FILE");
        return NULL;
    }
    if (path && !(f = fopen(path, "wb"))) {
        cli_error("cannot open '%s' for writing: %s", path, strerror(errno));
        return NULL;
    }
    dist_g.map_out = f;
    dist_g.map_path = path ? path : "standard output";
    FILE *sink = fopen("/dev/null", "wb");
    if (!sink)
        cli_error("cannot open /dev/null: %s", strerror(errno));
    return sink;
}

bool dist_take_inputs(int argc, char **argv, int first)
{
    if (dist_g.mode != DIST_REDUCE)
        return false;
    dist_g.parts = argv + first;
    dist_g.n_parts = (size_t)(argc - first);
    return true;
}
