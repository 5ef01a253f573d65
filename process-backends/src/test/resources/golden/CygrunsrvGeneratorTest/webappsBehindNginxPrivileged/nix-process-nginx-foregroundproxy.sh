#!/bin/sh
set -e
mkdir -p /var/nginx/logs /var/cache/nginx
chown nginx:nginx /var/nginx/logs /var/cache/nginx
exec /nix/store/9k7pyp0x3c4ry2m1l0kbf0s0x6vlwf1a-nginx-1.24.0/bin/nginx -p /var/nginx -c /nix/store/0lp4z3b1hrxys5v1w44gwh4x5dl4bd4k-nginx.conf -g 'daemon off;'
