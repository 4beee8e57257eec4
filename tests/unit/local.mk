# C unit tests (cmocka).  Each area adds its programs in its own fragment.
if HAVE_CMOCKA
UNITTEST_FLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
UNITTEST_LIBS = $(HRUN_LIBS) $(CMOCKA_LIBS)
# the unit tests have no extension: LOG_COMPILER is theirs alone
LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/unit/tap-skip.sh
EXTRA_DIST += tests/unit/tap-skip.sh
include tests/unit/oci.mk
include tests/unit/container.mk
include tests/unit/ops.mk
include tests/unit/cgroup.mk
include tests/unit/seccomp.mk
include tests/unit/runtime.mk
endif
