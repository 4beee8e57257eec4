/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where a container's cgroup goes: linux.cgroupsPath, validated.
 *
 * cgroupfs: an absolute path is taken from the cgroup root; a relative one,
 * and the default "<id>" when there is none, go under the request's parent
 * (the root unless the runtime chooses one).  This is what the OCI suite
 * expects: "testdir/cgrouptest/container" ends up at
 * /sys/fs/cgroup/<ctrl>/testdir/cgrouptest/container.
 * systemd: "slice:prefix:name" is the scope "prefix-name.scope" in the slice
 * (default system.slice); a slice "a-b.slice" lives at /a.slice/a-b.slice.
 *
 * No component may be "..", and no name may hold control characters: the
 * path must stay below the root, and it is kept in a one-line state. */
#include "cgroup/internal.h"
#include "util/cleanup.h"
#include "util/rootless.h"

#include <stdlib.h>
#include <string.h>

static bool has_control_chars(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

static int append(char **out, size_t *len, const char *s, size_t n)
{
	char *p = realloc(*out, *len + n + 2);

	if (!p)
		return -1;
	p[(*len)++] = '/';
	memcpy(p + *len, s, n);
	*len += n;
	p[*len] = '\0';
	*out = p;
	return 0;
}

/* Join base and rel into "/a/b", dropping empty and "." components. */
static char *normalise(const char *base, const char *rel, struct hrun_error *err)
{
	_cleanup_free_ char *out = NULL;
	size_t len = 0;
	const char *parts[2] = {base, rel};

	for (int i = 0; i < 2; i++) {
		for (const char *s = parts[i]; s && *s;) {
			size_t n = strcspn(s, "/");
			if (n == 2 && strncmp(s, "..", 2) == 0) {
				hrun_error_set(err, 0, "cgroup path `%s`: `..` is not allowed",
					       i ? rel : base);
				return NULL;
			}
			if (n > 0 && !(n == 1 && *s == '.') && append(&out, &len, s, n) < 0) {
				hrun_error_set(err, ENOMEM, "cgroup path");
				return NULL;
			}
			s += n + (s[n] == '/');
		}
	}
	if (!out) {
		hrun_error_set(err, 0, "cgroup path `%s`: the container cannot use the root cgroup",
			       rel ? rel : "/");
		return NULL;
	}
	return steal_pointer(&out);
}

static int resolve_cgroupfs(const struct cgroup_request *req, struct cg_place *out,
			    struct hrun_error *err)
{
	const char *parent = req->parent ? req->parent : "/";
	const char *path = req->cgroups_path;

	if (!path || !*path) {
		if (!req->id || !*req->id || strchr(req->id, '/'))
			return hrun_error_set(err, 0, "container id `%s` cannot name a cgroup",
					      req->id ? req->id : "");
		out->path = normalise(parent, req->id, err);
	} else {
		out->path = normalise(path[0] == '/' ? "/" : parent, path, err);
	}
	return out->path ? 0 : -1;
}

/* systemd unit names: letters, digits and ":-_.\@". */
static bool valid_unit_part(const char *s)
{
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-_.\\@",
			    *s))
			return false;
	return true;
}

/* "a-b.slice" -> "/a.slice/a-b.slice"; "-.slice" (the root slice) -> "". */
static char *slice_path(const char *slice, struct hrun_error *err)
{
	size_t n = strlen(slice), len = 0;
	_cleanup_free_ char *out = strdup("");

	if (n < 6 || strcmp(slice + n - 6, ".slice") != 0 || !valid_unit_part(slice))
		goto bad;
	if (strcmp(slice, "-.slice") == 0)
		return steal_pointer(&out);
	n -= 6;
	if (slice[0] == '-' || slice[n - 1] == '-' || strstr(slice, "--"))
		goto bad;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && slice[i] != '-')
			continue;
		char *part;
		if (asprintf(&part, "%.*s.slice", (int)i, slice) < 0 ||
		    append(&out, &len, part, strlen(part)) < 0) {
			free(part);
			hrun_error_set(err, ENOMEM, "cgroup path");
			return NULL;
		}
		free(part);
	}
	return steal_pointer(&out);
bad:
	hrun_error_set(err, 0, "systemd slice `%s` is not a valid slice name", slice);
	return NULL;
}

static int resolve_systemd(const char *path, const char *id, struct cg_place *out,
			   struct hrun_error *err)
{
	_cleanup_free_ char *copy = strdup(path ? path : "::");
	char *prefix, *name;

	if (!copy)
		return hrun_error_set(err, ENOMEM, "cgroup path");
	prefix = strchr(copy, ':');
	name = prefix ? strchr(prefix + 1, ':') : NULL;
	if (!name || strchr(name + 1, ':'))
		return hrun_error_set(
			err, 0, "cgroupsPath `%s`: the systemd form is `slice:prefix:name`", path);
	*prefix++ = '\0';
	*name++ = '\0';
	if (!*name)
		name = (char *)(id ? id : "");
	if (!*name || !valid_unit_part(name) || !valid_unit_part(prefix))
		return hrun_error_set(err, 0, "cgroupsPath `%s`: `%s` cannot name a systemd scope",
				      path ? path : "", valid_unit_part(prefix) ? name : prefix);
	if (strlen(name) > 6 && strcmp(name + strlen(name) - 6, ".slice") == 0)
		return hrun_error_set(
			err, 0, "cgroupsPath `%s`: hrun runs containers in scopes, not slices",
			path);
	/* the user's manager (rootless) has its own user.slice, as podman's */
	out->slice = strdup(*copy ? copy : rootless() ? "user.slice" : "system.slice");
	if (asprintf(&out->unit, "%s%s%s.scope", prefix, *prefix ? "-" : "", name) < 0)
		out->unit = NULL;
	if (!out->slice || !out->unit)
		return hrun_error_set(err, ENOMEM, "cgroup path");
	_cleanup_free_ char *sp = slice_path(out->slice, err);
	if (!sp)
		return -1;
	out->path = normalise(sp, out->unit, err);
	return out->path ? 0 : -1;
}

int cg_place_resolve(const struct cgroup_request *req, struct cg_place *out, struct hrun_error *err)
{
	int ret;

	*out = (struct cg_place){0};
	if (req->cgroups_path && has_control_chars(req->cgroups_path))
		return hrun_error_set(err, 0, "cgroupsPath must not contain control characters");
	if ((req->parent && has_control_chars(req->parent)) ||
	    (req->id && has_control_chars(req->id)))
		return hrun_error_set(
			err, 0,
			"cgroup parent and container id must not contain control characters");
	if (req->manager == CGROUP_MANAGER_SYSTEMD)
		ret = resolve_systemd(req->cgroups_path, req->id, out, err);
	else
		ret = resolve_cgroupfs(req, out, err);
	if (ret < 0)
		cg_place_clear(out);
	return ret;
}

void cg_place_clear(struct cg_place *p)
{
	free(p->path);
	free(p->slice);
	free(p->unit);
	*p = (struct cg_place){0};
}
