/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Read config.json (and the resources of `update`) from disk: the only file
 * of oci/ that does I/O. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oci/spec.h"
#include "util/cleanup.h"
#include "util/error.h"

/* A config.json is a few kilobytes; refuse to slurp a runaway file. */
#define CONFIG_MAX_SIZE (64 << 20)

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The whole of fd in a malloc'd buffer. */
static char *read_all(int fd, size_t *len, const char *name, const char *path,
		      struct hrun_error *err)
{
	_cleanup_free_ char *buf = NULL;
	size_t size = 0;

	*len = 0;
	for (;;) {
		ssize_t n;

		if (*len == size) {
			char *bigger = size < CONFIG_MAX_SIZE ? realloc(buf, size + 65536) : NULL;

			if (!bigger) {
				errno = size < CONFIG_MAX_SIZE ? ENOMEM : EFBIG;
				hrun_error_errno(err, "read %s `%s`", name, path);
				return NULL;
			}
			buf = bigger;
			size += 65536;
		}
		n = read(fd, buf + *len, size - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			hrun_error_errno(err, "read %s `%s`", name, path);
			return NULL;
		}
		if (n == 0)
			return steal_pointer(&buf);
		*len += (size_t)n;
	}
}

struct oci_spec *oci_spec_load(const char *path, struct hrun_error *err)
{
	const char *name = base_name(path);
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	_cleanup_free_ char *text = NULL;
	size_t len;

	if (fd < 0) {
		hrun_error_errno(err, "open %s `%s`", name, path);
		return NULL;
	}
	text = read_all(fd, &len, name, path, err);
	if (!text)
		return NULL;
	return oci_spec_parse(text, len, name, err);
}

struct oci_resources *oci_resources_load(const char *path, struct hrun_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "resources" : base_name(path);
	_cleanup_close_ int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
	_cleanup_free_ char *text = NULL;
	size_t len;

	if (fd < 0) {
		hrun_error_errno(err, "open %s `%s`", name, path);
		return NULL;
	}
	text = read_all(fd, &len, name, path, err);
	if (!text)
		return NULL;
	return oci_resources_parse(text, len, name, err);
}
