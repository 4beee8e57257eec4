/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/logline.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void rfc3339_format(char *buf, size_t size)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	/* not strftime: it loads /etc/localtime (tzset), which UTC never needs */
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%09ldZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec);
}

/* msg as a JSON string's contents: quotes, backslashes, control bytes escaped */
static void json_escape(char *out, size_t size, const char *msg)
{
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)msg; *p && o + 7 < size; p++) {
		if (*p == '"' || *p == '\\') {
			out[o++] = '\\';
			out[o++] = (char)*p;
		} else if (*p < 0x20) {
			o += (size_t)snprintf(out + o, size - o, "\\u%04x", *p);
		} else {
			out[o++] = (char)*p;
		}
	}
	out[o] = '\0';
}

void log_line(int fd, bool json, const char *level, const char *msg)
{
	char time[64], escaped[6 * 1024 + 8], line[sizeof escaped + 256];
	int n;

	rfc3339_format(time, sizeof time);
	if (json) {
		json_escape(escaped, sizeof escaped, msg);
		n = snprintf(line, sizeof line,
			     "{\"level\":\"%s\",\"msg\":\"%s\",\"time\":\"%s\"}\n", level, escaped,
			     time);
	} else {
		n = snprintf(line, sizeof line, "time=\"%s\" level=%s msg=\"%s\"\n", time, level,
			     msg);
	}
	if (n > 0)
		(void)!write(fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}
