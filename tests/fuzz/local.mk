# `make fuzz`: the config.json parser under libFuzzer with ASan and UBSan
# (clang; not part of `make check`).  tests/fuzz/run.sh builds and runs it
# for a bounded time.
FUZZ_CC = clang-14
FUZZ_CFLAGS = -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_INPUT_FILES = tests/fuzz/fuzz_config.c $(filter oci/%.c,$(libhrun_a_SOURCES)) src/util/error.c

tests/fuzz/fuzz_config$(EXEEXT): $(FUZZ_INPUT_FILES:%=$(top_srcdir)/%) $(top_builddir)/config.h
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) -I$(top_srcdir)/src -I$(top_srcdir) \
		-include $(top_builddir)/config.h $(YAJL_CFLAGS) \
		$(FUZZ_INPUT_FILES:%=$(top_srcdir)/%) $(YAJL_LIBS) -o $@

fuzz: tests/fuzz/fuzz_config$(EXEEXT)
.PHONY: fuzz
CLEANFILES += tests/fuzz/fuzz_config$(EXEEXT)
EXTRA_DIST += tests/fuzz/fuzz_config.c tests/fuzz/run.sh
