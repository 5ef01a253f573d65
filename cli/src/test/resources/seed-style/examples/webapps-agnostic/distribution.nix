# The webapps on one machine, the reverse proxy on the other.
{ infrastructure }:

{
  webapp1 = [ infrastructure.test1 ];
  webapp2 = [ infrastructure.test1 ];
  nginx = [ infrastructure.test2 ];
}
