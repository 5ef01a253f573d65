# nixproc's drop-in for the seed's createAgnosticConfig: the parameters as given, which the seed writes to
# <name>.json for nixproc-generate-config. In nixproc they are the managed process itself (a processes model holds
# it as it is, and `nixproc generate-config` reads the JSON), so this is createManagedProcess without a process
# manager: dependencies become names, credentials get their IDs, function overrides are left out.
{ ids ? { }, ... }:

(import <nixproc> { inherit ids; }).createManagedProcess
