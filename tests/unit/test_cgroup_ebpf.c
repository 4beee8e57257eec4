/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The v2 device filter: its semantics, run on a small interpreter of the
 * instructions it uses, and the real program attached to a cgroup2
 * directory of this machine (skipped without root or cgroup2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup_helpers.h"
#include "oci/spec.h"

/* Run a cgroup device program on one request, as the kernel would. */
static int run(const struct bpf_insn *p, size_t n, char type, unsigned access, uint32_t major,
	       uint32_t minor)
{
	uint32_t ctx[3] = {(type == 'b' ? BPF_DEVCG_DEV_BLOCK : BPF_DEVCG_DEV_CHAR) |
				   ((access & CG_DEV_READ ? BPF_DEVCG_ACC_READ : 0) |
				    (access & CG_DEV_WRITE ? BPF_DEVCG_ACC_WRITE : 0) |
				    (access & CG_DEV_MKNOD ? BPF_DEVCG_ACC_MKNOD : 0))
					   << 16,
			   major, minor};
	uint64_t r[11] = {0};

	for (size_t pc = 0; pc < n; pc++) {
		const struct bpf_insn *i = &p[pc];
		uint64_t src =
			BPF_SRC(i->code) == BPF_X ? r[i->src_reg] : (uint64_t)(int64_t)i->imm;
		switch (i->code) {
		case BPF_LDX | BPF_W | BPF_MEM: r[i->dst_reg] = ctx[i->off / 4]; break;
		case BPF_ALU | BPF_AND | BPF_K:
			r[i->dst_reg] = (uint32_t)(r[i->dst_reg] & src);
			break;
		case BPF_ALU | BPF_RSH | BPF_K:
			r[i->dst_reg] = (uint32_t)r[i->dst_reg] >> src;
			break;
		case BPF_ALU | BPF_MOV | BPF_X: r[i->dst_reg] = (uint32_t)src; break;
		case BPF_ALU64 | BPF_MOV | BPF_K: r[i->dst_reg] = src; break;
		case BPF_JMP | BPF_JNE | BPF_K:
		case BPF_JMP | BPF_JNE | BPF_X:
			if (r[i->dst_reg] != src)
				pc += i->off;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			if (r[i->dst_reg] == src)
				pc += i->off;
			break;
		case BPF_JMP | BPF_EXIT: return (int)r[0];
		default: fail_msg("instruction %zu: unexpected code 0x%x", pc, i->code);
		}
	}
	fail_msg("the program runs off its end");
	return -1;
}

struct prog {
	struct bpf_insn *insns;
	size_t n;
};

static struct prog build(const struct cg_dev_rule *rules, size_t n)
{
	struct prog p;
	struct hrun_error err;

	assert_int_equal(cg_bpf_devices(rules, n, &p.insns, &p.n, &err), 0);
	return p;
}

#define R   CG_DEV_READ
#define W   CG_DEV_WRITE
#define M   CG_DEV_MKNOD
#define RWM (R | W | M)

static void test_podman_style_allow_list(void **state)
{
	struct oci_device_cgroup d[] = {
		{.allow = false, .access = "rwm"},
		{.allow = true, .type = 'c', .has_major = 1, .major = 5, .access = "rw"},
	};
	struct oci_resources res = {.devices = d, .n_devices = 2};
	struct cg_dev_rule *rules;
	size_t n;
	struct hrun_error err;

	assert_int_equal(cg_dev_rules(&res, &rules, &n, &err), 0);
	struct prog p = build(rules, n);
	assert_int_equal(run(p.insns, p.n, 'c', R | W, 1, 3), 1); /* /dev/null, a default */
	assert_int_equal(run(p.insns, p.n, 'c', R, 1, 4), 0);	  /* /dev/port */
	assert_int_equal(run(p.insns, p.n, 'b', R, 8, 0), 0);	  /* a disk */
	assert_int_equal(run(p.insns, p.n, 'c', R | W, 5, 7), 1); /* c 5:* rw */
	assert_int_equal(run(p.insns, p.n, 'c', M, 4, 1), 1);	  /* mknod of anything */
	assert_int_equal(run(p.insns, p.n, 'b', M, 8, 0), 1);
	assert_int_equal(run(p.insns, p.n, 'b', R | M, 8, 0), 0);
	free(p.insns);
	free(rules);
}

static void test_later_rules_win(void **state)
{
	struct cg_dev_rule rules[] = {{true, 'a', -1, -1, RWM}, {false, 'c', 1, 3, W}};
	struct prog p = build(rules, 2);

	assert_int_equal(run(p.insns, p.n, 'c', R, 1, 3), 1);
	assert_int_equal(run(p.insns, p.n, 'c', W, 1, 3), 0);
	assert_int_equal(run(p.insns, p.n, 'c', R | W, 1, 3), 0); /* any denied access denies */
	assert_int_equal(run(p.insns, p.n, 'c', W, 1, 5), 1);
	free(p.insns);
}

static void test_allow_needs_every_requested_access(void **state)
{
	struct cg_dev_rule rules[] = {{true, 'c', 1, -1, R}};
	struct prog p = build(rules, 1);

	assert_int_equal(run(p.insns, p.n, 'c', R, 1, 9), 1);
	assert_int_equal(run(p.insns, p.n, 'c', R | W, 1, 9), 0);
	assert_int_equal(run(p.insns, p.n, 'b', R, 1, 9), 0);
	free(p.insns);
}

static void test_a_catch_all_rule_ends_the_program(void **state)
{
	struct cg_dev_rule rules[] = {{false, 'c', 1, 3, RWM}, {true, 'a', -1, -1, RWM}};
	struct prog p = build(rules, 2);

	/* prologue (6) and the catch-all block (2); the deny is unreachable */
	assert_int_equal(p.n, 8);
	assert_int_equal(run(p.insns, p.n, 'c', R, 1, 3), 1);
	free(p.insns);
	struct cg_dev_rule deny_all[] = {{false, 'a', -1, -1, RWM}};
	p = build(deny_all, 1);
	assert_int_equal(p.n, 8);
	assert_int_equal(run(p.insns, p.n, 'c', R, 1, 3), 0);
	free(p.insns);
}

/* --- the real kernel */

static char *test_dir; /* removed by the group teardown, whatever failed */

static int remove_test_dir(void **state)
{
	if (test_dir)
		rmdir(test_dir);
	free(test_dir);
	test_dir = NULL;
	return 0;
}

static char *cgroup2_test_dir(void)
{
	const char *mounts[] = {"/sys/fs/cgroup/unified", "/sys/fs/cgroup"};
	char *dir;

	if (geteuid() != 0)
		return NULL;
	for (size_t i = 0; i < 2; i++) {
		struct cg_layout l;
		struct hrun_error err;
		if (!path_exists(mounts[i], "cgroup.controllers"))
			continue;
		if (cg_layout_detect(mounts[i], &l, &err) < 0)
			continue;
		bool real = !l.fake;
		cg_layout_clear(&l);
		if (!real)
			continue;
		assert_true(asprintf(&dir, "%s/hrun-test-ebpf-%d", mounts[i], (int)getpid()) > 0);
		assert_int_equal(mkdir(dir, 0755), 0);
		return test_dir = dir;
	}
	return NULL;
}

/* A child in dir opens path; its exit status is 0 or the errno. */
static int try_open(const char *dir, const char *path, int flags)
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		char me[16];
		struct hrun_error err;
		snprintf(me, sizeof me, "%d", (int)getpid());
		if (cg_write(dir, "cgroup.procs", me, false, &err) < 0)
			_exit(100);
		int fd = open(path, flags);
		_exit(fd < 0 ? errno : 0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static int attached(int fd)
{
	uint32_t ids[8];
	union bpf_attr attr = {.query = {.target_fd = (uint32_t)fd,
					 .attach_type = BPF_CGROUP_DEVICE,
					 .prog_ids = (uintptr_t)ids,
					 .prog_cnt = 8}};

	assert_int_equal(syscall(__NR_bpf, BPF_PROG_QUERY, &attr, sizeof attr), 0);
	return (int)attr.query.prog_cnt;
}

static void test_kernel_enforces_the_filter(void **state)
{
	char *dir = cgroup2_test_dir();
	struct hrun_error err;

	if (!dir)
		skip();
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct cg_dev_rule only_zero[] = {{false, 'a', -1, -1, RWM}, {true, 'c', 1, 5, R}};
	struct prog p = build(only_zero, 2);
	int ret = cg_bpf_attach(fd, dir, p.insns, p.n, &err);
	free(p.insns);
	if (ret < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(try_open(dir, "/dev/zero", O_RDONLY), 0);
	assert_int_equal(try_open(dir, "/dev/zero", O_WRONLY), EPERM);
	assert_int_equal(try_open(dir, "/dev/null", O_RDONLY), EPERM);

	/* an update replaces the program: one stays attached */
	struct cg_dev_rule null_too[] = {{false, 'a', -1, -1, RWM}, {true, 'c', 1, 3, R | W}};
	p = build(null_too, 2);
	assert_int_equal(cg_bpf_attach(fd, dir, p.insns, p.n, &err), 0);
	free(p.insns);
	assert_int_equal(attached(fd), 1);
	assert_int_equal(try_open(dir, "/dev/null", O_WRONLY), 0);
	assert_int_equal(try_open(dir, "/dev/zero", O_RDONLY), EPERM);
	close(fd);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_podman_style_allow_list),
		cmocka_unit_test(test_later_rules_win),
		cmocka_unit_test(test_allow_needs_every_requested_access),
		cmocka_unit_test(test_a_catch_all_rule_ends_the_program),
		cmocka_unit_test(test_kernel_enforces_the_filter),
	};
	return cmocka_run_group_tests_name("cgroup_ebpf", tests, NULL, remove_test_dir);
}
