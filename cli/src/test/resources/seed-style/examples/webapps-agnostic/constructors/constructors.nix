# The constructors of this example, written against the seed's API: createManagedProcess composed from the
# framework checkout by relative path, as nix-processmgmt's examples do.
{ pkgs
, stateDir
, logDir
, runtimeDir
, tmpDir
, forceDisableUserChange
, processManager
, webappMode ? null # foreground, daemon, or null: the process manager's choice
, ids ? { }
}:

let
  createManagedProcess = import ../../../nixproc/create-managed-process/universal/create-managed-process-universal.nix {
    inherit pkgs runtimeDir stateDir logDir tmpDir forceDisableUserChange processManager ids;
  };
in
{
  webapp = import ./webapp {
    inherit createManagedProcess tmpDir webappMode;
  };
}
