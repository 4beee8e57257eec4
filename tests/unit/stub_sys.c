/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The scripted dispatcher: see stub_sys.h for the script and formats. */
#include "stub_sys.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include <cmocka.h>

#include "container/init_internal.h"
#include "oci/spec.h"
#include "plan/plan.h"
#include "util/error.h"
#include "stub_sys_internal.h"

static struct {
	struct stub_call *calls;
	size_t n, cap, pos;
	jmp_buf *exit_jmp;
	int exit_status;
	struct sync_msg *sync;
	size_t n_sync;
} script;

/* ---- building the script ---- */

static void call_free(struct stub_call *c)
{
	free(c->name);
	free(c->args);
	free(c->data);
	free(c->msg);
}

void stub_sys_reset(void)
{
	for (size_t i = 0; i < script.n; i++)
		call_free(&script.calls[i]);
	free(script.calls);
	free(script.sync);
	memset(&script, 0, sizeof script);
}

__attribute__((destructor)) static void stub_sys_cleanup(void)
{
	stub_sys_reset();
}

static char *vformat(const char *fmt, va_list ap)
{
	char *s;

	if (!fmt)
		return NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	return s;
}

static struct stub_call *append(const char *name, long ret, int err, char *args)
{
	if (script.n == script.cap) {
		script.cap = script.cap ? 2 * script.cap : 64;
		script.calls = realloc(script.calls, script.cap * sizeof *script.calls);
		if (!script.calls)
			abort();
	}
	struct stub_call *c = &script.calls[script.n++];

	*c = (struct stub_call){.name = strdup(name), .args = args, .ret = ret, .err = err};
	return c;
}

void stub_sys_expect(const char *name, long ret, int err, const char *args_fmt, ...)
{
	va_list ap;

	va_start(ap, args_fmt);
	append(name, ret, err, vformat(args_fmt, ap));
	va_end(ap);
}

void stub_sys_expect_data(const char *name, long ret, int err, const void *data, size_t len,
			  const char *args_fmt, ...)
{
	va_list ap;

	va_start(ap, args_fmt);
	struct stub_call *c = append(name, ret, err, vformat(args_fmt, ap));
	va_end(ap);
	if (data && len == 0)
		len = strlen(data) + 1;
	c->data = malloc(len ? len : 1);
	if (!c->data)
		abort();
	if (data)
		memcpy(c->data, data, len);
	c->len = len;
}

void stub_sys_expect_msg(const char *name, long ret, int err, const char *msg, const char *args_fmt,
			 ...)
{
	va_list ap;

	va_start(ap, args_fmt);
	struct stub_call *c = append(name, ret, err, vformat(args_fmt, ap));
	va_end(ap);
	c->msg = msg ? strdup(msg) : NULL;
}

const char *stub_sync_name(uint32_t type)
{
	static char other[32];
	const char *name = init_sync_name(type);

	if (name)
		return name;
	snprintf(other, sizeof other, "SYNC_%u", type);
	return other;
}

static void expect_sync(const char *call, int fd, enum sync_type type, int code, const char *msg)
{
	stub_sys_expect(call, (long)sizeof(struct sync_msg), 0, "%d, %s, %d, %s", fd,
			stub_sync_name(type), code, stub_quote(msg ? msg : ""));
}

void stub_sys_expect_sync_write(int fd, enum sync_type type, int code, const char *msg)
{
	expect_sync("write", fd, type, code, msg);
}

void stub_sys_expect_sync_send(int fd, enum sync_type type, int code, const char *msg)
{
	expect_sync("send", fd, type, code, msg);
}

void stub_sys_expect_sync_read(int fd, enum sync_type type)
{
	struct sync_msg m = {.type = type};

	stub_sys_expect_data("read", (long)sizeof m, 0, &m, sizeof m, "%d, %zu", fd, sizeof m);
}

void stub_sys_expect_mark(const char *label)
{
	stub_sys_expect("mark", 0, 0, "%s", stub_quote(label));
}

/* ---- formatting actual arguments ---- */

/* Quoted strings live in a small ring so one call can quote several. */
char *stub_ring_next(void)
{
	static char ring[8][ARGS_MAX];
	static unsigned slot;

	return ring[slot++ % 8];
}

