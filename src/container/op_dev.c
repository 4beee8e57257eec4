/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The default devices of every container, and the usual /dev symlinks.
 *   target  the devices directory ("/dev")
 *   bits    OP_DEV_BIND_HOST: bind the host's nodes (in a user namespace,
 *           where mknod is refused) instead of mknod
 * Nodes are made 0666 (apply runs with umask 0).  In both modes an existing
 * node is kept unless it is a symlink, so a linux.devices entry (made
 * before) wins; a symlink whose name exists is skipped, as runc. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "container/op.h"
#include "container/sys.h"
#include "util/error.h"

static const struct {
	const char *name;
	unsigned int major, minor;
} nodes[] = {
	{"null", 1, 3},	  {"zero", 1, 5},    {"full", 1, 7},
	{"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0},
};

static const struct {
	const char *name;
	const char *target;
} links[] = {
	{"fd", "/proc/self/fd"},       {"stdin", "/proc/self/fd/0"}, {"stdout", "/proc/self/fd/1"},
	{"stderr", "/proc/self/fd/2"}, {"core", "/proc/kcore"},	     {"ptmx", "pts/ptmx"},
};

#define N_NODES (sizeof nodes / sizeof nodes[0])
#define N_LINKS (sizeof links / sizeof links[0])

/* Create node i in the directory (dirfd): the device itself, or with
 * bind_host an empty file for the host's node to be bound on.  Returns 1
 * when it was created, 0 when something (not a symlink) was there. */
static int create_node(const struct sys *k, const char *path, size_t i, bool bind_host,
		       struct hrun_error *err)
{
	char shown[16];
	int fd;

	snprintf(shown, sizeof shown, "/dev/%s", nodes[i].name);
	if (!bind_host &&
	    k->mknod(path, S_IFCHR | 0666, makedev(nodes[i].major, nodes[i].minor)) == 0)
		return 1;
	if (bind_host) {
		fd = k->open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd >= 0) {
			k->close(fd);
			return 1;
		}
	}
	if (errno != EEXIST)
		return hrun_error_errno(err, "%s `%s`", bind_host ? "create" : "mknod", shown);
	return op_check_not_symlink(k, path, shown, err);
}

static int bind_host_node(const struct sys *k, const char *path, size_t i, struct hrun_error *err)
{
	char src[32], fdpath[OP_FD_PATH_LEN];
	int r = 0, fd;

	snprintf(src, sizeof src, INIT_HOST "/dev/%s", nodes[i].name);
	fd = op_open_host_node(k, src, S_IFCHR, makedev(nodes[i].major, nodes[i].minor), err);
	if (fd < 0)
		return -1;
	/* path: a file we just made, in a directory of the container we hold */
	if (k->bind_mount(op_fd_path(fdpath, fd), path, 0, false, err) < 0)
		r = hrun_error_prefix(err, "bind the host's `/dev/%s`", nodes[i].name);
	k->close(fd);
	return r;
}

static int make_node(const struct sys *k, int dirfd, size_t i, bool bind_host,
		     struct hrun_error *err)
{
	char path[OP_FD_PATH_LEN + 16];
	int r;

	if (op_fd_child(path, sizeof path, dirfd, nodes[i].name, err) < 0)
		return -1;
	r = create_node(k, path, i, bind_host, err);
	if (r <= 0 || !bind_host)
		return r < 0 ? -1 : 0;
	return bind_host_node(k, path, i, err);
}

static int make_link(const struct sys *k, int dirfd, size_t i, struct hrun_error *err)
{
	char path[OP_FD_PATH_LEN + 16];

	if (op_fd_child(path, sizeof path, dirfd, links[i].name, err) < 0)
		return -1;
	if (k->symlink(links[i].target, path) < 0 && errno != EEXIST)
		return hrun_error_errno(err, "symlink `/dev/%s`", links[i].name);
	return 0;
}

static int dev_populate(struct op *op, struct init_state *st, int dirfd, struct hrun_error *err)
{
	for (size_t i = 0; i < N_NODES; i++)
		if (make_node(st->k, dirfd, i, op->bits & OP_DEV_BIND_HOST, err) < 0)
			return -1;
	for (size_t i = 0; i < N_LINKS; i++)
		if (make_link(st->k, dirfd, i, err) < 0)
			return -1;
	return 0;
}

static int dev_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	int r, dirfd = st->k->target_open(st->sysroot_fd, op->target, S_IFDIR, err);

	if (dirfd < 0)
		return -1;
	r = dev_populate(op, st, dirfd, err);
	st->k->close(dirfd);
	return r;
}

static void dev_describe(const struct op *op, FILE *out)
{
	fprintf(out, "dev %s: %s", op->target,
		op->bits & OP_DEV_BIND_HOST ? "bind from the host" : "mknod");
	for (size_t i = 0; i < N_NODES; i++)
		fprintf(out, " %s", nodes[i].name);
	fputs("; link", out);
	for (size_t i = 0; i < N_LINKS; i++)
		fprintf(out, " %s", links[i].name);
}

const struct op_type op_dev_type = {
	.name = "dev",
	.valid = op_valid_target,
	.apply = dev_apply,
	.describe = dev_describe,
};
