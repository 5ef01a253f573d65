#!/bin/sh
set -e
/opt/webapp/bin/webapp -D
waited=0
while [ ! -s /tmp/webapp.pid ]; do
	if [ "$waited" -ge 30 ]; then
		echo "no PID file after 30 s, giving up:" /tmp/webapp.pid >&2
		exit 1
	fi
	sleep 1
	waited=$((waited + 1))
done
pid=$(cat /tmp/webapp.pid)
trap 'kill -TERM "$pid" 2>/dev/null; exit 0' TERM
trap 'kill -INT "$pid" 2>/dev/null' INT
while kill -0 "$pid" 2>/dev/null; do
	sleep 1
done
