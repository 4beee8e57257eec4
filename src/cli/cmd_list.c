/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "oci/state.h"
#include "runtime/state.h"
#include "util/cleanup.h"
#include "util/warn.h"

static const char usage[] =
	"Usage: hrun list [--format table|json] [--quiet]\n"
	"\n"
	"List the containers under the state root, sorted by id.\n"
	"\n"
	"Options:\n"
	"  -f, --format FORMAT   table (default) or json\n"
	"  -q, --quiet           print the ids only\n"
	"  -h, --help            show this help\n";

enum list_format { LIST_TABLE, LIST_JSON, LIST_QUIET };

/* A container being created or deleted right now may be half there (no
 * state file): skip it.  One whose state cannot be read is skipped with
 * a warning, as runc does, rather than fail the whole listing. */
static struct oci_state *read_entry(int rootfd, const char *id)
{
	_cleanup_close_ int fd = openat(rootfd, id, O_DIRECTORY | O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct hrun_error err = { 0 };
	struct oci_state *st;

	if (fd < 0 || state_check_id(id, &err) < 0)
		return NULL;
	st = state_read(fd, id, &err);
	if (!st && err.code != ENOENT)
		hrun_warn(&err);
	return st;
}

/* runc's owner: who made the state directory, which is the user whose
 * root this is (rootless, $XDG_RUNTIME_DIR/hrun): our own name, looked up
 * once per listing. */
static const char *owner(const struct oci_state *st)
{
	static char *me;
	const struct passwd *pw;

	if (st->owner && *st->owner)
		return st->owner;
	if (!me) {
		pw = getpwuid(geteuid());
		me = strdup(pw ? pw->pw_name : "root");
	}
	return me ? me : "root";
}

static void print_entry(const struct oci_state *st, enum list_format format, bool first)
{
	_cleanup_free_ char *json = NULL;
	struct hrun_error ignored = { 0 };

	switch (format) {
	case LIST_QUIET:
		printf("%s\n", st->id);
		break;
	case LIST_TABLE:
		printf("%-12s %-8d %-8s %-40s %-30s %s\n", st->id,
		       strcmp(st->status, "stopped") ? (int)st->pid : 0, st->status, st->bundle,
		       st->created ? st->created : "", owner(st));
		break;
	case LIST_JSON:
		json = oci_state_json(st, OCI_STATE_PUBLIC, false, &ignored);
		if (json)
			printf("%s%s", first ? "" : ",", strtok(json, "\n"));
		break;
	}
}

/* runc lists in the order of the ids' bytes (Go's ReadDir sorts). */
static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int not_hidden(const struct dirent *de)
{
	return de->d_name[0] != '.';
}

static int list(const char *root, enum list_format format, struct hrun_error *err)
{
	_cleanup_close_ int rootfd = open(root, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	struct dirent **names = NULL;
	int n = rootfd < 0 ? 0 : scandirat(rootfd, ".", &names, not_hidden, by_name);
	bool first = true;

	if ((rootfd < 0 && errno != ENOENT) || n < 0)
		return hrun_error_errno(err, "list: open `%s`", root);
	if (format == LIST_TABLE)
		printf("%-12s %-8s %-8s %-40s %-30s %s\n", "ID", "PID", "STATUS", "BUNDLE",
		       "CREATED", "OWNER");
	if (format == LIST_JSON)
		putchar('[');
	for (int i = 0; i < n; i++) {
		struct oci_state *st = read_entry(rootfd, names[i]->d_name);

		free(names[i]);
		if (!st)
			continue;
		if (strcmp(st->status, "stopped") == 0)
			st->pid = 0;
		print_entry(st, format, first);
		first = false;
		oci_state_free(st);
	}
	free(names);
	if (format == LIST_JSON)
		puts("]");
	return 0;
}

static int run(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	enum list_format format = LIST_TABLE;
	bool quiet = false;
	int o;

	while ((o = cli_getopt(&cmd_list, argc, argv, "f:qh", opts, err)) != -1) {
		if (o == 'h' || o == '?')
			return o == 'h' ? 0 : -1;
		if (o == 'q')
			quiet = true;
		else if (strcmp(optarg, "json") == 0)
			format = LIST_JSON;
		else if (strcmp(optarg, "table") != 0)
			return hrun_error_set(err, 0, "list: unknown format `%s` (table or json)",
					      optarg);
	}
	if (cli_positional(&cmd_list, argc, argv, 0, "", err) < 0)
		return -1;
	return list(g->root, quiet ? LIST_QUIET : format, err);
}

const struct cli_command cmd_list = { "list", "list containers", usage, run };
