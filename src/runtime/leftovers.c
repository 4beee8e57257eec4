/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What outlives an init that is not pid 1.  In a pid namespace of its own
 * the init's death kills everything in it; in a shared one (a pod's, any
 * linux.namespaces pid path, the host's) SIGKILL to the init leaves the
 * workload running.  So stopping such a container kills its cgroup, or,
 * without one, the init's descendants (the init is a child subreaper, so
 * orphans stay below it while it lives), and its state is not `stopped`
 * while its cgroup still holds a process. */
#include "runtime/runtime.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "oci/state.h"
#include "runtime/cgroups.h"
#include "runtime/state.h"
#include "util/cleanup.h"
#include "util/clock.h"

#define LEFTOVERS_WAIT_MS 5000

pid_t proc_live_ppid(pid_t pid)
{
	char path[64], line[256], state = 0;
	_cleanup_fclose_ FILE *f = NULL;
	int ppid = 0;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if (!(f = fopen(path, "re")))
		return 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "State: %c", &state) == 1 || sscanf(line, "PPid: %d", &ppid) == 1)
			if (ppid)
				break;
	return state == 'Z' || state == 'X' ? 0 : ppid;
}

/* Signal pid through a pidfd opened while it is still parent's child: a
 * pid reaped and reused meanwhile is not signalled. */
static bool signal_child(pid_t parent, pid_t pid, int sig)
{
	_cleanup_close_ int fd = (int)syscall(SYS_pidfd_open, pid, 0);

	if (fd < 0 || proc_live_ppid(pid) != parent)
		return false;
	return syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0) == 0;
}

size_t signal_descendants(pid_t pid, int sig)
{
	char path[64];
	_cleanup_closedir_ DIR *tasks = NULL;
	struct dirent *de;
	size_t n = 0;

	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	if (!(tasks = opendir(path)))
		return 0;
	while ((de = readdir(tasks))) {
		char file[384], buf[4096];
		_cleanup_fclose_ FILE *f = NULL;

		if (de->d_name[0] == '.')
			continue;
		snprintf(file, sizeof file, "%.63s/%.255s/children", path, de->d_name);
		if (!(f = fopen(file, "re")))
			continue;
		while (fscanf(f, "%4095s", buf) == 1) {
			pid_t child = (pid_t)atoi(buf);

			if (child <= 0)
				continue;
			n += signal_descendants(child, sig);
			n += signal_child(pid, child, sig);
		}
	}
	return n;
}

/* cgroup.procs stops listing a process as soon as it is exiting: its
 * pidfd, opened before the kill, tells when it is gone. */
static void wait_gone(const pid_t *pids, size_t n, uint64_t deadline)
{
	for (size_t i = 0; i < n; i++) {
		_cleanup_close_ int fd = (int)syscall(SYS_pidfd_open, pids[i], 0);
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		uint64_t now = monotonic_ms();

		if (fd >= 0 && now < deadline)
			poll(&pfd, 1, (int)(deadline - now));
	}
}

static int kill_cgroup_until_empty(const struct oci_state *st, struct hrun_error *err)
{
	struct cgroup *cg = state_cgroup(st, err);
	uint64_t deadline = monotonic_ms() + LEFTOVERS_WAIT_MS;
	int r = -1;

	if (!cg)
		return -1;
	for (;;) {
		_cleanup_free_ pid_t *pids = NULL;
		size_t n = 0;

		if (cgroup_pids(cg, &pids, &n, err) < 0)
			break;
		if (n == 0) {
			r = 0;
			break;
		}
		if (monotonic_ms() > deadline) {
			hrun_error_set(err, ETIMEDOUT,
				       "%zu processes of container `%s` did not die", n, st->id);
			break;
		}
		if (cgroup_kill_all(cg, SIGKILL, err) < 0)
			break;
		wait_gone(pids, n, deadline);
	}
	cgroup_free(cg);
	return r;
}

/* Without a cgroup: repeated, since a process may fork while its
 * siblings are signalled; the init's pidfd tells it still lives. */
static int kill_init_descendants(const struct oci_state *st, struct hrun_error *err)
{
	_cleanup_close_ int pidfd = state_pidfd(st);
	uint64_t deadline = monotonic_ms() + LEFTOVERS_WAIT_MS;

	if (pidfd < 0)
		return 0;
	while (signal_descendants(st->pid, SIGKILL) > 0) {
		if (monotonic_ms() > deadline)
			return hrun_error_set(err, ETIMEDOUT,
					      "processes of container `%s` did not die", st->id);
		usleep(10000);
	}
	return 0;
}

int container_kill_leftovers(const struct oci_state *st, struct hrun_error *err)
{
	if (st->cgroup)
		return kill_cgroup_until_empty(st, err);
	return kill_init_descendants(st, err);
}

bool container_has_leftovers(const struct oci_state *st)
{
	struct hrun_error ignored = {0};
	_cleanup_free_ pid_t *pids = NULL;
	struct cgroup *cg;
	size_t n = 0;

	if (!st->cgroup || !(cg = cgroup_load(st->cgroup, &ignored)))
		return false;
	if (cgroup_pids(cg, &pids, &n, &ignored) < 0)
		n = 0;
	cgroup_free(cg);
	return n > 0;
}
