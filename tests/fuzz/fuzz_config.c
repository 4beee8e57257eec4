/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: any bytes given to the config.json parser either parse
 * or fail with one message, without a crash, a leak or undefined behaviour.
 * `make fuzz` builds it (tests/fuzz/local.mk: clang-14 with
 * -fsanitize=fuzzer,address,undefined over the oci sources); tests/fuzz/run.sh
 * builds it and runs it for a bounded time from the test configs:
 *
 *   tests/fuzz/run.sh [BUILDDIR [SECONDS]]
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
