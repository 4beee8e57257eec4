/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.sysctl keys: which namespace a key belongs to, and its file. */
#ifndef HRUN_PLAN_SYSCTL_H
#define HRUN_PLAN_SYSCTL_H

#include <stddef.h>

/* The CLONE_NEW* namespace whose own copy of the key the container may
 * set (net.* the network namespace; the System V IPC and mqueue keys
 * the ipc namespace; kernel.hostname and kernel.domainname the uts
 * namespace); 0 for a key of the whole host. */
int sysctl_namespace(const char *key);

/* The key's file under /proc/sys ("net.ipv4.ip_forward" ->
 * "net/ipv4/ip_forward"; a key already written with slashes is taken as
 * is, so dots inside a name like "eth0.100" survive).  -1 for a key that
 * is empty, absolute, has an empty, "." or ".." component or an '=', or
 * does not fit. */
int sysctl_path(const char *key, char *buf, size_t len);

#endif
