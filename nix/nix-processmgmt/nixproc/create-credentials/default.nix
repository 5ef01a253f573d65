# nixproc's drop-in for the seed's createCredentials: { groups, users } with gid/uid from `ids` (the output of
# `nixproc id-assign`) unless given. The seed writes them to dysnomia-support files; nixproc does that when it
# builds a profile, and leaves them out there under --force-disable-user-change.
{ ids ? { }, ... }:

(import <nixproc> { inherit ids; }).createCredentials
