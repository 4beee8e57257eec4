/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The runtime's part of what config.json asks of the host: checks only
 * the host can answer (host_check.c), and the network devices it moves
 * into the container (netdev.c). */
#ifndef HRUN_RUNTIME_HOST_H
#define HRUN_RUNTIME_HOST_H

#include <sys/types.h>

struct oci_spec;
struct plan;
struct hrun_error;

/* Before anything is made: every namespace path is a namespace of its
 * type; the LSM of a label is enabled; a sysctl does not go to a joined
 * namespace that is the host's own; linux.intelRdt has resctrl. */
int host_check(const struct oci_spec *spec, const struct plan *plan, struct hrun_error *err);

/* The LSM of each label the plan names (process.apparmorProfile,
 * process.selinuxLabel, linux.mountLabel) is enabled: for create
 * (host_check) and exec alike. */
int host_check_lsm(const struct plan *plan, struct hrun_error *err);

/* Move linux.netDevices into the network namespace of the init `pid`
 * (or the one it joins), renamed as the plan says. */
int netdev_move_all(const struct plan *plan, pid_t pid, struct hrun_error *err);

#endif
