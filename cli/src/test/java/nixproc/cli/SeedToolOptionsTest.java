package nixproc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's remaining options of nixproc-build and the switch tools (#16, item 4). */
class SeedToolOptionsTest {

	@TempDir
	Path tmp;

	@Test // #16
	void theSpoolLockAndLibDirectoriesAreOptionsAsInTheSeed() throws IOException {
		Path model = Files.writeString(tmp.resolve("m.json"), """
				{"w": {"pkg": {"process": "/bin/w", "daemonArgs": ["-D"],
				  "environment": {"SPOOL": "${spoolDir}", "LOCK": "${lockDir}", "LIB": "${libDir}"}}}}
				""");
		CliRun run = CliRun.of("build", "-P", "sysvinit", "--state-dir", "/srv", "--spool-dir", "/q/spool", "--lock-dir", "/q/lock",
				"--out", tmp.resolve("out").toString(), model.toString());
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(Files.readString(tmp.resolve("out/etc/rc.d/init.d/w"))).contains("SPOOL=/q/spool").contains("LOCK=/q/lock")
			.contains("LIB=/srv/lib");
		CliRun relative = CliRun.of("build", "-P", "sysvinit", "--lib-dir", "lib", model.toString());
		assertThat(relative.exitCode()).isEqualTo(2);
		assertThat(relative.err()).contains("directories must be absolute paths, got lib");
	}

	@Test // #16
	void nixprocProcessesIsTheDefaultModel() throws Exception {
		Path model = Files.writeString(tmp.resolve("m.json"), "{\"w\": {\"pkg\": {\"process\": \"/bin/w\"}}}");
		CliProcess.Result run = CliProcess.run(tmp, Map.of("NIXPROC_PROCESSES", model.toString()), "build", "-P", "sysvinit", "--out",
				tmp.resolve("out").toString());
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(tmp.resolve("out/etc/rc.d/init.d/w")).exists();

		CliProcess.Result without = CliProcess.run(tmp, Map.of(), "build", "-P", "sysvinit", "--out", tmp.resolve("none").toString());
		assertThat(without.exitCode()).isEqualTo(2);
		assertThat(without.err()).contains("MODEL: give a processes model (or set NIXPROC_PROCESSES)");
		assertThat(tmp.resolve("none")).doesNotExist();
	}

	@Test // #16
	void buildUndeployIsTheEmptyProfile() {
		CliRun run = CliRun.of("build", "-P", "supervisord", "--undeploy", "--out", tmp.resolve("out").toString());
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(tmp.resolve("out/supervisord.conf")).exists();
		assertThat(tmp.resolve("out/conf.d")).doesNotExist();
		CliRun both = CliRun.of("build", "-P", "supervisord", "--undeploy", tmp.resolve("m.json").toString());
		assertThat(both.exitCode()).isEqualTo(2);
		assertThat(both.err()).contains("--undeploy takes no MODEL");
	}

	@Test // #16
	void showTraceGivesNixsWholeMessage() throws IOException {
		Path model = Files.writeString(Files.createDirectories(tmp.resolve("model")).resolve("processes.nix"), """
				{ }:
				let port = n: if n > 0 then port (n - 1) else throw "no port left";
				in { w = { pkg = { process = "/bin/w"; environment.PORT = port 3; }; }; }
				""");
		CliRun plain = CliRun.of("build", "-P", "sysvinit", "--out", tmp.resolve("out").toString(), model.toString());
		assertThat(plain.exitCode()).isEqualTo(2);
		assertThat(plain.err()).contains("no port left").doesNotContain("while evaluating");
		CliRun traced = CliRun.of("build", "-P", "sysvinit", "--show-trace", "--out", tmp.resolve("out").toString(), model.toString());
		assertThat(traced.exitCode()).isEqualTo(2);
		assertThat(traced.err()).contains("no port left").contains("while evaluating");
	}

}
