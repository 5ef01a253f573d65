# nixproc's Nix library: what a seed-style processes.nix needs, without nixpkgs.
#
#   { pkgs ? null, stateDir, runtimeDir, ..., processManager, ids ? {} }:
#   let nixproc = import <nixproc> { inherit stateDir runtimeDir ... ids; };
#   in { webapp = { port = 5000; pkg = nixproc.createManagedProcess { ... }; }; }
#
# Everything here is plain builtins: nixproc evaluates models with `nix-instantiate --eval --strict --json`
# and builds the profile itself, so no stdenv and no derivation is needed. A model that wants packages passes
# its own `pkgs` (`"${pkgs.nginx}/bin/nginx"` works as usual; nixproc realises such store paths on switch).
{ stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
  # the seed's special case: /tmp only for the system-wide state dir
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, cacheDir ? "${stateDir}/cache"
, spoolDir ? "${stateDir}/spool"
, lockDir ? "${stateDir}/lock"
, libDir ? "${stateDir}/lib"
, forceDisableUserChange ? false
, processManager ? null
, ids ? { }
, pkgs ? null
}:

let
  lib = import ./lib.nix;
  createCredentials = import ./create-credentials.nix { inherit ids lib; };
  createManagedProcess = import ./create-managed-process.nix { inherit processManager createCredentials lib; };
  common = {
    inherit stateDir runtimeDir logDir tmpDir cacheDir spoolDir lockDir libDir forceDisableUserChange processManager
      ids pkgs createManagedProcess createCredentials lib;
  };
in
{
  inherit createManagedProcess createCredentials lib common;

  # The seed's constructors.nix in one call: every constructor is a function of the common parameters it
  # declares ({ createManagedProcess, stateDir, ... }) returning a function of the instance parameters. Extra
  # common parameters (e.g. a webappMode) come in `extra`.
  callConstructors = constructors: extra:
    builtins.mapAttrs (name: constructor: lib.callWith constructor (common // extra)) constructors;
}
