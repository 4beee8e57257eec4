# unit tests: seccomp (translation, presets, real filters in forked
# children, the listener handoff, the BPF cache)
SECCOMP_TEST_HELPERS = tests/unit/test_seccomp_helpers.c tests/unit/test_seccomp_helpers.h
SECCOMP_UNITTESTS = \
	tests/unit/test_seccomp_sha256 \
	tests/unit/test_seccomp_profile \
	tests/unit/test_seccomp_actions \
	tests/unit/test_seccomp_evaluate \
	tests/unit/test_seccomp_presets \
	tests/unit/test_seccomp_notify \
	tests/unit/test_seccomp_cache
check_PROGRAMS += $(SECCOMP_UNITTESTS)
TESTS += $(SECCOMP_UNITTESTS)

EXTRA_DIST += tests/integration/seccomp_podman.jq tests/bench/seccomp.sh

tests_unit_test_seccomp_sha256_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_seccomp_sha256_LDADD = $(UNITTEST_LIBS)
tests_unit_test_seccomp_profile_SOURCES = tests/unit/test_seccomp_profile.c $(SECCOMP_TEST_HELPERS)
tests_unit_test_seccomp_profile_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_seccomp_profile_LDADD = $(UNITTEST_LIBS)
tests_unit_test_seccomp_actions_SOURCES = tests/unit/test_seccomp_actions.c $(SECCOMP_TEST_HELPERS)
tests_unit_test_seccomp_actions_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_seccomp_actions_LDADD = $(UNITTEST_LIBS)
tests_unit_test_seccomp_evaluate_SOURCES = tests/unit/test_seccomp_evaluate.c $(SECCOMP_TEST_HELPERS)
tests_unit_test_seccomp_evaluate_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_seccomp_evaluate_LDADD = $(UNITTEST_LIBS)
tests_unit_test_seccomp_presets_SOURCES = tests/unit/test_seccomp_presets.c $(SECCOMP_TEST_HELPERS)
tests_unit_test_seccomp_presets_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_seccomp_presets_LDADD = $(UNITTEST_LIBS)
tests_unit_test_seccomp_notify_SOURCES = tests/unit/test_seccomp_notify.c $(SECCOMP_TEST_HELPERS)
tests_unit_test_seccomp_notify_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_seccomp_notify_LDADD = $(UNITTEST_LIBS)
tests_unit_test_seccomp_cache_SOURCES = tests/unit/test_seccomp_cache.c $(SECCOMP_TEST_HELPERS)
tests_unit_test_seccomp_cache_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_seccomp_cache_LDADD = $(UNITTEST_LIBS)

# the timing helper of tests/bench/seccomp.sh (built, not run, by make check)
check_PROGRAMS += tests/bench/seccomp_bench
tests_bench_seccomp_bench_LDADD = $(HRUN_LIBS)
