/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.resources -> cgroup files: every field's exact file and value on
 * v1 and v2, the v1 -> v2 conversions, what v2 cannot express, and the
 * device rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup_helpers.h"
#include "oci/spec.h"

/* Translate res for v1 (hybrid or not) or v2. */
static int translate(const struct oci_resources *res, int mode, struct cg_writes *l,
		     struct hrun_error *err)
{
	return mode == CGROUP_MODE_V2 ? cg_resources_v2(res, l, err)
				      : cg_resources_v1(res, mode == CGROUP_MODE_HYBRID, l, err);
}

/* Translate and compare the whole list. */
static void expect_writes(const struct oci_resources *res, int mode, const char *want)
{
	struct cg_writes l = {0};
	struct hrun_error err;

	if (translate(res, mode, &l, &err) < 0)
		fail_msg("%s", err.msg);
	char *text = writes_text(&l);
	assert_string_equal(text, want);
	free(text);
	cg_writes_free(&l);
}

static void expect_fail(const struct oci_resources *res, int mode, const char *msg)
{
	struct cg_writes l = {0};
	struct hrun_error err;

	assert_int_equal(translate(res, mode, &l, &err), -1);
	assert_string_equal(err.msg, msg);
	cg_writes_free(&l);
}

static struct oci_throttle_device rbps[] = {{8, 0, 1048576}}, wbps[] = {{8, 16, 0}},
				  riops[] = {{8, 0, 100}}, wiops[] = {{8, 0, 200}};
static struct oci_hugepage_limit huge[] = {{"2MB", 4194304}, {"1GB", UINT64_MAX}};
static struct oci_rdma rdma[] = {{"mlx5_0", true, true, 3, 4}};

/* Every field v1 and v2 both take; each test adds what only its version has. */
static struct oci_memory every_memory(void)
{
	return (struct oci_memory){.has_limit = 1,
				   .limit = 1048576,
				   .has_reservation = 1,
				   .reservation = 524288,
				   .has_swap = 1,
				   .swap = 2097152,
				   .has_kernel = 1,
				   .kernel = 4194304,
				   .has_kernel_tcp = 1,
				   .kernel_tcp = 8388608,
				   .has_swappiness = 1,
				   .swappiness = 30,
				   .has_use_hierarchy = 1,
				   .use_hierarchy = 1};
}

static struct oci_cpu every_cpu(void)
{
	return (struct oci_cpu){.has_shares = 1,
				.shares = 512,
				.has_quota = 1,
				.quota = 50000,
				.has_period = 1,
				.period = 200000,
				.has_burst = 1,
				.burst = 10000,
				.cpus = "0",
				.mems = "0",
				.has_idle = 1,
				.idle = 1};
}

static struct oci_block_io every_block_io(struct oci_weight_device *wd)
{
	return (struct oci_block_io){.has_weight = 1,
				     .weight = 500,
				     .weight_device = wd,
				     .n_weight_device = 1,
				     .throttle_read_bps = rbps,
				     .n_throttle_read_bps = 1,
				     .throttle_write_bps = wbps,
				     .n_throttle_write_bps = 1,
				     .throttle_read_iops = riops,
				     .n_throttle_read_iops = 1,
				     .throttle_write_iops = wiops,
				     .n_throttle_write_iops = 1};
}

static struct oci_resources every_resource(struct oci_memory *mem, struct oci_cpu *cpu,
					   struct oci_block_io *bio)
{
	return (struct oci_resources){.memory = mem,
				      .cpu = cpu,
				      .block_io = bio,
				      .has_pids_limit = 1,
				      .pids_limit = 100,
				      .hugepage_limits = huge,
				      .n_hugepage_limits = 2,
				      .rdma = rdma,
				      .n_rdma = 1};
}

