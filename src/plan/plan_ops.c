/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The op list: config mounts in order, then the devices (linux.devices and
 * the default ones), the workload's cwd, linux.sysctl, the masked and read-only paths and,
 * last, the read-only root. */
#include <errno.h>
#include <stdbool.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "oci/spec.h"
#include "plan/mount_options.h"
#include "plan/plan_internal.h"
#include "util/error.h"

struct op *plan_add_op(struct plan *plan, const struct op_type *type, const char *target,
		       struct hrun_error *err)
{
	struct op *ops = realloc(plan->ops, (plan->n_ops + 1) * sizeof *ops);
	struct op *op;

	if (!ops) {
		hrun_error_set(err, ENOMEM, "plan");
		return NULL;
	}
	plan->ops = ops;
	op = &ops[plan->n_ops++];
	memset(op, 0, sizeof *op);
	op->type = type;
	op->mount_fd = -1;
	if (target && !(op->target = plan_strdup(target, err)))
		return NULL;
	return op;
}

/* Take over the options' flags and data. */
static void take_options(struct op *op, struct mount_opts *o)
{
	op->flags |= o->flags;
	op->clear = o->clear;
	op->propagation = o->propagation;
	op->data = o->data;
	o->data = NULL;
	op->attr_set = o->attr_set;
	op->attr_clr = o->attr_clr;
}

/* Filesystem data means nothing to a bind, and configs do carry some
 * (mode=, size=, as runc and crun accept): let key=value pass, but a bare
 * word that is no known option is a typo the kernel would hide. */
static int check_bind_data(const char *data, size_t i, struct hrun_error *err)
{
	for (const char *t = data; t && *t; t += strcspn(t, ",") + (t[strcspn(t, ",")] != 0)) {
		size_t len = strcspn(t, ",");

		if (!memchr(t, '=', len))
			return hrun_error_set(err, 0,
					      "mounts[%zu].options: unknown option for a bind mount"
					      " (`%.*s`)",
					      i, (int)len, t);
		/* crun's idmap=uids=...: a plain bind would silently result */
		if (strncmp(t, "idmap=", 6) == 0 || strncmp(t, "ridmap=", 7) == 0)
			return hrun_error_set(err, 0,
					      "mounts[%zu].options: `%.*s`: the mappings go in"
					      " uidMappings and gidMappings",
					      i, (int)len, t);
	}
	return 0;
}

static int add_bind(struct plan *plan, const struct oci_mount *m, size_t i, struct mount_opts *o,
		    const char *bundle, struct hrun_error *err)
{
	struct op *op;

	if (!m->source || !m->source[0])
		return hrun_error_set(err, 0, "mounts[%zu].source: required for a bind mount", i);
	if (check_bind_data(o->data, i, err) < 0)
		return -1;
	/* the kernel ignores data on a bind, and runc and crun drop it */
	free(o->data);
	o->data = NULL;
	if (!(op = plan_add_op(plan, &op_bind_type, m->destination, err)))
		return -1;
	if (m->source[0] == '/' || !bundle)
		op->source = plan_strdup(m->source, err);
	else
		op->source = plan_path_join(bundle, m->source, err);
	if (!op->source)
		return -1;
	op->flags = MS_BIND | (o->recursive ? MS_REC : 0);
	take_options(op, o);
	if (plan_wants_idmap(m, o))
		return plan_add_idmap(plan, op, m, i, o, err);
	return 0;
}

/* Without a network namespace (neither its own nor a joined one) the
 * container may not mount sysfs (the kernel refuses in a user namespace):
 * bind the host's, as runc.  A joined one's sysfs is mounted (rootless
 * podman's slirp4netns namespace), or bound when that is refused. */
static int add_sysfs_bind(struct plan *plan, const struct oci_mount *m, struct mount_opts *o,
			  struct hrun_error *err)
{
	struct op *op = plan_add_op(plan, &op_bind_type, m->destination, err);

	if (!op || !(op->source = plan_strdup("/sys", err)))
		return -1;
	op->flags = MS_BIND | MS_REC;
	take_options(op, o);
	return 0;
}

/* linux.mountLabel: the SELinux context of the filesystems hrun mounts
 * that take one (the runtime refuses it on a host without SELinux). */
static int add_mount_label(const struct plan *plan, const char *type, struct mount_opts *o,
			   struct hrun_error *err)
{
	static const char *const labelled[] = {"tmpfs", "devpts", "mqueue"};
	char *data;

