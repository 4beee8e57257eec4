/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: any bytes given to the config.json parser either parse
 * or fail with one message, without a crash, a leak or undefined behaviour.
 * Build and run it by hand from the project root, after ./configure so that
 * config.h exists in the build directory (here build-oci):
 *
 *   clang-14 -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined
 *     -fno-sanitize-recover=undefined -Isrc -I. -include build-oci/config.h
 *     tests/fuzz/fuzz_config.c $(find oci -name '*.c') src/util/error.c
 *     -lyajl -o /tmp/fuzz_config
 *   cp -r tests/unit/data/oci /tmp/fuzz_corpus
 *   /tmp/fuzz_config -max_total_time=60 -max_len=8192 /tmp/fuzz_corpus
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "oci/spec.h"
#include "util/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hrun_error err = {0};
	struct oci_spec *spec = oci_spec_parse((const char *)data, size, "config.json", &err);

	/* a failure must say why, on one line */
	if (!spec && (!err.msg[0] || strchr(err.msg, '\n')))
		__builtin_trap();
	oci_spec_free(spec);
	return 0;
}
