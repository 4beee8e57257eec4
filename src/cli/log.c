/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --log FILE: the error that ends a command, as runc writes it.  podman
 * reads the whole file as one JSON object, so a run that succeeds writes
 * nothing and a failure writes one line.  The file is opened (made) before
 * the verb runs, as runc's: a log that cannot be opened fails the command
 * before it does anything. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "runtime/runtime.h"
#include "util/logline.h"

void cli_log(const struct cli_globals *g, const char *level, const char *msg)
{
	if (g->log_fd >= 0)
		log_line(g->log_fd, strcmp(g->log_format, "json") == 0, level, msg);
}

int cli_log_open(struct cli_globals *g, struct hrun_error *err)
{
	if (!g->log)
		return 0;
	g->log_fd = open(g->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (g->log_fd < 0)
		return hrun_error_errno(err, "--log `%s`", g->log);
	return 0;
}
