/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.intelRdt's resctrl groups: see resctrl.h. */
#include "runtime/resctrl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan/plan.h"
#include "runtime/runtime.h"
#include "util/cleanup.h"

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static void unescape_octal(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

char *resctrl_root(const char *mountinfo, struct hrun_error *err)
{
	_cleanup_fclose_ FILE *f = fopen(mountinfo, "re");
	_cleanup_free_ char *line = NULL;
	size_t cap = 0;

	if (!f) {
		hrun_error_errno(err, "open `%s`", mountinfo);
		return NULL;
	}
	while (getline(&line, &cap, f) > 0) {
		/* id parent major:minor root mountpoint options... - fstype source */
		const char *sep = strstr(line, " - ");
		char *point = NULL;

		if (!sep || strncmp(sep + 3, "resctrl ", 8) != 0 ||
		    sscanf(line, "%*s %*s %*s %*s %ms", &point) != 1)
			continue;
		unescape_octal(point);
		return point;
	}
	hrun_error_set(err, 0, "resctrl is not mounted");
	return NULL;
}

/* What resctrl says of its last command, when it says more than "ok". */
static void last_status(const char *root, char *buf, size_t size)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_close_ int fd = -1;
	ssize_t n = -1;

	buf[0] = '\0';
	if (asprintf(&path, "%s/info/last_cmd_status", root) >= 0)
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		n = read(fd, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (strcmp(buf, "ok") == 0)
		buf[0] = '\0';
}

/* "<what> `<path>`: <errno text>", then resctrl's own reason if any. */
static int fail(const char *root, struct hrun_error *err, const char *what, const char *path)
{
	int code = errno;
	char status[256];

	last_status(root, status, sizeof status);
	if (!status[0])
		return hrun_error_set(err, code, "%s `%s`", what, path);
	hrun_error_set(err, 0, "%s `%s`: %s (resctrl: %s)", what, path, strerror(code), status);
	err->code = code;
	return -1;
}

/* One write, as resctrl takes a whole schemata or a pid.  O_CREAT changes
 * nothing on resctrl, whose groups come with their files, and lets a
 * plain directory stand in for it. */
static int write_file(const char *root, const char *dir, const char *file, const char *text,
		      struct hrun_error *err)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_close_ int fd = -1;
	size_t len = strlen(text);

	if (asprintf(&path, "%s/%s", dir, file) < 0)
		return hrun_error_set(err, ENOMEM, "allocate path");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len)
		return fail(root, err, "write", path);
	if (close(steal_fd(&fd)) < 0)
		return fail(root, err, "write", path);
	return 0;
}

/* --- whether a schema line agrees with the schemata a group has */

struct span {
	const char *p;
	size_t n;
};

static struct span trim(const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t'))
		p++, n--;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return (struct span){p, n};
}

/* Cut *rest at the first `sep` (or its end): the part before, trimmed. */
static struct span next_part(struct span *rest, char sep)
{
	const char *end = memchr(rest->p, sep, rest->n);
	size_t n = end ? (size_t)(end - rest->p) : rest->n;
	struct span part = trim(rest->p, n);

	rest->p += end ? n + 1 : n;
	rest->n -= end ? n + 1 : n;
	return part;
}

