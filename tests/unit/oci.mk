# unit tests: oci (the config.json parser and `hrun spec`'s default)
OCI_UNITTESTS = \
	tests/unit/test_oci_parse \
	tests/unit/test_oci_errors \
	tests/unit/test_oci_json_tree \
	tests/unit/test_oci_default
check_PROGRAMS += $(OCI_UNITTESTS)
TESTS += $(OCI_UNITTESTS)

# fixtures are read in place from the source tree
OCI_TEST_CFLAGS = $(UNITTEST_FLAGS) -DTEST_DATA_DIR='"$(abs_top_srcdir)/tests/unit/data/oci"'
tests_unit_test_oci_parse_CFLAGS = $(OCI_TEST_CFLAGS)
tests_unit_test_oci_parse_LDADD = $(UNITTEST_LIBS)
tests_unit_test_oci_errors_CFLAGS = $(OCI_TEST_CFLAGS)
tests_unit_test_oci_errors_LDADD = $(UNITTEST_LIBS)
tests_unit_test_oci_json_tree_CFLAGS = $(OCI_TEST_CFLAGS)
tests_unit_test_oci_json_tree_LDADD = $(UNITTEST_LIBS)
tests_unit_test_oci_default_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_oci_default_LDADD = $(UNITTEST_LIBS)
EXTRA_DIST += tests/unit/data/oci/full.json tests/unit/data/oci/truncated.json
