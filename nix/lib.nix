# The few nixpkgs.lib functions the library and models need, so that nothing depends on nixpkgs.
rec {
  # calls f with just the arguments it declares, as nixproc-build and callPackage do
  callWith = f: args: if builtins.isFunction f then f (builtins.intersectAttrs (builtins.functionArgs f) args) else f;

  filterAttrs = pred: set:
    builtins.listToAttrs (builtins.concatMap (name: if pred name set.${name} then [ { inherit name; value = set.${name}; } ] else [ ])
      (builtins.attrNames set));

  # right wins; nested attribute sets are merged, like nixpkgs' lib.recursiveUpdate
  recursiveUpdate = left: right:
    left // builtins.mapAttrs (name: value:
      if builtins.isAttrs value && left ? ${name} && builtins.isAttrs left.${name} && !(value ? outPath)
      then recursiveUpdate left.${name} value else value) right;

  optionalAttrs = cond: set: if cond then set else { };

  # a list of names as an attribute set, for builtins.intersectAttrs
  setOf = names: builtins.listToAttrs (map (name: { inherit name; value = true; }) names);

  # The overrides that turn `old` into `new` under nixproc's deep merge of overrides (attribute sets merged key by
  # key, anything else replaced, null removes a key): how a function override's result travels as JSON.
  overrideDiff = old: new:
    builtins.mapAttrs (name: value:
      if builtins.isAttrs value && builtins.isAttrs (old.${name} or null) then overrideDiff old.${name} value else value) new
    // builtins.listToAttrs (map (name: { inherit name; value = null; })
      (builtins.filter (name: !(new ? ${name})) (builtins.attrNames old)));

  # What nixproc hands a second evaluation of a model whose processes have function overrides: the generated
  # parameters of each such process for the process manager, by its instanceName (or name); null otherwise.
  generatedParameters =
    if builtins.any (entry: entry.prefix == "nixproc-parameters") builtins.nixPath
    then builtins.fromJSON (builtins.readFile <nixproc-parameters>) else null;

  # the process managers nixproc generates configuration for (nixproc.model.BackendKind)
  processManagers = [ "sysvinit" "bsdrc" "supervisord" "systemd" "launchd" "cygrunsrv" "s6-rc" "synit" "docker" "disnix" ];

  checkProcessManager = processManager:
    if processManager == null || builtins.elem processManager processManagers then processManager
    else throw "Unknown process manager: ${processManager} (nixproc knows ${builtins.concatStringsSep ", " processManagers})";

  # A server's readiness: its TCP port on one machine; in a network model, where the port is still a reference
  # (''${ids.<pool>.<service>}, which the coordinator renders after assigning it), an HTTP GET of `path` at the
  # target's hostname, since a reference cannot be a number yet
  readiness = port: timeout: path:
    if builtins.isInt port then { tcpPort = port; inherit timeout; }
    else { httpUrl = "http://\${target.properties.hostname}:${port}${path}"; inherit timeout; };
}
