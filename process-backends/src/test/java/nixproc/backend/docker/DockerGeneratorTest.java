package nixproc.backend.docker;

import java.nio.charset.StandardCharsets;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerGeneratorTest {

	private static final DockerBackend BACKEND = new DockerBackend();

	static final String DAEMON_ONLY = """
			{"webapp": {"pkg": {"daemon": "%s", "daemonArgs": ["-D"], "pidFile": "%s",
			  "environment": {"PORT": "5000", "PID_FILE": "%s"}, "restart": {"condition": "on-failure", "delay": 3, "maxRestarts": 4},
			  "stopTimeout": 20}}}""";

	static ProcessesModel example(String name) {
		return ModelReader.readProcesses(Path.of("src/test/resources/examples/" + name));
	}

	static Layout unprivileged() {
		return new Layout(StateDirs.derive("/home/unprivileged/var", Optional.of("/run/user/1000/nixproc"), Optional.empty(),
				Optional.empty(), Optional.empty()), true);
	}

	static String text(GeneratedFiles files, String path) {
		GeneratedFile file = files.files().get(path);
		assertThat(file).as(path).isInstanceOf(GeneratedFile.Regular.class);
		return new String(((GeneratedFile.Regular) file).content(), StandardCharsets.UTF_8);
	}

	static List<String> cmd(GeneratedFiles files, String name) {
		return JsonMapper.builder().build().readValue(text(files, name + "-docker-cmd"), new TypeReference<List<String>>() {
		});
	}

	@Test
	void webappsBehindNginxPrivileged() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		Golden.assertMatches(files, getClass(), "webappsBehindNginxPrivileged");
		// the seed's priorities: webapps first, nginx after both
		assertThat(files.files().keySet()).contains("01-webapp1-docker-priority", "01-webapp2-docker-priority",
				"02-nginx-docker-priority");
		assertThat(text(files, "webapp1-docker-createparams")).isEqualTo("""
				--volume
				/nix/store:/nix/store
				--network
				host
				--volume
				/var:/var:z
				--env
				PID_FILE=/tmp/webapp1.pid
				--env
				PORT=5000
				--user
				webapp1
				""");
		assertThat(cmd(files, "webapp1")).containsExactly("/nix/store/1v6b8hrh5lnhx1g1xw5w1w1ky2wg0qw4-webapp/bin/webapp");
		// nginx initialises as root in the proxy, which drops to the user itself: no --user
		assertThat(text(files, "nginx-docker-createparams")).doesNotContain("--user");
		assertThat(cmd(files, "nginx").subList(0, 2)).containsExactly("/bin/sh", "-c");
		assertThat(cmd(files, "nginx").get(2)).contains("su -m nginx -c ");
		assertThat(files.files().keySet()).noneMatch(path -> path.startsWith("dysnomia-support/"));
	}

	@Test
	void foregroundOnlyWebappUnprivileged() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps-foreground.json"), BACKEND, unprivileged()).files();
		Golden.assertMatches(files, getClass(), "foregroundOnlyWebappUnprivileged");
		// the runtime directory lies outside the state directory, so it is mounted too; no --user when unprivileged
		assertThat(text(files, "webapp-docker-createparams")).contains("/home/unprivileged/var:/home/unprivileged/var:z\n",
				"/run/user/1000/nixproc:/run/user/1000/nixproc:z\n", "--workdir\n/home/unprivileged/var/webapp\n",
				"PATH=/nix/store/c1rx5i5sxblp3gd6zx1f4n8g1b5kq1j5-coreutils-9.3/bin:" + DockerGenerator.DEFAULT_PATH + "\n")
			.doesNotContain("--user");
	}

	@Test
	void daemonOnlyWebappIsWrappedByTheProxy() {
		ProcessesModel model = ModelReader.readProcesses(DAEMON_ONLY.formatted("/opt/webapp/bin/webapp", "/tmp/webapp.pid",
				"/tmp/webapp.pid"), false);
		GeneratedFiles files = ProfileBuilder.build(model, BACKEND, Layout.privileged()).files();
		Golden.assertMatches(files, getClass(), "daemonOnlyWebappIsWrappedByTheProxy");
		// not a store executable: no store mount; restart and stop timeout become create options and a setting
		assertThat(text(files, "webapp-docker-createparams")).doesNotContain("/nix/store")
			.endsWith("--restart\non-failure:4\n--stop-timeout\n20\n");
		assertThat(text(files, "webapp-docker-settings")).isEqualTo("dockerImageTag=webapp:latest\ndockerStopTimeout=20\n");
	}

	@Test
	void theProxyScriptPassesShellcheck(@TempDir Path dir) throws Exception {
		ProcessesModel daemon = ModelReader.readProcesses(DAEMON_ONLY.formatted("/opt/w", "/tmp/w.pid", "/tmp/w.pid"), false);
		List<List<String>> commands = List.of(cmd(ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files(), "nginx"),
				cmd(ProfileBuilder.build(daemon, BACKEND, Layout.privileged()).files(), "webapp"));
		for (int i = 0; i < commands.size(); i++) {
			Path script = dir.resolve("proxy" + i + ".sh");
			Files.writeString(script, "#!/bin/sh\n" + commands.get(i).get(2));
			Tools.shellcheck(script);
		}
	}

	@Test
	void hostileValuesReachTheCommandAndTheEnvironmentByteExact(@TempDir Path dir) throws Exception {
		// the parameter lines are docker's arguments as they are; the command runs here as docker would run it
		// (non-ASCII stays out of the argv: the JVM encodes child arguments lossily under a C locale)
		String hostile = "'\"\\$(touch " + dir.resolve("pwned") + ")`id`;|&<>%s*? \t";
		String model = JsonMapper.builder().build().writeValueAsString(Map.of("w", Map.of("pkg", Map.of(
				"foregroundProcess", "/usr/bin/printf", "args", List.of("%s|", hostile), "umask", "0027",
				"environment", Map.of("HOSTILE", hostile + "ü")))));
		GeneratedFiles files = ProfileBuilder.build(ModelReader.readProcesses(model, false), BACKEND, Layout.privileged()).files();
		List<String> params = text(files, "w-docker-createparams").lines().toList();
		assertThat(params).containsSubsequence("--env", "HOSTILE=" + hostile + "ü");
		List<String> argv = new ArrayList<>(cmd(files, "w"));
		Tools.Result run = Tools.run(argv, Map.of("PATH", System.getenv("PATH")));
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).isEqualTo(hostile + "|");
		assertThat(dir.resolve("pwned")).doesNotExist();
	}

	@Test
	void overridesMergeAndNullRemoves() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"w": {"pkg": {"process": "/nix/store/x-w/bin/w", "user": "w", "overrides": {"docker": {
				  "dockerImage": "/srv/images/w image.tar.gz", "dockerImageTag": "registry.local/w:1.2",
				  "dockerCreateParameters": [{"name": "cap-add", "value": "NET_ADMIN"}, {"name": "t"}],
				  "useHostNixStore": false, "user": null, "environment": {"EXTRA": "1"},
				  "cmd": ["/nix/store/x-w/bin/w", "--verbose"]}}}}}""", false);
		GeneratedFiles files = ProfileBuilder.build(model, BACKEND, Layout.privileged()).files();
		assertThat(text(files, "w-docker-settings"))
			.isEqualTo("dockerImage='/srv/images/w image.tar.gz'\ndockerImageTag=registry.local/w:1.2\n");
		assertThat(text(files, "w-docker-createparams")).isEqualTo("""
				--cap-add
				NET_ADMIN
				-t
				--network
				host
				--volume
				/var:/var:z
				--env
				EXTRA=1
				""");
		assertThat(cmd(files, "w")).containsExactly("/nix/store/x-w/bin/w", "--verbose");
	}

	@Test
	void anUnknownParameterIsNamedByPointer() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"overrides\":{\"docker\":{\"dockerImageTags\":\"x\"}}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/overrides/docker/dockerImageTags"));
	}

	@Test
	void aLineBreakCannotBeOneLineOfTheParameterFile() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"environment\":{\"TWO\":\"a\\nb\"}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class, e -> {
				assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/environment/TWO");
				assertThat(e.problems().get(0).message()).contains("line breaks");
			});
	}

	@Test
	void anImageReferenceThatLooksLikeAnOptionIsRefused() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"overrides\":{\"docker\":{\"dockerImageTag\":\"--privileged\"}}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/overrides/docker/dockerImageTag"));
	}

}
