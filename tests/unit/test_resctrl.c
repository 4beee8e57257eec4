/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.intelRdt's resctrl groups on a plain directory standing in for the
 * mount: which group is made, joined or refused, what goes to `schemata`
 * and `tasks`, what is removed, and the groups' place in the state file.
 * A plain directory differs from resctrl in two ways the tests make up
 * for: a new group comes without files, and rmdir wants it empty. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup_helpers.h"
#include "oci/state.h"
#include "plan/plan.h"
#include "runtime/resctrl.h"

#define ID "c1"

struct fixture {
	char *root;
	char path[4096];
	struct hrun_error err;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	f->root = standin_empty();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	standin_remove(f->root);
	free(f->root);
	free(f);
	return 0;
}

/* root/sub, in the fixture's buffer */
static const char *at(struct fixture *f, const char *sub)
{
	snprintf(f->path, sizeof f->path, "%s/%s", f->root, sub);
	return f->path;
}

/* A group as resctrl shows it: schemata and tasks. */
static void make_group(struct fixture *f, const char *name, const char *schemata)
{
	put_file(at(f, name), "schemata", schemata);
	put_file(at(f, name), "tasks", "");
}

/* resctrl's rmdir takes a group's files along; a plain one does not. */
static void drop_files(const char *dir)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/schemata", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/tasks", dir);
	unlink(path);
}

/* lines: NULL-terminated; the first n_schema from l3CacheSchema and
 * memBwSchema, the others from the schemata field */
static struct oci_state_rdt *create(struct fixture *f, const char *clos_id, char **lines,
				    size_t n_schema, bool monitoring)
{
	struct plan_rdt rdt = {.clos_id = (char *)clos_id,
			       .schemata = lines,
			       .n_schema = n_schema,
			       .monitoring = monitoring};

	while (lines && lines[rdt.n_schemata])
		rdt.n_schemata++;
	hrun_error_clear(&f->err);
	return resctrl_create(f->root, ID, &rdt, &f->err);
}

static struct oci_state_rdt *must_create(struct fixture *f, const char *clos_id, char **lines,
					 size_t n_schema, bool monitoring)
{
	struct oci_state_rdt *g = create(f, clos_id, lines, n_schema, monitoring);

	if (!g)
		fail_msg("%s", f->err.msg);
	return g;
}

/* want: the message, ROOT standing for the stand-in's path */
static void assert_create_fails(struct fixture *f, const char *clos_id, char **lines,
				size_t n_schema, bool monitoring, const char *want)
{
	struct oci_state_rdt *g = create(f, clos_id, lines, n_schema, monitoring);
	char msg[2048] = "";
	const char *p = want, *mark;

	if (g)
		fail_msg("made `%s`, wanted: %s", g->group, want);
	for (; (mark = strstr(p, "ROOT")); p = mark + 4)
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "%.*s%s", (int)(mark - p), p,
			 f->root);
	snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "%s", p);
	assert_string_equal(f->err.msg, msg);
}

static void assert_pid_in(const char *dir)
{
	char pid[32];

	snprintf(pid, sizeof pid, "%d", (int)getpid());
	assert_file(dir, "tasks", pid);
}

/* delete: `path` (under the root) stays, or is gone, after the removal */
static void assert_removal(struct fixture *f, struct oci_state_rdt *g, const char *path, bool stays)
{
	assert_int_equal(resctrl_remove(g, &f->err), 0);
	assert_int_equal(path_exists(f->root, path), stays);
	oci_state_rdt_free(g);
}

static void test_root_is_the_first_resctrl_mount_point(void **state)
{
	struct fixture *f = *state;
	char *root;

	put_file(f->root, "mountinfo",
		 "22 1 0:21 / /sys rw,nosuid - sysfs sysfs rw\n"
		 "30 22 0:26 / /tmp/x rw - tmpfs resctrl rw\n"
		 "40 22 0:36 / /mnt/rdt\\040fs rw,relatime shared:20 - resctrl resctrl rw\n"
		 "41 22 0:36 / /sys/fs/resctrl rw - resctrl resctrl rw\n");
	root = resctrl_root(at(f, "mountinfo"), &f->err);
	assert_non_null(root);
	assert_string_equal(root, "/mnt/rdt fs");
	free(root);
}

