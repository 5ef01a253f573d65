# A webapp instance: in daemon mode it forks when given -D, in foreground mode it stays; which one is the process
# manager's choice unless webappMode says.
{ createManagedProcess, tmpDir, webappMode }:
{ port, instanceSuffix ? "", instanceName ? "webapp${instanceSuffix}" }:

let
  webapp = import ../../../webapp;
  executable = "${webapp}/bin/webapp";
  pidFile = "${tmpDir}/${instanceName}.pid";
in
createManagedProcess ({
  name = instanceName;
  inherit instanceName;
  description = "Simple web application";
  environment = {
    PORT = port;
    PID_FILE = pidFile;
  };
  user = instanceName;
  credentials = {
    groups.${instanceName} = { };
    users.${instanceName} = {
      group = instanceName;
      description = "Webapp";
    };
  };
  overrides = {
    sysvinit.runlevels = [ 3 4 5 ];
    # a function of the parameters nixproc generates, as the seed allows
    supervisord = args: args // { startsecs = 3; };
    systemd = args: args // { Service = args.Service // { Restart = "always"; }; };
  };
} // (if webappMode == "foreground" then { foregroundProcess = executable; }
  else if webappMode == "daemon" then { daemon = executable; daemonArgs = [ "-D" ]; inherit pidFile; }
  else { process = executable; daemonArgs = [ "-D" ]; }))
