/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The real dispatcher's composite helpers against the real kernel, in
 * temporary directories and, where they change the process, in forked
 * children with their own namespaces (root needed: skipped otherwise). */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "child_helpers.h"
#include "sys_tree.h"
#include "container/sys.h"
#include "container/sys_internal.h"
#include "oci/spec.h"
#include "plan/plan.h"
#include "util/error.h"

static void assert_same_file(int fd, const char *path)
{
	struct stat a, b;

	assert_int_equal(fstat(fd, &a), 0);
	assert_int_equal(stat(path, &b), 0);
	assert_true(a.st_dev == b.st_dev && a.st_ino == b.st_ino);
}

/* ---- target_open, on both paths ---- */

typedef int target_open_fn(int rootfd, const char *path, mode_t type, struct hrun_error *err);

static void check_stays_inside(struct tree *t, target_open_fn *open_fn)
{
	static const char *const paths[] = {
		"/abs/passwd", "/up/passwd",	"/../../../etc/passwd",
		"etc/passwd",  "/chain/passwd", "/abs/../abs/./passwd",
	};
	char inside[256];
	struct hrun_error err = {0};

	path_in(inside, sizeof inside, t->root, "etc/passwd");
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		int fd = open_fn(t->rootfd, paths[i], 0, &err);

		if (fd < 0)
			fail_msg("%s: %s", paths[i], err.msg);
		assert_same_file(fd, inside);
		close(fd);
	}
}

static void check_errors(struct tree *t, target_open_fn *open_fn)
{
	struct hrun_error err = {0};

	assert_int_equal(open_fn(t->rootfd, "/loop1", 0, &err), -1);
	assert_int_equal(err.code, ELOOP);
	assert_int_equal(open_fn(t->rootfd, "/loop1/x", S_IFDIR, &err), -1);
	assert_int_equal(err.code, ELOOP);
	assert_int_equal(open_fn(t->rootfd, "/etc/passwd/x", 0, &err), -1);
	assert_int_equal(err.code, ENOTDIR);
	assert_int_equal(open_fn(t->rootfd, "/nothing", 0, &err), -1);
	assert_int_equal(err.code, ENOENT);
	assert_string_equal(err.msg,
			    "open `/nothing` in the container root: No such file or directory");
}

static void check_creates(struct tree *t, target_open_fn *open_fn, const char *tag)
{
	char rel[64], p[256];
	struct hrun_error err = {0};
	struct stat st;

	snprintf(rel, sizeof rel, "/new-%s/dir/leaf", tag);
	int fd = open_fn(t->rootfd, rel, S_IFDIR, &err);

	assert_true(fd >= 0);
	close(fd);
	path_in(p, sizeof p, t->root, rel + 1);
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0755);

	snprintf(rel, sizeof rel, "/abs/file-%s", tag);
	fd = open_fn(t->rootfd, rel, S_IFREG, &err);
	assert_true(fd >= 0);
	close(fd);
	path_in(p, sizeof p, t->root, "etc");
	snprintf(p + strlen(p), sizeof p - strlen(p), "/file-%s", tag);
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	snprintf(p, sizeof p, "/etc/file-%s", tag);
	assert_int_equal(access(p, F_OK), -1); /* never on the host */
}

/* Through a symlink whose target is missing, nothing is created. */
static void check_no_create_through_dangling(struct tree *t, target_open_fn *open_fn)
{
	char p[256];
	struct hrun_error err = {0};

	assert_int_equal(open_fn(t->rootfd, "/dangling", S_IFREG, &err), -1);
	assert_int_equal(err.code, ENOENT);
	path_in(p, sizeof p, t->root, "missing");
	assert_int_equal(access(p, F_OK), -1);
	assert_int_equal(open_fn(t->rootfd, "/absent/x", 0, &err), -1);
	path_in(p, sizeof p, t->root, "absent");
	assert_int_equal(access(p, F_OK), -1);
}

