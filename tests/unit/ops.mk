# unit tests: ops
