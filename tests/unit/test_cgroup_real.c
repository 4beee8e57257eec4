/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The cgroup library on this machine's real hierarchies (v1, hybrid or
 * v2, whichever it has): limits read back from the kernel's files after
 * create and after update, a forked child entered, frozen and thawed,
 * every process killed, pids.max and the memory limit enforced, the OOM
 * kill reported, devices denied.  Everything lives under
 * /hrun-test-<pid> in each hierarchy and is removed at the end; a test
 * skips when it needs root or a controller the host lacks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup_helpers.h"
#include "oci/spec.h"

static char parent[64]; /* "/hrun-test-<pid>" */
static struct cg_layout host;

static int setup(void **state)
{
	struct hrun_error err;

	snprintf(parent, sizeof parent, "/hrun-test-%d", (int)getpid());
	if (geteuid() != 0 || cg_layout_detect("/sys/fs/cgroup", &host, &err) < 0 || host.fake)
		host.mode = CGROUP_MODE_NONE;
	/* the pids of our grandchildren come back to us when their parent dies */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	return 0;
}

/* Remove what the tests made, and check that nothing of it is left. */
static int teardown(void **state)
{
	int left = 0;

	for (size_t i = 0; i < host.n; i++) {
		char dir[4096];
		struct hrun_error err;
		snprintf(dir, sizeof dir, "%s%s", host.h[i].mount, parent);
		cg_rmtree(dir, false, monotonic_ms() + 5000, &err);
		if (access(dir, F_OK) == 0) {
			fprintf(stderr, "left behind: %s\n", dir);
			left++;
		}
	}
	cg_layout_clear(&host);
	return left ? -1 : 0;
}

static void need(bool ok)
{
	if (!ok)
		skip();
}

/* Whether the v1 writes reach controller c: a v1 hierarchy, cgroup2 on a
 * v2 host, or hugetlb on cgroup2 beside v1 ones (CG_W_V2_ALT). */
static bool has_ctrl(enum cg_ctrl c)
{
	for (size_t i = 0; i < host.n; i++)
		if (host.h[i].ctrls & CG_BIT(c) &&
		    (host.mode == CGROUP_MODE_V2 || !host.h[i].v2 || c == CG_HUGETLB))
			return true;
	return false;
}

static bool v1_holds(enum cg_ctrl c)
{
	for (size_t i = 0; i < host.n; i++)
		if (host.h[i].ctrls & CG_BIT(c) && !host.h[i].v2)
			return true;
	return false;
}

static struct cgroup *real_create(const char *name, const struct oci_resources *res)
{
	char path[128];
	struct cgroup_request req = {.cgroups_path = path, .id = name, .resources = res};
	struct hrun_error err;
	struct cgroup *cg;

	need(host.mode != CGROUP_MODE_NONE);
	snprintf(path, sizeof path, "%s/%s", parent, name);
	if (!(cg = cgroup_create(&req, &err)))
		fail_msg("create `%s`: %s", path, err.msg);
	return cg;
}

static void real_destroy(struct cgroup *cg)
{
	struct hrun_error err;

	if (cgroup_destroy(cg, &err) < 0)
		fail_msg("destroy: %s", err.msg);
	for (size_t i = 0; i < cg->layout.n; i++)
		assert_false(access(cg->dirs[i], F_OK) == 0);
	cgroup_free(cg);
}

static void update(struct cgroup *cg, const struct oci_resources *res)
{
	struct hrun_error err;

	if (cgroup_update(cg, res, &err) < 0)
		fail_msg("update: %s", err.msg);
}

/* The directory of ctrl's files: v2's, or the v1 hierarchy's. */
static const char *dir_of(const struct cgroup *cg, enum cg_ctrl c)
{
	return cg->layout.mode == CGROUP_MODE_V2 ? cg_v2_dir(cg) : cg_v1_dir(cg, c);
}

static bool v2(const struct cgroup *cg)
{
	return cg->layout.mode == CGROUP_MODE_V2;
}

/* A child blocked until go() lets it run fn. */
struct child {
	pid_t pid;
	int go;
};

static struct child spawn(int (*fn)(void *), void *arg)
{
	int p[2];
	struct child c;