const char *stub_quote_bytes(const void *p, size_t len)
{
	const unsigned char *s = p;
	char *out = stub_ring_next(), *o = out;
	char *end = out + ARGS_MAX - 8;

	*o++ = '"';
	for (size_t i = 0; i < len && o < end; i++) {
		unsigned char ch = s[i];

		if (ch == '\n')
			o += sprintf(o, "\\n");
		else if (ch == '\t')
			o += sprintf(o, "\\t");
		else if (ch == '"' || ch == '\\')
			o += sprintf(o, "\\%c", ch);
		else if (ch < 0x20 || ch >= 0x7f)
			o += sprintf(o, "\\x%02x", ch);
		else
			*o++ = (char)ch;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

const char *stub_quote(const char *s)
{
	return s ? stub_quote_bytes(s, strlen(s)) : "NULL";
}

const char *stub_format_list(char *const *v)
{
	char *out = stub_ring_next();
	size_t n = 0;

	n += (size_t)snprintf(out, ARGS_MAX, "[");
	for (size_t i = 0; v && v[i] && n < ARGS_MAX; i++)
		n += (size_t)snprintf(out + n, ARGS_MAX - n, "%s%s", i ? ", " : "",
				      stub_quote(v[i]));
	if (n < ARGS_MAX)
		snprintf(out + n, ARGS_MAX - n, "]");
	return out;
}

/* ---- consuming the script ---- */

static const struct stub_call *vtake(const char *name, const char *fmt, va_list ap)
{
	char args[ARGS_MAX];
	size_t at = script.pos;

	vsnprintf(args, sizeof args, fmt, ap);
	if (at >= script.n)
		fail_msg("stub_sys: call %zu: %s(%s) made after the end of the script", at, name,
			 args);
	const struct stub_call *c = &script.calls[at];

	if (strcmp(c->name, name) != 0)
		fail_msg("stub_sys: call %zu: expected %s(%s), got %s(%s)", at, c->name,
			 c->args ? c->args : "...", name, args);
	if (c->args && strcmp(c->args, args) != 0)
		fail_msg("stub_sys: call %zu: %s arguments differ\n  expected: %s(%s)\n  got:      "
			 "%s(%s)",
			 at, name, name, c->args, name, args);
	script.pos++;
	if (c->ret < 0)
		errno = c->err;
	return c;
}

const struct stub_call *stub_take(const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	const struct stub_call *c = vtake(name, fmt, ap);
	va_end(ap);
	return c;
}

int stub_fill_err(const struct stub_call *c, struct hrun_error *err)
{
	if (c->msg) {
		hrun_error_set(err, 0, "%s", c->msg);
		err->code = c->err;
	} else {
		hrun_error_set(err, c->err, "%s", c->name);
	}
	errno = c->err;
	return -1;
}

void stub_sys_mark(const char *label)
{
	stub_take("mark", "%s", stub_quote(label));
}

void stub_sys_verify(void)
{
	if (script.pos < script.n) {
		const struct stub_call *c = &script.calls[script.pos];

		const struct stub_call *last = script.pos ? &script.calls[script.pos - 1] : NULL;

		fail_msg("stub_sys: %zu of %zu expected calls made (the last: %s(%s)); never made: "
			 "%s(%s)",
			 script.pos, script.n, last ? last->name : "none",
			 last && last->args ? last->args : "", c->name, c->args ? c->args : "...");
	}
}

size_t stub_sys_position(void)
{
	return script.pos;
}

static int run_finished(int status)
{
	script.exit_jmp = NULL;
	stub_sys_verify();
	return status;
}

int stub_sys_run(void (*fn)(void *arg), void *arg)
{
	jmp_buf jb;

	script.exit_jmp = &jb;
	if (setjmp(jb) != 0)
		return run_finished(script.exit_status);
	fn(arg);
	return run_finished(STUB_SYS_RETURNED);
}

size_t stub_sys_sync_count(void)
{
	return script.n_sync;
}

const struct sync_msg *stub_sys_sync_sent(size_t i)
{
	return i < script.n_sync ? &script.sync[i] : NULL;
}

void stub_record_sync(const struct sync_msg *m)
{
	script.sync = realloc(script.sync, (script.n_sync + 1) * sizeof *script.sync);
	if (!script.sync)
		abort();
	script.sync[script.n_sync++] = *m;
}

void stub_exit_run(int status)
{
	if (!script.exit_jmp)
		fail_msg("stub_sys: exit(%d) outside stub_sys_run()", status);
	script.exit_status = status;
	longjmp(*script.exit_jmp, 1);
}
