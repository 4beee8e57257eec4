/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The systemd manager: the container's init in a transient scope, started
 * through systemd's D-Bus API (StartTransientUnit) with Delegate=yes, so
 * that the cgroup below the scope is ours to write the limits into.
 *
 * StartTransientUnit only queues a job: we wait for its JobRemoved signal
 * and check its result, or a scope that failed to start would go unnoticed
 * (runc #2313).  CollectMode=inactive-or-failed keeps failed scopes from
 * piling up (runc #3780).
 *
 * Rootless (not root, or root of a user namespace: rootless podman), the
 * manager is the user's own (systemd --user, on the session bus): its
 * units live below its own cgroup (/user.slice/user-UID.slice/
 * user@UID.service/...), delegated to the user on cgroup v2 alone, so the
 * scope's path is asked of systemd once it runs, not derived from the
 * slice.
 *
 * libsystemd is loaded (dlopen) only when this manager is used: linked in,
 * it and what it pulls (libgcrypt, liblzma, libzstd, liblz4) cost every
 * start of hrun about a millisecond, twice for the verbs that re-execute
 * from a sealed binary (cli/sealed_exe.c). */
#include "cgroup/internal.h"

#ifdef HAVE_SYSTEMD
#include "util/cleanup.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>
#include <unistd.h>

#include "util/rootless.h"

#define JOB_TIMEOUT_US (30ull * 1000000)

#define SD_DEST	   "org.freedesktop.systemd1"
#define SD_PATH	   "/org/freedesktop/systemd1"
#define SD_MANAGER "org.freedesktop.systemd1.Manager"

/* The sd-bus calls we make, each `sd.NAME` for sd_NAME. */
#define SD_CALLS(X)                                                                               \
	X(bus_open_system)                                                                         \
	X(bus_open_user)                                                                           \
	X(bus_flush_close_unref)                                                                   \
	X(bus_match_signal)                                                                        \
	X(bus_process)                                                                             \
	X(bus_wait)                                                                                \
	X(bus_call)                                                                                \
	X(bus_call_method)                                                                         \
	X(bus_get_property_string)                                                                 \
	X(bus_message_new_method_call)                                                             \
	X(bus_message_append)                                                                      \
	X(bus_message_open_container)                                                              \
	X(bus_message_close_container)                                                             \
	X(bus_message_read)                                                                        \
	X(bus_message_unref)                                                                       \
	X(bus_slot_unref)                                                                          \
	X(bus_error_is_set)                                                                        \
	X(bus_error_get_errno)                                                                     \
	X(bus_error_free)

static struct {
#define SD_FIELD(name) __typeof__(sd_##name) *name;
	SD_CALLS(SD_FIELD)
#undef SD_FIELD
} sd;

static int load_libsystemd(struct hrun_error *err)
{
	static void *lib;

	if (lib)
		return 0;
	lib = dlopen("libsystemd.so.0", RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return hrun_error_set(err, 0, "systemd: cannot load libsystemd: %s", dlerror());
#define SD_LOAD(name)                                                                              \
	if (!(sd.name = (__typeof__(sd.name))dlsym(lib, "sd_" #name)))                             \
		return hrun_error_set(err, 0, "systemd: libsystemd lacks sd_" #name);
	SD_CALLS(SD_LOAD)
#undef SD_LOAD
	return 0;
}

struct job {
	const char *path; /* the job we wait for */
	char result[32];  /* "done", "failed", ... once it is removed */
};

static int on_job_removed(sd_bus_message *m, void *data, sd_bus_error *error)
{
	struct job *job = data;
	const char *path, *unit, *result;
	uint32_t id;

	if (sd.bus_message_read(m, "uoss", &id, &path, &unit, &result) < 0)
		return 0;
	if (job->path && strcmp(path, job->path) == 0)
		snprintf(job->result, sizeof job->result, "%s", result);
	return 0;
}

static int bus_error(struct hrun_error *err, int r, const sd_bus_error *e, const char *what,
		     const char *unit)
{
	if (e && sd.bus_error_is_set(e))
		return hrun_error_set(err, sd.bus_error_get_errno(e), "systemd: %s `%s`: %s", what,
				      unit, e->message);
	return hrun_error_set(err, -r, "systemd: %s `%s`", what, unit);
}

static int wait_job(sd_bus *bus, struct job *job, const char *what, const char *unit,
		    struct hrun_error *err)
{
	uint64_t deadline = monotonic_ms() + JOB_TIMEOUT_US / 1000;

	while (!job->result[0]) {
		int r = sd.bus_process(bus, NULL);
		if (r < 0)
			return bus_error(err, r, NULL, what, unit);
		if (r > 0)
			continue;
		if (monotonic_ms() >= deadline)
			return hrun_error_set(err, ETIMEDOUT, "systemd: %s `%s`", what, unit);
		if ((r = sd.bus_wait(bus, 100000)) < 0)
			return bus_error(err, r, NULL, what, unit);
	}
	if (strcmp(job->result, "done") != 0)
		return hrun_error_set(err, 0, "systemd: %s `%s`: job %s", what, unit, job->result);
	return 0;
}

static int append_props(sd_bus_message *m, const struct cgroup *cg, pid_t pid)
{
	int r = sd.bus_message_append(m, "ss", cg->place.unit, "fail");

	if (r >= 0)
		r = sd.bus_message_open_container(m, 'a', "(sv)");
	if (r >= 0)
		r = sd.bus_message_append(m, "(sv)(sv)(sv)(sv)(sv)(sv)", "Description", "s",
					  "hrun container", "Slice", "s", cg->place.slice, "PIDs",
					  "au", 1, (uint32_t)pid, "Delegate", "b", 1,
					  "DefaultDependencies", "b", 0, "CollectMode", "s",
					  "inactive-or-failed");
	if (r >= 0)
		r = sd.bus_message_close_container(m);
	if (r >= 0)
		r = sd.bus_message_append(m, "a(sa(sv))", 0);
	return r;
}

static void bus_freep(sd_bus **bus)
{
	if (*bus) /* NULL also when libsystemd could not be loaded */
		sd.bus_flush_close_unref(*bus);
}

/* The scope's cgroup as the user's manager placed it: the place and every
 * hierarchy's directory follow it (the state file saves them). */
static int take_unit_path(sd_bus *bus, struct cgroup *cg, struct hrun_error *err)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	const char *unit_path = NULL;
	char *path = NULL;
	int r = sd.bus_call_method(bus, SD_DEST, SD_PATH, SD_MANAGER, "GetUnit", &e, &reply, "s",
				   cg->place.unit);

	if (r >= 0)
		r = sd.bus_message_read(reply, "o", &unit_path);
	if (r >= 0)
		r = sd.bus_get_property_string(bus, SD_DEST, unit_path,
					       "org.freedesktop.systemd1.Scope", "ControlGroup", &e,
					       &path);
	if (r < 0 || !path || path[0] != '/')
		bus_error(err, r < 0 ? r : -EINVAL, &e, "read the cgroup of", cg->place.unit);
	sd.bus_message_unref(reply);
	sd.bus_error_free(&e);
	if (r < 0 || !path || path[0] != '/') {
		free(path);
		return -1;
	}
	for (size_t i = 0; i < cg->layout.n; i++)
		free(cg->dirs[i]);
	free(cg->dirs);
	cg->dirs = NULL;
	free(cg->place.path);
	cg->place.path = path;
	return cg_dirs_init(cg, err) < 0 ? -1 : 0;
}

/* Call method on the manager and wait for the job it queues. */
static int run_job(struct cgroup *cg, const char *method, pid_t pid, const char *what,
		   struct hrun_error *err)
{
	__attribute__((cleanup(bus_freep))) sd_bus *bus = NULL;
	sd_bus_message *m = NULL, *reply = NULL;
	sd_bus_slot *slot = NULL;
	sd_bus_error e = SD_BUS_ERROR_NULL;
	struct job job = {0};
	bool user = rootless();
	int r;

	if (load_libsystemd(err) < 0)
		return -1;
	r = user ? sd.bus_open_user(&bus) : sd.bus_open_system(&bus);
	if (r < 0)
		return hrun_error_set(err, -r, "systemd: connect to the %s bus%s",
				      user ? "user" : "system",
				      user ? " (rootless: a systemd user session, "
					     "$DBUS_SESSION_BUS_ADDRESS or $XDG_RUNTIME_DIR/bus)"
					   : "");
	/* subscribe first: the job may end before the call returns */
	r = sd.bus_match_signal(bus, &slot, SD_DEST, SD_PATH, SD_MANAGER, "JobRemoved",
				on_job_removed, &job);
	if (r >= 0)
		r = sd.bus_message_new_method_call(bus, &m, SD_DEST, SD_PATH, SD_MANAGER, method);
	if (r >= 0)
		r = pid ? append_props(m, cg, pid)
			: sd.bus_message_append(m, "ss", cg->place.unit, "fail");
	if (r >= 0)
		r = sd.bus_call(bus, m, JOB_TIMEOUT_US, &e, &reply);
	if (r >= 0)
		r = sd.bus_message_read(reply, "o", &job.path);
	if (r >= 0) {
		r = wait_job(bus, &job, what, cg->place.unit, err);
		if (r >= 0 && pid && user)
			r = take_unit_path(bus, cg, err);
	} else
		bus_error(err, r, &e, what, cg->place.unit);
	sd.bus_message_unref(reply);
	sd.bus_message_unref(m);
	sd.bus_slot_unref(slot);
	sd.bus_error_free(&e);
	return r < 0 ? -1 : 0;
}

int cg_systemd_start(struct cgroup *cg, pid_t pid, struct hrun_error *err)
{
	return run_job(cg, "StartTransientUnit", pid, "start", err);
}

int cg_systemd_stop(struct cgroup *cg, struct hrun_error *err)
{
	if (run_job(cg, "StopUnit", 0, "stop", err) == 0)
		return 0;
	/* already gone (stopped by systemd, or never started) is fine */
	return err->code == ENOENT || strstr(err->msg, "not loaded") ? 0 : -1;
}

#else

int cg_systemd_start(struct cgroup *cg, pid_t pid, struct hrun_error *err)
{
	return hrun_error_set(err, 0, "hrun was built without systemd support (libsystemd-dev)");
}

int cg_systemd_stop(struct cgroup *cg, struct hrun_error *err)
{
	return hrun_error_set(err, 0, "hrun was built without systemd support (libsystemd-dev)");
}

#endif