	assert_int_equal(pipe(p), 0);
	c.pid = fork();
	assert_true(c.pid >= 0);
	if (c.pid == 0) {
		char b;
		close(p[1]);
		if (read(p[0], &b, 1) != 1)
			_exit(99);
		_exit(fn(arg));
	}
	close(p[0]);
	c.go = p[1];
	return c;
}

static void go(struct child *c)
{
	assert_int_equal(write(c->go, "x", 1), 1);
	close(c->go);
}

static void enter(struct cgroup *cg, pid_t pid)
{
	struct hrun_error err;

	if (cgroup_enter(cg, pid, &err) < 0)
		fail_msg("enter: %s", err.msg);
}

static int wait_status(pid_t pid)
{
	int status;

	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

/* state's reading of the saved form agrees with the loaded cgroup's. */
static void assert_saved_frozen(const struct cgroup *cg, bool expected)
{
	char *saved = cgroup_save(cg);
	struct hrun_error err = {0};
	bool frozen = !expected;

	assert_non_null(saved);
	if (cgroup_saved_frozen(saved, &frozen, &err) < 0)
		fail_msg("saved frozen: %s", err.msg);
	assert_int_equal(frozen, expected);
	free(saved);
}

/* --- limits */

static void test_memory_limits_create_and_update(void **state)
{
	need(has_ctrl(CG_MEMORY));
	bool swap = access(host.mode == CGROUP_MODE_V2
				   ? "/proc/swaps"
				   : "/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes",
			   F_OK) == 0;
	struct oci_memory m = {.has_limit = 1,
			       .limit = 64 << 20,
			       .has_reservation = 1,
			       .reservation = 32 << 20,
			       .has_swap = swap,
			       .swap = 64 << 20};
	struct oci_resources res = {.memory = &m};
	struct cgroup *cg = real_create("mem", &res);
	const char *dir = dir_of(cg, CG_MEMORY);

	swap = swap && cg_exists(dir, v2(cg) ? "memory.swap.max" : "memory.memsw.limit_in_bytes");
	assert_file(dir, v2(cg) ? "memory.max" : "memory.limit_in_bytes", "67108864");
	assert_file(dir, v2(cg) ? "memory.low" : "memory.soft_limit_in_bytes", "33554432");
	if (swap)
		assert_file(dir, v2(cg) ? "memory.swap.max" : "memory.memsw.limit_in_bytes",
			    v2(cg) ? "0" : "67108864");
	/* raising memory and swap together: v1 refuses a limit above memsw,
	 * so memsw goes first */
	m.limit = 128 << 20;
	m.swap = 128 << 20;
	update(cg, &res);
	assert_file(dir, v2(cg) ? "memory.max" : "memory.limit_in_bytes", "134217728");
	if (swap)
		assert_file(dir, v2(cg) ? "memory.swap.max" : "memory.memsw.limit_in_bytes",
			    v2(cg) ? "0" : "134217728");
	m.limit = m.swap = 32 << 20;
	update(cg, &res);
	assert_file(dir, v2(cg) ? "memory.max" : "memory.limit_in_bytes", "33554432");
	real_destroy(cg);
}

static void test_pids_limit_create_and_update(void **state)
{
	need(has_ctrl(CG_PIDS));
	struct oci_resources res = {.has_pids_limit = 1, .pids_limit = 50};
	struct cgroup *cg = real_create("pids", &res);

	assert_file(dir_of(cg, CG_PIDS), "pids.max", "50");
	res.pids_limit = -1;
	update(cg, &res);
	assert_file(dir_of(cg, CG_PIDS), "pids.max", "max");
	real_destroy(cg);
}

static void test_cpu_limits_create_and_update(void **state)
{
	need(has_ctrl(CG_CPU));
	struct oci_cpu c = {.has_shares = 1,
			    .shares = 512,
			    .has_quota = 1,
			    .quota = 20000,
			    .has_period = 1,
			    .period = 100000};
	struct oci_resources res = {.cpu = &c};
	struct cgroup *cg = real_create("cpu", &res);
	const char *dir = dir_of(cg, CG_CPU);

	if (v2(cg)) {
		assert_file(dir, "cpu.weight", "20");
		assert_file(dir, "cpu.max", "20000 100000");
	} else {
		assert_file(dir, "cpu.shares", "512");
		assert_file(dir, "cpu.cfs_quota_us", "20000");
		assert_file(dir, "cpu.cfs_period_us", "100000");
	}
	c.quota = 50000;
	c.period = 200000;
	update(cg, &res);
	assert_file(dir, v2(cg) ? "cpu.max" : "cpu.cfs_quota_us",
		    v2(cg) ? "50000 200000" : "50000");
	real_destroy(cg);
}

static void test_cpuset_create_and_update(void **state)
{
	need(has_ctrl(CG_CPUSET));
	struct oci_cpu c = {.cpus = "0", .mems = "0"};
	struct oci_resources res = {.cpu = &c};
	struct cgroup *cg = real_create("cpuset", &res);
	const char *dir = dir_of(cg, CG_CPUSET);

	assert_file(dir, "cpuset.cpus", "0");
	assert_file(dir, "cpuset.mems", "0");
	/* a v1 parent made here got its own parent's cpus, or nothing could enter */
	if (!v2(cg)) {
		char *p = strdup(dir);
		*strrchr(p, '/') = '\0';
		char *cpus = get_file(p, "cpuset.cpus");
		assert_true(cpus && cpus[0] != '\n');
		free(cpus);
		free(p);
	}
	c.mems = NULL;
	c.cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? "1" : "0";
	update(cg, &res);
	assert_file(dir, "cpuset.cpus", c.cpus);
	real_destroy(cg);
}

/* The first disk in /sys/block that is neither loop nor zram. */
static bool a_disk(int64_t *major, int64_t *minor)
{
	const char *names[] = {"vda", "sda", "nvme0n1", "xvda"};

	for (size_t i = 0; i < 4; i++) {
		char dir[64];
		snprintf(dir, sizeof dir, "/sys/block/%s", names[i]);
		char *dev = get_file(dir, "dev");
		if (dev && sscanf(dev, "%" SCNd64 ":%" SCNd64, major, minor) == 2) {
			free(dev);
			return true;
		}
		free(dev);
	}
	return false;
}

/* The read limit as the kernel shows it: v1's line, or v2's io.max line. */
static void assert_read_bps(const struct cgroup *cg, int64_t major, int64_t minor, uint64_t rate)
{
	char want[128];

	if (v2(cg))
		snprintf(want, sizeof want,
			 "%" PRId64 ":%" PRId64 " rbps=%" PRIu64 " wbps=max riops=max wiops=max",
			 major, minor, rate);
	else
		snprintf(want, sizeof want, "%" PRId64 ":%" PRId64 " %" PRIu64, major, minor, rate);
	assert_file(dir_of(cg, CG_BLKIO), v2(cg) ? "io.max" : "blkio.throttle.read_bps_device",
		    want);
}

static void test_blkio_throttle_create_and_update(void **state)
{
	int64_t major, minor;
	need(has_ctrl(CG_BLKIO) && a_disk(&major, &minor));
	struct oci_throttle_device t[] = {{major, minor, 1048576}};
	struct oci_block_io b = {.throttle_read_bps = t, .n_throttle_read_bps = 1};
	struct oci_resources res = {.block_io = &b};
	struct cgroup *cg = real_create("blkio", &res);

	assert_read_bps(cg, major, minor, 1048576);
	t[0].rate = 2097152;
	update(cg, &res);
	assert_read_bps(cg, major, minor, 2097152);
	real_destroy(cg);
}

/* hugetlb held by cgroup2 on a hybrid host: the limit goes there, in
 * cgroup2's spelling, at create and update. */
static void test_hybrid_hugetlb_on_cgroup2(void **state)
{
	need(host.mode == CGROUP_MODE_HYBRID && has_ctrl(CG_HUGETLB) && !v1_holds(CG_HUGETLB) &&
	     access("/sys/kernel/mm/hugepages/hugepages-2048kB", F_OK) == 0);
	struct oci_hugepage_limit h[] = {{"2MB", 4 << 20}};
	struct oci_resources res = {.hugepage_limits = h, .n_hugepage_limits = 1};
	struct cgroup *cg = real_create("hugetlb", &res);

	assert_file(cg_v2_dir(cg), "hugetlb.2MB.max", "4194304");
	h[0].limit = 8 << 20;
	update(cg, &res);
	assert_file(cg_v2_dir(cg), "hugetlb.2MB.max", "8388608");
	real_destroy(cg);
}

static void test_unified_on_cgroup2(void **state)
{
	need(host.mode == CGROUP_MODE_V2 || host.mode == CGROUP_MODE_HYBRID);
	struct oci_annotation u[] = {{"cgroup.max.descendants", "5"}};
	struct oci_resources res = {.unified = u, .n_unified = 1};
	struct cgroup *cg = real_create("unified", &res);

	assert_file(cg_v2_dir(cg), "cgroup.max.descendants", "5");
	real_destroy(cg);
}

static void test_missing_controller_fails_and_leaves_nothing(void **state)
{
	/* rdma, which v1 hosts rarely mount */
	need(host.mode != CGROUP_MODE_NONE && !has_ctrl(CG_RDMA));
	struct oci_rdma r[] = {{.device = "mlx4_0", .has_hca_handles = true, .hca_handles = 1}};
	struct oci_resources res = {.rdma = r, .n_rdma = 1};
	char path[128];
	struct cgroup_request req = {.cgroups_path = path, .id = "x", .resources = &res};
	struct hrun_error err;

	snprintf(path, sizeof path, "%s/missing", parent);
	assert_null(cgroup_create(&req, &err));
	assert_string_equal(err.msg, "cgroup controller `rdma` is not available on this host "
				     "(needed for `rdma.max`)");
	for (size_t i = 0; i < host.n; i++) {
		char dir[4096];
		snprintf(dir, sizeof dir, "%s%s", host.h[i].mount, path);
		assert_false(access(dir, F_OK) == 0);
	}
}

/* --- processes */

static int busy(void *arg)
{
	volatile uint64_t *counter = arg;

	for (;;)
		(*counter)++;
	return 0;
}

static bool in_cgroup(pid_t pid, const char *path)
{
	char dir[64], want[160];
	char *text;
	bool found;

	snprintf(dir, sizeof dir, "/proc/%d", (int)pid);
	snprintf(want, sizeof want, ":%s\n", path);
	text = get_file(dir, "cgroup");
	found = text && strstr(text, want);
	free(text);
	return found;
}

static uint64_t settle(volatile uint64_t *counter)
{
	struct timespec t = {0, 100 * 1000000};

	nanosleep(&t, NULL);
	return *counter;
}

/* What the init does first: a child of a clone3 into the cgroup2
 * directory writes "0" into each v1 `tasks` file opened for it, and is
 * then in the cgroup in every hierarchy (cgroup/self.c). */
struct self_enter {
	int *fds;
	size_t n;
	int report[2];
};

static int enter_itself(void *arg)
{
	struct self_enter *s = arg;
	char ok = 'y';

	for (size_t i = 0; i < s->n; i++)
		if (write(s->fds[i], "0", 1) != 1)
			ok = 'n';
	if (write(s->report[1], &ok, 1) != 1)
		return 1;
	pause();
	return 0;
}

static void test_a_child_enters_its_v1_hierarchies_itself(void **state)
{
	struct cgroup *cg = real_create("self", NULL);
	struct self_enter s = {0};
	struct clone_args args = {.exit_signal = SIGCHLD};
	struct hrun_error err;
	char dir[64], ok = 0;
	char *text;
	pid_t pid;

	need(cgroup_self_placed(cg));
	if (cgroup_self_enter_fds(cg, &s.fds, &s.n, &err) < 0)
		fail_msg("tasks: %s", err.msg);
	assert_int_equal(pipe(s.report), 0);
	if (cgroup_clone_fd(cg) >= 0) {
		args.flags = CLONE_INTO_CGROUP;
		args.cgroup = (uint64_t)cgroup_clone_fd(cg);
	}
	pid = (pid_t)syscall(SYS_clone3, &args, sizeof args);
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(enter_itself(&s));
	if (read(s.report[0], &ok, 1) != 1)
		ok = 0;
	/* every v1 line of /proc/<pid>/cgroup names the container's cgroup,
	 * and the cgroup2 one where the layout has it (not a v1 host whose
	 * cgroup2 is unmounted) */
	snprintf(dir, sizeof dir, "/proc/%d", (int)pid);
	text = get_file(dir, "cgroup");
	kill(pid, SIGKILL);
	wait_status(pid);
	assert_int_equal(ok, 'y');
	assert_non_null(text);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		bool v2_line = strncmp(line, "0::", 3) == 0;
		const char *path = strrchr(line, ':') + 1;

		if ((!v2_line || cgroup_clone_fd(cg) >= 0) && strcmp(path, cgroup_path(cg)) != 0)
			fail_msg("not placed: %s", line);
	}
	free(text);
	cgroup_self_enter_close(s.fds, s.n);
	close(s.report[0]);
	close(s.report[1]);
	real_destroy(cg);
}

