/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/signals.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* RTMIN+N or RTMAX-N; the kernel's numbers, not glibc's private ones */
static int parse_realtime(const char *name)
{
	char *end;
	long n;

	if (strcasecmp(name, "RTMIN") == 0)
		return SIGRTMIN;
	if (strcasecmp(name, "RTMAX") == 0)
		return SIGRTMAX;
	if (strncasecmp(name, "RTMIN+", 6) == 0) {
		n = strtol(name + 6, &end, 10);
		return *end == '\0' && n >= 0 && SIGRTMIN + n <= SIGRTMAX ? SIGRTMIN + (int)n : -1;
	}
	if (strncasecmp(name, "RTMAX-", 6) == 0) {
		n = strtol(name + 6, &end, 10);
		return *end == '\0' && n >= 0 && SIGRTMAX - n >= SIGRTMIN ? SIGRTMAX - (int)n : -1;
	}
	return -1;
}

int signal_parse(const char *text, struct hrun_error *err)
{
	const char *name = text;
	char *end;
	long n;

	if (*text >= '0' && *text <= '9') {
		n = strtol(text, &end, 10);
		if (*end == '\0' && n > 0 && n <= SIGRTMAX)
			return (int)n;
		return hrun_error_set(err, 0, "invalid signal `%s`", text);
	}
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (int sig = 1; sig < SIGRTMIN; sig++) {
		const char *abbrev = sigabbrev_np(sig);

		if (abbrev && strcasecmp(abbrev, name) == 0)
			return sig;
	}
	n = parse_realtime(name);
	if (n > 0)
		return (int)n;
	return hrun_error_set(err, 0, "invalid signal `%s`", text);
}
