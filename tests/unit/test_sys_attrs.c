/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The real dispatcher's parts of issue 3 against the kernel: the
 * workload's kernel attributes as the workload child sets them,
 * mount_setattr on a tree, and the tmpcopyup copy. */
#include <fcntl.h>
#include <ftw.h>
#include <linux/capability.h>
#include <linux/mempolicy.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>

#include <cmocka.h>

#include "child_helpers.h"
#include "container/sys_internal.h"
#include "plan/bitmap.h"
#include "plan/plan.h"
#include "util/error.h"

static int attrs_child(void *arg)
{
	struct plan_process *proc = arg;
	struct hrun_error err = {0};
	unsigned long nodes = 0;
	int mode = -1;
	cpu_set_t cpus;

	if (direct_exec_attrs_apply(proc, &err) < 0) {
		fprintf(stderr, "child: %s\n", err.msg);
		return 1;
	}
	CHILD_CHECK(personality(0xffffffff) == PER_LINUX32);
	CHILD_CHECK(sched_getscheduler(0) == SCHED_BATCH);
	CHILD_CHECK(getpriority(PRIO_PROCESS, 0) == 7);
	CHILD_CHECK(syscall(SYS_ioprio_get, 1, 0) == (2 << 13 | 6));
	CHILD_CHECK(sched_getaffinity(0, sizeof cpus, &cpus) == 0);
	CHILD_CHECK(CPU_COUNT(&cpus) == 1 && CPU_ISSET(0, &cpus));
	CHILD_CHECK(syscall(SYS_get_mempolicy, &mode, &nodes, 64, NULL, 0) == 0);
	CHILD_CHECK(mode == MPOL_PREFERRED && nodes == 1);
	return 0;
}

/* Our permitted set: the workload child drops back to proc->caps. */
static uint64_t permitted_now(void)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct d[2];

	assert_int_equal(syscall(SYS_capget, &h, d), 0);
	return d[0].permitted | (uint64_t)d[1].permitted << 32;
}

/* What runs as one of the later steps of every workload: here in a child,
 * checked with the matching get calls. */
static void test_exec_attrs_take_effect(void **state)
{
	struct plan_process proc = {0};
	struct plan_attrs *a = &proc.attrs;

	a->has_personality = true;
	a->personality = PER_LINUX32;
	a->sched = (struct plan_sched){.set = true, .policy = SCHED_BATCH, .nice = 7};
	a->has_ioprio = true;
	a->ioprio_class = 2;
	a->ioprio_level = 6;
	assert_int_equal(bitmap_parse("0", 8191, &a->cpus_final), 0);
	a->mempolicy.set = true;
	a->mempolicy.mode = MPOL_PREFERRED;
	assert_int_equal(bitmap_parse("0", 1023, &a->mempolicy.nodes), 0);
	proc.caps.effective = proc.caps.permitted = permitted_now();
	assert_int_equal(in_child(attrs_child, &proc), 0);
	bitmap_free(&a->cpus_final);
	bitmap_free(&a->mempolicy.nodes);
}

static int failing_child(void *arg)
{
	struct plan_process *proc = arg;
	struct hrun_error err = {0};

	CHILD_CHECK(direct_exec_attrs_apply(proc, &err) == -1);
	CHILD_CHECK(strcmp(err.msg, "process.execCPUAffinity.initial: sched_setaffinity: "
				    "Invalid argument") == 0);
	return 0;
}

static void test_exec_attrs_failure_names_the_field(void **state)
{
	struct plan_process proc = {0};

	/* cpu 8000 exists on no test machine */
	assert_int_equal(bitmap_parse("8000", 8191, &proc.attrs.cpus_initial), 0);
	assert_int_equal(in_child(failing_child, &proc), 0);
	bitmap_free(&proc.attrs.cpus_initial);
}

/* ---- mount_setattr_tree and copy_tree, in a temporary directory ---- */

static char dir[64];

