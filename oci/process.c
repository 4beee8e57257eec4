/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A process object on its own: the document `hrun exec --process` reads. */
#include "oci/parse.h"
#include "oci/spec.h"

static void release_process(void *p)
{
	oci_process_free(p);
}

struct oci_process *oci_process_parse(const char *text, size_t len, const char *name,
				      struct hrun_error *err)
{
	return oci_parse_document(text, len, name, sizeof(struct oci_process), oci_read_process,
				  release_process, err);
}