static void test_every_v1_field(void **state)
{
	struct oci_memory mem = every_memory();
	struct oci_cpu cpu = every_cpu();
	struct oci_weight_device wd[] = {{8, 0, true, true, 600, 200}};
	struct oci_block_io bio = every_block_io(wd);
	struct oci_net_priority prio[] = {{"eth0", 5}};
	struct oci_network_resources net = {true, 0x100001, prio, 1};
	struct oci_resources res = every_resource(&mem, &cpu, &bio);

	mem.has_disable_oom_killer = 1;
	mem.disable_oom_killer = 1;
	cpu.has_realtime_runtime = 1;
	cpu.realtime_runtime = 95000;
	cpu.has_realtime_period = 1;
	cpu.realtime_period = 1000000;
	bio.has_leaf_weight = 1;
	bio.leaf_weight = 300;
	res.network = &net;

	expect_writes(&res, CGROUP_MODE_V1,
		      "memory.limit_in_bytes=1048576 [swap-next]\n"
		      "memory.memsw.limit_in_bytes=2097152\n"
		      "memory.soft_limit_in_bytes=524288\n"
		      "memory.kmem.limit_in_bytes=4194304\n"
		      "memory.kmem.tcp.limit_in_bytes=8388608\n"
		      "memory.swappiness=30\n"
		      "memory.oom_control=1\n"
		      "memory.use_hierarchy=1 [default]\n"
		      "cpu.shares=512\n"
		      "cpu.cfs_period_us=200000\n"
		      "cpu.cfs_quota_us=50000\n"
		      "cpu.cfs_burst_us=10000\n"
		      "cpu.rt_period_us=1000000 [swap-next]\n"
		      "cpu.rt_runtime_us=95000\n"
		      "cpu.idle=1\n"
		      "blkio.bfq.weight=500 or blkio.weight=500\n"
		      "blkio.leaf_weight=300\n"
		      "blkio.bfq.weight_device=8:0 600 or blkio.weight_device=8:0 600\n"
		      "blkio.leaf_weight_device=8:0 200\n"
		      "blkio.throttle.read_bps_device=8:0 1048576\n"
		      "blkio.throttle.write_bps_device=8:16 0 [default]\n"
		      "blkio.throttle.read_iops_device=8:0 100\n"
		      "blkio.throttle.write_iops_device=8:0 200\n"
		      "pids.max=100\n"
		      "cpuset.cpus=0\n"
		      "cpuset.mems=0\n"
		      "hugetlb.2MB.limit_in_bytes=4194304 or hugetlb.2MB.max=4194304 [v2-alt]\n"
		      "hugetlb.1GB.limit_in_bytes=-1 or hugetlb.1GB.max=max [default] [v2-alt]\n"
		      "net_cls.classid=1048577\n"
		      "net_prio.ifpriomap=eth0 5\n"
		      "rdma.max=mlx5_0 hca_handle=3 hca_object=4\n");
}

static void test_every_v2_field(void **state)
{
	struct oci_memory mem = every_memory();
	struct oci_cpu cpu = every_cpu();
	struct oci_weight_device wd[] = {{8, 0, true, false, 600, 0}};
	struct oci_block_io bio = every_block_io(wd);
	struct oci_annotation unified[] = {{"memory.high", "900000"}, {"cgroup.max.depth", "4"}};
	struct oci_resources res = every_resource(&mem, &cpu, &bio);

	res.unified = unified;
	res.n_unified = 2;

	expect_writes(&res, CGROUP_MODE_V2,
		      "memory.max=1048576\n"
		      "memory.low=524288\n"
		      "memory.swap.max=1048576\n"
		      "cpu.weight=20\n"
		      "cpu.max=50000 200000\n"
		      "cpu.max.burst=10000\n"
		      "cpu.idle=1\n"
		      "io.bfq.weight=500 or io.weight=default 4950\n"
		      "io.bfq.weight=8:0 600 or io.weight=8:0 5960\n"
		      "io.max=8:0 rbps=1048576\n"
		      "io.max=8:16 wbps=max [default]\n"
		      "io.max=8:0 riops=100\n"
		      "io.max=8:0 wiops=200\n"
		      "pids.max=100\n"
		      "cpuset.cpus=0\n"
		      "cpuset.mems=0\n"
		      "hugetlb.2MB.max=4194304\n"
		      "hugetlb.1GB.max=max [default]\n"
		      "rdma.max=mlx5_0 hca_handle=3 hca_object=4\n"
		      "memory.high=900000\n"
		      "cgroup.max.depth=4\n");
}

