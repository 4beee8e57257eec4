/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The kernel lays argv's strings out one after another from arg_start,
 * and arg_end is the byte after the last one's NUL: the same two values
 * as fields 48 and 49 of /proc/self/stat, had from argv itself.  The
 * init is a clone of the runtime, so the addresses hold there too, and
 * it names itself without reading /proc (a read of /proc/self/stat is
 * 30-40 µs of every create). */
#include "util/proc_title.h"

#include <errno.h>
#include <string.h>

static char *area_start, *area_end;

void proc_title_record(int argc, char **argv)
{
	char *end = argv[0];

	area_start = area_end = NULL;
	/* contiguous, as exec makes them, or nothing is recorded */
	for (int i = 0; i < argc; i++) {
		if (argv[i] != end)
			return;
		end += strlen(argv[i]) + 1;
	}
	area_start = argv[0];
	area_end = end;
}

int proc_title_area(char **start, char **end)
{
	if (!area_start) {
		errno = EINVAL;
		return -1;
	}
	*start = area_start;
	*end = area_end;
	return 0;
}
