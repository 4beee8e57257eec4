/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The init's scripts for the replay tests: see test_init_script.h. */
#include "test_init_script.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "container/op.h"
#include "stub_sys.h"

/* as the runtime passes them: no state memfd without hooks, no host mount
 * namespace without plan->host_mount_ns */
static const struct init_fds fds = {
	.sync = SYNC_FD, .start = START_FD, .state = -1, .result = RESULT_FD, .host_mnt = -1, .sealed_exe = -1};
const struct init_fds await_cgroup_fds = {.sync = SYNC_FD,
					  .start = START_FD,
					  .await_cgroup = true,
					  .state = -1,
					  .result = RESULT_FD,
					  .host_mnt = -1, .sealed_exe = -1};

const struct init_fds unprivileged_fds = {.sync = SYNC_FD,
					  .start = START_FD,
					  .state = -1,
					  .result = RESULT_FD,
					  .host_mnt = -1, .sealed_exe = -1,
					  .maps_need_dumpable = true};

/* ---- a fake op: each phase makes one call, named after the phase ---- */

static int fake_valid(const struct op *op, struct hrun_error *err)
{
	return op->flags == 0xbad ? hrun_error_set(err, 0, "bad") : 0;
}

static int fake_phase(struct init_state *st, const char *phase, struct hrun_error *err)
{
	if (st->k->access(phase, 0) < 0)
		return hrun_error_errno(err, "fake %s", phase);
	return 0;
}

static int fake_early(struct op *op, struct init_state *st, struct hrun_error *err)
{
	return fake_phase(st, "early", err);
}

static int fake_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	assert_int_equal(st->sysroot_fd, 10);
	return fake_phase(st, "apply", err);
}

static int fake_late(struct op *op, struct init_state *st, struct hrun_error *err)
{
	return fake_phase(st, "late", err);
}

const struct op_type fake_type = {
	.name = "fake",
	.valid = fake_valid,
	.early = fake_early,
	.apply = fake_apply,
	.late = fake_late,
};

/* ---- plans ---- */

static char *args_true[] = {"true", NULL};
static char *args_sh[] = {"/bin/sh", NULL};
char *env_bin[] = {"PATH=/bin", "HOME=/", NULL};
static gid_t gids[] = {10, 20};
static struct plan_rlimit nofile[] = {{RLIMIT_NOFILE, {1024, 4096}}};
static struct plan_ns_join ipc_join[] = {{CLONE_NEWIPC, "/run/ipcns/x"}};

/* Everything the init can do, once. */
static struct op full_ops[1];
struct plan full_plan(void)
{
	full_ops[0] = (struct op){.type = &fake_type};
	return (struct plan){
		.rootfs = "/bundle/rootfs",
		.ops = full_ops,
		.n_ops = 1,
		.process =
			{
				.args = args_true,
				.env = env_bin,
				.cwd = "/work",
				.uid = 1000,
				.gid = 1000,
				.additional_gids = gids,
				.n_additional_gids = 2,
				.has_umask = true,
				.umask = 027,
				.caps = {.bounding = 0x401,
					 .effective = 0x401,
					 .permitted = 0x401,
					 .inheritable = 0x400,
					 .ambient = 0x400},
				.no_new_privileges = true,
				.rlimits = nofile,
				.n_rlimits = 1,
				.has_oom_score_adj = true,
				.oom_score_adj = 100,
			},
		.clone_flags =
			CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP,
		.joins = ipc_join,
		.n_joins = 1,
		.hostname = "box",
		.domainname = "example.org",
		.loopback = true,
		.adopt_wait_ms = 500,
	};
}

/* As little as the init allows: root in the runtime's user namespace. */
struct plan minimal_plan(void)
{
	return (struct plan){
		.rootfs = "/r",
		.process = {.args = args_sh,
			    .env = env_bin,
			    .cwd = "/",
			    .caps = {.bounding = 0x2, .permitted = 0x2, .ambient = 0x2}},
		.clone_flags = CLONE_NEWNS | CLONE_NEWPID,
		.adopt_wait_ms = 500,
	};
}

static struct {
	struct plan *plan;
	const struct init_fds *fds;
} run_args;

static void run_init(void *unused)
{
	init_main(&stub_sys, run_args.plan, run_args.fds);
}

int replay_fds(struct plan *p, const struct init_fds *f)
{
	run_args.plan = p;
	run_args.fds = f;
	return stub_sys_run(run_init, NULL);
}

