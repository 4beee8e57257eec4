/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>

#include "oci/json.h"
#include "oci/parse.h"
#include "oci/spec.h"

struct oci_process *oci_process_parse(const char *text, size_t len, const char *name,
				      struct hrun_error *err)
{
	_cleanup_json_ yajl_val root = json_parse(text, len, err);
	struct oci_process *p;

	if (!root) {
		hrun_error_prefix(err, "%s", name);
		return NULL;
	}
	p = calloc(1, sizeof *p);
	if (!p) {
		hrun_error_errno(err, "%s: allocate", name);
		return NULL;
	}
	if (oci_read_process(root, NULL, p, err) < 0) {
		oci_process_free(p);
		hrun_error_prefix(err, "%s", name);
		return NULL;
	}
	return p;
}
