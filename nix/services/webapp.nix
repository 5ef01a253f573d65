# The seed's webapp constructor (examples/webapps-agnostic, webappMode = null): daemon mode where the process
# manager prefers it, foreground elsewhere. `webapp` is examples/webapp/webapp, found on the PATH unless `program`
# names it.
{ createManagedProcess, runtimeDir, lib }:

# `user` runs it as that user, created with its group (uid/gid from ids.uids/ids.gids when assigned).
{ instanceName, port, program ? "webapp", readinessTimeout ? 20, user ? null }:

createManagedProcess {
  inherit instanceName;
  description = "Simple test webapp";
  daemon = program;
  daemonArgs = [ "-D" ];
  foregroundProcess = program;
  foregroundProcessArgs = [ ];
  pidFile = "${runtimeDir}/${instanceName}.pid";
  environment = {
    PID_FILE = "${runtimeDir}/${instanceName}.pid";
    PORT = toString port;
  };
  readiness = lib.readiness port readinessTimeout "/";
  inherit user;
  credentials = if user == null then null else {
    groups.${user} = { };
    users.${user} = { group = user; description = "Webapp"; };
  };
}