static void test_target_open_openat2_never_leaves_the_root(void **state)
{
	check_stays_inside(*state, direct_target_open);
	check_errors(*state, direct_target_open);
}

static void test_target_open_walk_never_leaves_the_root(void **state)
{
	check_stays_inside(*state, direct_target_open_walk);
	check_errors(*state, direct_target_open_walk);
}

/* /proc, /sys, /dev: the same paths, but a symlink anywhere is refused;
 * what is missing is made (never through a symlink) and opened. */
static void test_target_open_exact_refuses_any_symlink(void **state)
{
	static const char *const through_links[] = {"/abs/passwd", "/chain/passwd"};
	struct tree *t = *state;
	struct hrun_error err = {0};
	char inside[256];
	int fd;

	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(direct_target_open_exact(t->rootfd, through_links[i], 0, &err),
				 -1);
		assert_int_equal(err.code, ELOOP);
	}
	assert_string_equal(err.msg, "`/chain/passwd` in the container root is reached through a "
				     "symbolic link, refused");
	assert_int_equal(direct_target_open_exact(t->rootfd, "/abs/made", S_IFDIR, &err), -1);
	assert_int_equal(err.code, ELOOP);
	fd = direct_target_open_exact(t->rootfd, "/etc/passwd", 0, &err);
	path_in(inside, sizeof inside, t->root, "etc/passwd");
	assert_same_file(fd, inside);
	close(fd);
	fd = direct_target_open_exact(t->rootfd, "/exact/dir", S_IFDIR, &err);
	assert_true(fd >= 0);
	close(fd);
	/* its parent there now: made in it, and opened exactly */
	fd = direct_target_open_exact(t->rootfd, "/exact/dir/sub", S_IFDIR, &err);
	path_in(inside, sizeof inside, t->root, "exact/dir/sub");
	assert_same_file(fd, inside);
	close(fd);
}

static void test_target_open_openat2_creates_inside(void **state)
{
	check_creates(*state, direct_target_open, "openat2");
	check_no_create_through_dangling(*state, direct_target_open);
}

static void test_target_open_walk_creates_inside(void **state)
{
	check_creates(*state, direct_target_open_walk, "walk");
	check_no_create_through_dangling(*state, direct_target_open_walk);
}

static void test_target_open_root_itself(void **state)
{
	struct tree *t = *state;
	struct hrun_error err = {0};
	target_open_fn *fns[] = {direct_target_open, direct_target_open_walk};

	for (int i = 0; i < 2; i++) {
		int fd = fns[i](t->rootfd, "/", 0, &err);

		assert_true(fd >= 0);
		assert_same_file(fd, t->root);
		close(fd);
	}
}

/* ---- loopback ---- */

static int lo_flags(void)
{
	struct ifreq ifr = {.ifr_name = "lo"};
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int r = s < 0 ? -1 : ioctl(s, SIOCGIFFLAGS, &ifr);

	if (s >= 0)
		close(s);
	return r < 0 ? -1 : ifr.ifr_flags;
}

static int loopback_child(void *arg)
{
	struct hrun_error err = {0};

	CHILD_CHECK(unshare(CLONE_NEWNET) == 0);
	CHILD_CHECK(lo_flags() >= 0 && !(lo_flags() & IFF_UP));
	if (direct_loopback_up(&err) < 0) {
		fprintf(stderr, "child: %s\n", err.msg);
		return 1;
	}
	CHILD_CHECK(lo_flags() & IFF_UP);
	return 0;
}

static void test_loopback_up_in_a_new_netns(void **state)
{
	need_root();
	assert_int_equal(in_child(loopback_child, NULL), 0);
}

/* ---- spawn_workload ---- */

struct spawn_case {
	char **args;
	int preserve_fds;
};

/* fd 3 (CLOEXEC, preserved when asked) and fd 50 (not CLOEXEC, never
 * passed); SIGUSR1 ignored and SIGTERM blocked, as the init may have them. */
