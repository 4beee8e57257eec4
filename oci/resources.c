/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.resources on its own: the document `hrun update --resources` reads. */
#include "oci/parse.h"
#include "oci/spec.h"

static void release_resources(void *res)
{
	oci_resources_free(res);
}

struct oci_resources *oci_resources_parse(const char *text, size_t len, const char *name,
					  struct hrun_error *err)
{
	return oci_parse_document(text, len, name, sizeof(struct oci_resources), oci_read_resources,
				  release_resources, err);
}
