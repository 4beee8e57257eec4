/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.resources on its own: the document `hrun update --resources` reads. */
#include <errno.h>
#include <stdlib.h>

#include "oci/parse.h"
#include "oci/spec.h"

struct oci_resources *oci_resources_parse(const char *text, size_t len, const char *name,
					  struct hrun_error *err)
{
	struct oci_resources *res = calloc(1, sizeof *res);

	if (!res) {
		hrun_error_set(err, ENOMEM, "%s", name);
		return NULL;
	}
	if (oci_parse_document(text, len, name, oci_read_resources, res, err) < 0) {
		oci_resources_free(res);
		return NULL;
	}
	return res;
}
