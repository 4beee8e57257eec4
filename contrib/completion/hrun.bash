# bash completion for hrun(8); installed as
# $(datadir)/bash-completion/completions/hrun.  Keep the option lists equal
# to `hrun --help` and `hrun VERB --help`.

_hrun_ids()
{
	# container ids, from the same state root the command line names
	local root=() i
	for ((i = 1; i < ${#words[@]} - 1; i++)); do
		case ${words[i]} in
		--root) root=(--root "${words[i + 1]}") ;;
		--root=*) root=("${words[i]}") ;;
		esac
	done
	"${words[0]}" "${root[@]}" list -q 2>/dev/null
}

_hrun()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion -n = || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi

	local verbs="create delete events exec features kill list pause plan ps resume run spec start state update"
	local global_opts="--root --log --log-format --debug --systemd-cgroup --cgroup-manager --version -v --help -h"
	local global_arg_opts="--root|--log|--log-format|--cgroup-manager"

	# find the verb: the first word that is not a global option or its value
	local i verb="" verb_at=0
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--root | --log | --log-format | --cgroup-manager) ((i++)) ;;
		-*) ;;
		*) verb=${words[i]} verb_at=$i; break ;;
		esac
	done

	if [[ -z $verb ]]; then
		case $prev in
		--root) COMPREPLY=($(compgen -d -- "$cur")); return ;;
		--log) COMPREPLY=($(compgen -f -- "$cur")); return ;;
		--log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
		--cgroup-manager) COMPREPLY=($(compgen -W "cgroupfs systemd disabled" -- "$cur")); return ;;
		esac
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$global_opts" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$verbs" -- "$cur"))
		fi
		return
	fi

	local opts="" arg_opts="" nids=1
	local create_opts="--bundle -b --pid-file --console-socket --preserve-fds --no-pivot --no-new-keyring --help -h"
	case $verb in
	create) opts=$create_opts arg_opts="--bundle|-b|--pid-file|--console-socket|--preserve-fds" ;;
	run) opts="$create_opts --detach -d --keep --no-subreaper" arg_opts="--bundle|-b|--pid-file|--console-socket|--preserve-fds" ;;
	start | state | pause | resume) opts="--help -h" ;;
	kill) opts="--all -a --help -h" ;;
	delete) opts="--force -f --help -h" ;;
	exec)
		opts="--process -p --detach -d --pid-file --tty -t --console-socket --preserve-fds --cwd --env -e --user -u --additional-gids -g --cap -c --no-new-privs --apparmor --process-label --cgroup --ignore-paused --help -h"
		arg_opts="--process|-p|--pid-file|--console-socket|--preserve-fds|--cwd|--env|-e|--user|-u|--additional-gids|-g|--cap|-c|--apparmor|--process-label|--cgroup" ;;
	list) opts="--format -f --quiet -q --help -h" arg_opts="--format|-f" nids=0 ;;
	ps) opts="--format -f --help -h" arg_opts="--format|-f" ;;
	features) opts="--help -h" nids=0 ;;
	spec) opts="--bundle -b --rootless --help -h" arg_opts="--bundle|-b" nids=0 ;;
	plan) opts="--bundle -b --format -f --help -h" arg_opts="--bundle|-b|--format|-f" nids=0 ;;
	update)
		opts="--resources -r --memory --memory-swap --memory-reservation --kernel-memory --kernel-memory-tcp --cpu-shares --cpu-quota --cpu-period --cpu-rt-runtime --cpu-rt-period --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --l3-cache-schema --mem-bw-schema --help -h"
		arg_opts="--resources|-r|--memory|--memory-swap|--memory-reservation|--kernel-memory|--kernel-memory-tcp|--cpu-shares|--cpu-quota|--cpu-period|--cpu-rt-runtime|--cpu-rt-period|--cpuset-cpus|--cpuset-mems|--pids-limit|--blkio-weight|--l3-cache-schema|--mem-bw-schema" ;;
	events) opts="--stats --interval --help -h" arg_opts="--interval" ;;
	*) return ;;
	esac

	# the value of an option
	case $prev in
	--bundle | -b) [[ " $opts " == *" $prev "* ]] && { COMPREPLY=($(compgen -d -- "$cur")); return; } ;;
	--format | -f)
		case $verb in
		list | ps) COMPREPLY=($(compgen -W "table json" -- "$cur")); return ;;
		plan) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
		esac ;;
	--pid-file | --process | -p | --resources | -r) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--console-socket) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--cwd) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	esac
	if [[ -n $arg_opts && $prev == @($arg_opts) ]]; then
		return
	fi

	# the container id: the first operand after the verb
	local operands=0
	for ((i = verb_at + 1; i < cword; i++)); do
		case ${words[i]} in
		-*) [[ ${words[i]} != *=* && ${words[i]} == @($arg_opts) ]] && ((i++)) ;;
		*) ((operands++)) ;;
		esac
	done

	# options anywhere, as runc's; after exec's or ps's id, the command's
	if [[ $cur == -* ]]; then
		[[ $verb == @(exec|ps) ]] && ((operands > 0)) && return
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	if ((nids && operands == 0)); then
		COMPREPLY=($(compgen -W "$(_hrun_ids)" -- "$cur"))
	elif [[ $verb == kill && $operands == 1 ]]; then
		COMPREPLY=($(compgen -W "TERM KILL INT HUP QUIT USR1 USR2 STOP CONT" -- "$cur"))
	fi
} &&
	complete -F _hrun hrun