static void test_freeze_stops_and_thaw_resumes_a_busy_child(void **state)
{
	struct cgroup *cg = real_create("freeze", NULL);
	volatile uint64_t *counter =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct child c = spawn(busy, (void *)counter);
	struct hrun_error err;
	bool frozen;

	enter(cg, c.pid);
	assert_true(in_cgroup(c.pid, cgroup_path(cg)));
	go(&c);
	assert_true(settle(counter) > 0);
	if (cgroup_freeze(cg, true, &err) < 0)
		fail_msg("freeze: %s", err.msg);
	assert_int_equal(cgroup_is_frozen(cg, &frozen, &err), 0);
	assert_true(frozen);
	assert_saved_frozen(cg, true);
	uint64_t at = settle(counter);
	assert_true(settle(counter) == at);
	if (cgroup_freeze(cg, false, &err) < 0)
		fail_msg("thaw: %s", err.msg);
	assert_int_equal(cgroup_is_frozen(cg, &frozen, &err), 0);
	assert_false(frozen);
	assert_saved_frozen(cg, false);
	assert_true(settle(counter) > at);
	assert_int_equal(cgroup_kill_all(cg, SIGKILL, &err), 0);
	int status = wait_status(c.pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	munmap((void *)counter, 4096);
	real_destroy(cg);
}

static int parent_of_one(void *arg)
{
	if (fork() == 0)
		for (;;)
			pause();
	for (;;)
		pause();
	return 0;
}

static void test_kill_all_reaches_every_process(void **state)
{
	struct cgroup *cg = real_create("killall", NULL);
	struct child c = spawn(parent_of_one, NULL);
	struct hrun_error err;
	pid_t *pids = NULL;
	size_t n = 0;

	enter(cg, c.pid);
	go(&c);
	for (int i = 0; i < 200 && n < 2; i++) {
		free(pids);
		assert_int_equal(cgroup_pids(cg, &pids, &n, &err), 0);
		settle(&(uint64_t){0});
	}
	assert_int_equal(n, 2);
	assert_int_equal(cgroup_kill_all(cg, SIGTERM, &err), 0);
	/* both were ours to reap: the child, and its child through the subreaper */
	for (size_t i = 0; i < 2; i++) {
		int status = wait_status(pids[i]);
		assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	}
	free(pids);
	real_destroy(cg);
}

static int fork_many(void *arg)
{
	int made = 0;

	for (int i = 0; i < 5; i++) {
		pid_t p = fork();
		if (p == 0)
			for (;;)
				pause();
		if (p > 0)
			made++;
	}
	return made;
}

static void test_pids_limit_is_enforced(void **state)
{
	need(has_ctrl(CG_PIDS));
	struct oci_resources res = {.has_pids_limit = 1, .pids_limit = 3};
	struct cgroup *cg = real_create("pidslimit", &res);
	struct child c = spawn(fork_many, NULL);
	struct hrun_error err;

	enter(cg, c.pid);
	go(&c);
	int status = wait_status(c.pid);
	/* the child and two more: three tasks */
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 2);
	pid_t *pids;
	size_t n;
	assert_int_equal(cgroup_pids(cg, &pids, &n, &err), 0);
	assert_int_equal(cgroup_kill_all(cg, SIGKILL, &err), 0);
	for (size_t i = 0; i < n; i++)
		wait_status(pids[i]);
	free(pids);
	real_destroy(cg);
}

