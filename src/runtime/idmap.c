/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The parent writes the maps of the init's new user namespace: only a
 * process outside it may write several ranges. */
#include "runtime/runtime.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "plan/plan.h"
#include "util/cleanup.h"

static int write_map(pid_t pid, const char *file, const struct plan_id_map *map, size_t n,
		     struct hrun_error *err)
{
	char path[64], buf[4096];
	size_t len = 0;
	_cleanup_close_ int fd = -1;

	for (size_t i = 0; i < n; i++) {
		int w = snprintf(buf + len, sizeof buf - len, "%u %u %u\n", map[i].container_id,
				 map[i].host_id, map[i].size);
		if (w < 0 || (size_t)w >= sizeof buf - len)
			return hrun_error_set(err, 0, "write %s: too many ranges", file);
		len += (size_t)w;
	}
	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return hrun_error_errno(err, "open `%s`", path);
	/* the kernel takes the whole map in one write, or nothing */
	if (write(fd, buf, len) != (ssize_t)len)
		return hrun_error_errno(err, "write %s `%.*s`", file, (int)strcspn(buf, "\n"), buf);
	return 0;
}

int idmap_write_maps(pid_t pid, const struct plan_id_map *uid_map, size_t n_uid_map,
		     const struct plan_id_map *gid_map, size_t n_gid_map, struct hrun_error *err)
{
	if (write_map(pid, "uid_map", uid_map, n_uid_map, err) < 0)
		return -1;
	return write_map(pid, "gid_map", gid_map, n_gid_map, err);
}

int idmap_write(pid_t pid, const struct plan *plan, struct hrun_error *err)
{
	return idmap_write_maps(pid, plan->uid_map, plan->n_uid_map, plan->gid_map,
				plan->n_gid_map, err);
}
