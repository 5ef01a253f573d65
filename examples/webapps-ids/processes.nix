# The seed's webapps-agnostic processes.nix with assigned IDs: ports, UIDs and GIDs come from ids.nix, which
#   nixproc id-assign --id-resources idresources.nix --ids ids.nix --output-file ids.nix processes.nix
# writes (`or 0` lets the first evaluation, before any assignment, succeed). processes.yaml is its twin for the
# ids.nix checked in here.
{ pkgs ? null
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, cacheDir ? "${stateDir}/cache"
, forceDisableUserChange ? false
, processManager ? null
, ids ? (if builtins.pathExists ./ids.nix then (import ./ids.nix).ids else { })
}:

let
  nixproc = import <nixproc> { inherit pkgs stateDir runtimeDir logDir tmpDir cacheDir forceDisableUserChange processManager ids; };
  constructors = nixproc.callConstructors (import <nixproc/services>) { };
  # the example webapp's launcher beside this directory (a path literal: absolute once evaluated)
  program = toString ../webapp/webapp;
in
rec {
  webapp = rec {
    port = ids.webappPorts.webapp or 0;
    dnsName = "webapp.local";
    pkg = constructors.webapp { instanceName = "webapp"; inherit port; inherit program; user = "webapp"; };
    requiresUniqueIdsFor = [ "webappPorts" "uids" "gids" ];
  };

  nginx = rec {
    port = ids.nginxPorts.nginx or 0;
    pkg = constructors.nginxReverseProxyHostBased { instanceName = "nginx"; inherit port; webapps = [ webapp ]; };
    requiresUniqueIdsFor = [ "nginxPorts" "uids" "gids" ];
  };
}