	if (!plan->mount_label)
		return 0;
	for (size_t i = 0; i < sizeof labelled / sizeof labelled[0]; i++) {
		if (strcmp(type, labelled[i]) != 0)
			continue;
		if (asprintf(&data, "%s%scontext=\"%s\"", o->data ? o->data : "",
			     o->data ? "," : "", plan->mount_label) < 0)
			return hrun_error_set(err, ENOMEM, "plan");
		free(o->data);
		o->data = data;
	}
	return 0;
}

static int add_fs(struct plan *plan, const struct oci_mount *m, size_t i, struct mount_opts *o,
		  struct hrun_error *err)
{
	bool cgroup = strcmp(m->type, "cgroup") == 0;
	struct op *op =
		plan_add_op(plan, cgroup ? &op_cgroup_type : &op_mount_type, m->destination, err);
	const char *source = m->source && m->source[0] ? m->source : m->type;

	if (!op || !(op->source = plan_strdup(source, err)) ||
	    !(op->fstype = plan_strdup(cgroup ? "cgroup" : m->type, err)))
		return -1;
	if (add_mount_label(plan, m->type, o, err) < 0)
		return -1;
	if (o->hrun & MOUNT_OPT_TMPCOPYUP)
		op->bits |= OP_MOUNT_TMPCOPYUP;
	if (cgroup && plan_has_ns(plan, CLONE_NEWCGROUP))
		op->bits |= OP_CGROUP_NS;
	take_options(op, o);
	return 0;
}

static int add_mount(struct plan *plan, const struct oci_mount *m, size_t i, const char *bundle,
		     struct hrun_error *err)
{
	struct mount_opts o;
	bool bind;
	int r;

	/* m->destination is absolute: the parser made a relative one so */
	if (mount_options_parse(m->options, m->options ? m->n_options : 0, &o, err) < 0)
		return -1;
	bind = o.bind || (m->type && strcmp(m->type, "bind") == 0);
	/* a carried tree's mounts all end up private (init_carry_root) */
	if (plan->host_mount_ns && (o.propagation & ~(MS_PRIVATE | MS_REC)))
		r = hrun_error_set(err, 0, "mounts[%zu].options: `%s` needs a mount namespace", i,
				   mount_propagation_name(o.propagation));
	else if (plan_wants_idmap(m, &o) && !bind)
		r = hrun_error_set(err, 0, "mounts[%zu].options: only a bind mount can be id-mapped",
				   i);
	else if ((o.hrun & MOUNT_OPT_TMPCOPYUP) &&
		 (bind || !m->type || strcmp(m->type, "tmpfs") != 0))
		r = hrun_error_set(err, 0, "mounts[%zu].options: tmpcopyup is for tmpfs only", i);
	else if (bind)
		r = add_bind(plan, m, i, &o, bundle, err);
	else if (!m->type || !m->type[0])
		r = hrun_error_set(err, 0, "mounts[%zu].type: required unless the mount is a bind",
				   i);
	else if (strcmp(m->type, "sysfs") == 0 && !plan_has_ns(plan, CLONE_NEWNET))
		r = add_sysfs_bind(plan, m, &o, err);
	else
		r = add_fs(plan, m, i, &o, err);
	free(o.data);
	return r;
}

static bool is_dev(const char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	return n == 4 && strncmp(path, "/dev", 4) == 0;
}

/* A bind of the host's /dev onto /dev brings the devices already. */
static bool has_host_dev(const struct plan *plan)
{
	for (size_t i = 0; i < plan->n_ops; i++)
		if (plan->ops[i].type == &op_bind_type && is_dev(plan->ops[i].target) &&
		    is_dev(plan->ops[i].source))
			return true;
	return false;
}

/* mknod is refused in a user namespace (created or joined): devices are
 * then binds of the host's nodes. */
static bool in_userns(const struct plan *plan)
{
	return plan_has_ns(plan, CLONE_NEWUSER);
}

static int add_dev(struct plan *plan, struct hrun_error *err)
{
	struct op *op = plan_add_op(plan, &op_dev_type, "/dev", err);

	if (!op)
		return -1;
	if (in_userns(plan))
		op->bits |= OP_DEV_BIND_HOST;
	return 0;
}

void plan_bind_host_devices(struct plan *plan)
{
	for (size_t i = 0; i < plan->n_ops; i++)
		if (plan->ops[i].type == &op_dev_type || plan->ops[i].type == &op_device_type)
			plan->ops[i].bits |= OP_DEV_BIND_HOST;
}

static int device_type(char type, mode_t *out)
{
	switch (type) {
	case 'c':
	case 'u': *out = S_IFCHR; return 0;
	case 'b': *out = S_IFBLK; return 0;
	case 'p': *out = S_IFIFO; return 0;
	}
	return -1;
}

