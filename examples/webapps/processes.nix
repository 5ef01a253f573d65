# The Nix twin of processes.yaml, in the seed's style (examples/webapps-agnostic/processes-advanced.nix): a function
# of the parameters nixproc passes (only the declared ones), returning the instances. No nixpkgs needed.
#   nixproc switch -P sysvinit --state-dir $HOME/var --force-disable-user-change examples/webapps/processes.nix
{ pkgs ? null
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, cacheDir ? "${stateDir}/cache"
, forceDisableUserChange ? false
, processManager ? null
, ids ? { }
}:

let
  nixproc = import <nixproc> { inherit pkgs stateDir runtimeDir logDir tmpDir cacheDir forceDisableUserChange processManager ids; };
  constructors = nixproc.callConstructors (import <nixproc/services>) { };
  # the example webapp's launcher beside this directory (a path literal: absolute once evaluated)
  program = toString ../webapp/webapp;
in
rec {
  webapp1 = rec {
    port = 5000;
    dnsName = "webapp1.local";
    pkg = constructors.webapp { instanceName = "webapp1"; inherit port; inherit program; };
  };

  webapp2 = rec {
    port = 5001;
    dnsName = "webapp2.local";
    pkg = constructors.webapp { instanceName = "webapp2"; inherit port; inherit program; };
  };

  nginx = rec {
    port = 8080;
    pkg = constructors.nginxReverseProxyHostBased {
      instanceName = "nginx";
      inherit port;
      webapps = [ webapp1 webapp2 ];
    };
  };
}
