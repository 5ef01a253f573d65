package nixproc.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BuildCommandTest {

	@TempDir
	Path tmp;

	private static final String MODEL = """
			webapp1:
			  port: 5000
			  pkg:
			    process: /bin/webapp
			    daemonArgs: ["-D"]
			    environment: { PORT: 5000, PID_FILE: "${tmpDir}/webapp1.pid" }
			nginx:
			  port: 8080
			  pkg:
			    foregroundProcess: /usr/sbin/nginx
			    dependencies: [webapp1]
			""";

	private CliRun build(String model, String... options) throws Exception {
		Path file = tmp.resolve("processes.yaml");
		Files.writeString(file, model);
		String[] args = new String[options.length + 4];
		args[0] = "build";
		System.arraycopy(options, 0, args, 1, options.length);
		args[options.length + 1] = "--out";
		args[options.length + 2] = tmp.resolve("profile").toString();
		args[options.length + 3] = file.toString();
		return CliRun.of(args);
	}

	@Test
	void buildsAProfileOfEveryInstanceFromYaml() throws Exception {
		CliRun run = build(MODEL, "-P", "sysvinit", "--state-dir", "/home/u/var", "--force-disable-user-change");
		assertThat(run.exitCode()).as(run.err()).isZero();
		Path profile = tmp.resolve("profile");
		assertThat(Files.readString(profile.resolve("etc/rc.d/init.d/webapp1"))).contains("export PID_FILE=/home/u/var/tmp/webapp1.pid");
		assertThat(Files.readString(profile.resolve("etc/rc.d/init.d/nginx"))).contains("logfile=/home/u/var/log/nixproc-nginx.log");
		assertThat(profile.resolve("etc/rc.d/rc3.d/S00webapp1")).exists();
		assertThat(profile.resolve("etc/rc.d/rc3.d/S01nginx")).exists();
	}

	@Test // #15: build showed a profile without the config files switch deploys
	void theProfileHoldsTheConfigFilesSwitchWritesBeforeTheInstanceStarts() throws Exception {
		CliRun run = build(MODEL.replace("    dependencies: [webapp1]\n",
				"    dependencies: [webapp1]\n    configFiles: [{ path: \"${stateDir}/nginx.conf\", content: \"worker_processes 1;\\n\" }]\n"),
				"-P", "sysvinit", "--state-dir", "/home/u/var", "--force-disable-user-change");
		assertThat(run.exitCode()).as(run.err()).isZero();
		Path profile = tmp.resolve("profile");
		assertThat(profile.resolve("nixproc-config/nginx/0")).hasContent("worker_processes 1;\n");
		assertThat(Files.readString(profile.resolve("nixproc-config/nginx/index.json"))).contains("\"path\":\"/home/u/var/nginx.conf\"");
	}

	@Test
	void anUnknownBackendIsAUsageError() throws Exception {
		CliRun run = build(MODEL, "-P", "upstart");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("nixproc: --process-manager: unknown process manager upstart").doesNotContain("\tat ");
		assertThat(tmp.resolve("profile")).doesNotExist();
	}

	@Test
	void everyProcessManagerBuildsTheExample() throws Exception {
		for (nixproc.model.BackendKind kind : nixproc.model.BackendKind.values()) {
			CliRun run = build(MODEL, "-P", kind.id());
			assertThat(run.exitCode()).as("%s: %s", kind.id(), run.err()).isZero();
			try (java.util.stream.Stream<Path> written = Files.walk(tmp.resolve("profile"))) {
				written.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	@Test
	void badInputIsOneLineNamingTheFieldAndNothingIsWritten() throws Exception {
		assertRejected(MODEL.replace("dependencies: [webapp1]", "dependencies: [webapp9]"),
				"nixproc: /nginx/pkg/dependencies/0: no instance named webapp9 in this model\n");
		assertRejected(MODEL.replace("webapp1:\n", "../webapp1:\n").replace("[webapp1]", "[\"../webapp1\"]"),
				"nixproc: /..~1webapp1: instance name must match [A-Za-z0-9][A-Za-z0-9._-]*\n");
		assertRejected(MODEL.replace("process: /bin/webapp", "args: []"),
				"nixproc: /webapp1/pkg: no executable: set process, daemon or foregroundProcess\n");
		assertRejected(MODEL.replace("daemonArgs: [\"-D\"]", "umask: \"0999\""),
				"nixproc: /webapp1/pkg/umask: must be 3 or 4 octal digits such as \"0022\", got 0999\n");
		assertRejected(MODEL.replace("daemonArgs: [\"-D\"]", "overrides: { upstart: {} }"),
				"nixproc: /webapp1/pkg/overrides/upstart: unknown backend upstart; known: [sysvinit, bsdrc, supervisord, systemd, launchd, cygrunsrv, s6-rc, synit, docker, disnix]\n");
		assertRejected(MODEL.replace("daemonArgs: [\"-D\"]", "dependencies: [nginx]"),
				"nixproc: /nginx/pkg/dependencies/0: dependency cycle: webapp1 -> nginx -> webapp1\n");
	}

	private void assertRejected(String model, String message) throws Exception {
		CliRun run = build(model, "-P", "sysvinit");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).isEqualTo(message);
		assertThat(tmp.resolve("profile")).doesNotExist();
	}

}