static void test_no_resctrl_mount_is_refused(void **state)
{
	struct fixture *f = *state;

	put_file(f->root, "mountinfo", "22 1 0:21 / /sys rw,nosuid - sysfs sysfs rw\n");
	assert_null(resctrl_root(at(f, "mountinfo"), &f->err));
	assert_string_equal(f->err.msg, "resctrl is not mounted");
}

static void test_group_named_after_the_container_is_made_and_removed(void **state)
{
	struct fixture *f = *state;
	char *lines[] = {"L3:0=f0;1=f", "MB:0=50", "L2:0=3", NULL};
	struct oci_state_rdt *g = must_create(f, NULL, lines, 2, false);

	assert_string_equal(g->root, f->root);
	assert_string_equal(g->group, at(f, ID));
	assert_true(g->own_group);
	assert_null(g->mon_group);
	assert_file(g->group, "schemata", "L3:0=f0;1=f\nMB:0=50\nL2:0=3");
	assert_int_equal(resctrl_enter(g, getpid(), &f->err), 0);
	assert_pid_in(g->group);
	drop_files(g->group);
	assert_int_equal(resctrl_remove(g, &f->err), 0);
	assert_false(path_exists(f->root, ID));
	/* gone already: no error */
	assert_int_equal(resctrl_remove(g, &f->err), 0);
	oci_state_rdt_free(g);
}

/* update --l3-cache-schema, --mem-bw-schema: the lines, in one write. */
static void test_update_writes_the_lines_to_the_group(void **state)
{
	struct fixture *f = *state;
	struct oci_state_rdt *g = must_create(f, NULL, NULL, 0, false);
	char *lines[] = {"L3:0=3", "MB:0=20"};

	assert_int_equal(resctrl_write_lines(g, lines, 2, &f->err), 0);
	assert_file(g->group, "schemata", "L3:0=3\nMB:0=20");
	drop_files(g->group);
	assert_removal(f, g, ID, false);
}

static void test_existing_group_is_refused_without_closid(void **state)
{
	struct fixture *f = *state;
	char *lines[] = {"L3:0=f0", NULL};

	make_group(f, ID, "L3:0=ff\n");
	assert_create_fails(f, NULL, lines, 1, false,
			    "resctrl group `ROOT/" ID "` exists already (with no closID, hrun "
			    "makes a group of the container's own)");
	assert_file(at(f, ID), "schemata", "L3:0=ff");
}

static void test_closid_without_schema_joins_the_group_made_beforehand(void **state)
{
	struct fixture *f = *state;
	struct oci_state_rdt *g;

	make_group(f, "shared", "L3:0=ff\n");
	g = must_create(f, "shared", NULL, 0, false);
	assert_string_equal(g->group, at(f, "shared"));
	assert_false(g->own_group);
	assert_int_equal(resctrl_enter(g, getpid(), &f->err), 0);
	assert_pid_in(g->group);
	assert_file(g->group, "schemata", "L3:0=ff");
	assert_removal(f, g, "shared/tasks", true);
}

static void test_missing_closid_group_is_an_error(void **state)
{
	struct fixture *f = *state;

	assert_create_fails(f, "nope", NULL, 0, false,
			    "resctrl group `ROOT/nope` does not exist (with no schema, closID "
			    "names a group made beforehand)");
	assert_false(path_exists(f->root, "nope"));
}

/* other containers may join a closID group: delete leaves it */
static void test_closid_with_schema_makes_a_missing_group_and_keeps_it(void **state)
{
	struct fixture *f = *state;
	char *lines[] = {"L3:0=f0", "L2:0=3", NULL};
	struct oci_state_rdt *g = must_create(f, "gold", lines, 1, false);

	assert_false(g->own_group);
	assert_file(g->group, "schemata", "L3:0=f0\nL2:0=3");
	assert_removal(f, g, "gold", true);
}

