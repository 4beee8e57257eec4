/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A scripted struct sys for unit tests (cmocka).
 *
 * A test lists the calls it expects, in order, with their arguments and
 * results, then runs the code under test with `&stub_sys` as dispatcher.
 * Every entry of stub_sys takes the next expected call, fails the test
 * (cmocka fail_msg) when the name or the arguments differ or when the
 * script has run out, and otherwise returns the scripted result:
 *
 *     stub_sys_reset();
 *     stub_sys_expect("mkdir", 0, 0, "\"/sysroot/etc\", 0755");
 *     stub_sys_expect("mount", -1, EPERM,
 *                     "\"/host/etc\", \"/sysroot/etc\", NULL, 0x5000, NULL");
 *     assert_int_equal(op->type->apply(op, &st, &err), -1);
 *     assert_string_equal(err.msg, "...: Operation not permitted");
 *     stub_sys_verify();            // every expected call was made
 *
 * The init never returns: run it through stub_sys_run(), which catches
 * the scripted `exit` (a longjmp back to the harness) and then checks the
 * exit was the last expected call, so calls listed after a fatal step are
 * reported as never made.
 *
 * Arguments are compared as one formatted string (without the call name
 * or the parentheses), with these conventions:
 *   strings      "text" in double quotes, C escapes for \n \t \\ \" and
 *                \xHH for other bytes; a NULL pointer is NULL
 *   flags        hex 0x%lx: mount flags, umount2 flags, open flags,
 *                setns nstype, unshare flags, wait4 options, remount/bind_mount flags
 *   modes        octal 0%o (mkdir 0755, mknod 020666, target_open 040000)
 *   everything   else decimal (fds, pids, ids, signals, lengths)
 *   lists        [a, b, c]
 *   booleans     true / false
 * The format of every entry is in the table below; `args` NULL in an
 * expectation accepts any arguments.
 *
 *   getpid            ""
 *   set_dumpable      "1"
 *   set_no_new_privs  ""
 *   set_child_subreaper ""
 *   umask             "0022"                   (ret: the old mask)
 *   sethostname       "\"name\""
 *   setdomainname     "\"name\""
 *   setgroups         "[10, 20]"                ("[]" when empty)
 *   setresgid         "1000, 1000, 1000"        (-1 for "unchanged")
 *   setresuid         "1000, 1000, 1000"
 *   set_keepcaps      "1"
 *   setrlimit         "7, 1024, 4096"           (resource, cur, max; "inf" for RLIM_INFINITY)
 *   cap_last_cap      ""                        (ret: the last cap)
 *   cap_bset_drop     "21"
 *   cap_ambient_clear ""
 *   cap_ambient_raise "10"
 *   capset            "0x..., 0x..., 0x..."      (effective, permitted, inheritable)
 *   mount             "\"src\", \"tgt\", \"fstype\", 0x..., \"data\""
 *   umount2           "\"tgt\", 0x2"
 *   pivot_root        "\"new\", \"old\""
 *   chdir             "\"path\""
 *   fchdir            "3"
 *   open              "\"path\", 0x..., 0..."   (ret: the fd)
 *   close             "3"
 *   mkdir             "\"path\", 0755"
 *   mknod             "\"path\", 020666, 1:3"   (mode with type bits, major:minor)
 *   symlink           "\"target\", \"linkpath\""
 *   chown             "\"path\", 0, 5"
 *   stat              "\"path\""                (data: a struct stat copied out)
 *   write_file        "\"path\", \"contents\""
 *   access            "\"path\", 1"
 *   read              "fd, len"                 (data: bytes copied out; ret: count)
 *   write             "fd, \"bytes\""
 *                     "fd, SYNC_ERROR, 22, \"message\""  when the buffer is
 *                     exactly one struct sync_msg (see stub_sys_sync_sent)
 *   setns             "3, 0x40000000"
 *   unshare           "0x2000000"
 *   bind_source_open  "\"path\", true"          (path, recursive; ret: the detached mount's fd)
 *   target_open       "3, \"/etc/x\", 0100000"  (ret: the fd)
 *   bind_mount        "\"src\", \"tgt\", 0x..., true"
 *   remount           "\"tgt\", 0x..."
 *   mount_setattr_tree "3, 0x1, 0x70"            (fd, attr_set, attr_clr)
 *   copy_tree         "12, 13"                  (from fd, to fd)
 *   loopback_up       ""
 *   spawn_workload    "\"/bin/sh\", [\"sh\", \"-c\", \"x\"]"  (resolved path, args; ret: the pid)
 *   passwd_home       "1000"                   (the uid; ret 1: the data is the home found)
 *   wait4             "-1, 0x1"                 (data: the int status written back)
 *   kill              "42, 15"
 *   signalfd_all      ""                        (ret: the fd)
 *   signal_wait       "7, -1"                   (ret: the signal, 0 on timeout)
 *   wait_start        "6, 7"                    (ret: 0 started, a signal, -1)
 *   now_ms            ""                        (ret: the time)
 *   exit              "1"
 *   log               "\"line\""
 *   dup2              "9, 0"
 *   pty_peer          "9"                       (ret: the peer's fd)
 *   set_winsize       "9, 24, 80"               (fd, rows, cols)
 *   bind_fd           "10, 12"                  (src fd, target fd)
 *   attach_mount      "20, 10"                  (detached mount's fd, target fd)
 *   carry_root        "11"                      (the mount namespace's fd)
 *   send_fd           "5, SYNC_CONSOLE, 0, \"\", 9"  (socket, buffer as for write, fd)
 *   run_hook          "\"kind\", \"/host\", unconfined, \"/path\", 8"  (kind, root or NULL,
 * confined or not, path, state fd)
 *
 * Results: `ret` is returned as is (cast to the entry's type); when ret is
 * negative errno is set to `err`.  Entries that fill a struct hrun_error
 * (bind_source_open, target_open, bind_mount, remount, copy_tree, loopback_up,
 * spawn_workload, bind_fd, attach_mount, carry_root, run_hook) set err->code = `err` and err->msg
 * to the message given with stub_sys_expect_msg, else to "<name>: <strerror(err)>".
 *
 * An entry added to struct sys needs its stub in stub_sys.c (a s_<name>
 * function and its line in the table) and its format in this table. */
#ifndef HRUN_STUB_SYS_H
#define HRUN_STUB_SYS_H

#include <stddef.h>

#include "container/sync.h"
#include "container/sys.h"

/* The scripted dispatcher. */
extern const struct sys stub_sys;

/* Forget the previous script, captured messages and marks. */
void stub_sys_reset(void);

/* Append an expected call.  `args_fmt` (printf format) builds the argument
 * string compared with the actual call; NULL accepts any arguments. */
void stub_sys_expect(const char *name, long ret, int err, const char *args_fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Same, with bytes handed back to the caller: read's buffer, stat's
 * struct stat, wait4's int status (a NUL-terminated string: pass len 0
 * and it is measured). */
void stub_sys_expect_data(const char *name, long ret, int err, const void *data, size_t len,
			  const char *args_fmt, ...) __attribute__((format(printf, 6, 7)));

/* Same as stub_sys_expect for an entry that fills a struct hrun_error:
 * on failure (ret < 0) err->msg becomes exactly `msg`. */
void stub_sys_expect_msg(const char *name, long ret, int err, const char *msg, const char *args_fmt,
			 ...) __attribute__((format(printf, 5, 6)));

/* Shorthands for the sync channels: expect one struct sync_msg written to
 * fd (msg NULL means ""), or read from fd (the stub hands it back). */
/* a sync message written to a file or pipe (the start result) */
void stub_sys_expect_sync_write(int fd, enum sync_type type, int code, const char *msg);
/* a sync message sent on the sync socket */
void stub_sys_expect_sync_send(int fd, enum sync_type type, int code, const char *msg);
void stub_sys_expect_sync_read(int fd, enum sync_type type);

/* A checkpoint in the script: stub_sys_mark(label) called by the test
 * between two phases must meet stub_sys_expect_mark(label) there, so a
 * phase that made fewer or more calls than listed is caught right there. */
void stub_sys_expect_mark(const char *label);
void stub_sys_mark(const char *label);

/* Run fn(arg) under the script.  Returns the status passed to the
 * scripted `exit`, or STUB_SYS_RETURNED when fn returned.  Either way
 * the whole script must have been consumed (stub_sys_verify). */
#define STUB_SYS_RETURNED (-1000)
int stub_sys_run(void (*fn)(void *arg), void *arg);

/* Fail the test unless every expected call was made. */
void stub_sys_verify(void);

/* Number of calls consumed so far (for messages in tests). */
size_t stub_sys_position(void);

/* The struct sync_msg values written through the `write` entry, in order. */
size_t stub_sys_sync_count(void);
const struct sync_msg *stub_sys_sync_sent(size_t i);

#endif
