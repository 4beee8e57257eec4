/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where the kernel put our command line, for the init's title. */
#ifndef HRUN_PROC_TITLE_H
#define HRUN_PROC_TITLE_H

/* Called first thing in main, before getopt reorders argv's pointers. */
void proc_title_record(int argc, char **argv);

/* The area of /proc/self/cmdline (arg_start to arg_end), or -1 with
 * errno when none was recorded. */
int proc_title_area(char **start, char **end);

#endif
