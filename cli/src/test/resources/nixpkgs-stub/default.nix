# A stand-in for nixpkgs in tests (this machine has none and no network): `import <nixpkgs> { }` gives the few
# packages and functions the tests use. Each package is a real derivation, built with /bin/sh (no stdenv; sandbox
# off), whose program runs Debian's under its own store path as argv[0], so `ps` (and a test) shows the process
# came from the store.
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

  # the example webapp (examples/webapp), whose launcher finds its jar beside itself: called, not exec'd as $0
  webapp = derivation {
    name = "webapp-stub";
    inherit system;
    builder = "/bin/sh";
    launcher = toString ../../../../../examples/webapp/webapp;
    args = [ "-c" ''
      /bin/mkdir -p $out/bin
      printf '#!/bin/sh\nexec %s "$@"\n' "$launcher" > $out/bin/webapp
      /bin/chmod +x $out/bin/webapp
    '' ];
  };

  # nixpkgs' trivial builder: `text` in a file of the store (at `destination` below it, when given)
  writeTextFile = { name, text, executable ? false, destination ? "" }: derivation {
    inherit name system text destination;
    passAsFile = [ "text" ];
    builder = "/bin/sh";
    args = [ "-c" ''
      target="$out$destination"
      /bin/mkdir -p "$(/usr/bin/dirname "$target")"
      /bin/cat "$textPath" > "$target"
      ${if executable then ''/bin/chmod +x "$target"'' else ""}
    '' ];
  };

  lib = {
    optionalString = condition: string: if condition then string else "";
    concatMapStrings = f: list: builtins.concatStringsSep "" (map f list);
  };
}
