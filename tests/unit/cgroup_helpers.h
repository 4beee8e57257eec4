/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers for the cgroup tests: stand-in cgroup roots under /tmp, file
 * checks, and the rendering of a write list as text. */
#ifndef HRUN_TEST_CGROUP_HELPERS_H
#define HRUN_TEST_CGROUP_HELPERS_H

#include <stdbool.h>

#include "cgroup/internal.h"

/* A stand-in root (free it, after standin_remove()):
 *   v1:     one directory per word of hiers ("cpu,cpuacct memory ..."),
 *           each with cgroup.procs; cpuset's root has cpus 0-1, mems 0;
 *   hybrid: the same plus unified/ whose cgroup.controllers is v2ctrls;
 *   v2:     cgroup.controllers = v2ctrls at the root. */
char *standin_v1(const char *hiers);
/* An empty directory under /tmp (resctrl's stand-in too). */
char *standin_empty(void);
char *standin_hybrid(const char *hiers, const char *v2ctrls);
char *standin_v2(const char *v2ctrls);
void standin_remove(const char *root);
/* cgroup_create() of path (id "c1") under a stand-in root, and
 * cgroup_destroy() then cgroup_free(); both fail the test on error. */
struct cgroup *standin_create(const char *root, const char *path, const struct oci_resources *res);
void standin_destroy(struct cgroup *cg);

/* Create path (and parents) holding text. */
void put_file(const char *dir, const char *file, const char *text);
/* The file's text, or NULL; free it. */
char *get_file(const char *dir, const char *file);
/* Assert that dir/file holds want (a trailing newline ignored). */
#define assert_file(dir, file, want) assert_file_impl(dir, file, want, __FILE__, __LINE__)
void assert_file_impl(const char *dir, const char *file, const char *want, const char *src,
		      int line);
bool path_exists(const char *dir, const char *sub);

/* "file=value" lines; " or alt=value" for an alternative, then
 * " [default]", " [swap-next]", " [v2]" for the flags; NULL for ENOMEM. */
char *writes_text(const struct cg_writes *l);

#endif
