# Put podman's seccomp profile (containers-common's seccomp.json, in
# $profile[0]) into a config.json as linux.seccomp, the way podman does for
# an amd64 host: the archMap entry of SCMP_ARCH_X86_64 gives the arches;
# a rule is kept when its includes/excludes arches and caps agree with
# amd64 and the config's bounding set.  Names, actions, errnoRet and args
# go through unchanged.
def has($set; $x): $set | index($x) != null;

.process.capabilities.bounding as $caps
| $profile[0] as $p
| .linux.seccomp = {
    defaultAction: $p.defaultAction,
    defaultErrnoRet: $p.defaultErrnoRet,
    architectures: [$p.archMap[] | select(.architecture == "SCMP_ARCH_X86_64")
                    | [.architecture] + .subArchitectures] | add,
    syscalls: [$p.syscalls[]
      | select(((.excludes.arches // []) | index("amd64")) == null)
      | select(any((.excludes.caps // [])[]; has($caps; .)) | not)
      | select(((.includes.arches // []) | length) == 0 or has(.includes.arches; "amd64"))
      | select(all((.includes.caps // [])[]; has($caps; .)))
      | {names, action}
        + (if .errnoRet != null then {errnoRet} else {} end)
        + (if ((.args // []) | length) > 0 then {args} else {} end)]
  }
