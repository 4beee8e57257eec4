/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The command line: one file per verb, each a struct cli_command. */
#ifndef HRUN_CLI_H
#define HRUN_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "util/error.h"

struct cli_globals {
	const char *root;            /* state directory, default cli_default_root() */
	const char *log;             /* --log FILE */
	int log_fd;                  /* --log opened by main (cli_log_open), or -1 */
	const char *log_format;      /* text | json */
	const char *cgroup_manager;  /* cgroupfs | systemd | disabled */
	bool debug;
	bool no_init;                /* called as hrun-noinit: org.hrun.init "none" by default */
	char **argv;                 /* the whole command line, for a re-exec when sealing */
	int sealed_exe;              /* sealed_exe_ensure's tree, or -1 */
};

#define CLI_FAILED_255 (-2)

struct cli_command {
	const char *name;
	const char *summary;         /* one line for `hrun --help` */
	const char *usage;           /* the whole text of `hrun NAME --help` */
	/* Returns the exit status, or -1 with *err filled, or CLI_FAILED_255
	 * with *err filled: hrun's own failure in a verb whose status is
	 * otherwise the workload's (exec), which runc reports as 255. */
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
/* /run/hrun, or rootless $XDG_RUNTIME_DIR/hrun (root.c). */
const char *cli_default_root(void);

void cli_log(const struct cli_globals *g, const char *level, const char *msg);
/* Open --log for appending (O_CLOEXEC) into g->log_fd, before any verb
 * runs: a log that cannot be opened fails the command, as runc's. */
int cli_log_open(struct cli_globals *g, struct hrun_error *err);

/* getopt_long over a verb's arguments with a shared --help; returns the
 * option, -1 at the end, '?' after an error already put in *err, or 'h'
 * after printing the verb's usage.  Options may follow the id, as runc's
 * argument reordering allows, unless shortopts starts with '+' (exec and
 * ps: what follows the id is a command's own argv). */
int cli_getopt(const struct cli_command *cmd, int argc, char **argv, const char *shortopts,
	       const struct option *longopts, struct hrun_error *err);

/* Exactly `want` positional arguments must remain after the options. */
int cli_positional(const struct cli_command *cmd, int argc, char **argv, int want,
		   const char *what, struct hrun_error *err);

/* --preserve-fds N (create, run, exec): a count of fds, 0 to 65536. */
int cli_preserve_fds(const struct cli_command *cmd, const char *text, int *out,
		     struct hrun_error *err);
/* Socket activation of hrun itself (a systemd socket unit that runs it):
 * LISTEN_FDS when LISTEN_PID is our pid, else 0.  Those fds go first,
 * then --preserve-fds's, as runc passes them. */
int cli_listen_fds(void);
/* Each of fds 3 .. 3+listen_fds+preserve_fds-1 must be one the caller
 * passed: open, and not close-on-exec (hrun's own are). */
int cli_check_passed_fds(const struct cli_command *cmd, int listen_fds, int preserve_fds,
			 struct hrun_error *err);

/* Run on from a read-only or sealed binary: remapped in place (then 0),
 * or re-executed with argv as given (no return on success); 0 at once
 * when it already runs from one, -1 when it cannot.  CVE-2019-5736: see
 * sealed_exe.c.  *tree: the detached mount remapped onto, for the init to
 * keep (struct init_fds), or -1; closing it dissolves the mount. */
int sealed_exe_ensure(char **argv, int *tree, struct hrun_error *err);

/* The same for `exec`, which first offers `init_exe`, the container
 * init's binary (an O_PATH fd, or -1): taken when it is the init's sealed
 * copy of ours, else the way above. */
int sealed_exe_ensure_from(int init_exe, char **argv, struct hrun_error *err);

/* Make `tree` (an O_PATH fd on the sealed binary) our exe and the file of
 * every mapping of `self` (our exe), in place, without an exec.  -1 with
 * errno when the kernel or our privileges refuse (then nothing or part is
 * remapped, all from the sealed file: an exec still follows). */
int exe_remap(int self, int tree);

#endif
