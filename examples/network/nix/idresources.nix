# The ports id-service hands out (dydisnix's idresources.nix).
{
  webappPorts = { min = 5000; max = 5999; };
  nginxPorts = { min = 8090; max = 8099; };
}
