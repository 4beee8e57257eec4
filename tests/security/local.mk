# Attack suites (tests/security/): one test per escape class, each an
# actual attack from inside a container against a throw-away copy of hrun,
# judged by what it did outside (bytes, modes, markers), never by messages.
SECURITY_TESTS =
# CVE-2024-21626 (fds in exec), CVE-2019-16884 / CVE-2023-27561 (/proc),
# CVE-2016-9962 (joining a pid namespace)
SECURITY_TESTS += tests/security/exec_fds.bats tests/security/proc.bats \
	tests/security/pidns.bats tests/security/passwd.bats
TESTS += $(SECURITY_TESTS)
EXTRA_DIST += $(SECURITY_TESTS) tests/security/helpers.bash
# The attackers are static: they run inside the busybox rootfs.
# mount_targets.bats: a directory and a symlink exchanged in a shared volume
check_PROGRAMS += tests/security/swap_race
tests_security_swap_race_CFLAGS = -O2
tests_security_swap_race_LDFLAGS = -static
SECURITY_TESTS += tests/security/mount_targets.bats tests/security/masks.bats \
	tests/security/caps.bats tests/security/ids.bats tests/security/rootless.bats
# exe.bats: the host binary (CVE-2019-5736)
SECURITY_TESTS += tests/security/exe.bats
check_PROGRAMS += tests/security/exe_attack tests/security/exe_loader
tests_security_exe_attack_CFLAGS = -O2
tests_security_exe_attack_LDFLAGS = -static
# exe_loader runs as an ELF loader, in place of a libc: it has none
tests_security_exe_loader_CFLAGS = -O2 -ffreestanding -fno-stack-protector -fno-pie
tests_security_exe_loader_LDFLAGS = -static -nostdlib -no-pie
# hooks under the filter, caller-given paths, devices without a device
# cgroup, bind sources (TOCTOU): attackers are scripts, on the host
SECURITY_TESTS += tests/security/hooks_seccomp.bats tests/security/pidfile.bats \
	tests/security/nodev.bats tests/security/bind_race.bats
# pidns.bats: every /proc/<pid>/root and cwd of its pid namespace, in a loop
check_PROGRAMS += tests/security/procroot
tests_security_procroot_CFLAGS = -O2
tests_security_procroot_LDFLAGS = -static
# exec_race.bats: exec racing the end of the container; the init's
# parent a subreaper that reaps it at once, as conmon does
SECURITY_TESTS += tests/security/exec_race.bats
check_PROGRAMS += tests/security/subreaper
