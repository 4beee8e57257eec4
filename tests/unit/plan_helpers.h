/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the plan tests share: config.json text in (single quotes for
 * double ones), the plan or its refusal out, `hrun plan` text compared. */
#ifndef HRUN_TEST_PLAN_HELPERS_H
#define HRUN_TEST_PLAN_HELPERS_H

#include "plan/plan.h"
#include "util/error.h"

#define BUNDLE "/bundle"

/* Build the plan of a config; NULL with err filled when the plan refuses
 * it (the parser must accept it: these tests are about the plan). */
struct plan *build(const char *config, struct hrun_error *err);
/* The same, failing the test when the plan refuses it. */
struct plan *must_build(const char *config);
/* plan_print() into a malloc'd string. */
char *print(const struct plan *plan, enum plan_format format);
/* The whole printed plan, or only what follows its "ops" line. */
void assert_plan_text(const char *config, const char *expected);
void assert_plan_ops(const char *config, const char *expected);
void assert_plan_error(const char *config, const char *expected);

/* A minimal valid config around the given members. */
#define CONFIG(...)                                                                                \
	"{'ociVersion': '1.3.0', 'root': {'path': 'rootfs'},"                                      \
	" 'process': {'args': ['sh'], 'cwd': '/'}, " __VA_ARGS__ "}"
/* The same with a process of its own (args and cwd are required). */
#define CONFIG_PROCESS(process, ...)                                                               \
	"{'ociVersion': '1.3.0', 'root': {'path': 'rootfs'},"                                      \
	" 'process': {'args': ['sh'], 'cwd': '/', " process "}, " __VA_ARGS__ "}"
#define NS_MOUNT "'linux': {'namespaces': [{'type': 'mount'}]}"

#endif
