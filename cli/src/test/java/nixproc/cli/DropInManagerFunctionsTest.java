package nixproc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drop-in's per-manager functions (#16): a model written for one process manager's own function of the seed
 * builds on that manager with what its parameters say, and on the others as a managed process.
 */
class DropInManagerFunctionsTest {

	@TempDir
	Path tmp;

	Path checkout;

	@BeforeEach
	void copyTheDropIn() throws IOException {
		checkout = tmp.resolve("checkout");
		SeedStyleModelsTest.copy(SeedStyleModelsTest.DROP_IN.resolve("nixproc"), checkout.resolve("nixproc"));
	}

	@Test
	void eachManagersFunctionBuildsOnItsManagerAndOnTheOthers() throws IOException {
		Path model = model("""
				{ }:
				let b = ../nixproc/backends;
				in {
				  rc = { pkg = import (b + /sysvinit/create-sysvinit-script.nix) { } {
				    name = "rc"; process = "/bin/rc"; args = [ "-D" ]; pidFile = "/run/rc.pid"; runlevels = [ 2 ]; reloadSignal = "-USR1"; }; };
				  unit = { pkg = import (b + /systemd/create-systemd-service.nix) { } {
				    name = "unit"; Unit.Description = "A unit"; Service = { ExecStart = "/bin/unit --serve"; Restart = "always"; }; }; };
				  program = { pkg = import (b + /supervisord/create-supervisord-program.nix) { } {
				    name = "program"; command = "/bin/program --fg"; autorestart = true; }; };
				  bsd = { pkg = import (b + /bsdrc/create-bsdrc-script.nix) { } {
				    name = "bsd"; command = "/bin/bsd"; commandIsDaemon = false; keywords = [ "nojail" ]; }; };
				  daemon = { pkg = import (b + /launchd/create-launchd-daemon.nix) { } {
				    name = "daemon"; Program = "/bin/daemon"; ProgramArguments = [ "/bin/daemon" "-v" ]; KeepAlive = true; }; };
				  service = { pkg = import (b + /cygrunsrv/create-cygrunsrv-params.nix) { } {
				    name = "service"; path = "/bin/service"; args = [ "-x" ]; type = "manual"; }; };
				  longrun = { pkg = (import (b + /s6-rc) { }).createLongRunService {
				    name = "longrun"; run = "/etc/longrun/run"; timeoutKill = 5000; }; };
				  container = { pkg = import (b + /docker/create-docker-container.nix) { } {
				    name = "container"; dockerImageTag = "busybox:latest"; cmd = "/bin/container"; useHostNetwork = true; }; };
				}
				""");
		Path sysvinit = build("sysvinit", model);
		assertThat(sysvinit.resolve("etc/rc.d/rc2.d/S00rc")).isSymbolicLink();
		assertThat(sysvinit.resolve("etc/rc.d/rc3.d/S00rc")).doesNotExist();
		assertThat(Files.readString(sysvinit.resolve("etc/rc.d/init.d/rc"))).contains("/bin/rc -D").contains("USR1");
		assertThat(Files.readString(build("systemd", model).resolve("etc/systemd/system/nix-process-unit.service")))
			.contains("ExecStart=/bin/unit --serve").contains("Restart=always").contains("Description=A unit");
		assertThat(Files.readString(build("supervisord", model).resolve("conf.d/program.conf")))
			.contains("command=/bin/program --fg").contains("autorestart=true");
		assertThat(Files.readString(build("bsdrc", model).resolve("etc/rc.d/bsd"))).contains("# KEYWORD: nojail");
		assertThat(Files.readString(build("launchd", model).resolve("Library/LaunchDaemons/org.nixos.daemon.plist")))
			.contains("<key>KeepAlive</key>").contains("<string>-v</string>");
		assertThat(Files.readString(build("cygrunsrv", model).resolve("nix-process-service-cygrunsrvparams")))
			.contains("--type\nmanual").contains("/bin/service");
		assertThat(build("s6-rc", model).resolve("etc/s6/sv/longrun-srv/timeout-kill")).hasContent("5000");
		assertThat(Files.readString(build("docker", model).resolve("container-docker-settings"))).contains("busybox:latest");
		// on another manager, the systemd unit's ExecStart is the process
		assertThat(Files.readString(sysvinit.resolve("etc/rc.d/init.d/unit"))).contains("exec /bin/unit --serve");
	}

	@Test
	void aParameterWithoutAnEquivalentIsRefusedNamingIt() throws IOException {
		Path model = model("""
				{ }: { rc = { pkg = import ../nixproc/backends/sysvinit/create-sysvinit-script.nix { } {
				  name = "rc"; process = "/bin/rc"; instructions.start.activity = "Starting"; }; }; }
				""");
		CliRun run = CliRun.of("build", "-P", "sysvinit", "--model-root", checkout.toString(), "--out", tmp.resolve("out").toString(),
				model.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("createSystemVInitScript: nixproc has no equivalent of instructions");
	}

	private Path model(String text) throws IOException {
		return Files.writeString(Files.createDirectories(checkout.resolve("model")).resolve("processes.nix"), text);
	}

	private Path build(String manager, Path model) {
		Path out = tmp.resolve("out-" + manager);
		CliRun run = CliRun.of("build", "-P", manager, "--model-root", checkout.toString(), "--out", out.toString(), model.toString());
		assertThat(run.exitCode()).as(manager + ": " + run.err()).isZero();
		return out;
	}

}
