# nixproc's drop-in for the seed's createSupervisordProgram (util/to-managed-process.nix): `command` and every
# other program option (autorestart, startsecs, …) become overrides.supervisord, so that the program section says
# what they say; for the other managers the process is the command run by sh.
{ createCredentials ? null, ... }:

import ../util/to-managed-process.nix {
  function = "createSupervisordProgram";
  processManager = "supervisord";
  inherit createCredentials;
  shared = [ "name" "instanceName" "description" "pidFile" "user" "environment" "path" "directory" "umask"
    "dependencies" "credentials" "postInstall" ];
  ownParameters = [ "command" ];
  own = given: if given ? command then { inherit (given) command; } else { };
  openOwn = true;
  convertParameters = [ "useProxy" ];
  convert = given:
    if given.useProxy or false then throw "createSupervisordProgram: useProxy (pidproxy) has no equivalent in nixproc; run the program in the foreground, or give it as a daemon with createManagedProcess"
    else if given ? command then { foregroundProcess = "/bin/sh"; foregroundProcessArgs = [ "-c" "exec ${given.command}" ]; }
    else { };
}
