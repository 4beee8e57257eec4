# unit tests: oci
