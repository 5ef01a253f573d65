# A reverse proxy routing by the Host header to webapps on this machine (`webapps`: instances with port, dnsName
# and pkg) or, in a Disnix model, to its inter-dependencies on their targets; a catch-all serves the error page.
{ createManagedProcess, lib, writeTextFile, nginx, stateDir, runtimeDir, cacheDir, forceDisableUserChange }:
{ port ? 80, webapps ? [ ], instanceSuffix ? "", instanceName ? "nginx${instanceSuffix}" }:
interDependencies:

let
  prefix = "${stateDir}/${instanceName}";
  cache = "${cacheDir}/${instanceName}";
  upstreams = webapps ++ builtins.attrValues interDependencies;
  hostOf = webapp: if webapp ? target then webapp.target.properties.hostname else "localhost";
in
import ./default.nix {
  inherit createManagedProcess lib nginx stateDir runtimeDir cacheDir forceDisableUserChange;
} {
  inherit instanceName;
  dependencies = map (webapp: webapp.pkg) webapps;
  configFile = writeTextFile {
    name = "nginx.conf";
    text = ''
      pid ${runtimeDir}/${instanceName}.pid;
      error_log ${prefix}/logs/error.log;
      ${lib.optionalString (!forceDisableUserChange) "user ${instanceName} ${instanceName};"}

      events {
        worker_connections 190;
      }

      http {
        access_log ${prefix}/logs/access.log;
        client_body_temp_path ${cache}/client_body;
        proxy_temp_path ${cache}/proxy;
        fastcgi_temp_path ${cache}/fastcgi;
        uwsgi_temp_path ${cache}/uwsgi;
        scgi_temp_path ${cache}/scgi;

        ${lib.concatMapStrings (webapp: ''
          upstream webapp${toString webapp.port} {
            server ${hostOf webapp}:${toString webapp.port};
          }
        '') upstreams}

        server {
          listen ${toString port};
          server_name aaaa;
          root ${./errorpage};
        }

        ${lib.concatMapStrings (webapp: ''
          server {
            listen ${toString port};
            server_name ${webapp.dnsName};
            location / {
              proxy_pass http://webapp${toString webapp.port};
            }
          }
        '') upstreams}
      }
    '';
  };
}
