/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One line of --log, as runc writes it: text (`time="..." level=L
 * msg="..."`) or JSON ({"level","msg","time"}).  Used by the CLI and by
 * the init, which holds the log file open (it has no path to it). */
#ifndef HRUN_LOGLINE_H
#define HRUN_LOGLINE_H

#include <stdbool.h>
#include <stddef.h>

/* The current time as RFC 3339 with nanoseconds, into buf (64 bytes will do). */
void rfc3339_format(char *buf, size_t size);

struct timespec;
/* The same for the time ts. */
void rfc3339_format_at(char *buf, size_t size, const struct timespec *ts);

/* Write one line to fd; errors are ignored (a log must not fail a command). */
void log_line(int fd, bool json, const char *level, const char *msg);

#endif
