/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Rootless: what tells it (the host's user namespace or another), the
 * state root it picks, and what rootless_prepare changes in a plan: the
 * host's device nodes bound, a devpts gid= the namespace does not map
 * dropped.  The user-namespace cases run in a forked child that makes one
 * (mapping root to root), so they need root on the host. */
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/cli.h"
#include "container/op.h"
#include "plan/plan.h"
#include "runtime/rootless.h"
#include "util/error.h"

#include "child_helpers.h"
#include "plan_helpers.h"

static char xdg[] = "/tmp/hrun-test-rootless.XXXXXX";

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok ? 0 : -1;
}

/* A user namespace of our own, where root is the host's root. */
static int enter_userns(void)
{
	if (unshare(CLONE_NEWUSER) < 0 || write_file("/proc/self/setgroups", "deny") < 0 ||
	    write_file("/proc/self/uid_map", "0 0 1") < 0 ||
	    write_file("/proc/self/gid_map", "0 0 1") < 0)
		return -1;
	return 0;
}

static int setup_root(void **state)
{
	(void)state;
	if (geteuid() != 0 || rootless())
		skip();
	if (!mkdtemp(xdg))
		return -1;
	return setenv("XDG_RUNTIME_DIR", xdg, 1);
}

static int teardown_root(void **state)
{
	(void)state;
	rmdir(xdg);
	return 0;
}

static void test_root_on_the_host_is_not_rootless(void **state)
{
	(void)state;
	assert_false(rootless_in_userns());
	assert_false(rootless());
	/* runc's rule: root on the host never takes $XDG_RUNTIME_DIR */
	assert_string_equal(cli_default_root(), "/run/hrun");
}

static int in_userns_root(void *arg)
{
	char want[sizeof xdg + 8];

	(void)arg;
	CHILD_CHECK(enter_userns() == 0);
	CHILD_CHECK(rootless_in_userns() && rootless());
	snprintf(want, sizeof want, "%s/hrun", xdg);
	/* the directory is ours (root's, mapped): it is taken */
	CHILD_CHECK(strcmp(cli_default_root(), want) == 0);
	return 0;
}

static int in_userns_not_ours(void *arg)
{
	(void)arg;
	CHILD_CHECK(enter_userns() == 0);
	CHILD_CHECK(strcmp(cli_default_root(), "/run/hrun") == 0);
	return 0;
}

static void test_root_of_a_user_namespace_is_rootless(void **state)
{
	(void)state;
	assert_int_equal(in_child(in_userns_root, NULL), 0);
	/* a directory of someone else's (unmapped in there) is not taken */
	assert_int_equal(chown(xdg, 65534, 65534), 0);
	assert_int_equal(in_child(in_userns_not_ours, NULL), 0);
	assert_int_equal(chown(xdg, 0, 0), 0);
}

static const char devices_config[] =
	CONFIG("'mounts': [{'destination': '/dev/pts', 'type': 'devpts', 'source': 'devpts',"
	       "  'options': ['newinstance', 'gid=5', 'mode=0620']},"
	       " {'destination': '/dev/x', 'type': 'devpts', 'source': 'devpts',"
	       "  'options': ['gid=0', 'mode=0620']}],"
	       "'linux': {'namespaces': [{'type': 'mount'}, {'type': 'user'}],"
	       " 'uidMappings': [{'containerID': 0, 'hostID': 0, 'size': 1}],"
	       " 'gidMappings': [{'containerID': 0, 'hostID': 0, 'size': 1}],"
	       " 'devices': [{'path': '/dev/fuse', 'type': 'c', 'major': 10, 'minor': 229}]}");

static const struct op *find_op(const struct plan *plan, const struct op_type *type,
				const char *target)
{
	for (size_t i = 0; i < plan->n_ops; i++)
		if (plan->ops[i].type == type && strcmp(plan->ops[i].target, target) == 0)
			return &plan->ops[i];
	return NULL;
}

static int prepare_in_userns(void *arg)
{
	struct plan *plan = arg;
	struct hrun_error err = {0};

	CHILD_CHECK(enter_userns() == 0);
	CHILD_CHECK(rootless_prepare(plan, &err) == 0);
	CHILD_CHECK(find_op(plan, &op_device_type, "/dev/fuse")->bits & OP_DEV_BIND_HOST);
	CHILD_CHECK(find_op(plan, &op_dev_type, "/dev")->bits & OP_DEV_BIND_HOST);
	/* gid 5 is not in the container's map, gid 0 is */
	CHILD_CHECK(strcmp(find_op(plan, &op_mount_type, "/dev/pts")->data,
			   "newinstance,mode=0620") == 0);
	CHILD_CHECK(strcmp(find_op(plan, &op_mount_type, "/dev/x")->data, "gid=0,mode=0620") == 0);
	return 0;
}

static void test_prepare_binds_devices_and_drops_an_unmapped_devpts_gid(void **state)
{
	struct plan *plan = must_build(devices_config);
	struct hrun_error err = {0};

	(void)state;
	/* root on the host: nothing changes */
	assert_int_equal(rootless_prepare(plan, &err), 0);
	assert_string_equal(find_op(plan, &op_mount_type, "/dev/pts")->data,
			    "newinstance,gid=5,mode=0620");
	assert_int_equal(in_child(prepare_in_userns, plan), 0);
	plan_free(plan);
}

static void test_plan_bind_host_devices_marks_every_device_op(void **state)
{
	struct plan *plan = must_build(CONFIG(
		"'linux': {'namespaces': [{'type': 'mount'}],"
		" 'devices': [{'path': '/dev/fuse', 'type': 'c', 'major': 10, 'minor': 229}]}"));

	(void)state;
	assert_false(find_op(plan, &op_device_type, "/dev/fuse")->bits & OP_DEV_BIND_HOST);
	plan_bind_host_devices(plan);
	assert_true(find_op(plan, &op_device_type, "/dev/fuse")->bits & OP_DEV_BIND_HOST);
	assert_true(find_op(plan, &op_dev_type, "/dev")->bits & OP_DEV_BIND_HOST);
	plan_free(plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_on_the_host_is_not_rootless),
		cmocka_unit_test(test_root_of_a_user_namespace_is_rootless),
		cmocka_unit_test(test_prepare_binds_devices_and_drops_an_unmapped_devpts_gid),
		cmocka_unit_test(test_plan_bind_host_devices_marks_every_device_op),
	};

	return cmocka_run_group_tests(tests, setup_root, teardown_root);
}
