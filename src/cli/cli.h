/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The command line: one file per verb, each a struct cli_command. */
#ifndef HRUN_CLI_H
#define HRUN_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "util/error.h"

struct cli_globals {
	const char *root;            /* state directory, default /run/hrun */
	const char *log;             /* --log FILE */
	const char *log_format;      /* text | json */
	const char *cgroup_manager;  /* cgroupfs | systemd | disabled */
	bool debug;
	bool no_init;                /* called as hrun-noinit: org.hrun.init "none" by default */
};

struct cli_command {
	const char *name;
	const char *summary;         /* one line for `hrun --help` */
	const char *usage;           /* the whole text of `hrun NAME --help` */
	/* Returns the exit status, or -1 with *err filled. */
	int (*run)(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err);
};

extern const struct cli_command cmd_create;
extern const struct cli_command cmd_delete;
extern const struct cli_command cmd_events;
extern const struct cli_command cmd_exec;
extern const struct cli_command cmd_features;
extern const struct cli_command cmd_kill;
extern const struct cli_command cmd_list;
extern const struct cli_command cmd_pause;
extern const struct cli_command cmd_plan;
extern const struct cli_command cmd_ps;
extern const struct cli_command cmd_resume;
extern const struct cli_command cmd_run;
extern const struct cli_command cmd_spec;
extern const struct cli_command cmd_start;
extern const struct cli_command cmd_state;
extern const struct cli_command cmd_update;

/* Append one line to --log (text or json), if given. */
void cli_log(const struct cli_globals *g, const char *level, const char *msg);

/* getopt_long over a verb's arguments with a shared --help; returns the
 * option, -1 at the end, '?' after an error already put in *err, or 'h'
 * after printing the verb's usage. */
int cli_getopt(const struct cli_command *cmd, int argc, char **argv, const char *shortopts,
	       const struct option *longopts, struct hrun_error *err);

/* Exactly `want` positional arguments must remain after the options. */
int cli_positional(const struct cli_command *cmd, int argc, char **argv, int want,
		   const char *what, struct hrun_error *err);

/* --preserve-fds N (create, run, exec): a count of fds, 0 to 65536. */
int cli_preserve_fds(const struct cli_command *cmd, const char *text, int *out,
		     struct hrun_error *err);

#endif
