#!/usr/bin/env bash
# Installs, idempotently, the Debian packages listed in infra/packages.txt (or the list file given as the first
# argument) whose command is missing.
# Needs root and apt-get; elsewhere it names what is missing and how to get it, and the tests that need it
# fail with a message saying the same.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
list=${1:-$here/packages.txt}
missing=()
while read -r command package; do
  case "$command" in ''|'#'*) continue ;; esac
  if ! command -v "$command" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$command" ] && [ ! -x "/usr/bin/$command" ]; then
    missing+=("$package")
  fi
done < "$list"

if [ ${#missing[@]} -eq 0 ]; then
  echo "prerequisites: all installed"
  exit 0
fi
echo "prerequisites: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "prerequisites: cannot install here (needs root and apt-get). Install these packages yourself: ${missing[*]}" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# no recommends: docker-compose would otherwise pull in a Docker engine the tests never use
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "prerequisites: installed ${missing[*]}"
