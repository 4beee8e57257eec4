/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Warnings: what failed but must not fail the command (a poststart or
 * poststop hook).  The code below the CLI hands them to a sink the CLI
 * installs, so only the CLI prints; without a sink they are dropped. */
#ifndef HRUN_WARN_H
#define HRUN_WARN_H

struct hrun_error;

/* Receives one message, no trailing newline. */
typedef void hrun_warn_sink(const char *msg);

void hrun_warn_set_sink(hrun_warn_sink *sink);

/* Hand err's message to the sink. */
void hrun_warn(const struct hrun_error *err);

#endif