static int spawn_child(void *arg)
{
	const struct spawn_case *c = arg;
	struct plan_process proc = {
		.args = c->args, .env = (char *[]){NULL}, .preserve_fds = c->preserve_fds};
	struct hrun_error err = {0};
	sigset_t term;
	int status;

	int fd = open("/dev/null", O_RDONLY);

	CHILD_CHECK(fd >= 0 && dup3(fd, 3, O_CLOEXEC) == 3 && dup2(fd, 50) == 50);
	signal(SIGUSR1, SIG_IGN);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, NULL);
	pid_t pid = direct_spawn_workload(c->args[0], &proc, &err);

	CHILD_CHECK(pid > 0);
	CHILD_CHECK(waitpid(pid, &status, 0) == pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void test_spawn_closes_fds_except_preserved(void **state)
{
	static char *check[] = {
		"/bin/sh", "-c",
		"[ -e /proc/self/fd/50 ] && exit 3; [ -e /proc/self/fd/3 ] || exit 4; exit 0",
		NULL};
	static char *closed[] = {"/bin/sh", "-c", "[ -e /proc/self/fd/3 ] && exit 5; exit 0", NULL};

	assert_int_equal(in_child(spawn_child, &(struct spawn_case){check, 1}), 0);
	assert_int_equal(in_child(spawn_child, &(struct spawn_case){closed, 0}), 0);
}

static void test_spawn_resets_signals(void **state)
{
	static char *usr1[] = {"/bin/sh", "-c", "kill -USR1 $$; sleep 1; exit 0", NULL};

	assert_int_equal(in_child(spawn_child, &(struct spawn_case){usr1, 0}), 128 + SIGUSR1);
}

/* spawn returns once the workload has exec'd; a failed exec is its error. */
static int spawn_missing_child(void *arg)
{
	static char *missing[] = {"/nonexistent/workload", NULL};
	struct plan_process proc = {.args = missing, .env = (char *[]){NULL}};
	struct hrun_error err = {0};

	CHILD_CHECK(direct_spawn_workload(missing[0], &proc, &err) == -1);
	CHILD_CHECK(strcmp(err.msg, "cannot start the workload `/nonexistent/workload`: "
				    "No such file or directory") == 0);
	CHILD_CHECK(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD);
	return 0;
}

static void test_spawn_reports_a_failed_exec(void **state)
{
	assert_int_equal(in_child(spawn_missing_child, NULL), 0);
}

/* ---- signals ---- */

static int signal_child(void *arg)
{
	int sfd = direct_signalfd_all();

	CHILD_CHECK(sfd >= 0);
	CHILD_CHECK(direct_signal_wait(sfd, 0) == 0);
	CHILD_CHECK(kill(getpid(), SIGUSR1) == 0);
	CHILD_CHECK(kill(getpid(), SIGTERM) == 0);
	CHILD_CHECK(direct_signal_wait(sfd, 1000) == SIGUSR1);
	CHILD_CHECK(direct_signal_wait(sfd, 1000) == SIGTERM);
	int64_t t0 = direct_now_ms();

	CHILD_CHECK(direct_signal_wait(sfd, 50) == 0);
	CHILD_CHECK(direct_now_ms() - t0 >= 40);
	return 0;
}

static void test_signalfd_catches_signals_and_times_out(void **state)
{
	assert_int_equal(in_child(signal_child, NULL), 0);
}

/* The start byte and a signal both there: the byte wins and the signal
 * stays queued; a signal alone is returned; a closed start FIFO is -1. */
static int wait_start_child(void *arg)
{
	int sfd = direct_signalfd_all();
	int p[2];

	CHILD_CHECK(sfd >= 0 && pipe(p) == 0);
	CHILD_CHECK(kill(getpid(), SIGTERM) == 0);
	CHILD_CHECK(direct_wait_start(p[0], sfd) == SIGTERM);
	CHILD_CHECK(kill(getpid(), SIGTERM) == 0);
	CHILD_CHECK(write(p[1], "0", 1) == 1);
	CHILD_CHECK(direct_wait_start(p[0], sfd) == 0);
	CHILD_CHECK(direct_signal_wait(sfd, 0) == SIGTERM);
	close(p[1]);
	CHILD_CHECK(direct_wait_start(p[0], sfd) == -1);
	return 0;
}

static void test_wait_start_prefers_the_byte_to_a_signal(void **state)
{
	assert_int_equal(in_child(wait_start_child, NULL), 0);
}

/* ---- capabilities ---- */

static int capset_child(void *arg)
{
	struct plan_caps caps = {.effective = 1, .permitted = 1 | (1 << 10)};
	cap_t now;
	char *text;

	CHILD_CHECK(direct_capset(&caps) == 0);
	CHILD_CHECK((now = cap_get_proc()) != NULL);
	CHILD_CHECK((text = cap_to_text(now, NULL)) != NULL);
	if (strcmp(text, "cap_chown=ep cap_net_bind_service+p") != 0) {
		fprintf(stderr, "child: caps are %s\n", text);
		return 1;
	}
	cap_free(text);
	cap_free(now);
	return 0;
}

static void test_capset_sets_exactly_the_asked_sets(void **state)
{
	need_root();
	assert_int_equal(in_child(capset_child, NULL), 0);
}

/* The kernel's answer (prctl), the same number the host's /proc shows. */
static void test_cap_last_cap_reads_the_kernel(void **state)
{
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
	int last = -1;

	assert_non_null(f);
	assert_int_equal(fscanf(f, "%d", &last), 1);
	fclose(f);
	assert_true(last >= 40);
	assert_int_equal(direct_cap_last_cap(), last);
}

/* ---- the small entries ---- */

static void test_write_file_writes_once(void **state)
{
	struct tree *t = *state;
	char p[256], buf[16] = {0};

	path_in(p, sizeof p, t->dir, "w");
	make_file(t->dir, "w");
	assert_int_equal(sys_direct.write_file(p, "hello", 5), 0);
	int fd = open(p, O_RDONLY | O_CLOEXEC);

	assert_int_equal(read(fd, buf, sizeof buf), 5);
	close(fd);
	assert_string_equal(buf, "hello");
	path_in(p, sizeof p, t->dir, "absent/w");
	assert_int_equal(sys_direct.write_file(p, "x", 1), -1);
	assert_int_equal(errno, ENOENT);
}

static void test_send_to_a_closed_socket_is_epipe_not_sigpipe(void **state)
{
	int sv[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
	close(sv[1]);
	assert_int_equal(sys_direct.send(sv[0], "x", 1), -1);
	assert_int_equal(errno, EPIPE);
	close(sv[0]);
}

/* ---- the console ---- */

static int open_master(void)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);

	assert_true(master >= 0);
	return master;
}

