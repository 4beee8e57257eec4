/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --log FILE: the error that ends a command, as runc writes it.  podman
 * reads the whole file as one JSON object, so a run that succeeds writes
 * nothing and a failure writes one line. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>

#include "cli/cli.h"
#include "runtime/runtime.h"
#include "util/cleanup.h"

static void gen_pair(yajl_gen g, const char *key, const char *value)
{
	yajl_gen_string(g, (const unsigned char *)key, strlen(key));
	yajl_gen_string(g, (const unsigned char *)value, strlen(value));
}

static void write_json(int fd, const char *level, const char *msg, const char *time)
{
	yajl_gen g = yajl_gen_alloc(NULL);
	const unsigned char *buf;
	size_t len;

	if (!g)
		return;
	yajl_gen_map_open(g);
	gen_pair(g, "level", level);
	gen_pair(g, "msg", msg);
	gen_pair(g, "time", time);
	yajl_gen_map_close(g);
	if (yajl_gen_get_buf(g, &buf, &len) == yajl_gen_status_ok) {
		if (write(fd, buf, len) < 0 || write(fd, "\n", 1) < 0)
			perror("hrun: write log");
	}
	yajl_gen_free(g);
}

void cli_log(const struct cli_globals *g, const char *level, const char *msg)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *time = NULL;

	if (!g->log)
		return;
	fd = open(g->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0) {
		perror("hrun: open log");
		return;
	}
	time = rfc3339_now();
	if (!time) {
		perror("hrun: write log");
		return;
	}
	if (strcmp(g->log_format, "json") == 0)
		write_json(fd, level, msg, time);
	else
		dprintf(fd, "time=\"%s\" level=%s msg=\"%s\"\n", time, level, msg);
}
