/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "warn.h"

#include <stdarg.h>
#include <stdio.h>

#include "error.h"

static hrun_warn_sink *warn_sink, *debug_sink;

void hrun_warn_set_sink(hrun_warn_sink *sink)
{
	warn_sink = sink;
}

void hrun_debug_set_sink(hrun_warn_sink *sink)
{
	debug_sink = sink;
}

void hrun_warn(const struct hrun_error *err)
{
	if (warn_sink)
		warn_sink(err->msg);
}

void hrun_debugf(const char *fmt, ...)
{
	char msg[HRUN_ERROR_MAX];
	va_list ap;

	if (!debug_sink)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	debug_sink(msg);
}