static void test_pty_peer_is_the_masters_peer_and_takes_its_size(void **state)
{
	int master = open_master(), peer = direct_pty_peer(master);
	struct winsize ws;
	char c = 0;

	assert_true(peer >= 0);
	assert_int_equal(write(peer, "x", 1), 1);
	assert_int_equal(read(master, &c, 1), 1);
	assert_int_equal(c, 'x');
	assert_int_equal(direct_set_winsize(master, 24, 80), 0);
	assert_int_equal(ioctl(peer, TIOCGWINSZ, &ws), 0);
	assert_int_equal(ws.ws_row, 24);
	assert_int_equal(ws.ws_col, 80);
	assert_int_equal(direct_set_winsize(master, 70000, 80), -1);
	assert_int_equal(errno, EINVAL);
	assert_true(fcntl(peer, F_GETFD) & FD_CLOEXEC);
	close(peer);
	close(master);
}

static void test_send_fd_passes_exactly_one_fd(void **state)
{
	char buf[8], control[CMSG_SPACE(2 * sizeof(int))];
	struct iovec iov = {.iov_base = buf, .iov_len = sizeof buf};
	struct msghdr msg = {.msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = control,
			     .msg_controllen = sizeof control};
	struct stat sent, got;
	int sv[2], fd, master = open_master();

	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
	assert_int_equal(direct_send_fd(sv[0], "msg", 3, master), 3);
	assert_int_equal(recvmsg(sv[1], &msg, MSG_CMSG_CLOEXEC), 3);
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	assert_non_null(cm);
	assert_int_equal(cm->cmsg_type, SCM_RIGHTS);
	assert_int_equal(cm->cmsg_len, CMSG_LEN(sizeof(int)));
	assert_null(CMSG_NXTHDR(&msg, cm));
	memcpy(&fd, CMSG_DATA(cm), sizeof fd);
	assert_int_equal(fstat(master, &sent), 0);
	assert_int_equal(fstat(fd, &got), 0);
	assert_int_equal(sent.st_ino, got.st_ino);
	close(fd);
	close(master);
	close(sv[0]);
	close(sv[1]);
	/* a closed peer is EPIPE, never SIGPIPE */
	assert_int_equal(direct_send_fd(sv[0], "x", 1, 0), -1);
}