static void test_cpu_shares_to_weight(void **state)
{
	assert_int_equal(cg_shares_to_weight(2), 1);
	assert_int_equal(cg_shares_to_weight(0), 1);
	assert_int_equal(cg_shares_to_weight(1024), 39);
	assert_int_equal(cg_shares_to_weight(262144), 10000);
	assert_int_equal(cg_shares_to_weight(1000000), 10000);
}

static void test_blkio_weight_to_io_weight(void **state)
{
	assert_int_equal(cg_blkio_to_io_weight(10), 1);
	assert_int_equal(cg_blkio_to_io_weight(100), 910);
	assert_int_equal(cg_blkio_to_io_weight(1000), 10000);
	assert_int_equal(cg_blkio_to_io_weight(5), 1);
}

static void test_v2_swap_is_swap_minus_limit(void **state)
{
	struct oci_memory m = {.has_limit = 1, .limit = 100, .has_swap = 1, .swap = 100};
	struct oci_resources res = {.memory = &m};

	expect_writes(&res, CGROUP_MODE_V2, "memory.max=100\nmemory.swap.max=0\n");
	m.swap = -1;
	expect_writes(&res, CGROUP_MODE_V2, "memory.max=100\nmemory.swap.max=max [default]\n");
	m.swap = 0;
	expect_writes(&res, CGROUP_MODE_V2, "memory.max=100\n");
	m.limit = -1;
	expect_writes(&res, CGROUP_MODE_V2,
		      "memory.max=max [default]\nmemory.swap.max=max [default]\n");
	m.limit = 200;
	m.swap = 100;
	expect_fail(&res, CGROUP_MODE_V2, "memory.swap (100) is below memory.limit (200)");
	m.has_limit = 0;
	expect_fail(&res, CGROUP_MODE_V2, "memory.swap needs memory.limit on cgroup v2");
}

static void test_v1_unlimited_values(void **state)
{
	struct oci_memory m = {.has_limit = 1,
			       .limit = -1,
			       .has_swap = 1,
			       .swap = -1,
			       .has_reservation = 1,
			       .reservation = -1};
	struct oci_cpu c = {.has_quota = 1, .quota = -1, .has_shares = 1, .shares = 1024};
	struct oci_resources res = {.memory = &m, .cpu = &c, .has_pids_limit = 1, .pids_limit = -1};

	expect_writes(&res, CGROUP_MODE_V1,
		      "memory.limit_in_bytes=-1 [default] [swap-next]\n"
		      "memory.memsw.limit_in_bytes=-1 [default]\n"
		      "memory.soft_limit_in_bytes=-1 [default]\n"
		      "cpu.shares=1024 [default]\n"
		      "cpu.cfs_quota_us=-1 [default]\n"
		      "pids.max=max [default]\n");
	expect_writes(&res, CGROUP_MODE_V2,
		      "memory.max=max [default]\n"
		      "memory.low=0 [default]\n"
		      "memory.swap.max=max [default]\n"
		      "cpu.weight=39 [default]\n"
		      "cpu.max=max [default]\n"
		      "pids.max=max [default]\n");
}

static void test_pids_limit_zero_is_a_limit(void **state)
{
	struct oci_resources res = {.has_pids_limit = 1, .pids_limit = 0};

	expect_writes(&res, CGROUP_MODE_V1, "pids.max=0\n");
	expect_writes(&res, CGROUP_MODE_V2, "pids.max=0\n");
}

static void test_v2_cpu_max_forms(void **state)
{
	struct oci_cpu c = {.has_period = 1, .period = 200000};
	struct oci_resources res = {.cpu = &c};

	expect_writes(&res, CGROUP_MODE_V2, "cpu.max=max 200000\n");
	c = (struct oci_cpu){.has_quota = 1, .quota = 20000};
	expect_writes(&res, CGROUP_MODE_V2, "cpu.max=20000\n");
	c = (struct oci_cpu){.has_period = 1, .period = 100000};
	expect_writes(&res, CGROUP_MODE_V2, "cpu.max=max 100000 [default]\n");
}

