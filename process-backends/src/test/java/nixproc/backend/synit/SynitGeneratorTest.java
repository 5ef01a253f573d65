package nixproc.backend.synit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

class SynitGeneratorTest {

	private static final SynitBackend BACKEND = new SynitBackend();

	static ProcessesModel example(String name) {
		return ModelReader.readProcesses(Path.of("src/test/resources/examples/" + name));
	}

	static String service(GeneratedFiles files, String name) {
		GeneratedFile file = files.files().get(SynitGenerator.SERVICE_DIR + name + ".pr");
		assertThat(file).as(name + ".pr").isInstanceOf(GeneratedFile.Regular.class);
		return new String(((GeneratedFile.Regular) file).content(), StandardCharsets.UTF_8);
	}

	@Test
	void webappsBehindNginxPrivileged() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		Golden.assertMatches(files, getClass(), "webappsBehindNginxPrivileged");
		assertThat(service(files, "nginx")).contains("<depends-on <daemon nginx> <service-state <daemon webapp1> ready>>\n")
			.contains("<depends-on <daemon nginx> <service-state <daemon initialize-nginx> complete>>\n");
	}

	@Test
	void foregroundOnlyWebappUnprivileged() {
		Layout layout = new Layout(StateDirs.derive("/home/unprivileged/var", Optional.empty(), Optional.empty(),
				Optional.empty(), Optional.empty()), true);
		Golden.assertMatches(ProfileBuilder.build(example("webapps-foreground.json"), BACKEND, layout).files(), getClass(),
				"foregroundOnlyWebappUnprivileged");
	}

	@Test
	void theWrapperAppliesUmaskNiceAndFollowsADaemon(@TempDir Path dir) throws Exception {
		Path daemon = dir.resolve("daemon");
		Files.writeString(daemon, "#!/bin/sh\numask > \"$RECORD\"\nnice >> \"$RECORD\"\nsleep 2 &\necho $! > \"$PID_FILE\"\n");
		daemon.toFile().setExecutable(true);
		Path pidFile = dir.resolve("d.pid");
		ProcessesModel model = ModelReader.readProcesses("""
				{"d": {"pkg": {"daemon": "%s", "pidFile": "%s", "umask": "0027", "nice": 4}}}""".formatted(daemon, pidFile), false);
		List<String> argv = SynitService.argv(nixproc.process.Normaliser.normaliseAll(model, nixproc.model.BackendKind.SYNIT,
				nixproc.process.Mode.FOREGROUND, Layout.privileged()).get("d"));
		Files.writeString(dir.resolve("wrapper.sh"), "#!/bin/sh\n" + argv.get(2));
		Tools.shellcheck(dir.resolve("wrapper.sh"));
		long started = System.nanoTime();
		Tools.Result result = Tools.run(argv, java.util.Map.of("PATH", System.getenv("PATH"), "RECORD", dir.resolve("record").toString(),
				"PID_FILE", pidFile.toString()));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(System.nanoTime() - started).as("it follows the daemon until it ends").isGreaterThan(1_500_000_000L);
		int baseNice = Integer.parseInt(Tools.run(List.of("nice")).output().strip());
		assertThat(Files.readString(dir.resolve("record"))).isEqualTo("0027\n" + (baseNice + 4) + "\n");
	}

	@Test
	void overridesMergeAndRawDependsOnIsOneLine() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"w": {"pkg": {"process": "/bin/w", "restart": {"condition": "always", "delay": 0}, "overrides": {"synit": {
				  "requireService": false, "readyOnStart": false, "dependsOn": ["<service-state <milestone network> up>"]}}}}}""", false);
		assertThat(service(ProfileBuilder.build(model, BACKEND, Layout.privileged()).files(), "w")).isEqualTo("""
				<metadata <daemon w> { description: "w" }>
				<depends-on <daemon w> <service-state <milestone network> up>>
				<daemon w {
					argv: ["/bin/w"]
					env: {}
					readyOnStart: #f
					restart: always
				}>
				""");
		ProcessesModel broken = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"overrides\":{\"synit\":{\"dependsOn\":[\"<a>\\n<require-service <daemon \\\"x\\\">>\"]}}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(broken, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/overrides/synit/dependsOn/0"));
	}

}
