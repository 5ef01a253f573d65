# The Disnix service type of a process manager's configuration, as in the seed: without a process manager,
# managed-process, which nixproc's network runs on every target with the target's own process manager, the same
# as nixproc's type process. nixproc also knows synit.
{ processManager }:

let
  types = {
    sysvinit = "sysvinit-script";
    systemd = "systemd-unit";
    supervisord = "supervisord-program";
    bsdrc = "bsdrc-script";
    cygrunsrv = "cygrunsrv-service";
    launchd = "launchd-daemon";
    disnix = "process";
    docker = "docker-container";
    s6-rc = "s6-rc-service";
    synit = "synit-daemon";
  };
in
if processManager == null then "managed-process"
else types.${processManager} or (throw "Unknown process manager: ${processManager}")
