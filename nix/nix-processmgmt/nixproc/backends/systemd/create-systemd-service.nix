# nixproc's drop-in for the seed's createSystemdService (util/to-managed-process.nix): the Unit, Service and
# Install sections become overrides.systemd, so that the unit says what they say; for the other managers the
# process is Service.ExecStart run by sh (forking when Type is forking), with its PIDFile, User,
# WorkingDirectory, UMask, Nice and Unit.Description.
{ createCredentials ? null, ... }:

import ../util/to-managed-process.nix {
  function = "createSystemdService";
  processManager = "systemd";
  inherit createCredentials;
  shared = [ "name" "environment" "path" "dependencies" "credentials" "postInstall" ];
  ownParameters = [ "Unit" "Service" "Install" ];
  own = given: builtins.intersectAttrs { Unit = true; Service = true; Install = true; } given;
  convert = given:
    let
      service = given.Service or { };
      command = [ "-c" "exec ${service.ExecStart}" ];
      optional = key: field: if service ? ${key} then { ${field} = toString service.${key}; } else { };
    in
    (if !(service ? ExecStart) then { }
     else if (service.Type or "simple") == "forking" then { daemon = "/bin/sh"; daemonArgs = command; }
     else { foregroundProcess = "/bin/sh"; foregroundProcessArgs = command; })
    // optional "PIDFile" "pidFile" // optional "User" "user" // optional "WorkingDirectory" "directory"
    // optional "UMask" "umask" // optional "Nice" "nice"
    // (if given ? Unit && given.Unit ? Description then { description = given.Unit.Description; } else { });
}
