{ infrastructure }:

{
  webapp1 = [ infrastructure.test1 ];
  webapp2 = { targets = [ { target = infrastructure.test1; } { target = infrastructure.test2; container = "process"; } ]; };
  nginx = [ infrastructure.test1 infrastructure.test2 ];
}
