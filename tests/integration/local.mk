# Integration suites: real containers on a busybox rootfs (bats, TAP).
INTEGRATION_TESTS = \
	tests/integration/cgroups.bats \
	tests/integration/cli.bats \
	tests/integration/config.bats \
	tests/integration/docs.bats \
	tests/integration/errors.bats \
	tests/integration/exec.bats \
	tests/integration/hooks.bats \
	tests/integration/idmap.bats \
	tests/integration/lifecycle.bats \
	tests/integration/pod.bats \
	tests/integration/rootless.bats \
	tests/integration/run.bats \
	tests/integration/runc_cli.bats \
	tests/integration/scaling.bats \
	tests/integration/seccomp.bats \
	tests/integration/signals.bats \
	tests/integration/stop.bats \
	tests/integration/terminal.bats \
	tests/integration/userns.bats
TESTS += $(INTEGRATION_TESTS)
TEST_EXTENSIONS = .bats
BATS_LOG_DRIVER = $(LOG_DRIVER)
# LeakSanitizer cannot stop the world inside a pid namespace: leaks are
# checked by the unit tests (no namespaces) and under valgrind.
BATS_LOG_COMPILER = env ASAN_OPTIONS=detect_leaks=0 bats --tap
# seccomp.bats: the notify agent (test_seccomp_notify's too), and a static
# probe that goes into the busybox rootfs (no sanitizers: it must be static)
check_PROGRAMS += tests/integration/seccomp_agent tests/integration/seccomp_probe
tests_integration_seccomp_agent_LDADD = $(SECCOMP_LIBS)
tests_integration_seccomp_probe_CFLAGS = -O2
tests_integration_seccomp_probe_LDFLAGS = -static
EXTRA_DIST += $(INTEGRATION_TESTS) tests/integration/helpers.bash tests/integration/mkrootfs.sh \
	tests/integration/rootless.bash tests/integration/pidns.bash
# terminal.bats: the console socket's other end, as conmon serves it
check_PROGRAMS += tests/integration/recvtty
# config.bats: a static probe of the attributes /proc does not show
check_PROGRAMS += tests/integration/attrs_probe
tests_integration_attrs_probe_CFLAGS = -O2
tests_integration_attrs_probe_LDFLAGS = -static
