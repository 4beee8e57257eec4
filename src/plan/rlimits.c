/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "plan/rlimits.h"

#include <sys/resource.h>

#include "plan/names.h"

static const struct name_value rlimits[] = {
	{"RLIMIT_AS", RLIMIT_AS},
	{"RLIMIT_CORE", RLIMIT_CORE},
	{"RLIMIT_CPU", RLIMIT_CPU},
	{"RLIMIT_DATA", RLIMIT_DATA},
	{"RLIMIT_FSIZE", RLIMIT_FSIZE},
	{"RLIMIT_LOCKS", RLIMIT_LOCKS},
	{"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK},
	{"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE},
	{"RLIMIT_NICE", RLIMIT_NICE},
	{"RLIMIT_NOFILE", RLIMIT_NOFILE},
	{"RLIMIT_NPROC", RLIMIT_NPROC},
	{"RLIMIT_RSS", RLIMIT_RSS},
	{"RLIMIT_RTPRIO", RLIMIT_RTPRIO},
	{"RLIMIT_RTTIME", RLIMIT_RTTIME},
	{"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING},
	{"RLIMIT_STACK", RLIMIT_STACK},
};

static const struct name_table rlimit_table = NAME_TABLE(rlimits);

int rlimit_from_name(const char *name)
{
	uint64_t resource;

	return names_find(&rlimit_table, name, &resource) ? (int)resource : -1;
}

const char *rlimit_name(int resource)
{
	return resource < 0 ? NULL : names_name(&rlimit_table, (uint64_t)resource);
}
