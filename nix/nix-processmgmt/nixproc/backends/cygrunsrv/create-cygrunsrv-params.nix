# nixproc's drop-in for the seed's createCygrunsrvParams (util/to-managed-process.nix): `path` is the executable
# (and `environmentPath` the packages of PATH), type, displayName, stdin, stdout, stderr, terminateSignal and
# terminateOnShutdown become overrides.cygrunsrv. cygrunsrv cannot create users; a password is refused.
{ createCredentials ? null, ... }:

import ../util/to-managed-process.nix {
  function = "createCygrunsrvParams";
  processManager = "cygrunsrv";
  inherit createCredentials;
  shared = [ "name" "environment" "user" "dependencies" "postInstall" ];
  ownParameters = [ "type" "displayName" "stdin" "stdout" "stderr" "terminateSignal" "terminateOnShutdown" ];
  own = given: builtins.intersectAttrs { type = true; displayName = true; stdin = true; stdout = true; stderr = true;
    terminateSignal = true; terminateOnShutdown = true; } given;
  convertParameters = [ "path" "args" "environmentPath" ];
  convert = given:
    (if given ? path then { foregroundProcess = given.path; foregroundProcessArgs = given.args or [ ]; } else { })
    // (if given ? environmentPath then { path = given.environmentPath; } else { });
}
