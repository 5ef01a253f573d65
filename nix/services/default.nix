# A small catalogue of constructors, in the style of nix-processmgmt-services; use it with callConstructors:
#   constructors = nixproc.callConstructors (import <nixproc/services>) { };
{
  webapp = import ./webapp.nix;
  nginxReverseProxyHostBased = import ./nginx-reverse-proxy-hostbased.nix;
}
