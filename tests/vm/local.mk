# The VM tier, outside `make check`: pure cgroup v2 and the systemd cgroup
# manager, in a Debian 12 guest under qemu (tests/vm/run.sh).
check-vm: hrun
	HRUN_TOP_SRCDIR=$(abs_top_srcdir) HRUN_TOP_BUILDDIR=$(abs_top_builddir) \
		$(SHELL) $(top_srcdir)/tests/vm/run.sh
.PHONY: check-vm
EXTRA_DIST += tests/vm/run.sh tests/vm/mkimage.sh tests/vm/guest.sh tests/vm/hrun-vm.service \
	tests/vm/systemd.bats tests/vm/rootless.bats tests/vm/podman_rootless.bats \
	tests/vm/podman_apparmor.bats tests/security/apparmor.bats \
	tests/vm/user.bash