static void test_what_v2_cannot_express_is_an_error(void **state)
{
	struct oci_memory m = {.has_disable_oom_killer = 1, .disable_oom_killer = 1};
	struct oci_cpu c = {.has_realtime_runtime = 1, .realtime_runtime = 1000};
	struct oci_weight_device wd[] = {{8, 0, false, true, 0, 100}};
	struct oci_block_io b = {.has_leaf_weight = 1, .leaf_weight = 10};
	struct oci_resources res = {.memory = &m};

	expect_fail(&res, CGROUP_MODE_V2, "memory.disableOOMKiller is not supported on cgroup v2");
	m = (struct oci_memory){.has_use_hierarchy = 1, .use_hierarchy = 0};
	expect_fail(&res, CGROUP_MODE_V2,
		    "memory.useHierarchy false is not supported on cgroup v2");
	res = (struct oci_resources){.cpu = &c};
	expect_fail(&res, CGROUP_MODE_V2,
		    "cpu.realtimeRuntime and realtimePeriod are not supported on cgroup v2");
	res = (struct oci_resources){.block_io = &b};
	expect_fail(&res, CGROUP_MODE_V2, "blockIO.leafWeight is not supported on cgroup v2");
	b = (struct oci_block_io){.weight_device = wd, .n_weight_device = 1};
	expect_fail(&res, CGROUP_MODE_V2,
		    "blockIO.weightDevice[0].leafWeight is not supported on cgroup v2");
}

static void test_unified_is_rejected_on_v1_and_goes_to_v2_on_hybrid(void **state)
{
	struct oci_annotation u[] = {{"pids.max", "10"}};
	struct oci_resources res = {.unified = u, .n_unified = 1};

	expect_fail(&res, CGROUP_MODE_V1,
		    "unified: cgroup v2 files cannot be set on this host (cgroup v1)");
	expect_writes(&res, CGROUP_MODE_HYBRID, "pids.max=10 [v2]\n");
	assert_int_equal(cg_unified_ctrls(&res), CG_BIT(CG_PIDS));
}

static void test_unified_keys_are_file_names(void **state)
{
	const char *bad[] = {"../memory.max", "memory", "a/b.max", ".max"};

	for (size_t i = 0; i < 4; i++) {
		struct oci_annotation u[] = {{(char *)bad[i], "1"}};
		struct oci_resources res = {.unified = u, .n_unified = 1};
		char msg[128];
		snprintf(msg, sizeof msg, "unified: `%s` is not a cgroup v2 file name", bad[i]);
		expect_fail(&res, CGROUP_MODE_V2, msg);
	}
}

static void test_hugepage_sizes_are_checked(void **state)
{
	struct oci_hugepage_limit h[] = {{"../../x", 1}};
	struct oci_resources res = {.hugepage_limits = h, .n_hugepage_limits = 1};

	expect_fail(&res, CGROUP_MODE_V2, "hugepageLimits: page size `../../x` is not like `2MB`");
	h[0].page_size = "2MiB";
	expect_fail(&res, CGROUP_MODE_V1, "hugepageLimits: page size `2MiB` is not like `2MB`");
	h[0].page_size = "64KB";
	expect_writes(&res, CGROUP_MODE_V1, "hugetlb.64KB.limit_in_bytes=1 or hugetlb.64KB.max=1 [v2-alt]\n");
}

static void test_swappiness_range(void **state)
{
	struct oci_memory m = {.has_swappiness = 1, .swappiness = 101};
	struct oci_resources res = {.memory = &m};

	expect_fail(&res, CGROUP_MODE_V1, "memory.swappiness: 101 is not in 0-100");
	/* v2 has no swappiness: ignored, as runc and crun do */
	expect_writes(&res, CGROUP_MODE_V2, "");
}

static char *rules_text(const struct oci_resources *res, struct hrun_error *err)
{
	struct cg_dev_rule *rules;
	size_t n;
	char *buf = NULL;
	size_t size = 0;

	if (cg_dev_rules(res, &rules, &n, err) < 0)
		return NULL;
	FILE *f = open_memstream(&buf, &size);
	for (size_t i = 0; i < n; i++) {
		char line[64];
		cg_dev_rule_line(&rules[i], line, sizeof line);
		fprintf(f, "%s %s\n", rules[i].allow ? "allow" : "deny", line);
	}
	fclose(f);
	free(rules);
	return buf;
}

