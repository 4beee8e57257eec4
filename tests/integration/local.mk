# Integration suites: real containers on a busybox rootfs (bats, TAP).
INTEGRATION_TESTS = \
	tests/integration/cli.bats \
	tests/integration/errors.bats \
	tests/integration/lifecycle.bats \
	tests/integration/run.bats \
	tests/integration/signals.bats \
	tests/integration/userns.bats
TESTS += $(INTEGRATION_TESTS)
TEST_EXTENSIONS = .bats
BATS_LOG_DRIVER = $(LOG_DRIVER)
# LeakSanitizer cannot stop the world inside a pid namespace: leaks are
# checked by the unit tests (no namespaces) and under valgrind.
BATS_LOG_COMPILER = env ASAN_OPTIONS=detect_leaks=0 bats --tap
EXTRA_DIST += $(INTEGRATION_TESTS) tests/integration/helpers.bash tests/integration/mkrootfs.sh
