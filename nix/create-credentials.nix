# The seed's createCredentials: groups and users to create, with their gid/uid taken from `ids.gids.<group>` and
# `ids.uids.<user>` (the output of `nixproc id-assign`) unless given explicitly. Whether they are created at all
# (--force-disable-user-change) is decided by nixproc when it builds the profile, once for every model format.
{ ids, lib }:

{ groups ? { }, users ? { } }:

let
  withId = key: table: name: attrs:
    if attrs ? ${key} || !(table ? ${name}) then attrs else attrs // { ${key} = table.${name}; };
in
{
  groups = builtins.mapAttrs (withId "gid" (ids.gids or { })) groups;
  users = builtins.mapAttrs (withId "uid" (ids.uids or { })) users;
}
