/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Messages that do not end a command: warnings (what failed but must not
 * fail it: a poststart or poststop hook) and, with --debug, what it does.
 * The code below the CLI hands them to sinks the CLI installs, so only the
 * CLI prints; without a sink they are dropped. */
#ifndef HRUN_WARN_H
#define HRUN_WARN_H

struct hrun_error;

/* Receives one message, no trailing newline. */
typedef void hrun_warn_sink(const char *msg);

void hrun_warn_set_sink(hrun_warn_sink *sink);
void hrun_debug_set_sink(hrun_warn_sink *sink);

/* Hand err's message to the warning sink. */
void hrun_warn(const struct hrun_error *err);

/* One debug line to the debug sink, when there is one. */
void hrun_debugf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
