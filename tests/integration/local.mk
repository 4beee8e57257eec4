# files of tests/integration
