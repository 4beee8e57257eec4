/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/logline.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Days since 1970-01-01 as a proleptic Gregorian date (H. Hinnant's
 * civil_from_days): gmtime_r would do, but glibc's loads /etc/localtime
 * (tzset) on its first call, which UTC never needs. */
static void civil_from_days(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void rfc3339_format_at(char *buf, size_t size, const struct timespec *ts)
{
	long long days = ts->tv_sec / 86400, secs = ts->tv_sec % 86400;
	int y, m, d;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%09ldZ", y, m, d, (int)(secs / 3600),
		 (int)(secs / 60 % 60), (int)(secs % 60), ts->tv_nsec);
}

void rfc3339_format(char *buf, size_t size)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	rfc3339_format_at(buf, size, &ts);
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
