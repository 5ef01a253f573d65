# nginx with a given configuration file; a daemon by default, in the foreground with -g "daemon off;".
{ createManagedProcess, lib, nginx, stateDir, runtimeDir, cacheDir, forceDisableUserChange }:
{ configFile, dependencies ? [ ], instanceSuffix ? "", instanceName ? "nginx${instanceSuffix}" }:

let
  user = instanceName;
  group = instanceName;
  prefix = "${stateDir}/${instanceName}";
in
createManagedProcess {
  name = instanceName;
  inherit instanceName dependencies;
  description = "Nginx";
  initialize = ''
    mkdir -p ${prefix}/logs ${cacheDir}/${instanceName}
    ${lib.optionalString (!forceDisableUserChange) ''
      chown ${user}:${group} ${prefix}/logs ${cacheDir}/${instanceName}
    ''}
  '';
  process = "${nginx}/bin/nginx";
  args = [ "-p" prefix "-c" configFile ];
  foregroundProcessExtraArgs = [ "-g" "daemon off;" ];
  # where the configuration tells nginx to write it
  pidFile = "${runtimeDir}/${instanceName}.pid";
  credentials = {
    groups.${group} = { };
    users.${user} = {
      inherit group;
      description = "Nginx user";
    };
  };
  # a function of the generated parameters, as the seed allows
  overrides.sysvinit = args: args // { runlevels = [ 2 3 4 5 ]; };
}
