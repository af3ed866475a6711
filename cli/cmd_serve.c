/* storyline serve: the HTTP API and web page over a store. */
#include "cli.h"
#include "commands.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SL_WEB_DIR
#define SL_WEB_DIR "web"
#endif

const char cmd_serve_usage[] =
    "usage: storyline serve --db=FILE [OPTIONS]\n"
    "\n"
    "Serve a store written by 'storyline run' over HTTP: a JSON API under /api/\n"
    "(stories, events, timeline, compare, documents, search, entities) and the\n"
    "web page at /.  The store is read only; a run may add to it meanwhile.\n"
    "Prints 'storyline: serving http://ADDR:PORT/ (db FILE)' to standard error\n"
    "when ready; stops on SIGINT or SIGTERM.\n"
    "\n"
    "options:\n"
    "  --db=FILE              the store\n"
    "  --listen=ADDR          IPv4 address to bind (default 127.0.0.1: this\n"
    "                         machine only; 0.0.0.0 for every interface)\n"
    "  --port=N               TCP port (default 8080; 0 picks a free one)\n"
    "  --web=DIR              static files for / (default the project's web/)\n"
    "  --threads=N            worker threads, one store connection each (default 4)\n"
    "  --rate=N               requests per second per client address (default 50;\n"
    "                         0: no limit)\n"
    "  --burst=N              requests a client may make at once (default 100)\n"
    "  --max-connections=N    connections at once (default 64)\n"
    "  --timeout=S            seconds an idle connection is kept (default 10)\n"
    "\n"
    "See docs/serve.md for the endpoints, errors and limits.\n";

enum {
    SV_OPT_DB = 2700, SV_OPT_LISTEN, SV_OPT_PORT, SV_OPT_WEB, SV_OPT_THREADS, SV_OPT_RATE,
    SV_OPT_BURST, SV_OPT_MAXCONN, SV_OPT_TIMEOUT
};

/* An integer option in [min, max]; 0 or the usage error. */
static int number(const char *name, const char *arg, long min, long max, unsigned *out)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (!*arg || *end || v < min || v > max)
        return cli_usage_error("--%s must be a number from %ld to %ld", name, min, max);
    *out = (unsigned)v;
    return EXIT_OK;
}

static int parse_one(int opt, const char *arg, sl_server_options *o)
{
    unsigned v = 0;
    int st = EXIT_OK;
    switch (opt) {
    case SV_OPT_DB: o->db = arg; break;
    case SV_OPT_LISTEN: o->listen = arg; break;
    case SV_OPT_WEB: o->web_root = arg; break;
    case SV_OPT_PORT: st = number("port", arg, 0, 65535, &o->port); break;
    case SV_OPT_THREADS: st = number("threads", arg, 1, 256, &o->threads); break;
    case SV_OPT_RATE:
        st = number("rate", arg, 0, 1000000, &v);
        o->rate = v;
        break;
    case SV_OPT_BURST: st = number("burst", arg, 1, 1000000, &o->burst); break;
    case SV_OPT_MAXCONN: st = number("max-connections", arg, 1, 10000, &o->max_connections); break;
    case SV_OPT_TIMEOUT: st = number("timeout", arg, 1, 3600, &o->timeout); break;
    default: return -1;
    }
    return st;
}

static int parse_args(int argc, char **argv, sl_server_options *o)
{
    static const struct option longopts[] = {
        { "db", required_argument, NULL, SV_OPT_DB },
        { "listen", required_argument, NULL, SV_OPT_LISTEN },
        { "port", required_argument, NULL, SV_OPT_PORT },
        { "web", required_argument, NULL, SV_OPT_WEB },
        { "threads", required_argument, NULL, SV_OPT_THREADS },
        { "rate", required_argument, NULL, SV_OPT_RATE },
        { "burst", required_argument, NULL, SV_OPT_BURST },
        { "max-connections", required_argument, NULL, SV_OPT_MAXCONN },
        { "timeout", required_argument, NULL, SV_OPT_TIMEOUT },
        { NULL, 0, NULL, 0 },
    };
    int opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int st = parse_one(opt, optarg, o);
        if (st < 0)
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        if (st != EXIT_OK)
            return st;
    }
    if (optind < argc)
        return cli_usage_error("unexpected argument '%s'", argv[optind]);
    if (!o->db)
        return cli_usage_error("--db=FILE is required");
    struct in_addr addr;
    if (inet_pton(AF_INET, o->listen, &addr) != 1)
        return cli_usage_error("--listen must be an IPv4 address, not '%s'", o->listen);
    return EXIT_OK;
}

/* Wait for SIGINT or SIGTERM, blocked in every thread (the server's
 * threads inherit the mask), so no handler and no global is needed. */
static int block_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    signal(SIGPIPE, SIG_IGN);
    return pthread_sigmask(SIG_BLOCK, set, NULL);
}

int cmd_serve(int argc, char **argv)
{
    sl_server_options opts = SL_SERVER_OPTIONS_INIT;
    opts.web_root = NULL;
    int status = parse_args(argc, argv, &opts);
    if (status != EXIT_OK)
        return status;
    /* The default page directory is the source tree's: a binary used
     * elsewhere serves the API alone rather than refusing to start. */
    if (!opts.web_root && access(SL_WEB_DIR, R_OK | X_OK) == 0)
        opts.web_root = SL_WEB_DIR;
    else if (!opts.web_root)
        cli_warn("no web directory '%s': serving the API only (see --web)", SL_WEB_DIR);
    sigset_t set;
    sl_ctx *ctx = NULL;
    sl_server *srv = NULL;
    if (block_signals(&set) != 0 || sl_ctx_new(&ctx, NULL) != SL_OK) {
        cli_error("cannot start: out of resources");
        return EXIT_IO;
    }
    if (sl_server_start(ctx, &srv, &opts) != SL_OK) {
        cli_error("%s", sl_errmsg(ctx));
        sl_ctx_free(ctx);
        return EXIT_IO;
    }
    fprintf(stderr, "storyline: serving http://%s:%u/ (db %s)\n", opts.listen,
            sl_server_port(srv), opts.db);
    fflush(stderr);
    int sig = 0;
    while (sigwait(&set, &sig) != 0)
        ;
    sl_server_free(srv);
    sl_ctx_free(ctx);
    return EXIT_OK;
}
