/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "warn.h"

#include "error.h"

static hrun_warn_sink *current;

void hrun_warn_set_sink(hrun_warn_sink *sink)
{
	current = sink;
}

void hrun_warn(const struct hrun_error *err)
{
	if (current)
		current(err->msg);
}
