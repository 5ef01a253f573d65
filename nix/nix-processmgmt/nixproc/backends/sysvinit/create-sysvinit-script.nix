# nixproc's drop-in for the seed's createSystemVInitScript (util/to-managed-process.nix): runlevels (or
# defaultStart), reloadSignal, activities, removeActivities and globalInstructions become overrides.sysvinit.
{ createCredentials ? null, ... }:

import ../util/to-managed-process.nix {
  function = "createSystemVInitScript";
  processManager = "sysvinit";
  inherit createCredentials;
  shared = [ "name" "instanceName" "description" "pidFile" "user" "environment" "path" "directory" "umask" "nice"
    "initialize" "dependencies" "credentials" "postInstall" ];
  ownParameters = [ "runlevels" "defaultStart" "reloadSignal" "activities" "removeActivities" "globalInstructions" ];
  own = given:
    builtins.intersectAttrs { activities = true; removeActivities = true; globalInstructions = true; } given
    // (if given ? runlevels then { inherit (given) runlevels; } else if given ? defaultStart then { runlevels = given.defaultStart; } else { })
    # the seed writes the signal as killproc's option (-HUP); nixproc takes its name
    // (if given ? reloadSignal then { reloadSignal = builtins.replaceStrings [ "-" "SIG" ] [ "" "" ] given.reloadSignal; } else { });
  convertParameters = [ "process" "processIsDaemon" "args" ];
  convert = given:
    if !(given ? process) then { }
    else if given.processIsDaemon or true then { daemon = given.process; daemonArgs = given.args or [ ]; }
    else { foregroundProcess = given.process; foregroundProcessArgs = given.args or [ ]; };
}
