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

  # A server's readiness: its TCP port on one machine; in a network model, where the port is still a reference
  # (''${ids.<pool>.<service>}, which the coordinator renders after assigning it), an HTTP GET of `path` at the
  # target's hostname, since a reference cannot be a number yet
  readiness = port: timeout: path:
    if builtins.isInt port then { tcpPort = port; inherit timeout; }
    else { httpUrl = "http://\${target.properties.hostname}:${port}${path}"; inherit timeout; };
}
