/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "oci/spec.h"
#include "util/cleanup.h"

static const char usage[] =
	"Usage: hrun spec [--bundle DIR] [--rootless]\n"
	"\n"
	"Write a default config.json into the bundle directory, with the same\n"
	"shape and defaults as `runc spec`.  An existing file is never replaced.\n"
	"\n"
	"Options:\n"
	"  -b, --bundle DIR   where to write config.json (default: .)\n"
	"      --rootless     a config for running without root (user namespace)\n"
	"  -h, --help         show this help\n";

static int write_new_file(const char *path, const char *text, struct hrun_error *err)
{
	_cleanup_close_ int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	size_t len = strlen(text);

	if (fd < 0 && errno == EEXIST)
		return hrun_error_set(err, 0, "spec: `%s` already exists: remove it first", path);
	if (fd < 0)
		return hrun_error_errno(err, "spec: create `%s`", path);
	if (write(fd, text, len) != (ssize_t)len) {
		hrun_error_errno(err, "spec: write `%s`", path);
		unlink(path);
		return -1;
	}
	return 0;
}

static int run(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	static const struct option opts[] = {
		{ "bundle", required_argument, NULL, 'b' },
		{ "rootless", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *bundle = ".";
	_cleanup_free_ char *path = NULL, *text = NULL;
	bool rootless = false;
	int o;

	while ((o = cli_getopt(&cmd_spec, argc, argv, "b:h", opts, err)) != -1) {
		if (o == 'h')
			return 0;
		if (o == '?')
			return -1;
		if (o == 'b')
			bundle = optarg;
		else
			rootless = true;
	}
	if (cli_positional(&cmd_spec, argc, argv, 0, "", err) < 0)
		return -1;
	text = oci_spec_default_json(rootless, err);
	if (!text)
		return -1;
	if (asprintf(&path, "%s/config.json", bundle) < 0)
		return hrun_error_errno(err, "spec: allocate path");
	return write_new_file(path, text, err);
}

const struct cli_command cmd_spec = {
	.name = "spec",
	.summary = "write a default config.json",
	.usage = usage,
	.run = run,
};
