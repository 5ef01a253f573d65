# Two webapps behind a reverse proxy routing by host name, in the seed's style: a function of the parameters the
# deployment tool passes, the IDs (ports, UIDs, GIDs) from ids.nix when it has been generated.
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, cacheDir ? "${stateDir}/cache"
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, forceDisableUserChange ? false
, processManager
, webappMode ? null
}:

let
  ids = if builtins.pathExists ./ids.nix then (import ./ids.nix).ids else { };

  sharedConstructors = import ../services-agnostic/constructors/constructors.nix {
    inherit pkgs stateDir runtimeDir logDir cacheDir tmpDir forceDisableUserChange processManager ids;
  };

  constructors = import ./constructors/constructors.nix {
    inherit pkgs stateDir runtimeDir logDir tmpDir forceDisableUserChange processManager webappMode ids;
  };

  webappInstance = suffix: rec {
    port = ids.webappPorts."webapp${suffix}" or 0;
    dnsName = "webapp${suffix}.local";
    pkg = constructors.webapp {
      inherit port;
      instanceSuffix = suffix;
    };
    requiresUniqueIdsFor = [ "webappPorts" "uids" "gids" ];
  };
in
rec {
  webapp1 = webappInstance "1";
  webapp2 = webappInstance "2";

  nginx = rec {
    port = ids.nginxPorts.nginx or 0;
    pkg = sharedConstructors.nginxReverseProxyHostBased {
      webapps = [ webapp1 webapp2 ];
      inherit port;
    } { };
    requiresUniqueIdsFor = [ "nginxPorts" "uids" "gids" ];
  };
}
