# nixproc's drop-in for the seed's s6-rc functions (the composition's parameters are accepted): a long-run service
# is a managed process (create-longrun-service.nix). One-shots and bundles have no equivalent: nixproc runs
# processes; a daemon is createManagedProcess's `daemon` with its `pidFile`, and a profile is nixproc's bundle.
{ createCredentials ? null, ... }:

{
  createLongRunService = import ./create-longrun-service.nix { inherit createCredentials; };
  createOneShotService = _: throw "createOneShotService: nixproc runs processes, not one-shots; give a daemon to createManagedProcess (daemon, pidFile)";
  createServiceBundle = _: throw "createServiceBundle: nixproc bundles a profile's processes itself; leave the bundle out";
}
