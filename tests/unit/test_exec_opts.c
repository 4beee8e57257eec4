/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `hrun exec` options: strict --user parsing (a lax parser ran processes as
 * the wrong user in another runtime) and how options change the process. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "oci/spec.h"
#include "runtime/exec.h"

static void test_user_uid_and_gid(void **state)
{
	struct hrun_error err = { 0 };
	uid_t uid = 5;
	gid_t gid = 6;

	assert_int_equal(exec_parse_user("1000:1001", &uid, &gid, &err), 0);
	assert_int_equal(uid, 1000);
	assert_int_equal(gid, 1001);
}

static void test_user_uid_only_keeps_gid(void **state)
{
	struct hrun_error err = { 0 };
	uid_t uid = 5;
	gid_t gid = 6;

	assert_int_equal(exec_parse_user("0", &uid, &gid, &err), 0);
	assert_int_equal(uid, 0);
	assert_int_equal(gid, 6);
}

static void test_user_rejects_anything_but_decimal_ids(void **state)
{
	static const char *const bad[] = {
		"", ":", "root", "1000:", ":1000", "-1", "1:-1", "+1", " 1", "1 ", "0x10",
		"1:2:3", "4294967295", "4294967296", "99999999999", "1000:users",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct hrun_error err = { 0 };
		uid_t uid = 5;
		gid_t gid = 6;

		if (exec_parse_user(bad[i], &uid, &gid, &err) != -1)
			fail_msg("accepted --user `%s`", bad[i]);
		assert_non_null(strstr(err.msg, "expected UID[:GID] in numbers"));
		assert_int_equal(uid, 5);
		assert_int_equal(gid, 6);
	}
}

static struct oci_spec *spec_with_process(void)
{
	static const char config[] =
		"{\"ociVersion\": \"1.0.0\", \"process\": {\"args\": [\"sleep\", \"1\"], "
		"\"cwd\": \"/\", \"env\": [\"PATH=/bin\", \"A=1\"], \"user\": {\"uid\": 0, "
		"\"gid\": 0}, \"capabilities\": {\"bounding\": [\"CAP_KILL\"], \"effective\": "
		"[\"CAP_KILL\"], \"permitted\": [\"CAP_KILL\"], \"inheritable\": []}}}";
	struct hrun_error err = { 0 };
	struct oci_spec *spec = oci_spec_parse(config, sizeof config - 1, "config.json", &err);

	assert_non_null(spec);
	return spec;
}

static void test_options_change_the_process(void **state)
{
	char *args[] = { "sh", "-c", "true" };
	const char *env[] = { "A=2", "B=3" }, *caps[] = { "CAP_SYS_ADMIN" }, *gids[] = { "10,20" };
	struct exec_opts o = { .args = args, .n_args = 3, .env = env, .n_env = 2, .cwd = "/tmp",
			       .user = "7:8", .additional_gids = gids, .n_additional_gids = 1, .caps = caps,
			       .n_caps = 1, .no_new_privs = true };
	struct oci_spec *spec = spec_with_process();
	struct oci_process *p = spec->process;
	struct hrun_error err = { 0 };

	assert_int_equal(exec_apply_opts(spec, &o, &err), 0);
	assert_int_equal(p->n_args, 3);
	assert_string_equal(p->args[0], "sh");
	assert_null(p->args[3]);
	assert_int_equal(p->n_env, 3);
	assert_string_equal(p->env[1], "A=2");
	assert_string_equal(p->env[2], "B=3");
	assert_string_equal(p->cwd, "/tmp");
	assert_int_equal(p->user.uid, 7);
	assert_int_equal(p->user.gid, 8);
	assert_int_equal(p->user.n_additional_gids, 2);
	assert_int_equal(p->user.additional_gids[1], 20);
	assert_int_equal(p->capabilities->n_bounding, 2);
	assert_int_equal(p->capabilities->n_effective, 2);
	assert_int_equal(p->capabilities->n_permitted, 2);
	assert_int_equal(p->capabilities->n_inheritable, 0);
	assert_true(p->no_new_privileges);
	oci_spec_free(spec);
}

/* --additional-gids, repeated, adds every value to the config's groups,
 * as runc's (the last one alone used to win). */
static void test_additional_gids_accumulate(void **state)
{
	static const char config[] =
		"{\"ociVersion\": \"1.0.0\", \"process\": {\"args\": [\"true\"], \"cwd\": \"/\", "
		"\"user\": {\"uid\": 0, \"gid\": 0, \"additionalGids\": [5]}}}";
	char *args[] = { "id" };
	const char *gids[] = { "10,20", "30" };
	struct exec_opts o = { .args = args, .n_args = 1, .additional_gids = gids,
			       .n_additional_gids = 2 };
	struct hrun_error err = { 0 };
	struct oci_spec *spec = oci_spec_parse(config, sizeof config - 1, "config.json", &err);
	const struct oci_user *u;

	assert_non_null(spec);
	assert_int_equal(exec_apply_opts(spec, &o, &err), 0);
	u = &spec->process->user;
	assert_int_equal(u->n_additional_gids, 4);
	assert_int_equal(u->additional_gids[0], 5);
	assert_int_equal(u->additional_gids[1], 10);
	assert_int_equal(u->additional_gids[2], 20);
	assert_int_equal(u->additional_gids[3], 30);
	oci_spec_free(spec);
}

static void test_bad_env_and_gids_are_errors(void **state)
{
	char *args[] = { "true" };
	const char *env[] = { "NOEQUALS" };
	struct exec_opts bad_env = { .args = args, .n_args = 1, .env = env, .n_env = 1 };
	const char *gids[] = { "10,x" };
	struct exec_opts bad_gids = { .args = args, .n_args = 1, .additional_gids = gids,
				      .n_additional_gids = 1 };
	struct exec_opts no_args = { 0 };
	struct hrun_error err = { 0 };
	struct oci_spec *spec = spec_with_process();

	assert_int_equal(exec_apply_opts(spec, &bad_env, &err), -1);
	assert_string_equal(err.msg, "exec: --env `NOEQUALS`: not KEY=VALUE");
	assert_int_equal(exec_apply_opts(spec, &bad_gids, &err), -1);
	assert_string_equal(err.msg,
			    "exec: --additional-gids `10,x`: expected numbers separated by commas");
	assert_int_equal(exec_apply_opts(spec, &no_args, &err), -1);
	assert_string_equal(err.msg, "exec: missing command (or --process FILE)");
	oci_spec_free(spec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user_uid_and_gid),
		cmocka_unit_test(test_user_uid_only_keeps_gid),
		cmocka_unit_test(test_user_rejects_anything_but_decimal_ids),
		cmocka_unit_test(test_options_change_the_process),
		cmocka_unit_test(test_additional_gids_accumulate),
		cmocka_unit_test(test_bad_env_and_gids_are_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
