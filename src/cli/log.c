/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --log FILE: the error that ends a command, as runc writes it.  podman
 * reads the whole file as one JSON object, so a run that succeeds writes
 * nothing and a failure writes one line. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "runtime/runtime.h"
#include "util/cleanup.h"
#include "util/logline.h"

void cli_log(const struct cli_globals *g, const char *level, const char *msg)
{
	_cleanup_close_ int fd = cli_log_open(g);

	if (fd >= 0)
		log_line(fd, strcmp(g->log_format, "json") == 0, level, msg);
}

int cli_log_open(const struct cli_globals *g)
{
	int fd;

	if (!g->log)
		return -1;
	fd = open(g->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		perror("hrun: open log");
	return fd;
}
