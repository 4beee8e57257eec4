/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every rejected config.json gives one exact line that names the file,
 * the JSON path and what was expected; the versions hrun reads pass. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "oci/spec.h"
#include "util/error.h"

/* A document with a valid version and `rest` as its other members. */
#define DOC(rest)     "{\"ociVersion\": \"1.0.0\", " rest "}"
#define PROCESS(rest) DOC("\"process\": {\"args\": [\"sh\"], \"cwd\": \"/\", " rest "}")
#define LINUX(rest)   DOC("\"linux\": {" rest "}")
#define SECCOMP(rest) LINUX("\"seccomp\": {" rest "}")

struct error_case {
	const char *name;
	const char *text;
	const char *expected; /* NULL: the text parses */
};

static const struct error_case cases[] = {
	/* syntax */
	{"malformed_json_names_the_position", "{bad",
	 "config.json: invalid JSON: lexical error: invalid char in json text at line 1, column 2"},
	{"empty_text_is_premature_eof", "",
	 "config.json: invalid JSON: parse error: premature EOF"},
	{"position_counts_lines", "{\"ociVersion\": \"1.0.0\",\n \"x\": [1,,2]}",
	 "config.json: invalid JSON: parse error: unallowed token at this point in JSON text "
	 "at line 2, column 10"},
	{"trailing_garbage", DOC("\"hostname\": \"h\"") " x",
	 "config.json: invalid JSON: parse error: trailing garbage at line 1, column 42"},
	{"document_must_be_an_object", "[]", "config.json: must be an object"},
	/* ociVersion */
	{"version_is_required", "{}", "config.json: ociVersion: must be a string"},
	{"version_must_be_a_string", "{\"ociVersion\": 1}",
	 "config.json: ociVersion: must be a string"},
	{"version_invalid", "{\"ociVersion\": \"invalid\"}",
	 "config.json: ociVersion: unsupported version \"invalid\" (hrun supports 1.0.0 to 1.3.0)"},
	{"version_2_0_0", "{\"ociVersion\": \"2.0.0\"}",
	 "config.json: ociVersion: unsupported version \"2.0.0\" (hrun supports 1.0.0 to 1.3.0)"},
	{"version_1_4_0", "{\"ociVersion\": \"1.4.0\"}",
	 "config.json: ociVersion: unsupported version \"1.4.0\" (hrun supports 1.0.0 to 1.3.0)"},
	{"version_without_patch", "{\"ociVersion\": \"1.0\"}",
	 "config.json: ociVersion: unsupported version \"1.0\" (hrun supports 1.0.0 to 1.3.0)"},
	{"version_with_empty_suffix", "{\"ociVersion\": \"1.3.0-\"}",
	 "config.json: ociVersion: unsupported version \"1.3.0-\" (hrun supports 1.0.0 to 1.3.0)"},
	{"version_1_0_0_accepted", "{\"ociVersion\": \"1.0.0\"}", NULL},
	{"version_1_2_1_rc_1_accepted", "{\"ociVersion\": \"1.2.1-rc.1\"}", NULL},
	{"version_1_3_0_dev_accepted", "{\"ociVersion\": \"1.3.0-dev\"}", NULL},
	{"version_1_3_0_plus_dev_accepted", "{\"ociVersion\": \"1.3.0+dev\"}", NULL},
	{"version_of_runc_spec_accepted", "{\"ociVersion\": \"1.0.2-dev\"}", NULL},
	/* root, mounts, hooks, annotations */
	{"root_path_is_required", DOC("\"root\": {\"readonly\": true}"),
	 "config.json: root.path: must be a string"},
	{"root_must_be_an_object", DOC("\"root\": \"rootfs\""),
	 "config.json: root: must be an object"},
	{"mounts_must_be_an_array", DOC("\"mounts\": {}"), "config.json: mounts: must be an array"},
	{"mount_must_be_an_object", DOC("\"mounts\": [\"/proc\"]"),
	 "config.json: mounts[0]: must be an object"},
	{"mount_destination_is_required",
	 DOC("\"mounts\": [{\"destination\": \"/a\"}, {\"destination\": \"/b\"}, {\"type\": "
	     "\"tmpfs\"}]"),
	 "config.json: mounts[2].destination: must be a string"},
	{"mount_destination_must_not_be_empty",
	 DOC("\"mounts\": [{\"destination\": \"/a\"}, {\"destination\": \"\"}]"),
	 "config.json: mounts[1].destination: must not be empty"},
	{"mount_destination_must_be_a_string",
	 DOC("\"mounts\": [{\"destination\": \"/a\"}, {\"destination\": \"/b\"}, {\"destination\": "
	     "3}]"),
	 "config.json: mounts[2].destination: must be a string"},
	{"mount_options_are_strings",
	 DOC("\"mounts\": [{\"destination\": \"/a\", \"options\": [\"ro\", 1]}]"),
	 "config.json: mounts[0].options: must be an array of strings"},
	{"mount_mapping_size_is_required",
	 DOC("\"mounts\": [{\"destination\": \"/a\", \"uidMappings\": [{\"containerID\": 0, "
	     "\"hostID\": 1}]}]"),
	 "config.json: mounts[0].uidMappings[0].size: must be an integer between 0 and 4294967295"},
	{"hook_path_is_required", DOC("\"hooks\": {\"prestart\": [{\"args\": [\"x\"]}]}"),
	 "config.json: hooks.prestart[0].path: must be a string"},
	{"hook_path_must_be_absolute",
	 DOC("\"hooks\": {\"createRuntime\": [{\"path\": \"/bin/true\"}, {\"path\": "
	     "\"bin/hook\"}]}"),
	 "config.json: hooks.createRuntime[1].path: must be an absolute path"},
	{"hook_timeout_must_be_positive",
	 DOC("\"hooks\": {\"poststop\": [{\"path\": \"/h\", \"timeout\": 0}]}"),
	 "config.json: hooks.poststop[0].timeout: must be an integer between 1 and 2147483647"},
	{"annotation_values_are_strings", DOC("\"annotations\": {\"a\": \"b\", \"c.d\": true}"),
	 "config.json: annotations[\"c.d\"]: must be a string"},
	/* process */
	{"process_args_are_required", DOC("\"process\": {\"cwd\": \"/\"}"),
	 "config.json: process.args: must be a non-empty array of strings"},
	{"process_args_must_not_be_empty", DOC("\"process\": {\"args\": [], \"cwd\": \"/\"}"),
	 "config.json: process.args: must be a non-empty array of strings"},
	{"process_args_are_strings", DOC("\"process\": {\"args\": [\"sh\", 2], \"cwd\": \"/\"}"),
	 "config.json: process.args: must be a non-empty array of strings"},
	{"process_cwd_is_required", DOC("\"process\": {\"args\": [\"sh\"]}"),
	 "config.json: process.cwd: must be a string"},
	{"process_cwd_must_be_absolute", DOC("\"process\": {\"args\": [\"sh\"], \"cwd\": \"tmp\"}"),
	 "config.json: process.cwd: must be an absolute path"},
	{"process_terminal_is_a_boolean", PROCESS("\"terminal\": \"yes\""),
	 "config.json: process.terminal: must be a boolean"},
	{"negative_uid", PROCESS("\"user\": {\"uid\": -1, \"gid\": 0}"),
	 "config.json: process.user.uid: must be an integer between 0 and 4294967295"},
	{"uid_above_uint32", PROCESS("\"user\": {\"uid\": 4294967296}"),
	 "config.json: process.user.uid: must be an integer between 0 and 4294967295"},
	{"additional_gid_is_an_integer", PROCESS("\"user\": {\"additionalGids\": [1, \"wheel\"]}"),
	 "config.json: process.user.additionalGids[1]: must be an integer between 0 and "
	 "4294967295"},
	{"capability_set_is_an_array_of_strings",
	 PROCESS("\"capabilities\": {\"bounding\": \"CAP_KILL\"}"),
	 "config.json: process.capabilities.bounding: must be an array of strings"},
	{"rlimit_soft_is_required",
	 PROCESS("\"rlimits\": [{\"type\": \"RLIMIT_NOFILE\", \"hard\": 1}]"),
	 "config.json: process.rlimits[0].soft: must be an integer between 0 and "
	 "18446744073709551615"},
	{"rlimit_type_is_required", PROCESS("\"rlimits\": [{\"hard\": 1, \"soft\": 1}]"),
	 "config.json: process.rlimits[0].type: must be a string"},
	{"rlimit_uint64_max_accepted",
	 PROCESS("\"rlimits\": [{\"type\": \"RLIMIT_AS\", \"hard\": 18446744073709551615, "
		 "\"soft\": 18446744073709551615}]"),
	 NULL},
	{"rlimit_above_uint64_max",
	 PROCESS("\"rlimits\": [{\"type\": \"RLIMIT_AS\", \"hard\": 18446744073709551616, "
		 "\"soft\": 0}]"),
	 "config.json: process.rlimits[0].hard: must be an integer between 0 and "
	 "18446744073709551615"},
	{"rlimit_negative",
	 PROCESS("\"rlimits\": [{\"type\": \"RLIMIT_AS\", \"hard\": 1, \"soft\": -1}]"),
	 "config.json: process.rlimits[0].soft: must be an integer between 0 and "
	 "18446744073709551615"},
	{"oom_score_adj_is_an_int32", PROCESS("\"oomScoreAdj\": 2147483648"),
	 "config.json: process.oomScoreAdj: must be an integer between -2147483648 and 2147483647"},
	{"io_priority_class_is_required", PROCESS("\"ioPriority\": {\"priority\": 1}"),
	 "config.json: process.ioPriority.class: must be a string"},
	{"console_size_is_an_object", PROCESS("\"consoleSize\": [24, 80]"),
	 "config.json: process.consoleSize: must be an object"},
	/* linux */
	{"unknown_namespace_type",
	 LINUX("\"namespaces\": [{\"type\": \"pid\"}, {\"type\": \"ipc\"}, "
	       "{\"type\": \"uts\"}, {\"type\": \"foo\"}]"),
	 "config.json: linux.namespaces[3].type: unknown namespace type \"foo\""},
	{"namespace_type_is_quoted_on_one_line",
	 LINUX("\"namespaces\": [{\"type\": \"a\\nb\\\"\"}]"),
	 "config.json: linux.namespaces[0].type: unknown namespace type \"a\\x0ab\\\"\""},
	{"namespace_type_is_required", LINUX("\"namespaces\": [{\"path\": \"/proc/1/ns/net\"}]"),
	 "config.json: linux.namespaces[0].type: must be a string"},
	{"duplicate_namespace",
	 LINUX("\"namespaces\": [{\"type\": \"pid\"}, {\"type\": \"network\"}, "
	       "{\"type\": \"pid\", \"path\": \"/proc/1/ns/pid\"}]"),
	 "config.json: linux.namespaces[2].type: duplicate namespace type \"pid\""},
	{"unknown_device_type", LINUX("\"devices\": [{\"path\": \"/dev/x\", \"type\": \"x\"}]"),
	 "config.json: linux.devices[0].type: unknown device type \"x\""},
	{"device_path_is_required",
	 LINUX("\"devices\": [{\"type\": \"c\", \"major\": 1, \"minor\": 3}]"),
	 "config.json: linux.devices[0].path: must be a string"},
	{"time_offset_secs_is_an_integer",
	 LINUX("\"timeOffsets\": {\"monotonic\": {\"secs\": \"1\"}}"),
	 "config.json: linux.timeOffsets.monotonic.secs: must be an integer between "
	 "-9223372036854775808 and 9223372036854775807"},
	{"sysctl_values_are_strings", LINUX("\"sysctl\": {\"net.ipv4.ip_forward\": 1}"),
	 "config.json: linux.sysctl[\"net.ipv4.ip_forward\"]: must be a string"},
	{"net_device_is_an_object", LINUX("\"netDevices\": {\"eth0\": \"net0\"}"),
	 "config.json: linux.netDevices.eth0: must be an object"},
	{"personality_domain_is_required", LINUX("\"personality\": {\"flags\": []}"),
	 "config.json: linux.personality.domain: must be a string"},
	/* linux.resources */
	{"memory_limit_is_an_integer", LINUX("\"resources\": {\"memory\": {\"limit\": \"1G\"}}"),
	 "config.json: linux.resources.memory.limit: must be an integer between "
	 "-9223372036854775808 and 9223372036854775807"},
	{"cpu_shares_are_not_fractions", LINUX("\"resources\": {\"cpu\": {\"shares\": 1.5}}"),
	 "config.json: linux.resources.cpu.shares: must be an integer between 0 and "
	 "18446744073709551615"},
	{"block_io_weight_is_a_uint16", LINUX("\"resources\": {\"blockIO\": {\"weight\": 65536}}"),
	 "config.json: linux.resources.blockIO.weight: must be an integer between 0 and 65535"},
	{"throttle_rate_is_required",
	 LINUX("\"resources\": {\"blockIO\": {\"throttleReadBpsDevice\": [{\"major\": 8, "
	       "\"minor\": 0}]}}"),
	 "config.json: linux.resources.blockIO.throttleReadBpsDevice[0].rate: must be an integer "
	 "between 0 and 18446744073709551615"},
	{"device_cgroup_allow_is_required",
	 LINUX("\"resources\": {\"devices\": [{\"access\": \"rwm\"}]}"),
	 "config.json: linux.resources.devices[0].allow: must be a boolean"},
	{"device_cgroup_access_is_rwm",
	 LINUX("\"resources\": {\"devices\": [{\"allow\": true, \"access\": \"rwx\"}]}"),
	 "config.json: linux.resources.devices[0].access: must be a combination of r, w and m"},
	{"device_cgroup_type_is_a_c_or_b",
	 LINUX("\"resources\": {\"devices\": [{\"allow\": true, \"type\": \"p\"}]}"),
	 "config.json: linux.resources.devices[0].type: unknown device type \"p\""},
	{"rdma_limits_are_uint32",
	 LINUX("\"resources\": {\"rdma\": {\"mlx5_1\": {\"hcaHandles\": -3}}}"),
	 "config.json: linux.resources.rdma.mlx5_1.hcaHandles: must be an integer between 0 and "
	 "4294967295"},
	{"unified_values_are_strings", LINUX("\"resources\": {\"unified\": {\"memory.max\": 10}}"),
	 "config.json: linux.resources.unified[\"memory.max\"]: must be a string"},
	{"pids_limit_is_an_integer", LINUX("\"resources\": {\"pids\": {\"limit\": false}}"),
	 "config.json: linux.resources.pids.limit: must be an integer between "
	 "-9223372036854775808 and 9223372036854775807"},
	/* linux.seccomp */
	{"seccomp_default_action_is_required", SECCOMP("\"syscalls\": []"),
	 "config.json: linux.seccomp.defaultAction: must be a string"},
	{"unknown_seccomp_default_action", SECCOMP("\"defaultAction\": \"SCMP_ACT_DENY\""),
	 "config.json: linux.seccomp.defaultAction: unknown seccomp action \"SCMP_ACT_DENY\""},
	{"unknown_seccomp_syscall_action",
	 SECCOMP("\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], "
		 "\"action\": \"SCMP_ACT_ERRNO\"}, {\"names\": [\"kill\"], \"action\": \"KILL\"}]"),
	 "config.json: linux.seccomp.syscalls[1].action: unknown seccomp action \"KILL\""},
	{"unknown_seccomp_operator",
	 SECCOMP("\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], "
		 "\"action\": \"SCMP_ACT_LOG\", \"args\": [{\"index\": 0, \"value\": 1, \"op\": "
		 "\"SCMP_CMP_EQ\"}, {\"index\": 1, \"value\": 2, \"op\": \"SCMP_CMP_XOR\"}]}]"),
	 "config.json: linux.seccomp.syscalls[0].args[1].op: unknown seccomp operator "
	 "\"SCMP_CMP_XOR\""},
	{"seccomp_syscall_names_must_not_be_empty",
	 SECCOMP("\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [], "
		 "\"action\": \"SCMP_ACT_LOG\"}]"),
	 "config.json: linux.seccomp.syscalls[0].names: must be a non-empty array of strings"},
	{"every_seccomp_action_and_operator_accepted",
	 SECCOMP("\"defaultAction\": \"SCMP_ACT_KILL\", \"syscalls\": ["
		 "{\"names\": [\"a\"], \"action\": \"SCMP_ACT_KILL_PROCESS\"},"
		 "{\"names\": [\"a\"], \"action\": \"SCMP_ACT_KILL_THREAD\"},"
		 "{\"names\": [\"a\"], \"action\": \"SCMP_ACT_TRAP\"},"
		 "{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ERRNO\"},"
		 "{\"names\": [\"a\"], \"action\": \"SCMP_ACT_TRACE\"},"
		 "{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\"},"
		 "{\"names\": [\"a\"], \"action\": \"SCMP_ACT_LOG\"},"
		 "{\"names\": [\"a\"], \"action\": \"SCMP_ACT_NOTIFY\", \"args\": ["
		 "{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_NE\"},"
		 "{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_LT\"},"
		 "{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_LE\"},"
		 "{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"},"
		 "{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_GE\"},"
		 "{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_GT\"},"
		 "{\"index\": 0, \"value\": 0, \"valueTwo\": 0, \"op\": "
		 "\"SCMP_CMP_MASKED_EQ\"}]}]"),
	 NULL},
	/* unknown members are ignored, whatever their type */
	{"unknown_members_are_ignored",
	 DOC("\"x-vendor\": {\"deep\": [1, null]}, \"process\": {\"args\": [\"sh\"], \"cwd\": "
	     "\"/\", "
	     "\"unknown\": 1}, \"windows\": {\"layerFolders\": []}"),
	 NULL},
};

