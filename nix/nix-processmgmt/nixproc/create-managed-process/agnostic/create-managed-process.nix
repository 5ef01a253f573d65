# nixproc's drop-in for the seed's agnostic createManagedProcess composition. `generators` (the seed's
# derivation builders, one per process manager) are accepted and not used: nixproc generates the configuration of
# each process manager it knows itself, and refuses one it does not know, as the seed refuses one without a
# generator. The directories, `forceDisableUserChange` and `ids` are those of nixproc's library (<nixproc>).
{ processManager ? null
, generators ? { }
, ...
}@args:

let
  nixproc = import <nixproc> (builtins.intersectAttrs (builtins.functionArgs (import <nixproc>)) args);
in
builtins.seq (nixproc.lib.checkProcessManager processManager) nixproc.createManagedProcess
