/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where a container's cgroup goes: cgroupsPath rules, the systemd form,
 * validation, and the saved form of a cgroup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup_helpers.h"

static char *resolve(enum cgroup_manager m, const char *path, const char *parent,
		     struct hrun_error *err)
{
	struct cgroup_request req = {
		.manager = m, .cgroups_path = path, .id = "abc", .parent = parent};
	struct cg_place p;

	hrun_error_clear(err);
	if (cg_place_resolve(&req, &p, err) < 0)
		return NULL;
	char *out;
	if (p.unit)
		assert_true(asprintf(&out, "%s|%s|%s", p.path, p.slice, p.unit) > 0);
	else
		out = strdup(p.path);
	cg_place_clear(&p);
	return out;
}

static void expect(enum cgroup_manager m, const char *path, const char *parent, const char *want)
{
	struct hrun_error err;
	char *got = resolve(m, path, parent, &err);

	if (!got)
		fail_msg("`%s`: %s", path ? path : "(null)", err.msg);
	assert_string_equal(got, want);
	free(got);
}

static void expect_error(enum cgroup_manager m, const char *path, const char *parent,
			 const char *msg)
{
	struct hrun_error err;
	char *got = resolve(m, path, parent, &err);

	if (got)
		fail_msg("`%s` resolved to `%s`", path, got);
	assert_string_equal(err.msg, msg);
}

static void test_absolute_path_is_taken_from_the_root(void **state)
{
	expect(CGROUP_MANAGER_CGROUPFS, "/libpod_parent/libpod-abc", NULL,
	       "/libpod_parent/libpod-abc");
	expect(CGROUP_MANAGER_CGROUPFS, "/cgrouptest", "/ignored", "/cgrouptest");
	expect(CGROUP_MANAGER_CGROUPFS, "//a/./b//", NULL, "/a/b");
}

static void test_relative_path_goes_under_the_parent(void **state)
{
	expect(CGROUP_MANAGER_CGROUPFS, "testdir/cgrouptest/container", NULL,
	       "/testdir/cgrouptest/container");
	expect(CGROUP_MANAGER_CGROUPFS, "c1", "/hrun", "/hrun/c1");
}

static void test_no_path_is_named_after_the_id(void **state)
{
	expect(CGROUP_MANAGER_CGROUPFS, NULL, NULL, "/abc");
	expect(CGROUP_MANAGER_CGROUPFS, "", "/hrun", "/hrun/abc");
}

static void test_dotdot_is_rejected(void **state)
{
	expect_error(CGROUP_MANAGER_CGROUPFS, "/a/../../etc", NULL,
		     "cgroup path `/a/../../etc`: `..` is not allowed");
	expect_error(CGROUP_MANAGER_CGROUPFS, "..", NULL, "cgroup path `..`: `..` is not allowed");
	expect_error(CGROUP_MANAGER_CGROUPFS, "x", "/p/..",
		     "cgroup path `/p/..`: `..` is not allowed");
	expect_error(CGROUP_MANAGER_SYSTEMD, "system.slice:a:..", NULL,
		     "cgroupsPath `system.slice:a:..`: `..` cannot name a systemd scope");
}

static void test_root_and_control_characters_are_rejected(void **state)
{
	expect_error(CGROUP_MANAGER_CGROUPFS, "/", NULL,
		     "cgroup path `/`: the container cannot use the root cgroup");
	expect_error(CGROUP_MANAGER_CGROUPFS, "/./", NULL,
		     "cgroup path `/./`: the container cannot use the root cgroup");
	expect_error(CGROUP_MANAGER_CGROUPFS, "/a\nb", NULL,
		     "cgroupsPath must not contain control characters");
}

static void test_systemd_form_is_a_scope_in_a_slice(void **state)
{
	expect(CGROUP_MANAGER_SYSTEMD, "machine.slice:libpod:abc", NULL,
	       "/machine.slice/libpod-abc.scope|machine.slice|libpod-abc.scope");
	expect(CGROUP_MANAGER_SYSTEMD, "user-1000.slice:crio:x1", NULL,
	       "/user.slice/user-1000.slice/crio-x1.scope|user-1000.slice|crio-x1.scope");
	expect(CGROUP_MANAGER_SYSTEMD, "a-b-c.slice:p:n", NULL,
	       "/a.slice/a-b.slice/a-b-c.slice/p-n.scope|a-b-c.slice|p-n.scope");
	expect(CGROUP_MANAGER_SYSTEMD, "-.slice:p:n", NULL, "/p-n.scope|-.slice|p-n.scope");
}

static void test_systemd_defaults(void **state)
{
	expect(CGROUP_MANAGER_SYSTEMD, NULL, NULL,
	       "/system.slice/abc.scope|system.slice|abc.scope");
	expect(CGROUP_MANAGER_SYSTEMD, ":hrun:", NULL,
	       "/system.slice/hrun-abc.scope|system.slice|hrun-abc.scope");
}

