/* storyline facts (and its narrower forms, dates and quotes): entities,
 * quotes, time expressions and the publication date of each document. */
#include "cli.h"
#include "commands.h"
#include "facts.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SL_DATA_DIR
#define SL_DATA_DIR "data"
#endif

#define FACTS_COMMON_OPTIONS \
    "  --language=LANG    time rules of LANG: DATA/time/LANG.rules (default en;\n" \
    "                     de is there too)\n" \
    "  --time-rules=FILE  time rules file (overrides --language)\n" \
    "  --no-clean         use the text as given: offsets are into the input text\n" \
    "  --threads=N        threads that extract facts (default: one per core);\n" \
    "                     the output is the same for any N\n" \
    "  --shard=i/N        prepare only records k with k mod N = i, into the\n" \
    "                     intermediate file -o FILE; 'storyline merge' puts the\n" \
    "                     shards together (docs/scale.md); mpiexec -n K works too\n" \
    "  -o, --output=FILE  write to FILE instead of standard output\n" \
    "  --max-line=SIZE, --max-doc=SIZE, --max-depth=N  input limits (see clean)\n" \
    "  -q, --quiet        do not print rejected records\n" \
    "\n" \
    "DATA is $STORYLINE_DATA when set, else the data directory of the source\n" \
    "tree the program was built from.  Text is cleaned first (as by 'storyline\n" \
    "clean') unless the input already went through clean; the cleaned text is\n" \
    "then written as \"text\", and offsets (bytes) are into the text written.\n"

const char cmd_facts_usage[] =
    "usage: storyline facts [OPTIONS] [INPUT...]\n"
    "\n"
    "Find the facts of each document: named entities (people, organisations,\n"
    "places, other names) with one canonical name per person or thing, quotes\n"
    "with their speakers, time expressions with their calendar values, and the\n"
    "publication date (the \"published\" field, or inferred from the text).\n"
    "\n"
    "options:\n"
    "  --ner-model=FILE   entity model (default DATA/models/ner-en.slm)\n"
    FACTS_COMMON_OPTIONS
    "\n"
    "output: \"entities\": [{\"start\", \"end\", \"text\", \"type\", \"canonical\", \"role\"}],\n"
    "\"quotes\": [{\"content\": [s, e], \"speaker\", \"source\": [s, e]|null,\n"
    "\"cue\": [s, e]|null, \"kind\"}], \"timex\": [{\"start\", \"end\", \"text\", \"type\",\n"
    "\"value\"}], \"published\": {\"value\", \"earliest\", \"latest\", \"given\",\n"
    "\"contradicted\", \"evidence\": [...]}.  See docs/facts.md.\n";

const char cmd_dates_usage[] =
    "usage: storyline dates [OPTIONS] [INPUT...]\n"
    "\n"
    "The time expressions and the publication date of each document: the part\n"
    "of 'storyline facts' about time.  Relative expressions (\"last Wednesday\")\n"
    "are resolved against the \"published\" field, or the date inferred.\n"
    "\n"
    "options:\n"
    FACTS_COMMON_OPTIONS
    "\n"
    "output: \"timex\" and \"published\" as written by facts.  See docs/facts.md.\n";

const char cmd_quotes_usage[] =
    "usage: storyline quotes [OPTIONS] [INPUT...]\n"
    "\n"
    "The quotes of each document with their sources and speakers: the part of\n"
    "'storyline facts' about who said what.  Entities are found to name the\n"
    "speakers but not written.\n"
    "\n"
    "options:\n"
    "  --ner-model=FILE   entity model (default DATA/models/ner-en.slm)\n"
    FACTS_COMMON_OPTIONS
    "\n"
    "output: \"quotes\" as written by facts.  See docs/facts.md.\n";

enum { FA_OPT_NER_MODEL = 2200, FA_OPT_TIME_RULES, FA_OPT_LANGUAGE, FA_OPT_NO_CLEAN, FA_OPT_THREADS };

typedef struct facts_args {
    const char *ner_model, *time_rules, *language;
} facts_args;

static bool language_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return false;
    return true;
}

static int parse_args(int argc, char **argv, facts_job *job, facts_args *a)
{
    static const struct option longopts[] = {
        { "ner-model", required_argument, NULL, FA_OPT_NER_MODEL },
        { "time-rules", required_argument, NULL, FA_OPT_TIME_RULES },
        { "language", required_argument, NULL, FA_OPT_LANGUAGE },
        { "no-clean", no_argument, NULL, FA_OPT_NO_CLEAN },
        { "threads", required_argument, NULL, FA_OPT_THREADS },
        { "output", required_argument, NULL, 'o' },
        { "quiet", no_argument, NULL, 'q' },
        CLI_READER_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    int c, status = EXIT_OK;
    size_t v;
    opterr = 0;
    optind = 1;
    while (status == EXIT_OK && (c = getopt_long(argc, argv, "o:q", longopts, NULL)) != -1) {
        switch (c) {
        case FA_OPT_NER_MODEL: a->ner_model = optarg; break;
        case FA_OPT_TIME_RULES: a->time_rules = optarg; break;
        case FA_OPT_LANGUAGE:
            if (!language_ok(optarg))
                return cli_usage_error("--language takes a language code such as en, not '%s'",
                                       optarg);
            a->language = optarg;
            break;
        case FA_OPT_NO_CLEAN: job->no_clean = true; break;
        case FA_OPT_THREADS:
            if (!cli_parse_size(optarg, &v) || v == 0 || v > 64)
                return cli_usage_error("--threads takes a number from 1 to 64, not '%s'", optarg);
            job->threads = (unsigned)v;
            break;
        case 'o': job->output = optarg; break;
        case 'q': job->quiet = true; break;
        case '?':
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        default:
            if (!cli_reader_option(c, optarg, &job->reader, &status))
                status = cli_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    return status;
}

/* DATA/rest into buf (the default paths of the models). */
static const char *data_path(char *buf, size_t cap, const char *rest, const char *lang)
{
    const char *dir = getenv("STORYLINE_DATA");
    if (!dir || !dir[0])
        dir = SL_DATA_DIR;
    snprintf(buf, cap, "%s/%s%s%s", dir, rest, lang ? lang : "", lang ? ".rules" : "");
    return buf;
}

static int run(int argc, char **argv, facts_mode mode)
{
    facts_job job;
    facts_args a = { NULL, NULL, "en" };
    memset(&job, 0, sizeof job);
    job.mode = mode;
    job.reader = (sl_reader_options)SL_READER_OPTIONS_INIT;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    job.threads = cores > 0 ? (unsigned)(cores < 64 ? cores : 64) : 1;
    int status = parse_args(argc, argv, &job, &a);
    if (status != EXIT_OK)
        return status;
    char ner[4096], rules[4096];
    job.ner_model = a.ner_model ? a.ner_model : data_path(ner, sizeof ner, "models/ner-en.slm", NULL);
    job.time_rules = a.time_rules ? a.time_rules : data_path(rules, sizeof rules, "time/", a.language);
    FILE *out = cli_open_output(job.output);
    if (!out)
        return EXIT_IO;
    status = facts_run(&job, argc, argv, optind, out);
    return cli_close_output(out, job.output, status);
}

int cmd_facts(int argc, char **argv)
{
    return run(argc, argv, FACTS_ALL);
}

int cmd_dates(int argc, char **argv)
{
    return run(argc, argv, FACTS_DATES);
}

int cmd_quotes(int argc, char **argv)
{
    return run(argc, argv, FACTS_QUOTES);
}
