/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whole reads and writes at an offset, for the memfds and cache entries
 * of src/seccomp. */
#include <errno.h>
#include <unistd.h>

#include "seccomp/seccomp_internal.h"

int seccomp_pread_full(int fd, void *buf, size_t len, off_t off)
{
	for (size_t done = 0; done < len;) {
		ssize_t n = pread(fd, (char *)buf + done, len - done, off + (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			errno = EIO;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

int seccomp_pwrite_full(int fd, const void *buf, size_t len, off_t off)
{
	for (size_t done = 0; done < len;) {
		ssize_t n = pwrite(fd, (const char *)buf + done, len - done, off + (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			errno = EIO;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}
