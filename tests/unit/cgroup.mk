# unit tests: cgroup (stand-in trees, and this machine's real hierarchies;
# the real ones skip where the host or the user cannot run them)
CGROUP_TEST_HELPERS = tests/unit/cgroup_helpers.c tests/unit/cgroup_helpers.h

check_PROGRAMS += tests/unit/test_cgroup_path
TESTS += tests/unit/test_cgroup_path
tests_unit_test_cgroup_path_SOURCES = tests/unit/test_cgroup_path.c $(CGROUP_TEST_HELPERS)
tests_unit_test_cgroup_path_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_cgroup_path_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_cgroup_resources
TESTS += tests/unit/test_cgroup_resources
tests_unit_test_cgroup_resources_SOURCES = tests/unit/test_cgroup_resources.c $(CGROUP_TEST_HELPERS)
tests_unit_test_cgroup_resources_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_cgroup_resources_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_cgroup_standin
TESTS += tests/unit/test_cgroup_standin
tests_unit_test_cgroup_standin_SOURCES = tests/unit/test_cgroup_standin.c $(CGROUP_TEST_HELPERS)
tests_unit_test_cgroup_standin_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_cgroup_standin_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_cgroup_ops
TESTS += tests/unit/test_cgroup_ops
tests_unit_test_cgroup_ops_SOURCES = tests/unit/test_cgroup_ops.c $(CGROUP_TEST_HELPERS)
tests_unit_test_cgroup_ops_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_cgroup_ops_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_cgroup_ebpf
TESTS += tests/unit/test_cgroup_ebpf
tests_unit_test_cgroup_ebpf_SOURCES = tests/unit/test_cgroup_ebpf.c $(CGROUP_TEST_HELPERS)
tests_unit_test_cgroup_ebpf_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_cgroup_ebpf_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_cgroup_real
TESTS += tests/unit/test_cgroup_real
tests_unit_test_cgroup_real_SOURCES = tests/unit/test_cgroup_real.c $(CGROUP_TEST_HELPERS)
tests_unit_test_cgroup_real_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_cgroup_real_LDADD = $(UNITTEST_LIBS)
