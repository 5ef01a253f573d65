# nixproc's drop-in for the seed's createLaunchdDaemon (util/to-managed-process.nix): the plist keys other than
# those below (KeepAlive, RunAtLoad, Label, …) become overrides.launchd; Program and ProgramArguments are the
# executable and its arguments, EnvironmentVariables, WorkingDirectory, UserName, Umask and Nice what they say.
{ createCredentials ? null, ... }:

import ../util/to-managed-process.nix {
  function = "createLaunchdDaemon";
  processManager = "launchd";
  inherit createCredentials;
  shared = [ "name" "path" "dependencies" "credentials" "postInstall" ];
  openOwn = true;
  convertParameters = [ "Program" "ProgramArguments" "EnvironmentVariables" "WorkingDirectory" "UserName" "Umask" "Nice" ];
  convert = given:
    let
      argv = given.ProgramArguments or [ ];
      optional = key: field: if given ? ${key} then { ${field} = toString given.${key}; } else { };
    in
    (if given ? Program then { foregroundProcess = given.Program; foregroundProcessArgs = if argv == [ ] then [ ] else builtins.tail argv; }
     else if argv != [ ] then { foregroundProcess = builtins.head argv; foregroundProcessArgs = builtins.tail argv; }
     else { })
    // (if given ? EnvironmentVariables then { environment = given.EnvironmentVariables; } else { })
    // optional "WorkingDirectory" "directory" // optional "UserName" "user" // optional "Umask" "umask" // optional "Nice" "nice";
}
