{ system, distribution, invDistribution, pkgs }:

let
  ports = { webapp1 = 5000; webapp2 = 5001; };
in
rec {
  webapp1 = {
    name = "webapp1";
    port = ports.webapp1;
    dnsName = "webapp1.local";
    requiresUniqueIdsFor = [ "webappPorts" ];
    pkg = {
      process = "/opt/webapp/bin/webapp";
      daemonArgs = [ "-D" ];
      environment = { PORT = "\${ids.webappPorts.webapp1}"; PID_FILE = "\${tmpDir}/webapp1.pid"; };
      user = "webapp";
    };
  };
  webapp2 = {
    name = "webapp2";
    port = ports.webapp2;
    dnsName = "webapp2.local";
    pkg = { process = "/opt/webapp/bin/webapp"; environment = { PORT = "5001"; }; };
  };
  nginx = {
    name = "nginx";
    type = "process";
    dependsOn = { inherit webapp1 webapp2; };
    # Disnix's convention: pkg is a function of the inter-dependency parameters
    pkg = { webapp1, webapp2 }: {
      foregroundProcess = "/usr/sbin/nginx";
      args = [ "-c" "\${stateDir}/nginx.conf" "-g"
        "server_name \${target.properties.hostname}; upstream ${webapp1.target.properties.hostname}:${toString webapp1.port};" ];
      initialize = "mkdir -p \${HOME}/x \${logDir}";
    };
  };
  monitor = {
    name = "monitor";
    connectsTo = { proxy = nginx; };
    pkg = { process = "/usr/bin/monitor"; };
  };
}
