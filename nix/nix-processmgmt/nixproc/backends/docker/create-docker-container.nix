# nixproc's drop-in for the seed's createDockerContainer (util/to-managed-process.nix): dockerImage,
# dockerImageTag, dockerCreateParameters (a list of { name; value; } or an attribute set), useHostNixStore,
# useHostNetwork and mapStateDirVolumes become overrides.docker; the process is `cmd` run by sh. storePaths are
# refused: nixproc builds and roots the store paths a model refers to itself.
{ createCredentials ? null, ... }:

import ../util/to-managed-process.nix {
  function = "createDockerContainer";
  processManager = "docker";
  inherit createCredentials;
  shared = [ "name" "environment" "dependencies" "postInstall" ];
  ownParameters = [ "dockerImage" "dockerImageTag" "dockerCreateParameters" "useHostNixStore" "useHostNetwork" "mapStateDirVolumes" ];
  own = given:
    builtins.intersectAttrs { dockerImageTag = true; useHostNixStore = true; useHostNetwork = true; mapStateDirVolumes = true; } given
    // (if given ? dockerImage then { dockerImage = toString given.dockerImage; } else { })
    // (if given ? dockerCreateParameters then {
      dockerCreateParameters = if builtins.isAttrs given.dockerCreateParameters
        then builtins.attrValues (builtins.mapAttrs (name: value: { inherit name value; }) given.dockerCreateParameters)
        else given.dockerCreateParameters;
    } else { });
  convertParameters = [ "cmd" ];
  convert = given: if given ? cmd && given.cmd != "" then { foregroundProcess = "/bin/sh"; foregroundProcessArgs = [ "-c" "exec ${given.cmd}" ]; } else { };
}
