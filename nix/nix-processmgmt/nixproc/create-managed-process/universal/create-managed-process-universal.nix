# nixproc's drop-in for the seed's universal createManagedProcess (the same file in nix-processmgmt): the same
# parameters, returning createManagedProcess. A process is nixproc's managed process (an attribute set that
# nixproc turns into each process manager's configuration itself), not a derivation built for `processManager`.
# Models that import it are evaluated by nixproc, which puts this library on the search path as <nixproc>.
{ pkgs ? null
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, cacheDir ? "${stateDir}/cache"
, forceDisableUserChange ? false
, processManager ? null
, ids ? { }
, ...
}:

import ../agnostic/create-managed-process.nix {
  inherit pkgs stateDir runtimeDir logDir tmpDir cacheDir forceDisableUserChange processManager ids;
}