static void test_closid_with_agreeing_schema_joins_the_group(void **state)
{
	struct fixture *f = *state;
	/* as the kernel prints it: padded names, every domain, no leading 0 */
	char *lines[] = {"L3:0=0f0", "MB: 1 = 100", "L2:0=3", NULL};
	struct oci_state_rdt *g;

	make_group(f, "gold", "    L3:0=f0;1=7ff\n    MB:0=50;1=100\n");
	g = must_create(f, "gold", lines, 2, false);
	assert_false(g->own_group);
	/* only the schemata field's lines are written to a group that exists */
	assert_file(g->group, "schemata", "L2:0=3");
	assert_removal(f, g, "gold", true);
}

static void test_disagreeing_schema_is_an_error(void **state)
{
	struct fixture *f = *state;
	char *l3[] = {"L3:0=f0", NULL};
	char *l2[] = {"L2:0=3", NULL};
	char *domain[] = {"L3:2=f0", NULL};

	make_group(f, "gold", "    L3:0=7ff;1=7ff\nMB:0=100;1=100\n");
	assert_create_fails(f, "gold", l3, 1, false,
			    "schema `L3:0=f0` does not agree with resctrl group `ROOT/gold`, "
			    "whose schemata has `L3:0=7ff;1=7ff`");
	assert_create_fails(f, "gold", l2, 1, false,
			    "resctrl group `ROOT/gold` has no schema for `L2`");
	assert_create_fails(f, "gold", domain, 1, false,
			    "schema `L3:2=f0` does not agree with resctrl group `ROOT/gold`, "
			    "whose schemata has `L3:0=7ff;1=7ff`");
	assert_file(at(f, "gold"), "schemata", "    L3:0=7ff;1=7ff\nMB:0=100;1=100");
}

static void test_monitoring_group_is_made_entered_and_removed(void **state)
{
	struct fixture *f = *state;
	struct oci_state_rdt *g;

	make_group(f, "shared", "L3:0=ff\n");
	assert_int_equal(mkdir(at(f, "shared/mon_groups"), 0755), 0);
	g = must_create(f, "shared", NULL, 0, true);
	assert_string_equal(g->mon_group, at(f, "shared/mon_groups/" ID));
	assert_int_equal(resctrl_enter(g, getpid(), &f->err), 0);
	assert_pid_in(g->group);
	assert_pid_in(g->mon_group);
	drop_files(g->mon_group);
	assert_int_equal(resctrl_remove(g, &f->err), 0);
	assert_false(path_exists(f->root, "shared/mon_groups/" ID));
	assert_removal(f, g, "shared/tasks", true);
}

static void test_failed_monitoring_group_leaves_nothing(void **state)
{
	struct fixture *f = *state;

	/* the new group has no mon_groups/ here: as without monitoring */
	assert_create_fails(f, NULL, NULL, 0, true,
			    "create resctrl monitoring group `ROOT/" ID "/mon_groups/" ID
			    "`: No such file or directory");
	assert_false(path_exists(f->root, ID));
	make_group(f, "shared", "");
	assert_int_equal(mkdir(at(f, "shared/mon_groups"), 0755), 0);
	assert_int_equal(mkdir(at(f, "shared/mon_groups/" ID), 0755), 0);
	assert_create_fails(f, "shared", NULL, 0, true,
			    "resctrl monitoring group `ROOT/shared/mon_groups/" ID
			    "` exists already");
	assert_true(path_exists(f->root, "shared/mon_groups/" ID));
}

static void test_root_group_is_joined_by_slash(void **state)
{
	struct fixture *f = *state;
	struct oci_state_rdt *g;

	put_file(f->root, "tasks", "");
	g = must_create(f, "/", NULL, 0, false);
	assert_string_equal(g->group, f->root);
	assert_false(g->own_group);
	assert_int_equal(resctrl_enter(g, getpid(), &f->err), 0);
	assert_pid_in(f->root);
	assert_removal(f, g, "tasks", true);
}

