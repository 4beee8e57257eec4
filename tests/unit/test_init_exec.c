/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The init's cwd and executable lookup, replayed: runc's words in the
 * errors (podman maps them to exit codes), PATH semantics. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include <cmocka.h>

#include "container/init_internal.h"
#include "container/sync.h"
#include "stub_sys.h"
#include "test_init_script.h"

/* ---- the executable lookup ---- */

/* The minimal plan up to the cwd, then `lookup` lists the lookup. */
static int replay_lookup(char **args, char **env, void (*lookup)(void), int code, const char *msg)
{
	struct plan p = minimal_plan();

	p.process.args = args;
	p.process.env = env;
	list_begin(-1);
	list_minimal_to_cwd();
	lookup();
	if (msg) {
		stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, code, msg);
	} else {
		list_minimal_created();
		stub_sys_expect("wait_start", -1, 0, "%d, %d", START_FD, SFD);
	}
	expect_exit(1);
	return replay(&p);
}

static void lookup_not_found(void)
{
	stub_sys_expect("stat", -1, ENOENT, "\"/a/foo\"");
	stub_sys_expect("stat", -1, ENOENT, "\"/b/foo\"");
}

static void test_init_exec_not_found_in_path(void **state)
{
	static char *args[] = {"foo", NULL};
	static char *env[] = {"PATH=/a:/b", NULL};

	assert_int_equal(replay_lookup(args, env, lookup_not_found, ENOENT,
				       "exec: \"foo\": executable file not found in $PATH"),
			 1);
}

static void lookup_missing(void)
{
	stub_sys_expect("stat", -1, ENOENT, "\"/bin/nope\"");
}

static void test_init_exec_missing_path(void **state)
{
	static char *args[] = {"/bin/nope", NULL};

	assert_int_equal(replay_lookup(args, env_bin, lookup_missing, ENOENT,
				       "exec `/bin/nope`: no such file or directory"),
			 1);
}

static void lookup_not_executable(void)
{
	stub_sys_expect_data("stat", 0, 0, &regular_0644, sizeof regular_0644, "\"/etc/passwd\"");
	stub_sys_expect("access", -1, EACCES, "\"/etc/passwd\", 1");
}

static void test_init_exec_not_executable(void **state)
{
	static char *args[] = {"/etc/passwd", NULL};

	assert_int_equal(replay_lookup(args, env_bin, lookup_not_executable, EACCES,
				       "exec `/etc/passwd`: permission denied"),
			 1);
}

static void lookup_directory(void)
{
	stub_sys_expect_data("stat", 0, 0, &directory, sizeof directory, "\"/bin\"");
}

static void test_init_exec_directory(void **state)
{
	static char *args[] = {"/bin", NULL};

	assert_int_equal(replay_lookup(args, env_bin, lookup_directory, EACCES,
				       "exec `/bin`: permission denied"),
			 1);
}

static void lookup_skips_unusable(void)
{
	stub_sys_expect_data("stat", 0, 0, &directory, sizeof directory, "\"./foo\"");
	stub_sys_expect_data("stat", 0, 0, &regular_0644, sizeof regular_0644, "\"/a/foo\"");
	stub_sys_expect("access", -1, EACCES, "\"/a/foo\", 1");
	list_exec_found("/b/foo");
}

static void test_init_exec_path_skips_unusable_entries(void **state)
{
	static char *args[] = {"foo", NULL};
	static char *env[] = {"HOME=/", "PATH=:/a:/b", NULL};

	assert_int_equal(replay_lookup(args, env, lookup_skips_unusable, 0, NULL), 1);
}

static void lookup_default_path(void)
{
	stub_sys_expect("stat", -1, ENOENT, "\"/usr/local/sbin/foo\"");
	list_exec_found("/usr/local/bin/foo");
}

static void test_init_exec_default_path(void **state)
{
	static char *args[] = {"foo", NULL};
	static char *env[] = {"HOME=/", NULL};

	assert_int_equal(replay_lookup(args, env, lookup_default_path, 0, NULL), 1);
}

static void test_init_cwd_error_uses_runc_words(void **state)
{
	struct plan p = minimal_plan();

	p.process.cwd = "/nonexistent";
	list_begin(-1);
	list_minimal_setup();
	list_pivots("/r", NULL);
	stub_sys_expect("open", CWD_ROOT_FD, 0, "\"/\", 0x%x, 00",
			O_PATH | O_DIRECTORY | O_CLOEXEC);
	stub_sys_expect("target_open", -1, ENOENT, "%d, \"/nonexistent\", 00", CWD_ROOT_FD);
	stub_sys_expect("close", 0, 0, "%d", CWD_ROOT_FD);
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, ENOENT,
				  "chdir to cwd (\"/nonexistent\") set in config.json failed: No "
				  "such file or directory");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

/* ---- HOME, when process.env has none (init_home.c) ---- */

/* init_default_home for a plan with env and uid, passwd_home scripted to
 * answer `found` with `home`; the workload's env is left in c->proc. */
static void default_home(struct init_ctx *c, struct plan *p, char **env, long found,
			 const char *home)
{
	struct hrun_error err = {0};

	*p = minimal_plan();
	p->process.env = env;
	p->process.uid = 1234;
	*c = (struct init_ctx){.st = {.k = &stub_sys, .plan = p}, .proc = p->process};
	stub_sys_reset();
	if (found >= 0)
		stub_sys_expect_data("passwd_home", found, 0, home, home ? strlen(home) : 0, "1234");
	assert_int_equal(init_default_home(c, &err), 0);
	stub_sys_verify();
}

static void assert_home_added(struct init_ctx *c, const char *entry)
{
	assert_string_equal(c->proc.env[0], "PATH=/bin");
	assert_string_equal(c->proc.env[1], entry);
	assert_null(c->proc.env[2]);
	free(c->proc.env[1]);
	free(c->proc.env);
}

static void test_init_home_from_passwd(void **state)
{
	static char *env[] = {"PATH=/bin", NULL};
	struct init_ctx c;
	struct plan p;

	default_home(&c, &p, env, 1, "/home/u");
	assert_home_added(&c, "HOME=/home/u");
}

static void test_init_home_slash_without_entry(void **state)
{
	static char *env[] = {"PATH=/bin", NULL};
	struct init_ctx c;
	struct plan p;

	default_home(&c, &p, env, 0, NULL);
	assert_home_added(&c, "HOME=/");
}

static void test_init_home_given_is_kept(void **state)
{
	static char *env[] = {"PATH=/bin", "HOME=/given", NULL};
	struct init_ctx c;
	struct plan p;

	default_home(&c, &p, env, -1, NULL); /* no passwd_home call */
	assert_ptr_equal(c.proc.env, env);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_exec_not_found_in_path),
		cmocka_unit_test(test_init_exec_missing_path),
		cmocka_unit_test(test_init_exec_not_executable),
		cmocka_unit_test(test_init_exec_directory),
		cmocka_unit_test(test_init_exec_path_skips_unusable_entries),
		cmocka_unit_test(test_init_exec_default_path),
		cmocka_unit_test(test_init_cwd_error_uses_runc_words),
		cmocka_unit_test(test_init_home_from_passwd),
		cmocka_unit_test(test_init_home_slash_without_entry),
		cmocka_unit_test(test_init_home_given_is_kept),
	};

	return cmocka_run_group_tests_name("init exec", tests, NULL, NULL);
}
