package nixproc.backend.launchd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.backend.GeneratedFile;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Golden;
import nixproc.backend.Tools;
import nixproc.model.ModelException;
import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.ProfileBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchdGeneratorTest {

	private static final LaunchdBackend BACKEND = new LaunchdBackend();

	static final String DAEMON_ONLY = """
			{"webapp": {"pkg": {"daemon": "%s", "daemonArgs": ["-D"], "pidFile": "%s",
			  "environment": {"PORT": "5000", "PID_FILE": "%s"}, "restart": {"condition": "on-failure", "delay": 3}}}}""";

	static ProcessesModel example(String name) {
		return ModelReader.readProcesses(Path.of("src/test/resources/examples/" + name));
	}

	static Layout unprivileged() {
		return new Layout(StateDirs.derive("/home/unprivileged/var", Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty()), true);
	}

	static Map<String, Object> plist(GeneratedFiles files, String name) {
		GeneratedFile file = files.files().get(LaunchdGenerator.PLIST_DIR + "org.nixos." + name + ".plist");
		assertThat(file).as("plist of " + name).isInstanceOf(GeneratedFile.Regular.class);
		return PlistReader.read(((GeneratedFile.Regular) file).content());
	}

	@Test
	void webappsBehindNginxPrivileged() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		Golden.assertMatches(files, getClass(), "webappsBehindNginxPrivileged");
		for (String name : List.of("webapp1", "webapp2", "nginx")) {
			assertThat(plist(files, name)).containsKeys("Label", "ProgramArguments", "RunAtLoad", "StandardOutPath",
					"StandardErrorPath").containsEntry("Label", "org.nixos." + name);
		}
		// nginx has an initialize: it runs in the proxy as root, which then drops to the user itself
		assertThat(plist(files, "nginx")).doesNotContainKey("UserName");
		assertThat(plist(files, "webapp1")).containsEntry("UserName", "webapp1")
			.containsEntry("ProgramArguments", List.of("/nix/store/1v6b8hrh5lnhx1g1xw5w1w1ky2wg0qw4-webapp/bin/webapp"))
			.containsEntry("EnvironmentVariables", Map.of("PID_FILE", "/tmp/webapp1.pid", "PORT", "5000"));
	}

	@Test
	void foregroundOnlyWebappUnprivileged() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps-foreground.json"), BACKEND, unprivileged()).files();
		Golden.assertMatches(files, getClass(), "foregroundOnlyWebappUnprivileged");
		assertThat(plist(files, "webapp")).doesNotContainKey("UserName")
			.containsEntry("Umask", 18L)
			.containsEntry("Nice", 5L)
			.containsEntry("WorkingDirectory", "/home/unprivileged/var/webapp");
	}

	@Test
	void daemonOnlyWebappIsWrappedByTheProxy() {
		ProcessesModel model = ModelReader.readProcesses(DAEMON_ONLY.formatted("/opt/webapp/bin/webapp", "/tmp/webapp.pid",
				"/tmp/webapp.pid"), false);
		GeneratedFiles files = ProfileBuilder.build(model, BACKEND, Layout.privileged()).files();
		Golden.assertMatches(files, getClass(), "daemonOnlyWebappIsWrappedByTheProxy");
		assertThat(plist(files, "webapp")).containsEntry("KeepAlive", Map.of("SuccessfulExit", false))
			.containsEntry("ThrottleInterval", 3L);
	}

	@Test
	void everyProxyScriptPassesShellcheck(@TempDir Path dir) throws IOException {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		ProcessesModel daemon = ModelReader.readProcesses(DAEMON_ONLY.formatted("/opt/w", "/tmp/w.pid", "/tmp/w.pid"), false);
		for (Map<String, Object> plist : List.of(plist(files, "nginx"),
				plist(ProfileBuilder.build(daemon, BACKEND, Layout.privileged()).files(), "webapp"))) {
			@SuppressWarnings("unchecked")
			List<String> arguments = (List<String>) plist.get("ProgramArguments");
			assertThat(arguments.subList(0, 2)).containsExactly("/bin/sh", "-c");
			Path script = dir.resolve(plist.get("Label") + ".sh");
			Files.writeString(script, "#!/bin/sh\n" + arguments.get(2));
			Tools.shellcheck(script);
		}
	}

	@Test
	void theProxyRunsInitializeThenTheDaemonAndFollowsItUntilItEnds(@TempDir Path dir) throws IOException {
		// a "daemon" that forks a sleeper, writes its PID file and exits, as the seed's webapp -D does
		Path daemon = dir.resolve("daemon");
		Files.writeString(daemon, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$RECORD\"\nsleep 2 &\necho $! > \"$PID_FILE\"\n");
		daemon.toFile().setExecutable(true);
		Path pidFile = dir.resolve("it's a \"pid\".pid");
		String model = """
				{"webapp": {"pkg": {"daemon": "%s", "daemonArgs": ["-D", "a b", "$(x)"], "pidFile": "%s",
				  "initialize": "echo initialised > \\"$INIT\\""}}}""".formatted(daemon, pidFile.toString().replace("\"", "\\\""));
		Map<String, Object> plist = plist(ProfileBuilder.build(ModelReader.readProcesses(model, false), BACKEND, Layout.privileged()).files(),
				"webapp");
		@SuppressWarnings("unchecked")
		List<String> argv = new ArrayList<>((List<String>) plist.get("ProgramArguments"));
		long started = System.nanoTime();
		Tools.Result result = Tools.run(argv, Map.of("PATH", System.getenv("PATH"), "RECORD", dir.resolve("argv").toString(),
				"PID_FILE", pidFile.toString(), "INIT", dir.resolve("init").toString()));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(System.nanoTime() - started).as("the proxy waits for the daemon's end").isGreaterThan(1_500_000_000L);
		assertThat(Files.readString(dir.resolve("init"))).isEqualTo("initialised\n");
		assertThat(Files.readString(dir.resolve("argv"))).isEqualTo("-D\na b\n$(x)\n");
	}

	@Test
	void overridesMergeIntoTheKeysAndNullRemoves() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"w": {"pkg": {"process": "/bin/w", "overrides": {"launchd": {
				  "KeepAlive": {"NetworkState": true}, "RunAtLoad": null, "ProcessType": "Background",
				  "EnvironmentVariables": {"EXTRA": "1"}}}}}}""", false);
		Map<String, Object> plist = plist(ProfileBuilder.build(model, BACKEND, Layout.privileged()).files(), "w");
		assertThat(plist).containsEntry("KeepAlive", Map.of("NetworkState", true))
			.containsEntry("ProcessType", "Background")
			.containsEntry("EnvironmentVariables", Map.of("EXTRA", "1"))
			.doesNotContainKey("RunAtLoad");
	}

	@Test
	void anUnknownKeyIsNamedByPointer() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"overrides\":{\"launchd\":{\"KeepAlives\":true}}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/overrides/launchd/KeepAlives"));
	}

	@Test
	void aValueXmlCannotCarryIsRefusedWithItsCharacter() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"environment\":{\"BELL\":\"\\u0007\"}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files()).isInstanceOf(ModelException.class)
			.hasMessageContaining("U+0007");
	}

}
