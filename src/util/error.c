/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void error_vset(struct hrun_error *err, int code, const char *fmt, va_list ap)
{
	int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);

	err->code = code;
	if (code == 0 || n < 0 || (size_t)n >= sizeof err->msg)
		return;
	snprintf(err->msg + n, sizeof err->msg - (size_t)n, ": %s", strerror(code));
}

int hrun_error_set(struct hrun_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, code, fmt, ap);
	va_end(ap);
	return -1;
}

int hrun_error_errno(struct hrun_error *err, const char *fmt, ...)
{
	int code = errno;
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, code, fmt, ap);
	va_end(ap);
	return -1;
}

int hrun_error_prefix(struct hrun_error *err, const char *fmt, ...)
{
	char prefix[HRUN_ERROR_MAX];
	char old[HRUN_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	size_t n = strlen(prefix);

	memcpy(old, err->msg, sizeof old);
	/* the result is cut at the buffer's end: the context comes first */
	if (n + 2 < sizeof err->msg) {
		memcpy(err->msg, prefix, n);
		memcpy(err->msg + n, ": ", 2);
		strncpy(err->msg + n + 2, old, sizeof err->msg - n - 3);
		err->msg[sizeof err->msg - 1] = '\0';
	} else {
		memcpy(err->msg, prefix, sizeof err->msg);
		err->msg[sizeof err->msg - 1] = '\0';
	}
	return -1;
}

void hrun_error_clear(struct hrun_error *err)
{
	err->code = 0;
	err->msg[0] = '\0';
}