int replay(struct plan *p)
{
	return replay_fds(p, &fds);
}

/* ---- listing the script: calls, and where the init may fail ---- */

static struct {
	int fail_at;	/* the fallible call made to fail (EINVAL), -1: none */
	int fallible;	/* fallible calls listed so far */
	bool failed;	/* the failure is listed; the report comes next */
	bool done;	/* the report is listed: nothing more */
	char what[512]; /* the SYNC_ERROR text of the failure */
	int report_fd;	/* where it goes: the sync socket, the start result after start */
} b;

void list_begin(int fail_at)
{
	stub_sys_reset();
	memset(&b, 0, sizeof b);
	b.fail_at = fail_at;
	b.report_fd = SYNC_FD;
	list_rootfs_nodev = false;
	list_sealed_exe = -1;
}

static void list_report(void)
{
	if (b.report_fd == SYNC_FD)
		stub_sys_expect_sync_send(b.report_fd, SYNC_ERROR, EINVAL, b.what);
	else
		stub_sys_expect_sync_write(b.report_fd, SYNC_ERROR, EINVAL, b.what);
	stub_sys_expect("exit", 0, 0, "1");
	b.done = true;
}

static void vcall(const char *name, long ret, const char *fail, const void *data, size_t len,
		  const char *fmt, va_list ap)
{
	char *args;

	if (b.failed && !b.done && fail != ALWAYS)
		list_report();
	if (b.done)
		return;
	assert_true(vasprintf(&args, fmt, ap) >= 0);
	if (fail && fail != ALWAYS && b.fallible++ == b.fail_at) {
		stub_sys_expect(name, -1, EINVAL, "%s", args);
		snprintf(b.what, sizeof b.what, "%s: Invalid argument", fail);
		b.failed = true;
	} else if (data) {
		stub_sys_expect_data(name, ret, 0, data, len, "%s", args);
	} else {
		stub_sys_expect(name, ret, 0, "%s", args);
	}
	free(args);
}

void call(const char *name, long ret, const char *fail, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcall(name, ret, fail, NULL, 0, fmt, ap);
	va_end(ap);
}

void call_data(const char *name, long ret, const char *fail, const void *data, size_t len,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcall(name, ret, fail, data, len, fmt, ap);
	va_end(ap);
}

void list_end(void)
{
	if (b.failed && !b.done)
		list_report();
}

int list_fallible(void)
{
	return b.fallible;
}

bool list_failed(void)
{
	return b.done;
}

const char *list_failure(void)
{
	return b.what;
}

const struct stat regular_0755 = {.st_mode = S_IFREG | 0755};
const struct stat regular_0644 = {.st_mode = S_IFREG | 0644};
const struct stat directory = {.st_mode = S_IFDIR | 0755};

void list_exec_found(const char *path)
{
	call_data("stat", 0, NULL, &regular_0755, sizeof regular_0755, "\"%s\"", path);
	call("access", 0, NULL, "\"%s\", 1", path);
}

bool list_rootfs_nodev;
int list_sealed_exe = -1;

static void list_sealed_exe_kept(void)
{
	call("open", SEALED_EXE_PLACE_FD, "cannot make a place for hrun's sealed binary",
	     "\"exe\", 0x%x, 0400", O_CREAT | O_EXCL | O_RDONLY | O_CLOEXEC);
	call("attach_mount", 0, "cannot keep hrun's sealed binary: attach_mount", "%d, %d", list_sealed_exe,
	     SEALED_EXE_PLACE_FD);
	call("close", 0, ALWAYS, "%d", SEALED_EXE_PLACE_FD);
	call("close", 0, ALWAYS, "%d", list_sealed_exe);
}

