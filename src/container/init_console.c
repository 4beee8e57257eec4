/* SPDX-License-Identifier: GPL-2.0-or-later */
/* process.terminal: the container's console, made after the final pivot.
 *
 * The pty comes from the container's own devpts (/dev/ptmx is its
 * pts/ptmx by then), its peer is taken from the master (TIOCGPTPEER) and
 * bound on /dev/console by fd: no /dev/pts/N path is ever resolved, so a
 * symlink planted there cannot redirect the mount (CVE-2025-52565).  The
 * peer becomes the init's stdio, which the workload inherits (it makes it
 * its controlling terminal, see sys_process.c); the master goes to the
 * runtime with SYNC_CONSOLE and is closed here. */
#include "container/init_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "container/sys.h"
#include "plan/plan.h"

static int size_console(const struct sys *k, int master, const struct plan_process *proc,
			struct hrun_error *err)
{
	unsigned int rows = proc->console_height, cols = proc->console_width;

	if (!rows && !cols)
		return 0;
	if (k->set_winsize(master, rows, cols) < 0)
		return hrun_error_errno(err, "cannot set the console size to %ux%u", rows, cols);
	return 0;
}

/* /dev/console is made (an empty file) and opened inside the root only,
 * through no symlink: an image whose /dev/console links elsewhere (a /proc
 * file, say) would have the console bound there (CVE-2025-52565). */
static int mount_console(const struct sys *k, int peer, struct hrun_error *err)
{
	int root = k->open("/", O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
	int target;

	if (root < 0)
		return hrun_error_errno(err, "cannot open the container root");
	target = k->target_open_exact(root, "/dev/console", S_IFREG, err);
	k->close(root);
	if (target < 0)
		return hrun_error_prefix(err, "cannot create /dev/console");
	if (k->bind_fd(peer, target, err) < 0)
		return hrun_error_prefix(err, "cannot bind the console on /dev/console");
	k->close(target);
	return 0;
}

static int take_stdio(const struct sys *k, int peer, struct hrun_error *err)
{
	for (int fd = 0; fd < 3; fd++)
		if (k->dup2(peer, fd) < 0)
			return hrun_error_errno(err, "cannot make the console fd %d", fd);
	k->close(peer);
	return 0;
}

/* The process's uid owns its terminal, or `echo >$(tty)` fails for any
 * uid but root's; the gid stays the one devpts gave (`gid=5`, tty), as
 * runc has it.  A uid the user namespace does not map (EINVAL) or an
 * owner it cannot change (EPERM) leaves the pty as it is, as runc. */
static int own_console(const struct sys *k, int peer, uid_t uid, struct hrun_error *err)
{
	if (k->fchown(peer, uid, (gid_t)-1) < 0 && errno != EINVAL && errno != EPERM)
		return hrun_error_errno(err, "cannot give the console to uid %u", (unsigned)uid);
	return 0;
}

int console_open(const struct sys *k, const struct plan_process *proc, int *master, int *peer,
		 struct hrun_error *err)
{
	*master = k->open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC, 0);
	if (*master < 0)
		return hrun_error_errno(err, "cannot open /dev/ptmx");
	*peer = k->pty_peer(*master);
	if (*peer < 0)
		return hrun_error_errno(err, "cannot open the peer of the pty");
	if (own_console(k, *peer, proc->uid, err) < 0)
		return -1;
	return size_console(k, *master, proc, err);
}

int console_hand_over(const struct sys *k, int sock, int master, int peer,
		      struct hrun_error *err)
{
	struct sync_msg m = {.type = SYNC_CONSOLE};

	if (k->send_fd(sock, &m, sizeof m, master) != (ssize_t)sizeof m)
		return hrun_error_errno(err, "cannot send %s", init_sync_name(SYNC_CONSOLE));
	k->close(master);
	return take_stdio(k, peer, err);
}

int init_setup_console(struct init_ctx *c, struct hrun_error *err)
{
	const struct sys *k = c->st.k;
	int master, peer;

	if (!c->st.plan->process.terminal)
		return 0;
	if (console_open(k, &c->st.plan->process, &master, &peer, err) < 0 ||
	    mount_console(k, peer, err) < 0)
		return -1;
	return console_hand_over(k, c->fds->sync, master, peer, err);
}
