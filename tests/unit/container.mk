# unit tests: container