static void test_case(void **state)
{
	const struct error_case *c = *state;
	struct hrun_error err = {0};
	struct oci_spec *spec = oci_spec_parse(c->text, strlen(c->text), "config.json", &err);

	if (c->expected) {
		assert_null(spec);
		assert_string_equal(err.msg, c->expected);
	} else {
		if (!spec)
			print_error("%s\n", err.msg);
		assert_non_null(spec);
	}
	oci_spec_free(spec);
}

static void test_missing_file_is_one_line(void **state)
{
	struct hrun_error err = {0};

	assert_null(oci_spec_load("/nonexistent/bundle/config.json", &err));
	assert_string_equal(err.msg, "open config.json `/nonexistent/bundle/config.json`: "
				     "No such file or directory");
}

static void test_malformed_file_is_named(void **state)
{
	struct hrun_error err = {0};

	assert_null(oci_spec_load(TEST_DATA_DIR "/truncated.json", &err));
	assert_string_equal(err.msg, "truncated.json: invalid JSON: parse error: premature EOF");
}

static void test_directory_is_not_a_file(void **state)
{
	struct hrun_error err = {0};

	assert_null(oci_spec_load(TEST_DATA_DIR, &err));
	assert_string_equal(err.msg, "read oci `" TEST_DATA_DIR "`: Is a directory");
}