static bool span_is(struct span a, struct span b)
{
	return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

/* Cache masks are hex, bandwidths (MB, SMBA) and domain ids decimal; the
 * kernel prints them its own way (no leading zeros), so numbers compare
 * as numbers. */
static bool same_value(struct span a, struct span b, int base)
{
	char x[32], y[32], *ex, *ey;
	unsigned long long u, v;

	if (a.n >= sizeof x || b.n >= sizeof y || !a.n || !b.n)
		return span_is(a, b);
	memcpy(x, a.p, a.n);
	x[a.n] = '\0';
	memcpy(y, b.p, b.n);
	y[b.n] = '\0';
	u = strtoull(x, &ex, base);
	v = strtoull(y, &ey, base);
	return *ex || *ey ? span_is(a, b) : u == v;
}

/* The value of domain `id` in the "ID=VALUE;..." list, or {NULL, 0}. */
static struct span domain_value(struct span list, struct span id)
{
	while (list.n) {
		struct span token = next_part(&list, ';');
		struct span key = next_part(&token, '=');

		if (key.n && same_value(key, id, 10))
			return trim(token.p, token.n);
	}
	return (struct span){NULL, 0};
}

/* The domains of the line for resource `name` in `have`, {NULL, 0} if none. */
static struct span resource_line(const char *have, struct span name)
{
	struct span rest = {have, strlen(have)};

	while (rest.n) {
		struct span line = next_part(&rest, '\n');
		bool named = memchr(line.p, ':', line.n) != NULL;
		struct span res = next_part(&line, ':');

		if (named && span_is(res, name))
			return line;
	}
	return (struct span){NULL, 0};
}

/* Every domain `want` sets has that value in `have` (domains it leaves
 * out are not its concern: writing it would not change them).  *line is
 * the line of its resource in `have`, {NULL, 0} if none. */
static bool line_agrees(const char *have, const char *want, struct span *line)
{
	struct span rest = {want, strlen(want)};
	struct span name = next_part(&rest, ':');
	int base = name.n && name.p[0] == 'L' ? 16 : 10;

	*line = resource_line(have, name);
	if (!line->p)
		return false;
	while (rest.n) {
		struct span token = next_part(&rest, ';');
		struct span id = next_part(&token, '=');
		struct span value = domain_value(*line, id);

		if ((id.n || token.n) &&
		    (!value.p || !same_value(value, trim(token.p, token.n), base)))
			return false;
	}
	return true;
}

static char *read_small_file(const char *path)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *text = fd < 0 ? NULL : malloc(65536);
	ssize_t n = text ? read(fd, text, 65535) : -1;

	if (n < 0) {
		free(text);
		return NULL;
	}
	text[n] = '\0';
	return text;
}

/* A group that exists: the lines of l3CacheSchema and memBwSchema must
 * agree with it. */
static int check_schemata(const struct oci_state_rdt *g, const struct plan_rdt *rdt,
			  struct hrun_error *err)
{
	_cleanup_free_ char *path = NULL, *have = NULL;

	if (rdt->n_schema == 0)
		return 0;
	if (asprintf(&path, "%s/schemata", g->group) < 0)
		return hrun_error_set(err, ENOMEM, "allocate path");
	if (!(have = read_small_file(path)))
		return hrun_error_errno(err, "read `%s`", path);
	for (size_t i = 0; i < rdt->n_schema; i++) {
		const char *want = rdt->schemata[i];
		struct span line;

		if (line_agrees(have, want, &line))
			continue;
		if (!line.p)
			return hrun_error_set(err, 0, "resctrl group `%s` has no schema for `%.*s`",
					      g->group, (int)strcspn(want, ":"), want);
		return hrun_error_set(err, 0,
				      "schema `%s` does not agree with resctrl group `%s`, whose "
				      "schemata has `%.*s:%.*s`",
				      want, g->group, (int)strcspn(want, ":"), want, (int)line.n,
				      line.p);
	}
	return 0;
}

/* --- the groups */

/* No closID: a new group.  A closID: the group that exists, made only when
 * the config has lines for it.  own_group says hrun made it, for now. */
static int make_group(struct oci_state_rdt *g, const struct plan_rdt *rdt, struct hrun_error *err)
{
	struct stat st;

	if (!rdt->clos_id || rdt->n_schemata > 0) {
		if (mkdir(g->group, 0755) == 0) {
			g->own_group = true;
			return 0;
		}
		if (errno != EEXIST)
			return fail(g->root, err, "create resctrl group", g->group);
		if (!rdt->clos_id)
			return hrun_error_set(err, 0,
					      "resctrl group `%s` exists already (with no closID, "
					      "hrun makes a group of the container's own)",
					      g->group);
	}
	if (stat(g->group, &st) < 0) {
		if (errno != ENOENT)
			return hrun_error_errno(err, "resctrl group `%s`", g->group);
		return hrun_error_set(err, 0,
				      "resctrl group `%s` does not exist (with no schema, closID "
				      "names a group made beforehand)",
				      g->group);
	}
	if (!S_ISDIR(st.st_mode))
		return hrun_error_set(err, 0, "resctrl group `%s`: not a directory", g->group);
	return 0;
}

int resctrl_write_lines(const struct oci_state_rdt *g, char *const *lines, size_t n,
			struct hrun_error *err)
{
	_cleanup_free_ char *text = NULL;
	size_t len = 1;
	char *p;

	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		len += strlen(lines[i]) + 1;
	if (!(p = text = malloc(len)))
		return hrun_error_set(err, ENOMEM, "allocate schemata");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s\n", lines[i]);
	return write_file(g->root, g->group, "schemata", text, err);
}

