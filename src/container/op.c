/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What every op shares: the phase runners and the helpers the op files use. */
#include "container/op.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "container/sys.h"
#include "plan/mount_options.h"
#include "util/error.h"

static const char *const phase_names[] = {"early", "apply", "late"};

int ops_valid(const struct op *ops, size_t n, struct hrun_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const struct op *op = &ops[i];

		if (!op->type)
			return hrun_error_set(err, 0, "valid op %zu: no op type", i);
		if (op->type->valid && op->type->valid(op, err) < 0)
			return hrun_error_prefix(err, "valid op %zu (%s)", i, op->type->name);
	}
	return 0;
}

int ops_run(struct op *ops, size_t n, enum op_phase phase, struct init_state *st,
	    struct hrun_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const struct op_type *t = ops[i].type;
		int (*run)(struct op *, struct init_state *, struct hrun_error *) =
			phase == OP_EARLY   ? t->early
			: phase == OP_APPLY ? t->apply
					    : t->late;

		if (run && run(&ops[i], st, err) < 0)
			return hrun_error_prefix(err, "%s op %zu (%s)", phase_names[phase], i,
						 t->name);
	}
	return 0;
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

void op_free_fields(struct op *op)
{
	free(op->source);
	free(op->target);
	free(op->fstype);
	free(op->data);
	strv_free(op->paths, op->n_paths);
	free(op->resolved);
	strv_free(op->found, op->n_found);
	if (op->bits & OP_BIND_HOST_TREE)
		close(op->host_tree_fd);
	if (op->idmap) {
		if (op->idmap->mount_fd >= 0)
			close(op->idmap->mount_fd);
		free(op->idmap->uid_map);
		free(op->idmap->gid_map);
		free(op->idmap);
	}
	memset(op, 0, sizeof *op);
}

const char *op_fd_path(char buf[OP_FD_PATH_LEN], int fd)
{
	snprintf(buf, OP_FD_PATH_LEN, INIT_HOST "/proc/self/fd/%d", fd);
	return buf;
}

int op_fd_child(char *buf, size_t len, int fd, const char *name, struct hrun_error *err)
{
	int n = snprintf(buf, len, INIT_HOST "/proc/self/fd/%d/%s", fd, name);

	if (n < 0 || (size_t)n >= len)
		return hrun_error_set(err, ENAMETOOLONG, "`%s`", name);
	return 0;
}

int op_host_path(char *buf, size_t len, const char *path, struct hrun_error *err)
{
	int n = snprintf(buf, len, INIT_HOST "%s", path);

	if (n < 0 || (size_t)n >= len)
		return hrun_error_set(err, ENAMETOOLONG, "`%s`", path);
	return 0;
}

static int set_propagation(const struct sys *k, const char *fdpath, const char *target,
			   unsigned long propagation, struct hrun_error *err)
{
	if (k->mount(NULL, fdpath, NULL, propagation, NULL) < 0)
		return hrun_error_errno(err, "set propagation of `%s` to %s", target,
					mount_propagation_name(propagation));
	return 0;
}

/* mount_setattr on the tree of the mount open at fd; the message lists
 * the options by their names (rro, rnosuid, ...). */
static int set_rattrs(const struct sys *k, int fd, const char *target, uint64_t set, uint64_t clr,
		      struct hrun_error *err)
{
	const char *names[16];
	char list[256] = "";
	size_t n, at = 0;

	if (k->mount_setattr_tree(fd, set, clr) == 0)
		return 0;
	n = mount_options_rattr_names(set, clr, names, 16);
	for (size_t i = 0; i < n && at < sizeof list; i++)
		at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? "," : "", names[i]);
	return hrun_error_errno(err, "set %s on the mounts of `%s`", list, target);
}

/* One open of the new mount serves all three: a remount or a propagation
 * change makes no new mount over it. */
static int finish_mount(struct init_state *st, const char *target, unsigned long flags,
			unsigned long propagation, uint64_t attr_set, uint64_t attr_clr,
			struct hrun_error *err)
{
	const struct sys *k = st->k;
	char fdpath[OP_FD_PATH_LEN];
	int fd, r = 0;

	if (!flags && !propagation && !attr_set && !attr_clr)
		return 0;
	fd = k->target_open(st->sysroot_fd, target, 0, err);
	if (fd < 0)
		return -1;
	op_fd_path(fdpath, fd);
	if (flags && k->remount(fdpath, flags, err) < 0)
		r = hrun_error_prefix(err, "remount `%s`", target);
	if (r == 0 && propagation)
		r = set_propagation(k, fdpath, target, propagation, err);
	if (r == 0 && (attr_set || attr_clr))
		r = set_rattrs(k, fd, target, attr_set, attr_clr, err);
	k->close(fd);
	return r;
}

int op_finish_mount(struct init_state *st, const char *target, unsigned long flags,
		    unsigned long propagation, struct hrun_error *err)
{
	return finish_mount(st, target, flags, propagation, 0, 0, err);
}

