# nixproc's drop-in for the seed's createLongRunService (util/to-managed-process.nix): `run` (an executable, such
# as an execline script) is the foreground process; flagEssential, timeoutKill, timeoutFinish, downSignal and
# autoGenerateLogService become overrides.s6-rc.
{ createCredentials ? null, ... }:

import ../util/to-managed-process.nix {
  function = "createLongRunService";
  processManager = "s6-rc";
  inherit createCredentials;
  shared = [ "name" "dependencies" "credentials" "postInstall" ];
  ownParameters = [ "flagEssential" "timeoutKill" "timeoutFinish" "downSignal" "autoGenerateLogService" ];
  own = given: builtins.intersectAttrs { flagEssential = true; timeoutKill = true; timeoutFinish = true; downSignal = true; } given
    // (if given ? autoGenerateLogService then { logService = given.autoGenerateLogService; } else { });
  convertParameters = [ "run" ];
  convert = given: if given ? run then { foregroundProcess = toString given.run; } else { };
}