static void test_systemd_form_errors(void **state)
{
	expect_error(CGROUP_MANAGER_SYSTEMD, "/a/b", NULL,
		     "cgroupsPath `/a/b`: the systemd form is `slice:prefix:name`");
	expect_error(CGROUP_MANAGER_SYSTEMD, "a:b:c:d", NULL,
		     "cgroupsPath `a:b:c:d`: the systemd form is `slice:prefix:name`");
	expect_error(CGROUP_MANAGER_SYSTEMD, "system:p:n", NULL,
		     "systemd slice `system` is not a valid slice name");
	expect_error(CGROUP_MANAGER_SYSTEMD, "a--b.slice:p:n", NULL,
		     "systemd slice `a--b.slice` is not a valid slice name");
	expect_error(CGROUP_MANAGER_SYSTEMD, "s.slice:p/q:n", NULL,
		     "cgroupsPath `s.slice:p/q:n`: `p/q` cannot name a systemd scope");
	expect_error(CGROUP_MANAGER_SYSTEMD, "s.slice:p:n.slice", NULL,
		     "cgroupsPath `s.slice:p:n.slice`: hrun runs containers in scopes, not slices");
}

static void test_manager_names(void **state)
{
	enum cgroup_manager m;
	struct hrun_error err;

	assert_int_equal(cgroup_manager_parse("systemd", &m, &err), 0);
	assert_int_equal(m, CGROUP_MANAGER_SYSTEMD);
	assert_int_equal(cgroup_manager_parse("disabled", &m, &err), 0);
	assert_int_equal(m, CGROUP_MANAGER_DISABLED);
	assert_int_equal(cgroup_manager_parse("cgroupfs", &m, &err), 0);
	assert_int_equal(m, CGROUP_MANAGER_CGROUPFS);
	assert_int_equal(cgroup_manager_parse("cgroupv2", &m, &err), -1);
	assert_string_equal(err.msg,
			    "cgroup manager `cgroupv2` is not one of cgroupfs, systemd, disabled");
}

static void test_escape_round_trip(void **state)
{
	const char *s = "/a;b%c\nd=e";
	char *e = cg_escape(s);

	assert_string_equal(e, "/a%3Bb%25c%0Ad=e");
	char *u = cg_unescape(e, strlen(e));
	assert_string_equal(u, s);
	free(e);
	free(u);
}

static void test_saved_cgroup_finds_the_same_directories(void **state)
{
	char *root = standin_hybrid("cpu memory", "hugetlb");
	struct cgroup_request req = {.cgroups_path = "/p/c;1", .id = "x", .root = root};
	struct hrun_error err;
	struct cgroup *cg = cgroup_create(&req, &err), *again;
	char *saved, *want;

	if (!cg)
		fail_msg("%s", err.msg);
	saved = cgroup_save(cg);
	assert_true(asprintf(&want, "manager=cgroupfs;root=%s;path=/p/c%%3B1", root) > 0);
	assert_string_equal(saved, want);
	again = cgroup_load(saved, &err);
	if (!again)
		fail_msg("%s", err.msg);
	assert_int_equal(cgroup_mode(again), CGROUP_MODE_HYBRID);
	assert_string_equal(cgroup_path(again), "/p/c;1");
	assert_int_equal(again->layout.n, 3);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(again->dirs[i], cg->dirs[i]);
	assert_int_equal(cgroup_destroy(again, &err), 0);
	assert_false(path_exists(root, "memory/p/c;1"));
	cgroup_free(again);
	cgroup_free(cg);
	free(saved);
	free(want);
	standin_remove(root);
	free(root);
}

static void test_saved_cgroup_is_checked(void **state)
{
	struct hrun_error err;

	assert_null(cgroup_load("manager=cgroupfs;root=/tmp;path=/a/../..", &err));
	assert_string_equal(err.msg,
			    "saved cgroup `manager=cgroupfs;root=/tmp;path=/a/../..`: bad path");
	assert_null(cgroup_load("manager=cgroupfs;path=/a;path=/b", &err));
	assert_string_equal(
		err.msg, "saved cgroup `manager=cgroupfs;path=/a;path=/b`: cannot read `path=/b`");
	assert_null(cgroup_load("path=/a", &err));
	assert_string_equal(err.msg, "saved cgroup `path=/a`: no manager");
	struct cgroup *cg = cgroup_load("manager=disabled", &err);
	assert_non_null(cg);
	assert_int_equal(cgroup_mode(cg), CGROUP_MODE_NONE);
	cgroup_free(cg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absolute_path_is_taken_from_the_root),
		cmocka_unit_test(test_relative_path_goes_under_the_parent),
		cmocka_unit_test(test_no_path_is_named_after_the_id),
		cmocka_unit_test(test_dotdot_is_rejected),
		cmocka_unit_test(test_root_and_control_characters_are_rejected),
		cmocka_unit_test(test_systemd_form_is_a_scope_in_a_slice),
		cmocka_unit_test(test_systemd_defaults),
		cmocka_unit_test(test_systemd_form_errors),
		cmocka_unit_test(test_manager_names),
		cmocka_unit_test(test_escape_round_trip),
		cmocka_unit_test(test_saved_cgroup_finds_the_same_directories),
		cmocka_unit_test(test_saved_cgroup_is_checked),
	};
	return cmocka_run_group_tests_name("cgroup_path", tests, NULL, NULL);
}
