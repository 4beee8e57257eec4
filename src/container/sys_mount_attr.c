/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mount_setattr(2) on a whole mount tree: the recursive mount options
 * (rro, rnosuid, rnoatime, ...), which mount(2) cannot express. */
#include <fcntl.h>
#include <sys/mount.h>

#include "container/sys_internal.h"

int direct_mount_setattr_tree(int fd, uint64_t set, uint64_t clr)
{
	struct mount_attr attr = {.attr_set = set, .attr_clr = clr};

	return mount_setattr(fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof attr);
}
