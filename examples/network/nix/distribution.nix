# Disnix's distribution: a function of the infrastructure, mapping each service to the machines it runs on.
{ infrastructure }:

{
  webapp = [ infrastructure.test1 ];
  webapp2 = [ infrastructure.test2 ];
  nginx = [ infrastructure.test2 ];
}
