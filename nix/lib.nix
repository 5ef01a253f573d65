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
}
