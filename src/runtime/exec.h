/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `hrun exec`'s options, and how they change the container's process. */
#ifndef HRUN_RUNTIME_EXEC_H
#define HRUN_RUNTIME_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util/error.h"

struct oci_spec;

struct exec_opts {
	const char *process_file;    /* --process: a whole process JSON */
	char **args;                 /* the command, when no --process */
	size_t n_args;
	const char **env;            /* --env K=V, added or replacing */
	size_t n_env;
	const char *cwd;             /* --cwd */
	const char *user;            /* --user UID[:GID] */
	const char **additional_gids; /* --additional-gids G[,G...], repeatable */
	size_t n_additional_gids;
	bool ignore_paused;          /* --ignore-paused: exec into a paused container */
	const char **caps;           /* --cap CAP_X, added to the bounding, effective and permitted sets */
	size_t n_caps;
	bool no_new_privs;           /* --no-new-privs */
	const char *apparmor;        /* --apparmor */
	const char *process_label;   /* --process-label */
	bool tty;                    /* --tty */
	const char *console_socket;  /* --console-socket */
	int preserve_fds;            /* --preserve-fds */
	bool detach;                 /* --detach */
	const char *pid_file;        /* --pid-file */
	const char **cgroups;        /* --cgroup [CTRL[,CTRL]:]PATH: sub-cgroups to join */
	size_t n_cgroups;
	/* Required: moves us onto a sealed binary (CVE-2019-5736) before
	 * anything is cloned; given the container init's binary (O_PATH, or
	 * -1), which it may take (cli/sealed_exe.c). */
	int (*seal)(int init_exe, void *arg, struct hrun_error *err);
	void *seal_arg;
};

/* Replace spec->process by what the exec runs: the --process file, or the
 * container's process with the command and the other options applied. */
int exec_apply_opts(struct oci_spec *spec, const struct exec_opts *opts, struct hrun_error *err);

/* UID[:GID], decimal ids only; *gid is left alone without ":GID". */
int exec_parse_user(const char *text, uid_t *uid, gid_t *gid, struct hrun_error *err);

/* Run it (exec.c); returns the process's status in the foreground, 0 with
 * --detach, -1 with *err set. */
int runtime_exec(const char *root, const char *id, const struct exec_opts *opts,
		 struct hrun_error *err);

#endif
