/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The config.json that `hrun spec` writes: the same shape and defaults as
 * `runc spec` (and `runc spec --rootless`), so that bundles and habits
 * carry over. */
#include <unistd.h>

#include "oci/json_gen.h"
#include "oci/spec.h"
#include "util/error.h"

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

static const char *const default_caps[] = {
	"CAP_AUDIT_WRITE",
	"CAP_KILL",
	"CAP_NET_BIND_SERVICE",
	NULL,
};

static const char *const default_env[] = {
	"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	"TERM=xterm",
	NULL,
};

static const char *const masked_paths[] = {
	"/proc/acpi",
	"/proc/asound",
	"/proc/kcore",
	"/proc/keys",
	"/proc/latency_stats",
	"/proc/timer_list",
	"/proc/timer_stats",
	"/proc/sched_debug",
	"/sys/firmware",
	"/proc/scsi",
	NULL,
};

static const char *const readonly_paths[] = {
	"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger", NULL,
};

struct default_mount {
	const char *destination, *type, *source;
	const char *const *options;
	/* what a rootless container gets instead, when it differs */
	const struct default_mount *rootless;
};

/* Without its own user namespace owning a network namespace, a rootless
 * container cannot mount sysfs: bind the host's.  Nor can it map the
 * host's tty group, so devpts goes without gid=5. */
static const struct default_mount rootless_devpts = {
	"/dev/pts", "devpts",
	"devpts",   LIST("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"),
	NULL,
};

static const struct default_mount rootless_sys = {
	"/sys", "none", "/sys", LIST("rbind", "nosuid", "noexec", "nodev", "ro"), NULL,
};

static const struct default_mount default_mounts[] = {
	{"/proc", "proc", "proc", NULL, NULL},
	{"/dev", "tmpfs", "tmpfs", LIST("nosuid", "strictatime", "mode=755", "size=65536k"), NULL},
	{"/dev/pts", "devpts", "devpts",
	 LIST("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
	 &rootless_devpts},
	{"/dev/shm", "tmpfs", "shm", LIST("nosuid", "noexec", "nodev", "mode=1777", "size=65536k"),
	 NULL},
	{"/dev/mqueue", "mqueue", "mqueue", LIST("nosuid", "noexec", "nodev"), NULL},
	{"/sys", "sysfs", "sysfs", LIST("nosuid", "noexec", "nodev", "ro"), &rootless_sys},
	{"/sys/fs/cgroup", "cgroup", "cgroup", LIST("nosuid", "noexec", "nodev", "relatime", "ro"),
	 NULL},
};

/* --- the members of the document, on a json_gen */

static void open_map(struct json_gen *g, const char *key)
{
	if (key)
		json_gen_string(g, key);
	json_gen_open(g, true);
}

static void close_map(struct json_gen *g)
{
	json_gen_close(g, true);
}

static void open_array(struct json_gen *g, const char *key)
{
	json_gen_string(g, key);
	json_gen_open(g, false);
}

static void close_array(struct json_gen *g)
{
	json_gen_close(g, false);
}

static void put_string(struct json_gen *g, const char *key, const char *value)
{
	json_gen_string(g, key);
	json_gen_string(g, value);
}

static void put_int(struct json_gen *g, const char *key, long long value)
{
	json_gen_string(g, key);
	json_gen_int(g, value);
}

static void put_bool(struct json_gen *g, const char *key, bool value)
{
	json_gen_string(g, key);
	json_gen_bool(g, value);
}

static void put_strings(struct json_gen *g, const char *key, const char *const *list)
{
	open_array(g, key);
	for (; *list; list++)
		json_gen_string(g, *list);
	close_array(g);
}

/* --- the document */

static void gen_process(struct json_gen *g)
{
	open_map(g, "process");
	put_bool(g, "terminal", true);
	open_map(g, "user");
	put_int(g, "uid", 0);
	put_int(g, "gid", 0);
	close_map(g);
	put_strings(g, "args", LIST("sh"));
	put_strings(g, "env", default_env);
	put_string(g, "cwd", "/");
	open_map(g, "capabilities");
	put_strings(g, "bounding", default_caps);
	put_strings(g, "effective", default_caps);
	put_strings(g, "permitted", default_caps);
	put_strings(g, "ambient", default_caps);
	close_map(g);
	open_array(g, "rlimits");
	open_map(g, NULL);
	put_string(g, "type", "RLIMIT_NOFILE");
	put_int(g, "hard", 1024);
	put_int(g, "soft", 1024);
	close_map(g);
	close_array(g);
	put_bool(g, "noNewPrivileges", true);
	close_map(g);
}

static void gen_mounts(struct json_gen *g, bool rootless)
{
	open_array(g, "mounts");
	for (size_t i = 0; i < sizeof default_mounts / sizeof default_mounts[0]; i++) {
		const struct default_mount *m = &default_mounts[i];

		if (rootless && m->rootless)
			m = m->rootless;
		open_map(g, NULL);
		put_string(g, "destination", m->destination);
		put_string(g, "type", m->type);
		put_string(g, "source", m->source);
		if (m->options)
			put_strings(g, "options", m->options);
		close_map(g);
	}
	close_array(g);
}

/* The caller's own id as root of the container: all a rootless user can
 * map without newuidmap. */
static void gen_id_mapping(struct json_gen *g, const char *key, unsigned host_id)
{
	open_array(g, key);
	open_map(g, NULL);
	put_int(g, "containerID", 0);
	put_int(g, "hostID", host_id);
	put_int(g, "size", 1);
	close_map(g);
	close_array(g);
}

static void gen_namespaces(struct json_gen *g, const char *const *types)
{
	open_array(g, "namespaces");
	for (; *types; types++) {
		open_map(g, NULL);
		put_string(g, "type", *types);
		close_map(g);
	}
	close_array(g);
}

static void gen_linux(struct json_gen *g, bool rootless)
{
	open_map(g, "linux");
	if (rootless) {
		gen_id_mapping(g, "uidMappings", geteuid());
		gen_id_mapping(g, "gidMappings", getegid());
		gen_namespaces(g, LIST("pid", "ipc", "uts", "mount", "user"));
	} else {
		/* deny all devices; the default ones are allowed by the runtime */
		open_map(g, "resources");
		open_array(g, "devices");
		open_map(g, NULL);
		put_bool(g, "allow", false);
		put_string(g, "access", "rwm");
		close_map(g);
		close_array(g);
		close_map(g);
		gen_namespaces(g, LIST("pid", "network", "ipc", "uts", "mount"));
	}
	put_strings(g, "maskedPaths", masked_paths);
	put_strings(g, "readonlyPaths", readonly_paths);
	close_map(g);
}

static void gen_spec(struct json_gen *g, bool rootless)
{
	open_map(g, NULL);
	put_string(g, "ociVersion", OCI_SPEC_VERSION);
	gen_process(g);
	open_map(g, "root");
	put_string(g, "path", "rootfs");
	put_bool(g, "readonly", true);
	close_map(g);
	put_string(g, "hostname", "hrun");
	gen_mounts(g, rootless);
	gen_linux(g, rootless);
	close_map(g);
}

char *oci_spec_default_json(bool rootless, struct hrun_error *err)
{
	struct json_gen g;
	char *text;

	if (json_gen_init(&g, "\t", "default config", err) < 0)
		return NULL;
	gen_spec(&g, rootless);
	text = json_gen_text(&g, "default config", err);
	json_gen_free(&g);
	return text;
}
