/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `hrun spec` writes runc's default config (with hrun's name and spec
 * version), and it parses back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "oci/spec.h"
#include "util/error.h"

static struct oci_spec *parse_default(bool rootless)
{
	struct hrun_error err = {0};
	char *text = oci_spec_default_json(rootless, &err);
	struct oci_spec *spec;
	size_t len;

	assert_non_null(text);
	len = strlen(text);
	assert_true(len > 2);
	assert_int_equal(text[len - 1], '\n');
	assert_int_not_equal(text[len - 2], '\n');
	spec = oci_spec_parse(text, len, "config.json", &err);
	if (!spec)
		print_error("%s\n", err.msg);
	assert_non_null(spec);
	free(text);
	return spec;
}

static const struct oci_mount *find_mount(const struct oci_spec *s, const char *destination)
{
	for (size_t i = 0; i < s->n_mounts; i++)
		if (strcmp(s->mounts[i].destination, destination) == 0)
			return &s->mounts[i];
	fail_msg("no mount on %s", destination);
	return NULL;
}

static bool has_option(const struct oci_mount *m, const char *option)
{
	for (size_t i = 0; i < m->n_options; i++)
		if (strcmp(m->options[i], option) == 0)
			return true;
	return false;
}

/* Expected caps, in order: runc's three. */
static void assert_default_caps(char **caps, size_t n)
{
	assert_int_equal(n, 3);
	assert_string_equal(caps[0], "CAP_AUDIT_WRITE");
	assert_string_equal(caps[1], "CAP_KILL");
	assert_string_equal(caps[2], "CAP_NET_BIND_SERVICE");
}

static void test_default_process_matches_runc(void **state)
{
	struct oci_spec *s = parse_default(false);
	const struct oci_process *p = s->process;

	assert_string_equal(s->oci_version, "1.3.0");
	assert_string_equal(s->hostname, "hrun");
	assert_string_equal(s->root->path, "rootfs");
	assert_true(s->root->readonly);
	assert_true(p->terminal);
	assert_int_equal(p->user.uid, 0);
	assert_int_equal(p->user.gid, 0);
	assert_int_equal(p->n_args, 1);
	assert_string_equal(p->args[0], "sh");
	assert_int_equal(p->n_env, 2);
	assert_string_equal(p->env[0],
			    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
	assert_string_equal(p->env[1], "TERM=xterm");
	assert_string_equal(p->cwd, "/");
	assert_default_caps(p->capabilities->bounding, p->capabilities->n_bounding);
	assert_default_caps(p->capabilities->effective, p->capabilities->n_effective);
	assert_default_caps(p->capabilities->permitted, p->capabilities->n_permitted);
	assert_default_caps(p->capabilities->ambient, p->capabilities->n_ambient);
	assert_null(p->capabilities->inheritable);
	assert_int_equal(p->n_rlimits, 1);
	assert_string_equal(p->rlimits[0].type, "RLIMIT_NOFILE");
	assert_int_equal(p->rlimits[0].hard, 1024);
	assert_int_equal(p->rlimits[0].soft, 1024);
	assert_true(p->no_new_privileges);
	oci_spec_free(s);
}

static void test_default_mounts_and_paths_match_runc(void **state)
{
	struct oci_spec *s = parse_default(false);
	const struct oci_linux *l = s->linux_;
	static const char *const destinations[] = {
		"/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup",
	};

	assert_int_equal(s->n_mounts, 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(s->mounts[i].destination, destinations[i]);
	assert_string_equal(find_mount(s, "/sys")->type, "sysfs");
	assert_true(has_option(find_mount(s, "/dev/pts"), "gid=5"));
	assert_int_equal(l->n_masked_paths, 10);
	assert_string_equal(l->masked_paths[0], "/proc/acpi");
	assert_string_equal(l->masked_paths[9], "/proc/scsi");
	assert_int_equal(l->n_readonly_paths, 5);
	assert_string_equal(l->readonly_paths[4], "/proc/sysrq-trigger");
	assert_int_equal(l->resources->n_devices, 1);
	assert_false(l->resources->devices[0].allow);
	assert_string_equal(l->resources->devices[0].access, "rwm");
	oci_spec_free(s);
}

static void test_default_namespaces(void **state)
{
	struct oci_spec *s = parse_default(false);

	assert_int_equal(s->linux_->n_namespaces, 5);
	assert_non_null(oci_spec_namespace(s, OCI_NS_PID));
	assert_non_null(oci_spec_namespace(s, OCI_NS_NETWORK));
	assert_non_null(oci_spec_namespace(s, OCI_NS_IPC));
	assert_non_null(oci_spec_namespace(s, OCI_NS_UTS));
	assert_non_null(oci_spec_namespace(s, OCI_NS_MOUNT));
	assert_null(oci_spec_namespace(s, OCI_NS_USER));
	assert_null(s->linux_->uid_mappings);
	oci_spec_free(s);
}

/* As `runc spec --rootless`: a user namespace mapping the caller to root,
 * no network namespace, sysfs bound from the host, devpts without gid=5,
 * no device rules. */
static void test_rootless_default(void **state)
{
	struct oci_spec *s = parse_default(true);
	const struct oci_linux *l = s->linux_;
	const struct oci_mount *sys = find_mount(s, "/sys");

	assert_int_equal(l->n_namespaces, 5);
	assert_non_null(oci_spec_namespace(s, OCI_NS_USER));
	assert_null(oci_spec_namespace(s, OCI_NS_NETWORK));
	assert_int_equal(l->n_uid_mappings, 1);
	assert_int_equal(l->uid_mappings[0].container_id, 0);
	assert_int_equal(l->uid_mappings[0].host_id, geteuid());
	assert_int_equal(l->uid_mappings[0].size, 1);
	assert_int_equal(l->n_gid_mappings, 1);
	assert_int_equal(l->gid_mappings[0].host_id, getegid());
	assert_string_equal(sys->type, "none");
	assert_string_equal(sys->source, "/sys");
	assert_true(has_option(sys, "rbind"));
	assert_true(has_option(sys, "ro"));
	assert_false(has_option(find_mount(s, "/dev/pts"), "gid=5"));
	assert_null(l->resources);
	assert_int_equal(s->n_mounts, 7);
	oci_spec_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_process_matches_runc),
		cmocka_unit_test(test_default_mounts_and_paths_match_runc),
		cmocka_unit_test(test_default_namespaces),
		cmocka_unit_test(test_rootless_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