/* The workload leads its own session with the console (the init's
 * stdio) as its controlling terminal. */
static int terminal_child(void *arg)
{
	static char *check[] = {"/bin/sh", "-c",
				"read pid comm st ppid pgrp sid tty rest </proc/self/stat; "
				"[ \"$sid\" = \"$$\" ] && [ \"$tty\" != 0 ] && [ -t 0 ]",
				NULL};
	struct plan_process proc = {.args = check, .env = (char *[]){NULL}, .terminal = true};
	struct hrun_error err = {0};
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC), peer, status;

	CHILD_CHECK(master >= 0 && (peer = direct_pty_peer(master)) >= 0);
	for (int fd = 0; fd < 3; fd++)
		CHILD_CHECK(dup2(peer, fd) == fd);
	pid_t pid = direct_spawn_workload(check[0], &proc, &err);

	CHILD_CHECK(pid > 0);
	CHILD_CHECK(waitpid(pid, &status, 0) == pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void test_spawn_with_terminal_takes_the_console(void **state)
{
	assert_int_equal(in_child(terminal_child, NULL), 0);
}

/* ---- hooks ---- */

static int state_memfd(const char *json)
{
	int fd = memfd_create("state", MFD_CLOEXEC);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, json, strlen(json)), (ssize_t)strlen(json));
	return fd;
}

static void test_run_hook_gets_state_args_env_each_time(void **state)
{
	struct tree *t = *state;
	char out[256], cmd[1024], buf[128] = {0};
	struct hrun_error err = {0};
	int fd = state_memfd("{\"id\":\"x\"}");

	path_in(out, sizeof out, t->dir, "hook.out");
	snprintf(cmd, sizeof cmd, "cat >>%s; echo \" $0 $X\" >>%s", out, out);
	/* $0 is the word after the script */
	struct oci_hook hook = {.path = "/bin/sh",
				.args = (char *[]){"sh", "-c", cmd, "hook-name", NULL},
				.env = (char *[]){"X=1", NULL}};

	need_root(); /* the second run chroots, to "/" */
	assert_int_equal(direct_run_hook(&hook, "prestart", NULL, NULL, fd, &err), 0);
	assert_int_equal(direct_run_hook(&hook, "prestart", "/", NULL, fd, &err), 0);
	int o = open(out, O_RDONLY | O_CLOEXEC);

	assert_true(read(o, buf, sizeof buf - 1) > 0);
	close(o);
	close(fd);
	assert_string_equal(buf, "{\"id\":\"x\"} hook-name 1\n{\"id\":\"x\"} hook-name 1\n");
}

