/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef HRUN_SIGNALS_H
#define HRUN_SIGNALS_H

#include "util/error.h"

/* A signal as `kill` takes it: a number ("15"), a name ("TERM"), a name
 * with its prefix ("SIGTERM"), or RTMIN+N / RTMAX-N.  Returns the signal
 * number, or -1 with *err naming what was wrong. */
int signal_parse(const char *text, struct hrun_error *err);

#endif