static int hog(void *arg)
{
	size_t size = 256 << 20;
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 1;
	for (size_t i = 0; i < size; i += 4096)
		p[i] = 1;
	return 0;
}

static void test_memory_limit_oom_kill_is_reported(void **state)
{
	need(has_ctrl(CG_MEMORY));
	struct oci_memory m = {.has_limit = 1, .limit = 16 << 20};
	struct oci_resources res = {.memory = &m};
	struct cgroup *cg = real_create("oom", &res);
	struct cgroup_oom_watch w;
	struct cgroup_stats st;
	struct hrun_error err;
	const char *dir = dir_of(cg, CG_MEMORY);

	/* no swap to escape into */
	if (cg_exists(dir, v2(cg) ? "memory.swap.max" : "memory.memsw.limit_in_bytes")) {
		m.has_swap = true;
		m.swap = m.limit;
		update(cg, &res);
	}
	if (cgroup_oom_watch(cg, &w, &err) < 0)
		fail_msg("watch: %s", err.msg);
	struct child c = spawn(hog, NULL);
	enter(cg, c.pid);
	go(&c);
	int status = wait_status(c.pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	struct pollfd p = {.fd = w.fd, .events = w.events};
	assert_int_equal(poll(&p, 1, 5000), 1);
	cgroup_oom_watch_ack(&w);
	cgroup_oom_watch_close(&w);
	assert_int_equal(cgroup_stats(cg, &st, &err), 0);
	assert_true(st.has_memory);
	assert_true(st.memory.oom_kill >= 1);
	cgroup_stats_free(&st);
	real_destroy(cg);
}

static int open_disk(void *arg)
{
	int null = open("/dev/null", O_WRONLY);
	int loop = open("/dev/loop0", O_RDONLY);

	/* 0: /dev/null allowed (a default) and the loop device denied */
	return null >= 0 && loop < 0 && errno == EPERM ? 0 : 1;
}

static void test_device_rules_are_enforced(void **state)
{
	struct stat st;
	need(stat("/dev/loop0", &st) == 0 && major(st.st_rdev) == 7);
	need(host.mode == CGROUP_MODE_V2 || has_ctrl(CG_DEVICES));
	struct oci_device_cgroup d[] = {{.allow = false, .access = "rwm"}};
	struct oci_resources res = {.devices = d, .n_devices = 1};
	struct cgroup *cg = real_create("devices", &res);
	struct child c = spawn(open_disk, NULL);

	enter(cg, c.pid);
	go(&c);
	int status = wait_status(c.pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	real_destroy(cg);
}

static void test_saved_cgroup_deletes_the_same_cgroup(void **state)
{
	struct cgroup *cg = real_create("saved", NULL);
	struct hrun_error err;
	char *saved = cgroup_save(cg);
	struct cgroup *again = cgroup_load(saved, &err);

	if (!again)
		fail_msg("load `%s`: %s", saved, err.msg);
	assert_int_equal(cgroup_mode(again), cgroup_mode(cg));
	real_destroy(again);
	for (size_t i = 0; i < cg->layout.n; i++)
		assert_false(access(cg->dirs[i], F_OK) == 0);
	cgroup_free(cg);
	free(saved);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory_limits_create_and_update),
		cmocka_unit_test(test_a_child_enters_its_v1_hierarchies_itself),
		cmocka_unit_test(test_pids_limit_create_and_update),
		cmocka_unit_test(test_cpu_limits_create_and_update),
		cmocka_unit_test(test_cpuset_create_and_update),
		cmocka_unit_test(test_blkio_throttle_create_and_update),
		cmocka_unit_test(test_hybrid_hugetlb_on_cgroup2),
		cmocka_unit_test(test_unified_on_cgroup2),
		cmocka_unit_test(test_missing_controller_fails_and_leaves_nothing),
		cmocka_unit_test(test_freeze_stops_and_thaw_resumes_a_busy_child),
		cmocka_unit_test(test_kill_all_reaches_every_process),
		cmocka_unit_test(test_pids_limit_is_enforced),
		cmocka_unit_test(test_memory_limit_oom_kill_is_reported),
		cmocka_unit_test(test_device_rules_are_enforced),
		cmocka_unit_test(test_saved_cgroup_deletes_the_same_cgroup),
	};
	return cmocka_run_group_tests_name("cgroup_real", tests, setup, teardown);
}
