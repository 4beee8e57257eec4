# Attack suites (tests/security/): one test per escape class, each an
# actual attack from inside a container against a throw-away copy of hrun,
# judged by what it did outside (bytes, modes, markers), never by messages.
SECURITY_TESTS =
# CVE-2024-21626 (fds in exec), CVE-2019-16884 / CVE-2023-27561 (/proc),
# CVE-2016-9962 (joining a pid namespace)
SECURITY_TESTS += tests/security/exec_fds.bats tests/security/proc.bats \
	tests/security/pidns.bats
TESTS += $(SECURITY_TESTS)
EXTRA_DIST += $(SECURITY_TESTS) tests/security/helpers.bash
# The attackers are static: they run inside the busybox rootfs.
# pidns.bats: every /proc/<pid>/root and cwd of its pid namespace, in a loop
check_PROGRAMS += tests/security/procroot
tests_security_procroot_CFLAGS = -O2
tests_security_procroot_LDFLAGS = -static