static void list_intermediate(const char *rootfs)
{
	call("mount", 0, "cannot mount intermediate root",
	     "\"rootfs\", \"/proc/self/fd\", \"tmpfs\", 0x6, NULL");
	call("chdir", 0, "cannot enter intermediate root", "\"/proc/self/fd\"");
	if (list_sealed_exe >= 0)
		list_sealed_exe_kept();
	call("mkdir", 0, "cannot create sysroot", "\"sysroot\", 0755");
	char bind_fail[256];

	snprintf(bind_fail, sizeof bind_fail, "cannot bind rootfs `%s` on sysroot", rootfs);
	call("mount", 0, bind_fail, "\"%s\", \"sysroot\", NULL, 0x5000, NULL", rootfs);
	call("mkdir", 0, "cannot create host", "\"host\", 0755");
	call("pivot_root", 0, "cannot pivot into intermediate root", "\"/proc/self/fd\", \"host\"");
	call("chdir", 0, "cannot enter intermediate root", "\"/\"");
	call("open", 10, "cannot open sysroot", "\"/sysroot\", 0x%x, 00",
	     O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (list_rootfs_nodev) {
		char nodev_fail[256];

		snprintf(nodev_fail, sizeof nodev_fail, "cannot make rootfs `%s` nodev", rootfs);
		call("mount_setattr_tree", 0, nodev_fail, "10, 0x4, 0x0");
	}
}

/* pivot_to(): into `dir` from the old root `old` (fd 11) */
static void list_pivot_to(const char *dir, const char *name, const char *old, bool old_is_host)
{
	char fail[6][128];

	snprintf(fail[0], sizeof fail[0], "cannot open %s", old);
	snprintf(fail[1], sizeof fail[1], "cannot enter %s", name);
	snprintf(fail[2], sizeof fail[2], "cannot pivot into %s", name);
	snprintf(fail[3], sizeof fail[3], "cannot re-enter %s", old);
	snprintf(fail[4], sizeof fail[4], "cannot unmount %s", old);
	snprintf(fail[5], sizeof fail[5], "cannot close %s", old);
	call("open", 11, fail[0], "\"/\", 0x%x, 00", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	call("chdir", 0, fail[1], "\"%s\"", dir);
	call("pivot_root", 0, fail[2], "\".\", \".\"");
	call("fchdir", 0, fail[3], "11");
	if (old_is_host)
		call("mount", 0, "cannot make host root rprivate",
		     "NULL, \".\", NULL, 0x44000, NULL");
	call("umount2", 0, fail[4], "\".\", 0x2");
	call("chdir", 0, "cannot enter root", "\"/\"");
	call("close", 0, fail[5], "11");
}

void list_pivots(const char *rootfs, void (*apply)(void))
{
	list_intermediate(rootfs);
	if (apply)
		apply();
	call("close", 0, NULL, "10");
	call("mount", 0, "cannot make host root rprivate", "NULL, \"/host\", NULL, 0x44000, NULL");
	list_pivot_to("/sysroot", "sysroot", "intermediate root", false);
}

void list_pivots_via_host(const char *rootfs, void (*apply)(void), void (*at_host)(void))
{
	char fail[2][256];

	snprintf(fail[0], sizeof fail[0], "cannot move the container's root onto `%s`", rootfs);
	snprintf(fail[1], sizeof fail[1], "cannot enter rootfs `%s`", rootfs);
	list_intermediate(rootfs);
	if (apply)
		apply();
	call("mount", 0, fail[0], "\"/sysroot\", \"/host%s\", NULL, 0x2000, NULL", rootfs);
	list_pivot_to("/host", "host root", "intermediate root", false);
	call("chdir", 0, fail[1], "\"%s\"", rootfs);
	if (at_host)
		at_host();
	call("close", 0, NULL, "10");
	list_pivot_to(rootfs, "rootfs", "host root", true);
}

static void list_fake_apply(void)
{
	call("access", 0, "apply op 0 (fake): fake apply", "\"apply\", 0");
}

static void list_full_identity(void);

/* The full plan up to SYNC_CREATED: identity is part of create, as runc. */
void list_full_create(void)
{
	static const struct sync_msg placed = {.type = SYNC_CGROUP_DONE};
	static const struct sync_msg done = {.type = SYNC_USERNS_DONE};

	call_data("read", sizeof placed, "cannot receive SYNC_CGROUP_DONE", &placed, sizeof placed,
		  "%d, %zu", SYNC_FD, sizeof placed);
	call("unshare", 0, "cannot create the cgroup namespace", "0x%x", CLONE_NEWCGROUP);
	list_opening(true);
	call("getpid", 1, NULL, "%s", "");
	call("open", 9, "join ipc namespace `/run/ipcns/x`", "\"/run/ipcns/x\", 0x%x, 00",
	     O_RDONLY | O_CLOEXEC);
	call("setns", 0, "join ipc namespace `/run/ipcns/x`", "9, 0x%x", CLONE_NEWIPC);
	call("close", 0, ALWAYS, "9");
	call("send", sizeof(struct sync_msg), "cannot send SYNC_USERNS", "%d, SYNC_USERNS, 0, \"\"",
	     SYNC_FD);
	call_data("read", sizeof done, "cannot receive SYNC_USERNS_DONE", &done, sizeof done,
		  "%d, %zu", SYNC_FD, sizeof done);
	call("set_dumpable", 0, "cannot set SUID_DUMP_DISABLE", "0");
	call("setresgid", 0, "cannot become gid 0 in the user namespace", "0, 0, 0");
	call("setresuid", 0, "cannot become uid 0 in the user namespace", "0, 0, 0");
	call("set_dumpable", 0, "cannot set SUID_DUMP_DISABLE", "0");
	call("loopback_up", 0, "loopback_up", "%s", "");
	call("umask", 022, NULL, "0000");
	call("sethostname", 0, "cannot set hostname `box`", "\"box\"");
	call("setdomainname", 0, "cannot set domainname `example.org`", "\"example.org\"");
	call("cap_last_cap", 40, "cannot ask the kernel for its last capability", "%s", "");
	call("mount", 0, "cannot make / rslave", "NULL, \"/\", NULL, 0x84000, NULL");
	call("access", 0, "early op 0 (fake): fake early", "\"early\", 0");
	list_pivots("/bundle/rootfs", list_fake_apply);
	list_cwd("/work", "chdir to cwd (\"/work\") set in config.json failed");
	list_exec_found("/bin/true");
	list_full_identity();
	call("signalfd_all", SFD, "cannot block signals", "%s", "");
	call("send", sizeof(struct sync_msg), "cannot send SYNC_CREATED",
	     "%d, SYNC_CREATED, 0, \"\"", SYNC_FD);
}

static void list_start_reporting_to(int report_fd)
{
	call("wait_start", 0, NULL, "%d, %d", START_FD, SFD);
	call("close", 0, NULL, "%d", START_FD);
	call("close", 0, NULL, "%d", SYNC_FD);
	b.report_fd = report_fd;
}

void list_start(void)
{
	list_start_reporting_to(RESULT_FD);
}

void list_start_without_result(void)
{
	list_start_reporting_to(-1);
}

/* Step 13 of the full plan, with cap_last_cap 40. */
static void list_full_identity(void)
{
	call("setrlimit", 0, "cannot set RLIMIT_NOFILE", "%d, 1024, 4096", RLIMIT_NOFILE);
	for (int cap = 1; cap <= 40; cap++)
		if (cap != 10)
			call("cap_bset_drop", 0,
			     cap == 1 ? "cannot drop capability 1 from the bounding set" : NULL,
			     "%d", cap);
	call("setgroups", 0, "cannot set additional gids", "[10, 20]");
	call("setresgid", 0, "cannot set gid 1000", "1000, 1000, 1000");
	call("set_keepcaps", 0, "cannot set keepcaps", "1");
	call("setresuid", 0, "cannot set uid 1000", "1000, 1000, 1000");
	call("set_keepcaps", 0, "cannot clear keepcaps", "0");
	call("capset", 0, "cannot set capabilities", "0x401, 0x401, 0x400");
	call("cap_ambient_clear", 0, "cannot clear the ambient capability set", "%s", "");
	call("cap_ambient_raise", 0, "cannot raise ambient capability 10", "10");
	call("set_no_new_privs", 0, "cannot set no_new_privileges", "%s", "");
	call("set_dumpable", 0, "cannot set SUID_DUMP_DISABLE after the identity", "0");
	call("umask", 0, NULL, "0027");
}

void list_cwd(const char *cwd, const char *fail)
{
	call("open", CWD_ROOT_FD, fail, "\"/\", 0x%x, 00", O_PATH | O_DIRECTORY | O_CLOEXEC);
	call("target_open", CWD_FD, fail, "%d, \"%s\", 00", CWD_ROOT_FD, cwd);
	call("close", 0, ALWAYS, "%d", CWD_ROOT_FD);
	call("fchdir", 0, fail, "%d", CWD_FD);
	call("close", 0, ALWAYS, "%d", CWD_FD);
}

void list_spawn(const char *path, const char *argv_list)
{
	call("spawn_workload", PID, "spawn_workload", "\"%s\", %s", path, argv_list);
}

void list_started(void)
{
	/* best effort: the workload runs whether or not `start` listens */
	call("write", sizeof(struct sync_msg), NULL, "%d, SYNC_STARTED, 0, \"\"", RESULT_FD);
	call("close", 0, NULL, "%d", RESULT_FD);
}

void list_full(void)
{
	list_full_create();
	list_start();
	call("access", 0, "late op 0 (fake): fake late", "\"late\", 0");
	list_spawn("/bin/true", "[\"true\"]");
	list_started();
	list_end();
}

void list_dumpable_for_the_maps(void)
{
	static const struct sync_msg done = {.type = SYNC_USERNS_DONE};

	list_opening(false);
	call("getpid", 1, NULL, "%s", "");
	call("set_dumpable", 0, NULL, "1");
	call("send", sizeof(struct sync_msg), NULL, "%d, SYNC_USERNS, 0, \"\"", SYNC_FD);
	call_data("read", sizeof done, NULL, &done, sizeof done, "%d, %zu", SYNC_FD, sizeof done);
}

/* An unprivileged runtime's init refused gid 0 after the maps: the
 * script's end, where the dumpable-window tests stop. */
void list_refused_ns_gid(void)
{
	stub_sys_expect("setresgid", -1, EPERM, "0, 0, 0");
	stub_sys_expect_sync_send(
		SYNC_FD, SYNC_ERROR, EPERM,
		"cannot become gid 0 in the user namespace: Operation not permitted");
	expect_exit(1);
}

/* The minimal plan's first steps as `pid`, with cap_last_cap 2. */
void list_opening(bool fallible)
{
	call("set_proc_title", 0, fallible ? "cannot name the init `hrun-init`" : NULL,
	     "\"hrun-init\"");
	call("setsid", 1, fallible ? "cannot make the init a session leader" : NULL, "%s", "");
}

void list_minimal_basics(pid_t pid)
{
	list_opening(true);
	call("getpid", pid, NULL, "%s", "");
	if (pid != 1) {
		call("set_child_subreaper", 0, NULL, "%s", "");
		call("open_own_proc", PROC_FD, NULL, "%s", "");
	}
	call("set_dumpable", 0, NULL, "0");
	call("umask", 022, NULL, "0000");
	call("cap_last_cap", 2, NULL, "%s", "");
}

void list_minimal_setup(void)
{
	list_minimal_setup_as(1);
}

void list_minimal_setup_as(pid_t pid)
{
	list_minimal_basics(pid);
	call("mount", 0, NULL, "NULL, \"/\", NULL, 0x84000, NULL");
}

static void list_minimal_to_cwd_as(pid_t pid)
{
	list_minimal_setup_as(pid);
	list_pivots("/r", NULL);
	list_cwd("/", NULL);
}

void list_minimal_to_cwd(void)
{
	list_minimal_to_cwd_as(1);
}

void list_created(void)
{
	call("signalfd_all", SFD, NULL, "%s", "");
	call("send", sizeof(struct sync_msg), NULL, "%d, SYNC_CREATED, 0, \"\"", SYNC_FD);
}

static void list_minimal_bset(void)
{
	call("cap_bset_drop", 0, NULL, "0");
	call("cap_bset_drop", 0, NULL, "2");
}

void list_minimal_created(void)
{
	list_minimal_bset();
	list_minimal_identity();
	list_created();
}

void list_created_then_abandoned(void)
{
	list_exec_found("/bin/sh");
	list_minimal_created();
	list_end();
	if (list_failed())
		return;
	stub_sys_expect("wait_start", -1, 0, "%d, %d", START_FD, SFD);
	expect_exit(1);
}

/* The minimal plan through the bounding set (drops 0 and 2). */
void list_minimal_to_ids(void)
{
	list_minimal_to_cwd();
	list_exec_found("/bin/sh");
	list_minimal_bset();
}

void list_minimal_identity(void)
{
	call("setgroups", 0, NULL, "[]");
	call("setresgid", 0, NULL, "0, 0, 0");
	call("set_keepcaps", 0, NULL, "1");
	call("setresuid", 0, NULL, "0, 0, 0");
	call("set_keepcaps", 0, NULL, "0");
	call("capset", 0, NULL, "0x0, 0x2, 0x0");
	call("cap_ambient_clear", 0, NULL, "%s", "");
	call("set_dumpable", 0, NULL, "0");
	call("umask", 0, NULL, "0022");
}

void list_minimal_to_spawn(void)
{
	list_minimal_to_spawn_as(1);
}

void list_minimal_to_spawn_as(pid_t pid)
{
	list_minimal_to_cwd_as(pid);
	list_exec_found("/bin/sh");
	list_minimal_bset();
	list_minimal_identity();
	list_created();
	list_start();
	list_spawn("/bin/sh", "[\"/bin/sh\"]");
	list_started();
}

void expect_exit(int status)
{
	stub_sys_expect("exit", 0, 0, "%d", status);
}
