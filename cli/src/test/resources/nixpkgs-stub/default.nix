# A stand-in for nixpkgs in tests (this machine has none and no network): `import <nixpkgs> { }` gives the few
# packages the tests use. Each is a real derivation, built with /bin/sh (no stdenv; sandbox off), whose program
# runs Debian's under its own store path as argv[0], so `ps` (and a test) shows the process came from the store.
{ system ? builtins.currentSystem, ... }:

let
  wrapper = { name, program, target }: derivation {
    inherit name system;
    builder = "/bin/sh";
    args = [ "-c" ''
      /bin/mkdir -p $out/bin
      printf '#!/bin/bash\nexec -a "$0" %s "$@"\n' ${target} > $out/bin/${program}
      /bin/chmod +x $out/bin/${program}
    '' ];
  };
in
{
  nginx = wrapper { name = "nginx-stub-1.22"; program = "nginx"; target = "/usr/sbin/nginx"; };
}
