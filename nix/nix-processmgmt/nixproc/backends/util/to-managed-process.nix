# One process manager's own function of the seed (createSystemVInitScript, createSystemdService, …) as nixproc's
# managed process: nixproc generates every process manager's configuration from that itself, so a model written for
# one manager deploys with nixproc on it, and on the others. The parameters all managers share pass through; the
# manager's own become overrides.<processManager>, so that on it they mean what they meant; `convert` finds the
# executable; a parameter nixproc has no equivalent for is refused, naming it, rather than dropped.
{ function                # the seed's name of the function, for messages
, processManager          # whose overrides the manager's own parameters become
, createCredentials ? null # the seed's composition parameter: applies `ids` to the credentials
, shared ? [ ]            # parameter names that are createManagedProcess's too
, ownParameters ? [ ]     # parameter names `own` takes into overrides.<processManager>
, own ? (given: { })      # given parameters → the overrides
, openOwn ? false         # every other parameter is the manager's own (supervisord's and launchd's keys)
, convertParameters ? [ ] # parameter names `convert` takes
, convert ? (given: { })  # given parameters → executable, arguments and whatever else they imply
}:

params:

let
  nixproc = import <nixproc> { };
  inherit (nixproc) lib;
  given = lib.filterAttrs (name: value: value != null) params;
  known = shared ++ ownParameters ++ convertParameters;
  rest = builtins.filter (name: !(builtins.elem name known)) (builtins.attrNames given);
  overrides = own given // (if openOwn then builtins.intersectAttrs (lib.setOf rest) given else { });
  process = builtins.intersectAttrs (lib.setOf shared) given
    // convert given
    // lib.optionalAttrs (given ? credentials && createCredentials != null) { credentials = createCredentials given.credentials; }
    // lib.optionalAttrs (overrides != { }) { overrides.${processManager} = overrides; };
in
if rest != [ ] && !openOwn
then throw "${function}: nixproc has no equivalent of ${builtins.concatStringsSep ", " rest}; nixproc takes ${builtins.concatStringsSep ", " known} (or write the process with createManagedProcess)"
else nixproc.createManagedProcess process
