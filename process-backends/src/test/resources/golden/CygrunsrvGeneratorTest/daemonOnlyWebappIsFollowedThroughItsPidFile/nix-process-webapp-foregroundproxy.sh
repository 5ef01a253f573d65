#!/bin/sh
set -e
# a PID is believed only from a regular file of root's or the caller's, or of the instance user's naming a
# process of that user: anyone may plant a PID file where others may write (#17)
uid_of() {
	ls -lnd -- "$1" 2>/dev/null | awk '{ print $3 }'
}

trusted_pid() {
	pid=
	[ -f "$1" ] && [ ! -h "$1" ] || return 1
	_uid=
	if [ -n "${2:-}" ]; then
		_uid=$(id -u "$2" 2>/dev/null) || return 1
	fi
	case $(uid_of "$1") in 0|"$(id -u)") _uid= ;; "${_uid:-x}") ;; *) return 1 ;; esac
	{ read -r pid <"$1"; } 2>/dev/null
	case $pid in ''|*[!0-9]*) pid=; return 1 ;; esac
	[ -n "$_uid" ] || return 0
	if [ -d "/proc/$pid" ]; then
		_puid=$(uid_of "/proc/$pid")
	else
		_puid=$(ps -o uid= -p "$pid" 2>/dev/null | tr -d ' ')
	fi
	[ "$_puid" = "$_uid" ] || { pid=; return 1; }
}
/opt/webapp/bin/webapp -D
waited=0
while ! trusted_pid /tmp/webapp.pid; do
	if [ "$waited" -ge 30 ]; then
		echo "no PID file to believe after 30 s, giving up:" /tmp/webapp.pid >&2
		exit 1
	fi
	sleep 1
	waited=$((waited + 1))
done
trap 'kill -TERM "$pid" 2>/dev/null; exit 0' TERM
trap 'kill -INT "$pid" 2>/dev/null' INT
while kill -0 "$pid" 2>/dev/null; do
	sleep 1
done
