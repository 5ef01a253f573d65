# The seed's examples/webapps-agnostic/idresources.nix: the pools `nixproc id-assign` hands IDs out of.
{
  webappPorts = { min = 5000; max = 6000; };
  nginxPorts = { min = 8080; max = 9000; };
  uids = { min = 2000; max = 3000; };
  gids = { min = 2000; max = 3000; };
}
