# nixproc's drop-in for the seed's createBSDRCScript (util/to-managed-process.nix): requires, keywords,
# reloadSignal and stopSignal become overrides.bsdrc.
{ createCredentials ? null, ... }:

import ../util/to-managed-process.nix {
  function = "createBSDRCScript";
  processManager = "bsdrc";
  inherit createCredentials;
  shared = [ "name" "instanceName" "description" "pidFile" "user" "environment" "path" "directory" "umask" "nice"
    "dependencies" "credentials" "postInstall" ];
  ownParameters = [ "requires" "keywords" "reloadSignal" "stopSignal" ];
  own = given: builtins.intersectAttrs { requires = true; keywords = true; reloadSignal = true; stopSignal = true; } given;
  convertParameters = [ "command" "commandArgs" "commandIsDaemon" ];
  convert = given:
    if !(given ? command) then { }
    else if given.commandIsDaemon or true then { daemon = given.command; daemonArgs = given.commandArgs or [ ]; }
    else { foregroundProcess = given.command; foregroundProcessArgs = given.commandArgs or [ ]; };
}
