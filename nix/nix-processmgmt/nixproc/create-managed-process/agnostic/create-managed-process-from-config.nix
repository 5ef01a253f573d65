# nixproc's drop-in for the seed's createManagedProcessFromConfig: a managed-process JSON file (the seed's
# <name>.json, or nixproc's) as the managed process of a model, its dependencies (directories holding
# <name>.json, a store path's 33-character hash prefix stripped from the name, or JSON files) read the same way.
# `createManagedProcessExpr` is accepted and not used: nixproc's createManagedProcess is the one there is.
{ configFile
, processManager ? null
, createManagedProcessExpr ? null
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, forceDisableUserChange ? false
, ...
}:

let
  nixproc = import <nixproc> { inherit stateDir runtimeDir logDir tmpDir forceDisableUserChange processManager; };
  jsonOf = dependency:
    let
      base = baseNameOf (toString dependency);
      stripped = builtins.match "[0-9a-df-np-sv-z]{32}-(.*)" base;
    in
    if builtins.match ".*\\.json" base != null then dependency
    else "${toString dependency}/${if stripped == null then base else builtins.head stripped}.json";
  fromConfig = file:
    let properties = builtins.fromJSON (builtins.readFile file);
    in nixproc.createManagedProcess (properties // nixproc.lib.optionalAttrs (properties ? dependencies) {
      dependencies = map (dependency: fromConfig (jsonOf dependency)) properties.dependencies;
    });
in
fromConfig configFile
