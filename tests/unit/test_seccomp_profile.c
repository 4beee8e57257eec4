/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.seccomp -> rules: what each action, errnoRet, operator and arch
 * list becomes, what is skipped as runc skips it, and every error with its
 * JSON path.  The text compared is what `hrun plan` shows. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/seccomp.h>

#include <cmocka.h>

#include "oci/spec.h"
#include "test_seccomp_helpers.h"

static char *filter_text(const char *seccomp, const char *presets)
{
	struct hrun_error err = {0};
	struct seccomp_filter *f = test_filter(seccomp, presets, &err);
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	if (!f)
		fail_msg("%s", err.msg);
	out = open_memstream(&text, &len);
	assert_non_null(out);
	assert_int_equal(seccomp_filter_print(f, "", out, &err), 0);
	fclose(out);
	seccomp_filter_free(f);
	return text;
}

static void expect_text(const char *seccomp, const char *expected)
{
	char *text = filter_text(seccomp, NULL);

	assert_string_equal(text, expected);
	free(text);
}

static void test_no_seccomp_and_no_presets_is_no_filter(void **state)
{
	struct hrun_error err = {0};

	assert_null(test_filter(NULL, NULL, &err));
	assert_string_equal(err.msg, "");
}

static void test_rules_arches_and_skipped_names(void **state)
{
	expect_text(
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 38,"
		" \"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"],"
		" \"syscalls\": [{\"names\": [\"getppid\", \"no_such_call\"], \"action\": "
		"\"SCMP_ACT_ALLOW\"},"
		" {\"names\": [\"clone\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1,"
		" \"args\": [{\"index\": 0, \"value\": 268435456, \"valueTwo\": 268435456,"
		" \"op\": \"SCMP_CMP_MASKED_EQ\"}]}]}",
		"filter linux.seccomp: default ERRNO(38), arches native x86_64 x86 x32, 2 rules\n"
		"ALLOW getppid\n"
		"ERRNO(1) clone arg0 MASKED_EQ 0x10000000 0x10000000\n"
		/* runc's ENOSYS rule: getppid is x86_64's 110, clone x86's 120 */
		"ENOSYS above 110 on x86_64 (syscalls newer than the profile)\n"
		"ENOSYS above 120 on x86 (syscalls newer than the profile)\n"
		"skipped (unknown to libseccomp): no_such_call\n");
}

static void test_every_action(void **state)
{
	expect_text("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerPath\": \"/x\","
		    " \"syscalls\": ["
		    "{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_KILL\"},"
		    "{\"names\": [\"getuid\"], \"action\": \"SCMP_ACT_KILL_THREAD\"},"
		    "{\"names\": [\"getgid\"], \"action\": \"SCMP_ACT_KILL_PROCESS\"},"
		    "{\"names\": [\"geteuid\"], \"action\": \"SCMP_ACT_TRAP\"},"
		    "{\"names\": [\"getegid\"], \"action\": \"SCMP_ACT_ERRNO\"},"
		    "{\"names\": [\"getpgrp\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 5},"
		    "{\"names\": [\"getsid\"], \"action\": \"SCMP_ACT_TRACE\"},"
		    "{\"names\": [\"gettid\"], \"action\": \"SCMP_ACT_TRACE\", \"errnoRet\": 7},"
		    "{\"names\": [\"getpid\"], \"action\": \"SCMP_ACT_LOG\"},"
		    "{\"names\": [\"getcwd\"], \"action\": \"SCMP_ACT_NOTIFY\"}]}",
		    "listener /x\n"
		    "filter linux.seccomp: default ALLOW, arches native, 10 rules\n"
		    "KILL getppid\nKILL getuid\nKILL_PROCESS getgid\nTRAP geteuid\n"
		    "ERRNO(1) getegid\nERRNO(5) getpgrp\nTRACE(1) getsid\nTRACE(7) gettid\n"
		    "LOG getpid\nNOTIFY getcwd\n");
}

/* errnoRet means something only to ERRNO and TRACE (runc ignores it elsewhere);
 * a rule doing what the default does is dropped (libseccomp refuses it). */