static int add_device(struct plan *plan, const struct oci_device *d, size_t i,
		      struct hrun_error *err)
{
	size_t n = d->path ? strlen(d->path) : 0;
	mode_t type;
	struct op *op;

	if (n < 2 || d->path[0] != '/' || d->path[n - 1] == '/')
		return hrun_error_set(err, 0,
				      "linux.devices[%zu].path: must be an absolute file path", i);
	if (device_type(d->type, &type) < 0)
		return hrun_error_set(err, 0, "linux.devices[%zu].type: unknown device type '%c'",
				      i, d->type ? d->type : '?');
	if (type != S_IFIFO &&
	    (d->major < 0 || d->minor < 0 || d->major > UINT32_MAX || d->minor > UINT32_MAX))
		return hrun_error_set(err, 0, "linux.devices[%zu]: major or minor out of range", i);
	if (!(op = plan_add_op(plan, &op_device_type, d->path, err)))
		return -1;
	op->mode = type | (d->has_file_mode ? (mode_t)(d->file_mode & 07777) : 0666);
	op->dev = type == S_IFIFO ? 0 : makedev((unsigned)d->major, (unsigned)d->minor);
	op->uid = d->has_uid ? d->uid : 0;
	op->gid = d->has_gid ? d->gid : 0;
	if (in_userns(plan))
		op->bits |= OP_DEV_BIND_HOST;
	return 0;
}

/* linux.devices, then the default ones (an existing node is kept, so a
 * config entry wins); nothing when the host's /dev is bound. */
static int add_devices(struct plan *plan, const struct oci_linux *lx, struct hrun_error *err)
{
	if (has_host_dev(plan))
		return 0;
	for (size_t i = 0; i < lx->n_devices; i++)
		if (add_device(plan, &lx->devices[i], i, err) < 0)
			return -1;
	return add_dev(plan, err);
}

static int add_paths(struct plan *plan, const struct op_type *type, char *const *paths, size_t n,
		     const char *field, struct hrun_error *err)
{
	struct op *op;

	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!paths[i] || paths[i][0] != '/')
			return hrun_error_set(err, 0, "%s[%zu]: must be an absolute path", field,
					      i);
	if (!(op = plan_add_op(plan, type, NULL, err)) ||
	    !(op->paths = plan_strv_dup(paths, n, err)))
		return -1;
	op->n_paths = n;
	return 0;
}

/* A read-only /dev tmpfs (runc): mounted writable so its nodes, /dev/pts
 * and links can be made, then remounted read-only near the end. */
static int defer_dev_readonly(struct plan *plan, struct hrun_error *err)
{
	struct op *op;
	size_t i;

	for (i = 0; i < plan->n_ops; i++)
		if (plan->ops[i].type == &op_mount_type && is_dev(plan->ops[i].target) &&
		    (plan->ops[i].flags & MS_RDONLY))
			break;
	if (i == plan->n_ops)
		return 0;
	plan->ops[i].flags &= ~(unsigned long)MS_RDONLY;
	if (!(op = plan_add_op(plan, &op_remount_type, "/dev", err)))
		return -1;
	op->flags = MS_RDONLY;
	return 0;
}

int plan_build_ops(struct plan *plan, const struct oci_spec *spec, const char *bundle,
		   struct hrun_error *err)
{
	static const struct oci_linux none;
	const struct oci_linux *lx = spec->linux_ ? spec->linux_ : &none;
	struct op *op;

	for (size_t i = 0; i < spec->n_mounts; i++)
		if (add_mount(plan, &spec->mounts[i], i, bundle, err) < 0)
			return -1;
	if (add_devices(plan, lx, err) < 0)
		return -1;
	/* after the mounts: the cwd may be on one of them */
	if (strcmp(plan->process.cwd, "/") != 0 &&
	    !plan_add_op(plan, &op_mkdir_type, plan->process.cwd, err))
		return -1;
	if (plan_add_sysctl(plan, lx, err) < 0)
		return -1;
	if (add_paths(plan, &op_mask_type, lx->masked_paths, lx->n_masked_paths,
		      "linux.maskedPaths", err) < 0 ||
	    add_paths(plan, &op_readonly_type, lx->readonly_paths, lx->n_readonly_paths,
		      "linux.readonlyPaths", err) < 0 ||
	    defer_dev_readonly(plan, err) < 0)
		return -1;
	if (spec->root && spec->root->readonly) {
		if (!(op = plan_add_op(plan, &op_remount_type, "/", err)))
			return -1;
		op->flags = MS_RDONLY;
	}
	return 0;
}
