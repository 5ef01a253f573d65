# The seed's process-manager-agnostic createManagedProcess, evaluating to one managed process of nixproc's
# processes model (architecture §4) instead of a derivation: the parameters exactly as given (absent stays absent,
# so each backend applies its own defaults, as in the seed's agnostic JSON), with the conversions JSON needs:
#  - dependencies may be other processes (the seed's `pkg` values) or instance names; both become names;
#  - credentials get their uid/gid from `ids` (createCredentials);
#  - null values are dropped, so `pidFile = null` means "not given", as with the seed's defaults;
#  - function overrides are applied (see below).
{ processManager, createCredentials, lib }:

{ overrides ? { }, ... }@properties:

let
  nameOf = dependency:
    if builtins.isString dependency then dependency
    else if builtins.isAttrs dependency && dependency ? instanceName then dependency.instanceName
    else if builtins.isAttrs dependency && dependency ? name then dependency.name
    else throw "createManagedProcess: a dependency must be a process (with instanceName or name) or an instance name";

  # nulls first: `credentials = if user == null then null else …` must mean "not given", not "convert null"
  given = lib.filterAttrs (name: value: value != null) properties;

  # how nixproc's generated parameters name this process (lib.generatedParameters)
  key = given.instanceName or given.name or null;

  # The seed lets overrides.<pm> be a function of the generated parameters, whose result replaces them. Those are
  # generated in Java, after evaluation: a first evaluation marks the function, nixproc evaluates the model again
  # with the marked processes' parameters (lib.generatedParameters), and the function's result travels as the
  # overrides that turn the parameters into it. As in the seed, only the chosen process manager's function is
  # called; without a process manager (the agnostic JSON, id-assign) there is nothing to call it with, and the
  # seed could not write it to JSON either: it is left out.
  override = pm: value:
    if !(builtins.isFunction value) then value
    else if pm != processManager then null
    else if lib.generatedParameters == null then { __nixprocFunctionOverride = true; }
    else if key == null || !(lib.generatedParameters ? ${key})
    then throw "createManagedProcess: overrides.${pm} is a function, but nixproc generated no parameters for ${if key == null then "a process without instanceName or name" else key}"
    else lib.overrideDiff lib.generatedParameters.${key} (value lib.generatedParameters.${key});
in
given
  // lib.optionalAttrs (given ? dependencies) { dependencies = map nameOf given.dependencies; }
  // lib.optionalAttrs (given ? credentials) { credentials = createCredentials given.credentials; }
  // lib.optionalAttrs (given ? overrides) { overrides = lib.filterAttrs (pm: value: value != null) (builtins.mapAttrs override overrides); }
