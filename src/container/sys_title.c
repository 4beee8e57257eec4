/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The init as the container sees it.  The init is a clone of the
 * runtime, so its /proc/<pid>/cmdline (world-readable, `ps` and `podman
 * top` show it) would be hrun's whole host command line: the runtime's,
 * the log's and the bundle's paths.  It is overwritten in place, where
 * main found it (util/proc_title.c).  Its /proc/<pid>/environ would be
 * the caller's whole environment (podman's, the shim's, a shell's, with
 * whatever tokens they hold): only ptrace access reaches it, which a
 * workload with CAP_SYS_PTRACE has, so the strings are wiped too. */
#include <errno.h>
#include <string.h>
#include <sys/prctl.h>

#include "container/sys_internal.h"
#include "util/proc_title.h"

extern char **environ;

/* The environment's strings, in place (the kernel's env_start..env_end):
 * the init reads no variable after its clone. */
static void wipe_environment(void)
{
	for (char **e = environ; e && *e; e++)
		memset(*e, 0, strlen(*e));
}

int direct_set_proc_title(const char *name)
{
	char *start, *end;
	size_t len = strlen(name);

	wipe_environment();
	if (prctl(PR_SET_NAME, name, 0, 0, 0) < 0 || proc_title_area(&start, &end) < 0)
		return -1;
	if ((size_t)(end - start) < len + 2) {
		errno = ENOSPC;
		return -1;
	}
	memset(start, 0, (size_t)(end - start));
	memcpy(start, name, len);
	/* the last byte not NUL: the kernel then reads the title up to its
	 * first NUL instead of the whole area */
	end[-1] = ' ';
	return 0;
}
