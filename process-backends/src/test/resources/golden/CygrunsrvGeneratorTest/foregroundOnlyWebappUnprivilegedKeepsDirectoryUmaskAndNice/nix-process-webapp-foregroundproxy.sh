#!/bin/sh
set -e
cd /home/unprivileged/var/webapp
umask 0022
exec nice -n 5 /nix/store/1v6b8hrh5lnhx1g1xw5w1w1ky2wg0qw4-webapp/bin/webapp
