# unit tests: the runtime's own logic (no containers)
check_PROGRAMS += tests/unit/test_exec_opts
TESTS += tests/unit/test_exec_opts
tests_unit_test_exec_opts_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_exec_opts_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_resctrl
TESTS += tests/unit/test_resctrl
tests_unit_test_resctrl_SOURCES = tests/unit/test_resctrl.c $(CGROUP_TEST_HELPERS)
tests_unit_test_resctrl_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_resctrl_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_rootless
TESTS += tests/unit/test_rootless
tests_unit_test_rootless_SOURCES = tests/unit/test_rootless.c tests/unit/child_helpers.h \
	$(PLAN_TEST_SOURCES)
tests_unit_test_rootless_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_rootless_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_exe_remap
TESTS += tests/unit/test_exe_remap
tests_unit_test_exe_remap_SOURCES = tests/unit/test_exe_remap.c tests/unit/child_helpers.h
tests_unit_test_exe_remap_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_exe_remap_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_logline
TESTS += tests/unit/test_logline
tests_unit_test_logline_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_logline_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_proc_start
TESTS += tests/unit/test_proc_start
tests_unit_test_proc_start_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_proc_start_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_proc_title
TESTS += tests/unit/test_proc_title
tests_unit_test_proc_title_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_proc_title_LDADD = $(UNITTEST_LIBS)
check_PROGRAMS += tests/unit/test_cpu_pin
TESTS += tests/unit/test_cpu_pin
tests_unit_test_cpu_pin_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_cpu_pin_LDADD = $(UNITTEST_LIBS)