int op_finish_op_mount(struct init_state *st, const struct op *op, unsigned long flags,
		       struct hrun_error *err)
{
	return finish_mount(st, op->target, flags, op->propagation, op->attr_set, op->attr_clr,
			    err);
}

int op_open_existing(struct init_state *st, const char *path, struct hrun_error *err)
{
	int fd = st->k->target_open(st->sysroot_fd, path, 0, err);

	if (fd < 0 && err->code == ENOENT) {
		hrun_error_clear(err);
		return OP_MISSING;
	}
	return fd;
}

int op_check_not_symlink(const struct sys *k, const char *path, const char *shown,
			 struct hrun_error *err)
{
	char fdpath[OP_FD_PATH_LEN];
	struct stat sb;
	int r = 0, fd = k->open(path, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0);

	if (fd < 0)
		return hrun_error_errno(err, "open `%s`", shown);
	if (k->stat(op_fd_path(fdpath, fd), &sb) < 0)
		r = hrun_error_errno(err, "stat `%s`", shown);
	else if (S_ISLNK(sb.st_mode))
		r = hrun_error_set(err, 0, "`%s` is a symlink: refusing to use it", shown);
	k->close(fd);
	return r;
}

int op_open_host_node(const struct sys *k, const char *path, mode_t type, dev_t dev,
		      struct hrun_error *err)
{
	char fdpath[OP_FD_PATH_LEN];
	struct stat sb;
	int fd = k->open(path, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0);

	if (fd < 0)
		return hrun_error_errno(err, "open `%s`", path);
	if (k->stat(op_fd_path(fdpath, fd), &sb) < 0) {
		hrun_error_errno(err, "stat `%s`", path);
		k->close(fd);
		return -1;
	}
	if ((sb.st_mode & S_IFMT) != type || (type != S_IFIFO && sb.st_rdev != dev)) {
		k->close(fd);
		return hrun_error_set(err, 0, "`%s` is not the %s %u:%u: refusing to use it", path,
				      type == S_IFCHR	? "character device"
				      : type == S_IFBLK ? "block device"
							: "FIFO",
				      major(dev), minor(dev));
	}
	return fd;
}

int op_valid_target(const struct op *op, struct hrun_error *err)
{
	if (!op->target || op->target[0] != '/')
		return hrun_error_set(err, 0, "target must be an absolute path");
	return 0;
}

int op_valid_paths(const struct op *op, struct hrun_error *err)
{
	if (op->n_paths == 0)
		return hrun_error_set(err, 0, "no paths");
	for (size_t i = 0; i < op->n_paths; i++)
		if (!op->paths[i] || op->paths[i][0] != '/')
			return hrun_error_set(err, 0, "paths[%zu] must be an absolute path", i);
	return 0;
}

static int read_all(const struct sys *k, int fd, char **out, const char *path,
		    struct hrun_error *err)
{
	size_t len = 0, size = 4096;
	char *buf = malloc(size);

	for (;;) {
		ssize_t n;

		if (!buf)
			return hrun_error_set(err, ENOMEM, "read `%s`", path);
		n = k->read(fd, buf + len, size - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return hrun_error_errno(err, "read `%s`", path);
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (size - len < 2) {
			char *bigger = realloc(buf, size *= 2);

			if (!bigger)
				free(buf);
			buf = bigger;
		}
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

char *op_read_file(const struct sys *k, const char *path, struct hrun_error *err)
{
	char *text = NULL;
	int fd = k->open(path, O_RDONLY | O_CLOEXEC, 0);

	if (fd < 0) {
		hrun_error_errno(err, "open `%s`", path);
		return NULL;
	}
	read_all(k, fd, &text, path, err);
	k->close(fd);
	return text;
}

static void describe_options(FILE *out, unsigned long flags, unsigned long propagation,
			     const char *data, uint64_t attr_set, uint64_t attr_clr)
{
	const char *names[48];
	size_t n = mount_options_names(flags, names, 32);
	const char *prop = propagation ? mount_propagation_name(propagation) : NULL;
	const char *sep = " (";

	n += mount_options_rattr_names(attr_set, attr_clr, names + n, 16);
	for (size_t i = 0; i < n; i++, sep = ",")
		fprintf(out, "%s%s", sep, names[i]);
	if (prop) {
		fprintf(out, "%s%s", sep, prop);
		sep = ",";
	}
	if (data && data[0]) {
		fprintf(out, "%s%s", sep, data);
		sep = ",";
	}
	if (sep[0] == ',')
		fputc(')', out);
}

void op_describe_options(FILE *out, unsigned long flags, unsigned long propagation,
			 const char *data)
{
	describe_options(out, flags, propagation, data, 0, 0);
}

void op_describe_mount_options(FILE *out, const struct op *op, unsigned long flags)
{
	describe_options(out, flags, op->propagation, op->data, op->attr_set, op->attr_clr);
}

const char *op_phases(const struct op_type *type, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s%s", type->early ? "early" : "",
		 type->early && (type->apply || type->late) ? "," : "", type->apply ? "apply" : "",
		 type->apply && type->late ? "," : "", type->late ? "late" : "");
	return buf;
}