static void test_run_hook_failures_name_the_hook(void **state)
{
	struct hrun_error err = {0};
	int fd = state_memfd("{}");
	struct oci_hook fails = {.path = "/bin/sh", .args = (char *[]){"sh", "-c", "exit 3", NULL}};
	struct oci_hook missing = {.path = "/nonexistent/hook"};
	struct oci_hook killed = {.path = "/bin/sh",
				  .args = (char *[]){"sh", "-c", "kill -9 $$", NULL}};

	assert_int_equal(direct_run_hook(&fails, "poststop", NULL, NULL, fd, &err), -1);
	assert_string_equal(err.msg, "poststop hook `/bin/sh`: exited with status 3");
	assert_int_equal(direct_run_hook(&missing, "prestart", NULL, NULL, fd, &err), -1);
	assert_string_equal(err.msg,
			    "prestart hook `/nonexistent/hook`: No such file or directory");
	assert_int_equal(direct_run_hook(&killed, "poststart", NULL, NULL, fd, &err), -1);
	assert_string_equal(err.msg, "poststart hook `/bin/sh`: killed by signal 9");
	close(fd);
}

/* The timeout kills the hook's whole process group: the sleep it started
 * too, or whoever reads the hook's stdout would wait for it. */
static void test_run_hook_timeout_kills_its_group(void **state)
{
	struct hrun_error err = {0};
	int fd = state_memfd("{}"), pipefd[2];
	struct oci_hook slow = {.path = "/bin/sh",
				.args = (char *[]){"sh", "-c", "sleep 30; :", NULL},
				.has_timeout = true,
				.timeout = 1};
	char c;

	assert_int_equal(pipe2(pipefd, O_CLOEXEC), 0);
	int saved = dup(STDOUT_FILENO);

	dup2(pipefd[1], STDOUT_FILENO);
	assert_int_equal(direct_run_hook(&slow, "createRuntime", NULL, NULL, fd, &err), -1);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(pipefd[1]);
	assert_string_equal(err.msg, "createRuntime hook `/bin/sh`: timed out after 1 s");
	assert_int_equal(err.code, ETIMEDOUT);
	/* end-of-file now: nothing the hook started holds the pipe */
	assert_int_equal(read(pipefd[0], &c, 1), 0);
	close(pipefd[0]);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_target_open_openat2_never_leaves_the_root),
		cmocka_unit_test(test_target_open_walk_never_leaves_the_root),
		cmocka_unit_test(test_target_open_exact_refuses_any_symlink),
		cmocka_unit_test(test_target_open_openat2_creates_inside),
		cmocka_unit_test(test_target_open_walk_creates_inside),
		cmocka_unit_test(test_target_open_root_itself),
		cmocka_unit_test(test_loopback_up_in_a_new_netns),
		cmocka_unit_test(test_spawn_closes_fds_except_preserved),
		cmocka_unit_test(test_spawn_resets_signals),
		cmocka_unit_test(test_spawn_reports_a_failed_exec),
		cmocka_unit_test(test_signalfd_catches_signals_and_times_out),
		cmocka_unit_test(test_wait_start_prefers_the_byte_to_a_signal),
		cmocka_unit_test(test_capset_sets_exactly_the_asked_sets),
		cmocka_unit_test(test_cap_last_cap_reads_the_kernel),
		cmocka_unit_test(test_write_file_writes_once),
		cmocka_unit_test(test_send_to_a_closed_socket_is_epipe_not_sigpipe),
		cmocka_unit_test(test_pty_peer_is_the_masters_peer_and_takes_its_size),
		cmocka_unit_test(test_send_fd_passes_exactly_one_fd),
		cmocka_unit_test(test_spawn_with_terminal_takes_the_console),
		cmocka_unit_test(test_run_hook_gets_state_args_env_each_time),
		cmocka_unit_test(test_run_hook_failures_name_the_hook),
		cmocka_unit_test(test_run_hook_timeout_kills_its_group),
	};

	return cmocka_run_group_tests_name("sys_direct", tests, tree_setup, tree_teardown);
}
