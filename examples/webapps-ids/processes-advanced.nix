# The seed's processes-advanced.nix: `webapp` gone, webapp1..6 behind two proxies (nginx: 1-4, nginx2: 5-6).
# Assigning IDs after processes.nix keeps nginx's and continues after the last assignment (reference §7.2).
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

  webappInstance = n: let name = "webapp${toString n}"; in {
    name = name;
    value = rec {
      port = ids.webappPorts.${name} or 0;
      dnsName = "${name}.local";
      pkg = constructors.webapp { instanceName = name; inherit port; inherit program; user = name; };
      requiresUniqueIdsFor = [ "webappPorts" "uids" "gids" ];
    };
  };
  webapps = builtins.listToAttrs (map webappInstance [ 1 2 3 4 5 6 ]);

  proxy = name: fronted: rec {
    port = ids.nginxPorts.${name} or 0;
    pkg = constructors.nginxReverseProxyHostBased { instanceName = name; inherit port; webapps = fronted; };
    requiresUniqueIdsFor = [ "nginxPorts" "uids" "gids" ];
  };
in
webapps // {
  nginx = proxy "nginx" (with webapps; [ webapp1 webapp2 webapp3 webapp4 ]);
  nginx2 = proxy "nginx2" (with webapps; [ webapp5 webapp6 ]);
}
