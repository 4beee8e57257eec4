# unit tests: container (the init replayed on the stub, the real dispatcher)
INIT_REPLAY_SOURCES = tests/unit/stub_sys.c tests/unit/stub_sys_entries.c tests/unit/stub_sys.h tests/unit/stub_sys_internal.h \
	tests/unit/test_init_script.c tests/unit/test_init_script.h

check_PROGRAMS += tests/unit/test_init
TESTS += tests/unit/test_init
tests_unit_test_init_SOURCES = tests/unit/test_init.c $(INIT_REPLAY_SOURCES)
tests_unit_test_init_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_init_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_init_exec
TESTS += tests/unit/test_init_exec
tests_unit_test_init_exec_SOURCES = tests/unit/test_init_exec.c $(INIT_REPLAY_SOURCES)
tests_unit_test_init_exec_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_init_exec_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_init_reaper
TESTS += tests/unit/test_init_reaper
tests_unit_test_init_reaper_SOURCES = tests/unit/test_init_reaper.c $(INIT_REPLAY_SOURCES)
tests_unit_test_init_reaper_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_init_reaper_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_init_console
TESTS += tests/unit/test_init_console
tests_unit_test_init_console_SOURCES = tests/unit/test_init_console.c $(INIT_REPLAY_SOURCES)
tests_unit_test_init_console_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_init_console_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_init_hooks
TESTS += tests/unit/test_init_hooks
tests_unit_test_init_hooks_SOURCES = tests/unit/test_init_hooks.c $(INIT_REPLAY_SOURCES)
tests_unit_test_init_hooks_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_init_hooks_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_init_attrs
TESTS += tests/unit/test_init_attrs
tests_unit_test_init_attrs_SOURCES = tests/unit/test_init_attrs.c $(INIT_REPLAY_SOURCES)
tests_unit_test_init_attrs_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_init_attrs_LDADD = $(UNITTEST_LIBS)

SYS_TREE_SOURCES = tests/unit/sys_tree.c tests/unit/sys_tree.h tests/unit/child_helpers.h

check_PROGRAMS += tests/unit/test_sys_direct
TESTS += tests/unit/test_sys_direct
tests_unit_test_sys_direct_SOURCES = tests/unit/test_sys_direct.c $(SYS_TREE_SOURCES)
tests_unit_test_sys_direct_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_sys_direct_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_sys_mounts
TESTS += tests/unit/test_sys_mounts
tests_unit_test_sys_mounts_SOURCES = tests/unit/test_sys_mounts.c $(SYS_TREE_SOURCES)
tests_unit_test_sys_mounts_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_sys_mounts_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_sys_attrs
TESTS += tests/unit/test_sys_attrs
tests_unit_test_sys_attrs_SOURCES = tests/unit/test_sys_attrs.c tests/unit/child_helpers.h
tests_unit_test_sys_attrs_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_sys_attrs_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test_sys_stub
TESTS += tests/unit/test_sys_stub
tests_unit_test_sys_stub_SOURCES = tests/unit/test_sys_stub.c tests/unit/stub_sys.c tests/unit/stub_sys_entries.c tests/unit/stub_sys.h tests/unit/stub_sys_internal.h
tests_unit_test_sys_stub_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_sys_stub_LDADD = $(UNITTEST_LIBS)