static void test_ignored_errno_ret_and_default_action_rules(void **state)
{
	expect_text("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": ["
		    "{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_ALLOW\", \"errnoRet\": 9},"
		    "{\"names\": [\"getuid\"], \"action\": \"SCMP_ACT_ERRNO\"},"
		    "{\"names\": [\"getgid\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 2}]}",
		    "filter linux.seccomp: default ERRNO(1), arches native, 2 rules\n"
		    "ALLOW getppid\nERRNO(2) getgid\n"
		    /* every name counts, whatever its action (runc) */
		    "ENOSYS above 110 on x86_64 (syscalls newer than the profile)\n");
}

/* Args of one entry are ANDed; a repeated index makes one rule per arg (runc). */
static void test_args_and_or_repeated_index(void **state)
{
	expect_text("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": ["
		    "{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_ERRNO\", \"args\": ["
		    "{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_NE\"},"
		    "{\"index\": 1, \"value\": 2, \"op\": \"SCMP_CMP_LT\"},"
		    "{\"index\": 2, \"value\": 3, \"op\": \"SCMP_CMP_LE\"},"
		    "{\"index\": 3, \"value\": 4, \"op\": \"SCMP_CMP_EQ\"},"
		    "{\"index\": 4, \"value\": 5, \"op\": \"SCMP_CMP_GE\"},"
		    "{\"index\": 5, \"value\": 6, \"op\": \"SCMP_CMP_GT\"}]},"
		    "{\"names\": [\"getuid\"], \"action\": \"SCMP_ACT_ERRNO\", \"args\": ["
		    "{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"},"
		    "{\"index\": 0, \"value\": 2, \"op\": \"SCMP_CMP_EQ\"}]}]}",
		    "filter linux.seccomp: default ALLOW, arches native, 3 rules\n"
		    "ERRNO(1) getppid arg0 NE 0x1 arg1 LT 0x2 arg2 LE 0x3 arg3 EQ 0x4 arg4 GE 0x5"
		    " arg5 GT 0x6\n"
		    "ERRNO(1) getuid arg0 EQ 0x1\nERRNO(1) getuid arg0 EQ 0x2\n");
}

static void test_flags_and_listener(void **state)
{
	struct hrun_error err = {0};
	struct seccomp_filter *f = test_filter(
		"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerPath\": \"/run/agent.sock\","
		" \"listenerMetadata\": \"meta\", \"flags\": [\"SECCOMP_FILTER_FLAG_TSYNC\","
		" \"SECCOMP_FILTER_FLAG_LOG\", \"SECCOMP_FILTER_FLAG_SPEC_ALLOW\","
		" \"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\"], \"syscalls\": ["
		"{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_NOTIFY\"}]}",
		NULL, &err);

	assert_non_null(f);
	assert_int_equal(f->flags, SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_LOG |
					   SECCOMP_FILTER_FLAG_SPEC_ALLOW |
					   SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV);
	assert_string_equal(f->listener_path, "/run/agent.sock");
	assert_string_equal(f->listener_metadata, "meta");
	assert_true(f->programs[0].notify);
	assert_int_equal(f->agent_fd, -1);
	seccomp_filter_free(f);
}

/* `hrun plan` names the flags without their SECCOMP_FILTER_FLAG_ prefix. */
static void test_flags_and_listener_are_printed(void **state)
{
	char *text = filter_text(
		"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerPath\": \"/run/agent.sock\","
		" \"listenerMetadata\": \"meta\", \"flags\": "
		"[\"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\","
		" \"SECCOMP_FILTER_FLAG_SPEC_ALLOW\", \"SECCOMP_FILTER_FLAG_LOG\","
		" \"SECCOMP_FILTER_FLAG_TSYNC\"], \"syscalls\": ["
		"{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_NOTIFY\"}]}",
		NULL);

	assert_string_equal(text, "flags TSYNC LOG SPEC_ALLOW WAIT_KILLABLE_RECV\n"
				  "listener /run/agent.sock metadata meta\n"
				  "filter linux.seccomp: default ALLOW, arches native, 1 rules\n"
				  "NOTIFY getppid\n");
	free(text);
}

struct error_case {
	const char *name;
	const char *seccomp;
	const char *expected;
};

#define ALLOW_WITH(rest) "{\"defaultAction\": \"SCMP_ACT_ALLOW\", " rest "}"
#define RULE(rest)	 ALLOW_WITH("\"syscalls\": [{\"names\": [\"getppid\"], " rest "}]")

static const struct error_case errors[] = {
	{"unknown_action_names_its_path", RULE("\"action\": \"SCMP_ACT_BOGUS\""),
	 "config.json: linux.seccomp.syscalls[0].action: unknown seccomp action "
	 "\"SCMP_ACT_BOGUS\""},
	{"unknown_operator_names_its_path",
	 RULE("\"action\": \"SCMP_ACT_ERRNO\", \"args\": [{\"index\": 0, \"value\": 1, \"op\": "
	      "\"SCMP_CMP_XX\"}]"),
	 "config.json: linux.seccomp.syscalls[0].args[0].op: unknown seccomp operator "
	 "\"SCMP_CMP_XX\""},
	{"errno_ret_out_of_range", RULE("\"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 70000"),
	 "linux.seccomp.syscalls[0].errnoRet: 70000 is out of range (0 to 65535)"},
	{"arg_index_out_of_range",
	 RULE("\"action\": \"SCMP_ACT_ERRNO\", \"args\": [{\"index\": 6, \"value\": 1, \"op\": "
	      "\"SCMP_CMP_EQ\"}]"),
	 "linux.seccomp.syscalls[0].args[0].index: 6 is not 0 to 5"},
	{"unknown_architecture",
	 ALLOW_WITH("\"architectures\": [\"SCMP_ARCH_X86\", \"SCMP_ARCH_VAX\"]"),
	 "linux.seccomp.architectures[1]: unknown architecture \"SCMP_ARCH_VAX\""},
	{"architecture_needs_its_prefix", ALLOW_WITH("\"architectures\": [\"x86\"]"),
	 "linux.seccomp.architectures[0]: unknown architecture \"x86\""},
	{"unknown_flag",
	 ALLOW_WITH("\"flags\": [\"SECCOMP_FILTER_FLAG_LOG\", \"SECCOMP_FILTER_FLAG_FOO\"]"),
	 "linux.seccomp.flags[1]: unknown seccomp flag \"SECCOMP_FILTER_FLAG_FOO\""},
	{"notify_cannot_be_the_default",
	 "{\"defaultAction\": \"SCMP_ACT_NOTIFY\", \"listenerPath\": \"/x\"}",
	 "linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the default action"},
	{"notify_needs_a_listener", RULE("\"action\": \"SCMP_ACT_NOTIFY\""),
	 "linux.seccomp.listenerPath: required by SCMP_ACT_NOTIFY rules"},
	{"wait_killable_needs_notify",
	 ALLOW_WITH("\"flags\": [\"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\"]"),
	 "linux.seccomp.flags: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV needs SCMP_ACT_NOTIFY rules"},
};

static void test_error_case(void **state)
{
	const struct error_case *c = *state;
	struct hrun_error err = {0};
	struct seccomp_filter *f = test_filter(c->seccomp, NULL, &err);

	assert_null(f);
	assert_string_equal(err.msg, c->expected);
}

/* The parser already refuses unknown actions; the translation checks again,
 * with the path, for a model built some other way. */
static void test_unknown_action_in_the_model(void **state)
{
	struct oci_seccomp_syscall sc = {
		.names = (char *[]){"getppid", NULL}, .n_names = 1, .action = "SCMP_ACT_FROB"};
	struct oci_seccomp s = {
		.default_action = "SCMP_ACT_ALLOW", .syscalls = &sc, .n_syscalls = 1};
	struct oci_linux linux_ = {.seccomp = &s};
	struct oci_spec spec = {.linux_ = &linux_};
	struct seccomp_filter *f = NULL;
	struct hrun_error err = {0};

	assert_int_equal(seccomp_filter_build(&spec, &f, &err), -1);
	assert_string_equal(
		err.msg,
		"linux.seccomp.syscalls[0].action: unknown seccomp action \"SCMP_ACT_FROB\"");
	s.default_action = NULL;
	assert_int_equal(seccomp_filter_build(&spec, &f, &err), -1);
	assert_string_equal(err.msg, "linux.seccomp.defaultAction: unknown seccomp action \"\"");
}

/* Same arguments, two actions: libseccomp cannot choose, and neither do we. */
static void test_conflicting_rules_name_the_second(void **state)
{
	struct hrun_error err = {0};
	struct seccomp_filter *f =
		test_filter("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": ["
			    "{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_ERRNO\","
			    " \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]},"
			    "{\"names\": [\"getuid\", \"getppid\"], \"action\": \"SCMP_ACT_KILL\","
			    " \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}",
			    NULL, &err);

	assert_non_null(f);
	assert_int_equal(seccomp_program_compile(&f->programs[0], &err), -1);
	assert_string_equal(err.msg, "linux.seccomp.syscalls[1].names[1]: `getppid` conflicts "
				     "with an earlier rule for the same arguments");
	seccomp_filter_free(f);
}

int main(void)
{
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_no_seccomp_and_no_presets_is_no_filter),
		cmocka_unit_test(test_rules_arches_and_skipped_names),
		cmocka_unit_test(test_every_action),
		cmocka_unit_test(test_ignored_errno_ret_and_default_action_rules),
		cmocka_unit_test(test_args_and_or_repeated_index),
		cmocka_unit_test(test_flags_and_listener),
		cmocka_unit_test(test_flags_and_listener_are_printed),
		cmocka_unit_test(test_unknown_action_in_the_model),
		cmocka_unit_test(test_conflicting_rules_name_the_second),
	};
	const size_t n_fixed = sizeof fixed / sizeof fixed[0];
	const size_t n_errors = sizeof errors / sizeof errors[0];
	struct CMUnitTest *tests = calloc(n_fixed + n_errors, sizeof *tests);
	int failed;

	if (!tests)
		return 1;
	memcpy(tests, fixed, sizeof fixed);
	for (size_t i = 0; i < n_errors; i++) {
		tests[n_fixed + i].name = errors[i].name;
		tests[n_fixed + i].test_func = test_error_case;
		tests[n_fixed + i].initial_state = (void *)&errors[i];
	}
	failed = _cmocka_run_group_tests("seccomp_profile", tests, n_fixed + n_errors, NULL, NULL);
	free(tests);
	return failed;
}
