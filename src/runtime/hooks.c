/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "runtime/hooks.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "container/sys.h"
#include "oci/state.h"
#include "plan/plan.h"
#include "runtime/runtime.h"
#include "runtime/state.h"
#include "util/cleanup.h"
#include "util/warn.h"

#define SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

int hooks_run(const struct oci_hook *hooks, size_t n, const char *kind, int state_fd,
	      struct hrun_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (sys_direct.run_hook(&hooks[i], kind, NULL, NULL, state_fd, err) < 0)
			return -1;
	return 0;
}

static int state_memfd(struct hrun_error *err)
{
	int fd = memfd_create("hrun-state", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0)
		return hrun_error_errno(err, "create the hooks' state memfd");
	return fd;
}

/* Written at offset 0 without moving the offset the init shares with us;
 * sealed so no hook can change what the next one reads. */
static int fill_memfd(int fd, const struct oci_state *st, struct hrun_error *err)
{
	_cleanup_free_ char *json = oci_state_json(st, OCI_STATE_PUBLIC, false, err);
	size_t len, off = 0;

	if (!json)
		return -1;
	len = strlen(json);
	while (off < len) {
		ssize_t n = pwrite(fd, json + off, len - off, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return hrun_error_errno(err, "write the hooks' state");
		off += (size_t)n;
	}
	if (fcntl(fd, F_ADD_SEALS, SEALS) < 0)
		return hrun_error_errno(err, "seal the hooks' state");
	return 0;
}

static int copy_config(int dirfd, const char *bundle, struct hrun_error *err)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_close_ int in = -1, out = -1;
	char buf[65536];
	ssize_t n;

	if (asprintf(&path, "%s/config.json", bundle) < 0)
		return hrun_error_errno(err, "allocate path");
	in = open(path, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return hrun_error_errno(err, "open `%s`", path);
	out = openat(dirfd, HOOKS_CONFIG, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0)
		return hrun_error_errno(err, "save a copy of `%s`", path);
	while ((n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write(out, buf, (size_t)n) != n)
			return hrun_error_errno(err, "save a copy of `%s`", path);
	}
	return 0;
}

int hooks_prepare(struct container *c, struct hrun_error *err)
{
	const struct oci_hooks *h = c->plan->hooks;

	if (!h)
		return 0;
	if (h->n_prestart || h->n_create_runtime || h->n_create_container || h->n_start_container) {
		c->state_fd = state_memfd(err);
		if (c->state_fd < 0)
			return -1;
	}
	if (h->n_poststart || h->n_poststop)
		return copy_config(c->dirfd, c->bundle, err);
	return 0;
}

int hooks_fill_state(struct container *c, struct hrun_error *err)
{
	struct oci_state st;

	if (c->state_fd < 0)
		return 0;
	container_state(c, &st);
	return fill_memfd(c->state_fd, &st, err);
}

int hooks_run_create(const struct container *c, struct hrun_error *err)
{
	const struct oci_hooks *h = c->plan->hooks;

	if (hooks_run(h->prestart, h->n_prestart, "prestart", c->state_fd, err) < 0)
		return -1;
	return hooks_run(h->create_runtime, h->n_create_runtime, "createRuntime", c->state_fd, err);
}

/* Each hook on its own: a failure is a warning and the next one runs. */
static void run_warning(const struct oci_hook *hooks, size_t n, const char *kind, int state_fd)
{
	for (size_t i = 0; i < n; i++) {
		struct hrun_error err = {0};

		if (sys_direct.run_hook(&hooks[i], kind, NULL, NULL, state_fd, &err) < 0)
			hrun_warn(&err);
	}
}

static int run_saved(int dirfd, const char *id, enum hooks_saved which, struct hrun_error *err)
{
	_cleanup_spec_ struct oci_spec *spec = NULL;
	_cleanup_state_ struct oci_state *st = NULL;
	_cleanup_close_ int fd = -1;
	const struct oci_hooks *h;
	char path[64];

	snprintf(path, sizeof path, "/proc/self/fd/%d/" HOOKS_CONFIG, dirfd);
	if (!(spec = oci_spec_load(path, err)) || !(st = state_read(dirfd, id, err)))
		return -1;
	h = spec->hooks;
	if (!h || (which == HOOKS_POSTSTART ? !h->n_poststart : !h->n_poststop))
		return 0;
	st->status = which == HOOKS_POSTSTART ? "running" : "stopped";
	if (which == HOOKS_POSTSTOP)
		st->pid = 0;
	if ((fd = state_memfd(err)) < 0 || fill_memfd(fd, st, err) < 0)
		return -1;
	if (which == HOOKS_POSTSTART)
		run_warning(h->poststart, h->n_poststart, "poststart", fd);
	else
		run_warning(h->poststop, h->n_poststop, "poststop", fd);
	return 0;
}

void hooks_run_saved(int dirfd, const char *id, enum hooks_saved which)
{
	struct hrun_error err = {0};

	if (faccessat(dirfd, HOOKS_CONFIG, F_OK, AT_SYMLINK_NOFOLLOW) < 0)
		return;
	if (run_saved(dirfd, id, which, &err) < 0) {
		hrun_error_prefix(&err, "%s hooks of `%s`",
				  which == HOOKS_POSTSTART ? "poststart" : "poststop", id);
		hrun_warn(&err);
	}
}