static void test_names_resctrl_keeps_are_refused(void **state)
{
	struct fixture *f = *state;
	const char *bad[] = {"info", "mon_groups", "mon_data", ".", "..", "a/b"};
	char want[128];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(plan_rdt_name_ok(bad[i]));
		snprintf(want, sizeof want, "`%s` cannot name a resctrl group", bad[i]);
		assert_create_fails(f, bad[i], NULL, 0, false, want);
	}
	assert_false(plan_rdt_name_ok(""));
	assert_false(plan_rdt_name_ok("/"));
	assert_true(plan_rdt_name_ok("guaranteed_group"));
	assert_true(plan_rdt_name_ok("info.x"));
}

static void test_a_failed_write_says_what_resctrl_says(void **state)
{
	struct fixture *f = *state;
	char *lines[] = {"L9:0=1", NULL};

	make_group(f, "gold", "L3:0=ff\n");
	unlink(at(f, "gold/schemata"));
	assert_int_equal(mkdir(at(f, "gold/schemata"), 0755), 0);
	put_file(f->root, "info/last_cmd_status", "Unknown or unsupported resource name 'L9'\n");
	assert_create_fails(f, "gold", lines, 0, false,
			    "write `ROOT/gold/schemata`: Is a directory (resctrl: Unknown or "
			    "unsupported resource name 'L9')");
}

static void test_state_file_keeps_the_groups(void **state)
{
	struct oci_state_rdt rdt = {.root = "/sys/fs/resctrl",
				    .group = "/sys/fs/resctrl/c1",
				    .mon_group = "/sys/fs/resctrl/c1/mon_groups/c1",
				    .own_group = true};
	struct oci_state st = {.oci_version = "1.3.0",
			       .id = "c1",
			       .status = "created",
			       .bundle = "/b",
			       .intel_rdt = &rdt};
	struct hrun_error err = {0};
	char *file = oci_state_json(&st, OCI_STATE_FILE, false, &err);
	char *public = oci_state_json(&st, OCI_STATE_PUBLIC, false, &err);
	struct oci_state *back;

	assert_non_null(file);
	assert_non_null(public);
	assert_non_null(strstr(file, "\"hrunIntelRdt\":{\"root\":\"/sys/fs/resctrl\","
				     "\"group\":\"/sys/fs/resctrl/c1\",\"ownGroup\":true,"
				     "\"monGroup\":\"/sys/fs/resctrl/c1/mon_groups/c1\"}"));
	assert_null(strstr(public, "IntelRdt"));
	back = oci_state_parse(file, strlen(file), "state.json", &err);
	if (!back)
		fail_msg("%s", err.msg);
	assert_non_null(back->intel_rdt);
	assert_string_equal(back->intel_rdt->root, rdt.root);
	assert_string_equal(back->intel_rdt->group, rdt.group);
	assert_string_equal(back->intel_rdt->mon_group, rdt.mon_group);
	assert_true(back->intel_rdt->own_group);
	oci_state_free(back);
	back = oci_state_parse(public, strlen(public), "state.json", &err);
	assert_non_null(back);
	assert_null(back->intel_rdt);
	oci_state_free(back);
	free(file);
	free(public);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_root_is_the_first_resctrl_mount_point),
		T(test_no_resctrl_mount_is_refused),
		T(test_group_named_after_the_container_is_made_and_removed),
		T(test_update_writes_the_lines_to_the_group),
		T(test_existing_group_is_refused_without_closid),
		T(test_closid_without_schema_joins_the_group_made_beforehand),
		T(test_missing_closid_group_is_an_error),
		T(test_closid_with_schema_makes_a_missing_group_and_keeps_it),
		T(test_closid_with_agreeing_schema_joins_the_group),
		T(test_disagreeing_schema_is_an_error),
		T(test_monitoring_group_is_made_entered_and_removed),
		T(test_failed_monitoring_group_leaves_nothing),
		T(test_root_group_is_joined_by_slash),
		T(test_names_resctrl_keeps_are_refused),
		T(test_a_failed_write_says_what_resctrl_says),
		cmocka_unit_test(test_state_file_keeps_the_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