/* A document of brackets alone is refused at a bound, by name. */
static void test_deep_nesting_is_refused(void **state)
{
	char text[200];
	struct hrun_error err = {0};

	memset(text, '[', sizeof text);
	assert_null(oci_spec_parse(text, sizeof text, "config.json", &err));
	assert_string_equal(err.msg, "config.json: invalid JSON: nested deeper than 128 levels");
}

/* The text needs no NUL terminator: only `len` bytes are read. */
static void test_text_is_read_to_len_only(void **state)
{
	static const char text[] = "{\"ociVersion\": \"1.0.0\"}garbage";
	struct hrun_error err = {0};
	struct oci_spec *spec = oci_spec_parse(text, strlen(text) - strlen("garbage"), "x", &err);

	assert_non_null(spec);
	oci_spec_free(spec);
}

int main(void)
{
	const size_t n_cases = sizeof cases / sizeof cases[0];
	const struct CMUnitTest file_tests[] = {
		cmocka_unit_test(test_missing_file_is_one_line),
		cmocka_unit_test(test_malformed_file_is_named),
		cmocka_unit_test(test_directory_is_not_a_file),
		cmocka_unit_test(test_text_is_read_to_len_only),
		cmocka_unit_test(test_deep_nesting_is_refused),
	};
	const size_t n_file_tests = sizeof file_tests / sizeof file_tests[0];
	struct CMUnitTest *tests = calloc(n_cases + n_file_tests, sizeof *tests);
	int failed;

	if (!tests)
		return 1;
	memcpy(tests, file_tests, sizeof file_tests);
	for (size_t i = 0; i < n_cases; i++) {
		tests[n_file_tests + i].name = cases[i].name;
		tests[n_file_tests + i].test_func = test_case;
		tests[n_file_tests + i].initial_state = (void *)&cases[i];
	}
	failed = _cmocka_run_group_tests("oci_errors", tests, n_cases + n_file_tests, NULL, NULL);
	free(tests);
	return failed;
}