static void test_device_rules_in_order_then_the_defaults(void **state)
{
	struct oci_device_cgroup d[] = {
		{.allow = false, .access = "rwm"},
		{.allow = true,
		 .type = 'c',
		 .has_major = 1,
		 .major = 1,
		 .has_minor = 1,
		 .minor = 3,
		 .access = "rw"},
		{.allow = true, .type = 'b', .has_major = 1, .major = 8, .access = "r"},
		{.allow = false,
		 .type = 'c',
		 .has_major = 1,
		 .major = 5,
		 .has_minor = 1,
		 .minor = 1},
	};
	struct oci_resources res = {.devices = d, .n_devices = 4};
	struct hrun_error err;
	char *text = rules_text(&res, &err);

	assert_non_null(text);
	assert_string_equal(text, "deny a\n"
				  "allow c 1:3 rw\n"
				  "allow b 8:* r\n"
				  "deny c 5:1 rwm\n"
				  "allow c *:* m\n"
				  "allow b *:* m\n"
				  "allow c 1:3 rwm\n"
				  "allow c 1:8 rwm\n"
				  "allow c 1:7 rwm\n"
				  "allow c 5:0 rwm\n"
				  "allow c 1:5 rwm\n"
				  "allow c 1:9 rwm\n"
				  "allow c 5:1 rwm\n"
				  "allow c 136:* rwm\n"
				  "allow c 5:2 rwm\n"
				  "allow c 10:200 rwm\n");
	free(text);
}

static void test_device_rules_are_checked(void **state)
{
	struct oci_device_cgroup d[] = {{.allow = true, .type = 'x'}};
	struct oci_resources res = {.devices = d, .n_devices = 1};
	struct hrun_error err;

	assert_null(rules_text(&res, &err));
	assert_string_equal(err.msg, "devices[0]: type `x` is not one of a, c, b");
	d[0] = (struct oci_device_cgroup){.allow = true, .type = 'c', .access = "rx"};
	assert_null(rules_text(&res, &err));
	assert_string_equal(err.msg, "devices[0]: access `rx` is not made of r, w, m");
	d[0] = (struct oci_device_cgroup){.allow = true, .type = 'c', .has_major = 1, .major = -2};
	assert_null(rules_text(&res, &err));
	assert_string_equal(err.msg, "devices[0]: invalid device number");
}

static void test_only_deny_rules_restrict(void **state)
{
	struct cg_dev_rule allow[] = {{true, 'a', -1, -1, 7}, {true, 'c', 1, 3, 7}};
	struct cg_dev_rule deny[] = {{true, 'a', -1, -1, 7}, {false, 'c', 1, 3, 2}};

	assert_false(cg_dev_rules_restrict(allow, 2));
	assert_true(cg_dev_rules_restrict(deny, 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_v1_field),
		cmocka_unit_test(test_every_v2_field),
		cmocka_unit_test(test_cpu_shares_to_weight),
		cmocka_unit_test(test_blkio_weight_to_io_weight),
		cmocka_unit_test(test_v2_swap_is_swap_minus_limit),
		cmocka_unit_test(test_v1_unlimited_values),
		cmocka_unit_test(test_pids_limit_zero_is_a_limit),
		cmocka_unit_test(test_v2_cpu_max_forms),
		cmocka_unit_test(test_what_v2_cannot_express_is_an_error),
		cmocka_unit_test(test_unified_is_rejected_on_v1_and_goes_to_v2_on_hybrid),
		cmocka_unit_test(test_unified_keys_are_file_names),
		cmocka_unit_test(test_hugepage_sizes_are_checked),
		cmocka_unit_test(test_swappiness_range),
		cmocka_unit_test(test_device_rules_in_order_then_the_defaults),
		cmocka_unit_test(test_device_rules_are_checked),
		cmocka_unit_test(test_only_deny_rules_restrict),
	};
	return cmocka_run_group_tests_name("cgroup_resources", tests, NULL, NULL);
}
