/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `hrun features`: runtime-spec's features document, naming only what hrun
 * really does. */
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <yajl/yajl_gen.h>

#include "cli/cli.h"
#include "oci/spec.h"
#include "plan/mount_options.h"
#include "seccomp/seccomp.h"
#include "util/cleanup.h"

static const char usage[] =
	"Usage: hrun features\n"
	"\n"
	"Print what this hrun supports as runtime-spec features JSON: the OCI\n"
	"versions, hooks, mount options, namespaces, capabilities, cgroup\n"
	"drivers, seccomp actions, operators, architectures and flags, and\n"
	"Intel RDT (resctrl groups, schemata, monitoring).\n";

static const char *const hooks[] = { "prestart",	 "createRuntime", "createContainer",
				     "startContainer", "poststart",	"poststop" };
static const char *const namespaces[] = { "cgroup", "ipc",  "mount", "network",
					  "pid",    "user", "uts",   "time" };
/* Candidates; only those this libseccomp resolves are listed. */
static const char *const arches[] = { "x86", "x86_64", "x32", "arm", "aarch64", "mips",
				      "mips64", "mips64n32", "mipsel", "mipsel64",
				      "mipsel64n32", "ppc", "ppc64", "ppc64le", "s390",
				      "s390x", "parisc", "parisc64", "riscv64" };

static void gen_str(yajl_gen g, const char *s)
{
	yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

/* prefix + text in upper case, as one string */
static void gen_upper(yajl_gen g, const char *prefix, const char *text)
{
	char buf[128];

	snprintf(buf, sizeof buf, "%s%s", prefix, text);
	for (char *p = buf; *p; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
	gen_str(g, buf);
}

static void gen_strs(yajl_gen g, const char *key, const char *const *v, size_t n)
{
	gen_str(g, key);
	yajl_gen_array_open(g);
	for (size_t i = 0; i < n && v[i]; i++)
		gen_str(g, v[i]);
	yajl_gen_array_close(g);
}

static void gen_enabled(yajl_gen g, const char *key, bool on)
{
	gen_str(g, key);
	yajl_gen_map_open(g);
	gen_str(g, "enabled");
	yajl_gen_bool(g, on);
	yajl_gen_map_close(g);
}

/* runtime-spec 1.3: the schemata field and enableMonitoring as well */
static void gen_intel_rdt(yajl_gen g)
{
	static const char *const keys[] = {"enabled", "schemata", "monitoring"};

	gen_str(g, "intelRdt");
	yajl_gen_map_open(g);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		gen_str(g, keys[i]);
		yajl_gen_bool(g, 1);
	}
	yajl_gen_map_close(g);
}

static void gen_caps(yajl_gen g)
{
	gen_str(g, "capabilities");
	yajl_gen_array_open(g);
	for (cap_value_t c = 0; c <= CAP_LAST_CAP; c++) {
		char *name = cap_to_name(c);

		if (!name)
			continue;
		/* libcap says cap_chown, the spec CAP_CHOWN */
		gen_upper(g, "", name);
		cap_free(name);
	}
	yajl_gen_array_close(g);
}

static void gen_seccomp(yajl_gen g)
{
	const char *flags[8];
	size_t n_flags = seccomp_known_flags(flags, 8);

	gen_str(g, "seccomp");
	yajl_gen_map_open(g);
	gen_str(g, "enabled");
	yajl_gen_bool(g, 1);
	gen_strs(g, "actions", oci_seccomp_actions, 64);
	gen_strs(g, "operators", oci_seccomp_operators, 64);
	gen_str(g, "archs");
	yajl_gen_array_open(g);
	for (size_t i = 0; i < sizeof arches / sizeof arches[0]; i++) {
		if (seccomp_arch_resolve_name(arches[i]) != 0)
			gen_upper(g, "SCMP_ARCH_", arches[i]);
	}
	yajl_gen_array_close(g);
	gen_strs(g, "knownFlags", flags, n_flags);
	gen_strs(g, "supportedFlags", flags, n_flags);
	yajl_gen_map_close(g);
}

#ifdef HAVE_SYSTEMD
#define HAVE_SYSTEMD_BOOL 1
#else
#define HAVE_SYSTEMD_BOOL 0
#endif

static void gen_linux(yajl_gen g)
{
	gen_str(g, "linux");
	yajl_gen_map_open(g);
	gen_strs(g, "namespaces", namespaces, sizeof namespaces / sizeof namespaces[0]);
	gen_caps(g);
	gen_str(g, "cgroup");
	yajl_gen_map_open(g);
	gen_str(g, "v1");
	yajl_gen_bool(g, 1);
	gen_str(g, "v2");
	yajl_gen_bool(g, 1);
	/* the system manager, and the user's own for rootless (cgroup/systemd.c) */
	gen_str(g, "systemd");
	yajl_gen_bool(g, HAVE_SYSTEMD_BOOL);
	gen_str(g, "systemdUser");
	yajl_gen_bool(g, HAVE_SYSTEMD_BOOL);
	gen_str(g, "rdma");
	yajl_gen_bool(g, 1);
	yajl_gen_map_close(g);
	gen_seccomp(g);
	/* labels are applied where the host has the LSM (host_check.c) */
	gen_enabled(g, "apparmor", true);
	gen_enabled(g, "selinux", true);
	gen_intel_rdt(g);
	gen_str(g, "mountExtensions");
	yajl_gen_map_open(g);
	gen_enabled(g, "idmap", true);
	yajl_gen_map_close(g);
	yajl_gen_map_close(g);
}

static int run(int argc, char **argv, const struct cli_globals *glob, struct hrun_error *err)
{
	static const struct option opts[] = { { "help", no_argument, NULL, 'h' }, { 0 } };
	const char *mount_opts[64];
	size_t n_mount_opts = mount_options_known(mount_opts, 64);
	const unsigned char *buf;
	yajl_gen g;
	size_t len;
	int o;

	while ((o = cli_getopt(&cmd_features, argc, argv, "h", opts, err)) != -1)
		return o == 'h' ? 0 : -1;
	if (cli_positional(&cmd_features, argc, argv, 0, "", err) < 0)
		return -1;
	g = yajl_gen_alloc(NULL);
	if (!g)
		return hrun_error_set(err, 0, "features: out of memory");
	yajl_gen_config(g, yajl_gen_beautify, 1);
	yajl_gen_map_open(g);
	gen_str(g, "ociVersionMin");
	gen_str(g, "1.0.0");
	gen_str(g, "ociVersionMax");
	gen_str(g, OCI_SPEC_VERSION);
	gen_strs(g, "hooks", hooks, sizeof hooks / sizeof hooks[0]);
	gen_strs(g, "mountOptions", mount_opts, n_mount_opts);
	gen_linux(g);
	yajl_gen_map_close(g);
	yajl_gen_get_buf(g, &buf, &len);
	fwrite(buf, 1, len, stdout);
	yajl_gen_free(g);
	return 0;
}

const struct cli_command cmd_features = { "features", "print what hrun supports, as JSON",
					  usage, run };
