/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SCMP_ACT_NOTIFY end to end, without a container: the runtime's part
 * (connect, the message), the child's install with the helper, and the
 * test agent (tests/integration/seccomp_agent) answering.  The notify list
 * holds every syscall the child and the helper make after the install,
 * the crun #1002 case: nothing of hrun's may be trapped. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "oci/state.h"
#include "test_seccomp_helpers.h"

struct agent {
	char dir[64];
	char socket[96];
	char out[96];
	pid_t pid;
};

static void start_agent(struct agent *a, const char *rule)
{
	const char *top = getenv("HRUN_TOP_BUILDDIR");
	char *path = NULL;
	struct stat st;

	strcpy(a->dir, "/tmp/hrun-notify-XXXXXX");
	assert_non_null(mkdtemp(a->dir));
	snprintf(a->socket, sizeof a->socket, "%s/agent.sock", a->dir);
	snprintf(a->out, sizeof a->out, "%s/agent.out", a->dir);
	assert_true(asprintf(&path, "%s/tests/integration/seccomp_agent", top ? top : ".") > 0);
	a->pid = fork();
	assert_true(a->pid >= 0);
	if (a->pid == 0) {
		execl(path, "seccomp_agent", a->socket, a->out, rule, (char *)NULL);
		_exit(127);
	}
	free(path);
	for (int i = 0; i < 5000 && stat(a->socket, &st) < 0; i++)
		nanosleep(&(struct timespec){.tv_nsec = 1000000}, NULL);
	assert_int_equal(stat(a->socket, &st), 0);
}

static char *stop_agent(struct agent *a)
{
	int status;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	assert_int_equal(waitpid(a->pid, &status, 0), a->pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	f = fopen(a->out, "re");
	assert_non_null(f);
	assert_true(getdelim(&text, &len, '\0', f) > 0);
	fclose(f);
	unlink(a->out);
	rmdir(a->dir);
	return text;
}

static int probe_notified(void *arg)
{
	return test_syscall(SYS_getppid, 0, 0) == 4242 ? 0 : 1;
}

#define NOTIFY_PROFILE                                                                             \
	"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerPath\": \"%s\", \"flags\": "            \
	"[\"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\", \"SECCOMP_FILTER_FLAG_TSYNC\"],"             \
	" \"listenerMetadata\": \"meta \\\"quoted\\\"\", \"syscalls\": [{\"names\": [\"getppid\"," \
	" \"exit_group\", \"sendmsg\", \"sendto\", \"ppoll\", \"pread64\", \"fstat\", "            \
	"\"newfstatat\","                                                                          \
	" \"write\", \"execve\", \"capset\", \"futex\", \"exit\", \"kill\"],"                      \
	" \"action\": \"SCMP_ACT_NOTIFY\"}]}"

static void test_listener_reaches_the_agent(void **state)
{
	struct agent a;
	struct hrun_error err = {0};
	struct seccomp_filter *f;
	struct oci_state st = {.oci_version = (char *)"1.3.0",
			       .id = (char *)"c1",
			       .status = "created",
			       .pid = 1234,
			       .bundle = (char *)"/b",
			       .owner = (char *)""};
	char *profile = NULL, *out;
	int status;

	start_agent(&a, "getppid:=4242");
	assert_true(asprintf(&profile, NOTIFY_PROFILE, a.socket) > 0);
	f = test_filter(profile, NULL, &err);
	free(profile);
	assert_non_null(f);
	if (seccomp_filter_prepare(f, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(seccomp_listener_state(f, &st, &err), 0);
	alarm(20);
	status = test_run_filtered(f, probe_notified, NULL);
	alarm(0);
	seccomp_filter_free(f);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	out = stop_agent(&a);
	assert_non_null(strstr(out,
			       "{\"ociVersion\":\"1.3.0\",\"fds\":[\"seccompFd\"],\"pid\":1234,"
			       "\"metadata\":\"meta \\\"quoted\\\"\","
			       "\"state\":{"));
	assert_non_null(strstr(out, "\"id\":\"c1\",\"pid\":1234,\"status\":\"creating\","
				    "\"bundle\":\"/b\""));
	assert_non_null(strstr(out, "notified getppid\n"));
	assert_non_null(strstr(out, "notified exit_group\n"));
	free(out);
	/* the helper is our child too (CLONE_PARENT from the filtered child) */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static void test_unreachable_listener_is_a_create_error(void **state)
{
	struct hrun_error err = {0};
	struct seccomp_filter *f = test_filter(
		"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerPath\": "
		"\"/nonexistent/agent.sock\","
		" \"syscalls\": [{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_NOTIFY\"}]}",
		NULL, &err);

	assert_non_null(f);
	assert_int_equal(seccomp_filter_prepare(f, NULL, &err), -1);
	assert_string_equal(err.msg, "linux.seccomp.listenerPath: connect to "
				     "`/nonexistent/agent.sock`: No such file or directory");
	seccomp_filter_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listener_reaches_the_agent),
		cmocka_unit_test(test_unreachable_listener_is_a_create_error),
	};

	return cmocka_run_group_tests_name("seccomp_notify", tests, NULL, NULL);
}
