/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Questions other code asks of a parsed spec. */
#include <string.h>

#include "oci/parse.h"

/* The names config.json uses, indexed by enum oci_ns_type. */
const char *const oci_ns_names[OCI_NS_COUNT + 1] = {
	[OCI_NS_PID] = "pid",	    [OCI_NS_NETWORK] = "network", [OCI_NS_MOUNT] = "mount",
	[OCI_NS_IPC] = "ipc",	    [OCI_NS_UTS] = "uts",	  [OCI_NS_USER] = "user",
	[OCI_NS_CGROUP] = "cgroup", [OCI_NS_TIME] = "time",	  [OCI_NS_COUNT] = NULL,
};

const char *oci_ns_type_name(enum oci_ns_type type)
{
	if ((unsigned)type >= OCI_NS_COUNT)
		return "unknown";
	return oci_ns_names[type];
}

const struct oci_namespace *oci_spec_namespace(const struct oci_spec *spec, enum oci_ns_type type)
{
	if (!spec->linux_)
		return NULL;
	for (size_t i = 0; i < spec->linux_->n_namespaces; i++)
		if (spec->linux_->namespaces[i].type == type)
			return &spec->linux_->namespaces[i];
	return NULL;
}

const char *oci_spec_annotation(const struct oci_spec *spec, const char *key)
{
	/* the last of duplicate keys wins, as for any JSON member */
	for (size_t i = spec->n_annotations; i-- > 0;)
		if (strcmp(spec->annotations[i].key, key) == 0)
			return spec->annotations[i].value;
	return NULL;
}
