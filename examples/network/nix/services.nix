# The Nix twin of ../services.yaml, in Disnix's form: a function of the system, the distribution and its inverse,
# returning the services. The constructors are nixproc's Nix library (<nixproc/services>, as the processes examples
# use them); the directories are references the agent of each target renders for its own layout, and the ports are
# references to id-service's assignments (idresources.nix). nginx's pkg is a function of its inter-dependencies:
# each webapp's properties and the target it runs on, so its upstreams name the webapps' machines.
#   ./nixproc deploy examples/network/nix
{ system, pkgs, distribution, invDistribution }:

let
  nixproc = import <nixproc> {
    stateDir = "\${stateDir}";
    runtimeDir = "\${runtimeDir}";
    logDir = "\${logDir}";
    tmpDir = "\${tmpDir}";
    cacheDir = "\${cacheDir}";
  };
  constructors = nixproc.callConstructors (import <nixproc/services>) { };
  # the example webapp's launcher (a path literal: absolute once evaluated)
  program = toString ../../webapp/webapp;
  mkWebapp = name: rec {
    inherit name;
    port = "\${ids.webappPorts.${name}}";
    dnsName = "${name}.local";
    requiresUniqueIdsFor = [ "webappPorts" ];
    pkg = constructors.webapp { instanceName = name; inherit port program; readinessTimeout = 30; };
  };
in
rec {
  webapp = mkWebapp "webapp";
  webapp2 = mkWebapp "webapp2";

  nginx = rec {
    name = "nginx";
    port = "\${ids.nginxPorts.nginx}";
    requiresUniqueIdsFor = [ "nginxPorts" ];
    dependsOn = { inherit webapp webapp2; };
    pkg = { webapp, webapp2 }: constructors.nginxReverseProxyHostBased {
      instanceName = "nginx";
      inherit port;
      webapps = [ webapp webapp2 ];
      readinessTimeout = 30;
    };
  };
}
