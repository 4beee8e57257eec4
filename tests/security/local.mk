# Attack suites (tests/security/): one test per escape class, each an
# actual attack from inside a container against a throw-away copy of hrun,
# judged by what it did outside (bytes, modes, markers), never by messages.
SECURITY_TESTS = \
	tests/security/bind_race.bats \
	tests/security/hooks_seccomp.bats \
	tests/security/nodev.bats \
	tests/security/pidfile.bats
TESTS += $(SECURITY_TESTS)
EXTRA_DIST += $(SECURITY_TESTS) tests/security/helpers.bash
# The attackers are static: they run inside the busybox rootfs.
