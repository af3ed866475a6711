/* One entry point per command, one file each (cli/cmd_<name>.c). */
#ifndef SL_COMMANDS_H
#define SL_COMMANDS_H

int cmd_clean(int argc, char **argv);
int cmd_dedup(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_facts(int argc, char **argv); /* also cmd_dates, cmd_quotes */
int cmd_dates(int argc, char **argv), cmd_quotes(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_passages(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_version(int argc, char **argv);

extern const char cmd_clean_usage[];
extern const char cmd_dedup_usage[];
extern const char cmd_extract_usage[];
extern const char cmd_facts_usage[], cmd_dates_usage[], cmd_quotes_usage[];
extern const char cmd_help_usage[];
extern const char cmd_merge_usage[];
extern const char cmd_passages_usage[];
extern const char cmd_run_usage[];
extern const char cmd_search_usage[];
extern const char cmd_stories_usage[];
extern const char cmd_timeline_usage[];
extern const char cmd_compare_usage[];
extern const char cmd_serve_usage[];
extern const char cmd_version_usage[];

#endif
