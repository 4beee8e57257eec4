/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "container/exec.h"

#include <string.h>
#include <unistd.h>

#include "container/init_internal.h"
#include "container/sys.h"
#include "container/sys_internal.h"
#include "plan/plan.h"

static int take_console(const struct plan *plan, int sock, struct hrun_error *err)
{
	int master, peer;

	if (!plan->process.terminal)
		return 0;
	if (console_open(&sys_direct, &plan->process, &master, &peer, err) < 0)
		return -1;
	return console_hand_over(&sys_direct, sock, master, peer, err);
}

int container_exec_labels(const struct plan *plan, struct hrun_error *err)
{
	return labels_set_exec(&sys_direct, "", &plan->process.attrs, err);
}

void container_exec(const struct plan *plan, int err_fd, int console_sock)
{
	struct init_ctx c = { .st = { .k = &sys_direct, .plan = plan, .sysroot_fd = -1 },
			      .proc = plan->process,
			      .sfd = -1 };
	struct hrun_error err = { 0 };

	c.st.last_cap = sys_direct.cap_last_cap();
	if (c.st.last_cap < 0)
		hrun_error_errno(&err, "cannot ask the kernel for its last capability");
	else if (take_console(plan, console_sock, &err) == 0 &&
		 init_resolve_exec(&c, &err) == 0 && init_default_home(&c, &err) == 0 &&
		 init_apply_identity(&c, &err) == 0)
		direct_exec_workload(c.exec_path, &c.proc, err_fd);
	if (write(err_fd, err.msg, strlen(err.msg)) < 0)
		_exit(2);
	_exit(1);
}
