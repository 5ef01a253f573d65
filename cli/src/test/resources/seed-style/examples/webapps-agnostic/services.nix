# The same webapps and reverse proxy as a Disnix services model: no process manager is fixed, so every service is
# of type managed-process, which each target runs with its own process manager. The reverse proxy reaches the
# webapps through its inter-dependencies, on whichever machine they run.
{ pkgs, distribution, invDistribution, system
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, cacheDir ? "${stateDir}/cache"
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, forceDisableUserChange ? false
, processManager ? null
}:

let
  sharedConstructors = import ../services-agnostic/constructors/constructors.nix {
    inherit pkgs stateDir runtimeDir logDir cacheDir tmpDir forceDisableUserChange processManager;
  };

  constructors = import ./constructors/constructors.nix {
    inherit pkgs stateDir runtimeDir logDir tmpDir forceDisableUserChange processManager;
  };

  processType = import ../../nixproc/derive-dysnomia-process-type.nix {
    inherit processManager;
  };

  webappService = suffix: port: rec {
    name = "webapp${suffix}";
    inherit port;
    dnsName = "webapp${suffix}.local";
    pkg = constructors.webapp {
      inherit port;
      instanceSuffix = suffix;
    };
    type = processType;
  };
in
rec {
  webapp1 = webappService "1" 5000;
  webapp2 = webappService "2" 5001;

  nginx = rec {
    name = "nginx";
    port = 8080;
    pkg = sharedConstructors.nginxReverseProxyHostBased {
      inherit port;
    };
    dependsOn = {
      inherit webapp1 webapp2;
    };
    type = processType;
  };
}
