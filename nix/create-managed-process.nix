# The seed's process-manager-agnostic createManagedProcess, evaluating to one managed process of nixproc's
# processes model (architecture §4) instead of a derivation: the parameters exactly as given (absent stays absent,
# so each backend applies its own defaults, as in the seed's agnostic JSON), with three conversions JSON needs:
#  - dependencies may be other processes (the seed's `pkg` values) or instance names; both become names;
#  - credentials get their uid/gid from `ids` (createCredentials);
#  - null values are dropped, so `pidFile = null` means "not given", as with the seed's defaults.
{ processManager, createCredentials, lib }:

{ overrides ? { }, ... }@properties:

let
  nameOf = dependency:
    if builtins.isString dependency then dependency
    else if builtins.isAttrs dependency && dependency ? instanceName then dependency.instanceName
    else if builtins.isAttrs dependency && dependency ? name then dependency.name
    else throw "createManagedProcess: a dependency must be a process (with instanceName or name) or an instance name";

  # The seed lets overrides.<pm> be a function of the generated parameters; those are generated in Java here,
  # after evaluation, so only the deep-merged attribute-set form can travel.
  checkedOverrides = builtins.mapAttrs (pm: value:
    if builtins.isFunction value
    then throw "createManagedProcess: overrides.${pm} is a function; nixproc takes only attribute sets (deep-merged into the generated ${pm} parameters)"
    else value) overrides;

  # nulls first: `credentials = if user == null then null else …` must mean "not given", not "convert null"
  given = lib.filterAttrs (name: value: value != null) properties;
in
given
  // lib.optionalAttrs (given ? dependencies) { dependencies = map nameOf given.dependencies; }
  // lib.optionalAttrs (given ? credentials) { credentials = createCredentials given.credentials; }
  // lib.optionalAttrs (given ? overrides) { overrides = checkedOverrides; }
