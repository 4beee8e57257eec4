/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --console-socket: conmon (or any caller) listens on a unix stream
 * socket, accepts once and takes exactly one fd, the pty master, before
 * create returns; the message's bytes (a name) are ignored. */
#include "runtime/tty.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "container/sys.h"
#include "plan/plan.h"
#include "runtime/runtime.h"
#include "util/cleanup.h"

#define CONSOLE_NAME "/dev/console"

int console_check(bool terminal, const char *socket, bool foreground, struct hrun_error *err)
{
	if (terminal && !socket && !foreground)
		return hrun_error_set(err, 0, "process.terminal requires --console-socket");
	if (socket && !terminal)
		return hrun_error_set(err, 0, "--console-socket requires process.terminal");
	if (socket && foreground)
		return hrun_error_set(err, 0,
				      "--console-socket: the foreground `run` relays the "
				      "terminal itself (use --detach)");
	return 0;
}

int console_socket_send(const char *path, int master, struct hrun_error *err)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	_cleanup_close_ int sock = -1;

	if (strlen(path) >= sizeof addr.sun_path)
		return hrun_error_set(err, ENAMETOOLONG, "console socket `%s`", path);
	strcpy(addr.sun_path, path);
	sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		return hrun_error_errno(err, "console socket `%s`", path);
	if (connect(sock, (struct sockaddr *)&addr, sizeof addr) < 0)
		return hrun_error_errno(err, "connect to console socket `%s`", path);
	if (sys_direct.send_fd(sock, CONSOLE_NAME, sizeof CONSOLE_NAME - 1, master) < 0)
		return hrun_error_errno(err, "send the console to `%s`", path);
	return 0;
}

int console_deliver(struct container *c, const char *socket, struct hrun_error *err)
{
	if (!c->plan->process.terminal)
		return 0;
	if (c->console_fd < 0)
		return hrun_error_set(err, EPROTO, "container init sent no console");
	if (!socket) {
		tty_foreground(STDIN_FILENO, c->console_fd);
		return 0;
	}
	if (console_socket_send(socket, c->console_fd, err) < 0)
		return -1;
	close(c->console_fd);
	c->console_fd = -1;
	return 0;
}
