#!/usr/bin/env bats
# The documentation: a man page per verb whose SYNOPSIS is the verb's usage
# line, and the bash completion.  No containers: no rootfs, no helpers.

bats_require_minimum_version 1.5.0

HRUN=${HRUN:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)/hrun}
TOP_SRCDIR=${HRUN_TOP_SRCDIR:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)}

# the verbs `hrun --help` lists under "Commands:"
verbs() {
	"$HRUN" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p'
}

# synopsis PAGE: the SYNOPSIS line of a roff page, font escapes removed
synopsis() {
	sed -n '/^\.SH SYNOPSIS/,/^\.SH/{/^\./d;p}' "$1" |
		sed 's/\\f[BIRP]//g; s/\\-/-/g; s/\\e/\\/g'
}

@test "every verb has a man page whose SYNOPSIS is its usage line" {
	local v page usage n=0
	for v in $(verbs); do
		page="$TOP_SRCDIR/docs/man/hrun-$v.8"
		[ -f "$page" ] || { echo "no man page for $v: $page"; return 1; }
		usage=$("$HRUN" "$v" --help | head -n 1)
		if [ "Usage: $(synopsis "$page")" != "$usage" ]; then
			echo "$page: SYNOPSIS '$(synopsis "$page")' != '$usage'"
			return 1
		fi
		n=$((n + 1))
	done
	[ "$n" -ge 16 ]
	[ "Usage: $(synopsis "$TOP_SRCDIR/docs/man/hrun.8")" = "$("$HRUN" --help | head -n 1)" ]
}

@test "the man pages render without warnings" {
	command -v man >/dev/null || skip "no man(1)"
	local page err
	for page in "$TOP_SRCDIR"/docs/man/*.8; do
		err=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
		[ -z "$err" ] || { echo "$page: $err"; return 1; }
	done
}

@test "the bash completion sources cleanly and completes verbs" {
	run bash --norc -c '
		set -e
		source "$1"
		COMP_WORDS=(hrun ex) COMP_CWORD=1 COMP_LINE="hrun ex" COMP_POINT=7
		_hrun
		echo "${COMPREPLY[*]}"' _ "$TOP_SRCDIR/contrib/completion/hrun.bash"
	[ "$status" -eq 0 ]
	[ "$output" = "exec" ]
}
