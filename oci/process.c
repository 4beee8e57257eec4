/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A process object on its own: the document `hrun exec --process` reads. */
#include <errno.h>
#include <stdlib.h>

#include "oci/parse.h"
#include "oci/spec.h"

struct oci_process *oci_process_parse(const char *text, size_t len, const char *name,
				      struct hrun_error *err)
{
	struct oci_process *p = calloc(1, sizeof *p);

	if (!p) {
		hrun_error_set(err, ENOMEM, "%s", name);
		return NULL;
	}
	if (oci_parse_document(text, len, name, oci_read_process, p, err) < 0) {
		oci_process_free(p);
		return NULL;
	}
	return p;
}
