# unit tests: ops and plan
PLAN_TEST_SOURCES = tests/unit/plan_helpers.c tests/unit/plan_helpers.h
check_PROGRAMS += tests/unit/test_plan
TESTS += tests/unit/test_plan
tests_unit_test_plan_SOURCES = tests/unit/test_plan.c $(PLAN_TEST_SOURCES)
tests_unit_test_plan_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_plan_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_plan_rdt
TESTS += tests/unit/test_plan_rdt
tests_unit_test_plan_rdt_SOURCES = tests/unit/test_plan_rdt.c $(PLAN_TEST_SOURCES)
tests_unit_test_plan_rdt_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_plan_rdt_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_plan_fields
TESTS += tests/unit/test_plan_fields
tests_unit_test_plan_fields_SOURCES = tests/unit/test_plan_fields.c $(PLAN_TEST_SOURCES)
tests_unit_test_plan_fields_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_plan_fields_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_op_mounts
TESTS += tests/unit/test_op_mounts
tests_unit_test_op_mounts_SOURCES = tests/unit/test_op_mounts.c tests/unit/stub_sys.c tests/unit/stub_sys_entries.c tests/unit/stub_sys.h tests/unit/stub_sys_internal.h
tests_unit_test_op_mounts_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_op_mounts_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_op_fields
TESTS += tests/unit/test_op_fields
tests_unit_test_op_fields_SOURCES = tests/unit/test_op_fields.c tests/unit/stub_sys.c tests/unit/stub_sys_entries.c tests/unit/stub_sys.h tests/unit/stub_sys_internal.h
tests_unit_test_op_fields_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_op_fields_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_op_dev
TESTS += tests/unit/test_op_dev
tests_unit_test_op_dev_SOURCES = tests/unit/test_op_dev.c tests/unit/stub_sys.c tests/unit/stub_sys_entries.c tests/unit/stub_sys.h tests/unit/stub_sys_internal.h
tests_unit_test_op_dev_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_op_dev_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_op_mask
TESTS += tests/unit/test_op_mask
tests_unit_test_op_mask_SOURCES = tests/unit/test_op_mask.c tests/unit/stub_sys.c tests/unit/stub_sys_entries.c tests/unit/stub_sys.h tests/unit/stub_sys_internal.h
tests_unit_test_op_mask_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_op_mask_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_op_cgroup
TESTS += tests/unit/test_op_cgroup
tests_unit_test_op_cgroup_SOURCES = tests/unit/test_op_cgroup.c tests/unit/stub_sys.c tests/unit/stub_sys_entries.c tests/unit/stub_sys.h tests/unit/stub_sys_internal.h
tests_unit_test_op_cgroup_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_op_cgroup_LDADD = $(UNITTEST_LIBS)
