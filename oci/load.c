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

/* The whole of `path` ("-": stdin), to be parsed as `name`. */
static char *load_text(const char *path, const char *name, size_t *len, struct hrun_error *err)
{
	_cleanup_close_ int fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO)
						       : open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		hrun_error_errno(err, "open %s `%s`", name, path);
		return NULL;
	}
	return read_all(fd, len, name, path, err);
}

struct oci_spec *oci_spec_load(const char *path, struct hrun_error *err)
{
	const char *name = base_name(path);
	size_t len;
	_cleanup_free_ char *text = load_text(path, name, &len, err);

	return text ? oci_spec_parse(text, len, name, err) : NULL;
}

struct oci_resources *oci_resources_load(const char *path, struct hrun_error *err)
{
	const char *name = strcmp(path, "-") == 0 ? "resources" : base_name(path);
	size_t len;
	_cleanup_free_ char *text = load_text(path, name, &len, err);

	return text ? oci_resources_parse(text, len, name, err) : NULL;
}

struct oci_process *oci_process_load(const char *path, struct hrun_error *err)
{
	const char *name = base_name(path);
	size_t len;
	_cleanup_free_ char *text = load_text(path, name, &len, err);

	return text ? oci_process_parse(text, len, name, err) : NULL;
}
