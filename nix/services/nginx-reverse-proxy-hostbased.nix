# The seed's nginxReverseProxyHostBased (services-agnostic): nginx in the foreground routing by Host header to
# webapps, one upstream per webapp port and a catch-all answering 503. Its nginx.conf is a configFile written
# under the state dir, so it needs no derivation. `webapps` are the instances (with port, dnsName and pkg) it
# fronts; they become its dependencies. In a network model they are its inter-dependencies instead (Disnix's
# `dependsOn` parameters: port and dnsName, no pkg, and the target they run on), reached at the target's hostname.
{ createManagedProcess, stateDir, runtimeDir, logDir, cacheDir, lib }:

{ instanceName, port, webapps, nginx ? "/usr/sbin/nginx", workerConnections ? 190, readinessTimeout ? 20 }:

let
  dir = "${stateDir}/${instanceName}";
  upstream = webapp: ''
    	upstream webapp${toString webapp.port} {
    		server ${webapp.target.properties.hostname or "127.0.0.1"}:${toString webapp.port};
    	}
  '';
  server = webapp: ''
    	server {
    		listen ${toString port};
    		server_name ${webapp.dnsName};
    		location / {
    			proxy_pass http://webapp${toString webapp.port};
    		}
    	}
  '';
  # sorted by port, so the file does not depend on attribute order
  sorted = builtins.sort (a: b: a.port < b.port) webapps;
  concat = f: builtins.concatStringsSep "" (map f sorted);
  # a network model: the port is a reference id-service fills in, and readiness asks /ready over HTTP
  network = !(builtins.isInt port);
in
createManagedProcess {
  inherit instanceName;
  description = "Reverse proxy routing by Host header";
  foregroundProcess = nginx;
  # -e: nginx opens its error log before it reads nginx.conf; Debian's default is not writable unprivileged
  foregroundProcessArgs = [ "-p" dir "-c" "${dir}/nginx.conf" "-e" "${logDir}/${instanceName}-error.log" ];
  initialize = "mkdir -p ${cacheDir}/${instanceName} ${dir}/logs";
  # on one machine the webapps start first; across machines dependsOn orders them
  dependencies = builtins.concatMap (webapp: if webapp ? pkg then [ webapp.pkg ] else [ ]) sorted;
  configFiles = [ {
    path = "${dir}/nginx.conf";
    mode = "0644";
    content = ''
      daemon off;
      worker_processes 1;
      pid ${runtimeDir}/${instanceName}-master.pid;
      error_log ${logDir}/${instanceName}-error.log;
      events {
      	worker_connections ${toString workerConnections};
      }
      http {
      	access_log ${logDir}/${instanceName}-access.log;
      	client_body_temp_path ${cacheDir}/${instanceName}/client_body;
      	proxy_temp_path ${cacheDir}/${instanceName}/proxy;
      	fastcgi_temp_path ${cacheDir}/${instanceName}/fastcgi;
      	uwsgi_temp_path ${cacheDir}/${instanceName}/uwsgi;
      	scgi_temp_path ${cacheDir}/${instanceName}/scgi;
    '' + concat upstream + ''
      	server {
      		listen ${toString port} default_server;
      		server_name aaaa;
    '' + (if network then ''
      		location = /ready {
      			return 200 "ready\n";
      		}
      		location / {
      			return 503 "This web application is unavailable at the moment!\n";
      		}
    '' else ''
      		return 503 "This web application is unavailable at the moment!\n";
    '') + ''
      	}
    '' + concat server + ''
      }
    '';
  } ];
  readiness = lib.readiness port readinessTimeout "/ready";
}