static int make_dir(void **state)
{
	strcpy(dir, "/tmp/hrun-test-attrs-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static int remove_dir(void **state)
{
	return nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int setattr_child(void *arg)
{
	char sub[128];
	struct statvfs sv;
	int fd;

	snprintf(sub, sizeof sub, "%s/sub", dir);
	CHILD_CHECK(unshare(CLONE_NEWNS) == 0);
	CHILD_CHECK(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0);
	CHILD_CHECK(mount("t", dir, "tmpfs", 0, NULL) == 0);
	CHILD_CHECK(mkdir(sub, 0755) == 0);
	CHILD_CHECK(mount("u", sub, "tmpfs", 0, NULL) == 0);
	CHILD_CHECK((fd = open(dir, O_PATH | O_CLOEXEC)) >= 0);
	CHILD_CHECK(direct_mount_setattr_tree(fd, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOEXEC, 0) == 0);
	CHILD_CHECK(statvfs(sub, &sv) == 0 &&
		    (sv.f_flag & (ST_RDONLY | ST_NOEXEC)) == (ST_RDONLY | ST_NOEXEC));
	CHILD_CHECK(direct_mount_setattr_tree(fd, 0, MOUNT_ATTR_RDONLY) == 0);
	CHILD_CHECK(statvfs(sub, &sv) == 0 && !(sv.f_flag & ST_RDONLY));
	return 0;
}

static void test_mount_setattr_tree_reaches_submounts(void **state)
{
	if (geteuid() != 0)
		skip();
	assert_int_equal(in_child(setattr_child, NULL), 0);
}

static void make(const char *rel, mode_t mode)
{
	char p[256];
	int fd;

	snprintf(p, sizeof p, "%s/%s", dir, rel);
	if (S_ISDIR(mode)) {
		assert_int_equal(mkdir(p, mode & 07777), 0);
		return;
	}
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, rel, strlen(rel)), (ssize_t)strlen(rel));
	assert_int_equal(fchmod(fd, mode & 07777), 0);
	close(fd);
}

static void assert_copied(const char *rel, mode_t mode)
{
	char p[256];
	struct stat st;

	snprintf(p, sizeof p, "%s/to/%s", dir, rel);
	assert_int_equal(lstat(p, &st), 0);
	assert_int_equal(st.st_mode, mode);
}

static void test_copy_tree_keeps_types_modes_and_contents(void **state)
{
	char from[128], to[128], link[128], buf[64] = "";
	int ffd, tfd, fd;
	struct hrun_error err = {0};

	snprintf(from, sizeof from, "%s/from", dir);
	snprintf(to, sizeof to, "%s/to", dir);
	make("from", S_IFDIR | 0755);
	make("to", S_IFDIR | 0755);
	make("from/sub", S_IFDIR | 0710);
	make("from/sub/tool", S_IFREG | 04755);
	make("from/data", S_IFREG | 0640);
	snprintf(link, sizeof link, "%s/from/link", dir);
	assert_int_equal(symlink("sub/tool", link), 0);
	snprintf(link, sizeof link, "%s/from/fifo", dir);
	assert_int_equal(mkfifo(link, 0600), 0);
	ffd = open(from, O_PATH | O_DIRECTORY | O_CLOEXEC);
	tfd = open(to, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_int_equal(direct_copy_tree(ffd, tfd, &err), 0);
	assert_copied("sub", S_IFDIR | 0710);
	assert_copied("sub/tool", S_IFREG | 04755);
	assert_copied("data", S_IFREG | 0640);
	assert_copied("link", S_IFLNK | 0777);
	assert_copied("fifo", S_IFIFO | 0600);
	snprintf(link, sizeof link, "%s/to/sub/tool", dir);
	fd = open(link, O_RDONLY | O_CLOEXEC);
	assert_true(read(fd, buf, sizeof buf - 1) > 0);
	assert_string_equal(buf, "from/sub/tool");
	close(fd);
	/* a second copy meets what the first made */
	assert_int_equal(direct_copy_tree(ffd, tfd, &err), -1);
	assert_int_equal(err.code, EEXIST);
	close(ffd);
	close(tfd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exec_attrs_take_effect),
		cmocka_unit_test(test_exec_attrs_failure_names_the_field),
		cmocka_unit_test_setup_teardown(test_mount_setattr_tree_reaches_submounts, make_dir,
						remove_dir),
		cmocka_unit_test_setup_teardown(test_copy_tree_keeps_types_modes_and_contents,
						make_dir, remove_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