/* All the lines to a group hrun made; to one that existed, after the
 * check, only those of the schemata field. */
static int write_schemata(const struct oci_state_rdt *g, const struct plan_rdt *rdt,
			  struct hrun_error *err)
{
	size_t first = g->own_group ? 0 : rdt->n_schema;

	if (!g->own_group && check_schemata(g, rdt, err) < 0)
		return -1;
	return resctrl_write_lines(g, rdt->schemata + first, rdt->n_schemata - first, err);
}

static int make_mon_group(struct oci_state_rdt *g, const char *id, struct hrun_error *err)
{
	_cleanup_free_ char *path = NULL;

	if (!plan_rdt_name_ok(id))
		return hrun_error_set(err, 0, "`%s` cannot name a resctrl monitoring group", id);
	if (asprintf(&path, "%s/mon_groups/%s", g->group, id) < 0)
		return hrun_error_set(err, ENOMEM, "allocate path");
	if (mkdir(path, 0755) < 0) {
		if (errno != EEXIST)
			return fail(g->root, err, "create resctrl monitoring group", path);
		return hrun_error_set(err, 0, "resctrl monitoring group `%s` exists already", path);
	}
	g->mon_group = steal_pointer(&path);
	return 0;
}

static char *group_path(const char *root, const char *name)
{
	char *path;

	if (strcmp(name, "/") == 0)
		return strdup(root);
	return asprintf(&path, "%s/%s", root, name) < 0 ? NULL : path;
}

struct oci_state_rdt *resctrl_create(const char *root, const char *id, const struct plan_rdt *rdt,
				     struct hrun_error *err)
{
	const char *name = rdt->clos_id ? rdt->clos_id : id;
	struct oci_state_rdt *g = calloc(1, sizeof *g);

	if (!g || !(g->root = strdup(root)) || !(g->group = group_path(root, name))) {
		hrun_error_set(err, ENOMEM, "allocate resctrl group");
		goto fail;
	}
	if (strcmp(name, "/") != 0 && !plan_rdt_name_ok(name)) {
		hrun_error_set(err, 0, "`%s` cannot name a resctrl group", name);
		goto fail;
	}
	if (make_group(g, rdt, err) < 0 || write_schemata(g, rdt, err) < 0 ||
	    (rdt->monitoring && make_mon_group(g, id, err) < 0)) {
		resctrl_remove(g, &(struct hrun_error){0});
		goto fail;
	}
	/* a closID group outlives the container even when hrun made it (the
	 * runtime-spec's rule): other containers may have joined it since */
	g->own_group = g->own_group && !rdt->clos_id;
	return g;
fail:
	oci_state_rdt_free(g);
	return NULL;
}

int resctrl_enter(const struct oci_state_rdt *g, pid_t pid, struct hrun_error *err)
{
	char text[32];

	snprintf(text, sizeof text, "%d", (int)pid);
	if (write_file(g->root, g->group, "tasks", text, err) < 0 ||
	    (g->mon_group && write_file(g->root, g->mon_group, "tasks", text, err) < 0))
		return hrun_error_prefix(err, "put process %d in its resctrl group", (int)pid);
	return 0;
}

int resctrl_remove(const struct oci_state_rdt *g, struct hrun_error *err)
{
	if (g->mon_group && rmdir(g->mon_group) < 0 && errno != ENOENT)
		return hrun_error_errno(err, "remove resctrl monitoring group `%s`", g->mon_group);
	if (g->own_group && rmdir(g->group) < 0 && errno != ENOENT)
		return hrun_error_errno(err, "remove resctrl group `%s`", g->group);
	return 0;
}

/* --- create's steps */

int container_rdt_create(struct container *c, struct hrun_error *err)
{
	_cleanup_free_ char *root = NULL;

	if (!c->plan->intel_rdt)
		return 0;
	root = resctrl_root(RESCTRL_MOUNTINFO, err);
	if (!root || !(c->rdt = resctrl_create(root, c->id, c->plan->intel_rdt, err)))
		return hrun_error_prefix(err, "linux.intelRdt");
	return 0;
}

int container_rdt_enter(const struct container *c, struct hrun_error *err)
{
	if (c->rdt && resctrl_enter(c->rdt, c->init_pid, err) < 0)
		return hrun_error_prefix(err, "linux.intelRdt");
	return 0;
}

void container_rdt_remove(const struct container *c)
{
	if (c->rdt)
		resctrl_remove(c->rdt, &(struct hrun_error){0});
}
