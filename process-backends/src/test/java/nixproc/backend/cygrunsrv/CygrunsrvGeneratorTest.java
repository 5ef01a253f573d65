package nixproc.backend.cygrunsrv;

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

class CygrunsrvGeneratorTest {

	private static final CygrunsrvBackend BACKEND = new CygrunsrvBackend();

	static ProcessesModel example(String name) {
		return ModelReader.readProcesses(Path.of("src/test/resources/examples/" + name));
	}

	static String text(GeneratedFiles files, String path) {
		GeneratedFile file = files.files().get(path);
		assertThat(file).as(path).isInstanceOf(GeneratedFile.Regular.class);
		return new String(((GeneratedFile.Regular) file).content(), StandardCharsets.UTF_8);
	}

	@Test
	void webappsBehindNginxPrivileged() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		Golden.assertMatches(files, getClass(), "webappsBehindNginxPrivileged");
		assertThat(text(files, "nix-process-nginx-cygrunsrvparams").lines().toList()).containsExactly("--path",
				"nix-process-nginx-foregroundproxy.sh", "--disp", "nix-process-nginx", "--dep", "nix-process-webapp1", "--dep",
				"nix-process-webapp2");
	}

	@Test // #3: the seed's cygrunsrv backend dropped directory and umask
	void foregroundOnlyWebappUnprivilegedKeepsDirectoryUmaskAndNice() {
		Layout layout = new Layout(StateDirs.derive("/home/unprivileged/var", Optional.empty(), Optional.empty(),
				Optional.empty(), Optional.empty()), true);
		GeneratedFiles files = ProfileBuilder.build(example("webapps-foreground.json"), BACKEND, layout).files();
		Golden.assertMatches(files, getClass(), "foregroundOnlyWebappUnprivilegedKeepsDirectoryUmaskAndNice");
		assertThat(text(files, "nix-process-webapp-foregroundproxy.sh")).contains("cd /home/unprivileged/var/webapp\n")
			.contains("umask 0022\n")
			.contains("exec nice -n 5 ");
	}

	@Test
	void daemonOnlyWebappIsFollowedThroughItsPidFile() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"webapp": {"pkg": {"daemon": "/opt/webapp/bin/webapp", "daemonArgs": ["-D"], "pidFile": "/tmp/webapp.pid",
				  "environment": {"PORT": "5000", "PID_FILE": "/tmp/webapp.pid"}}}}""", false);
		Golden.assertMatches(ProfileBuilder.build(model, BACKEND, Layout.privileged()).files(), getClass(), "daemonOnlyWebappIsFollowedThroughItsPidFile");
	}

	@Test
	void everyProxyPassesShellcheck(@TempDir Path dir) {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files()
			.merge(ProfileBuilder.build(ModelReader.readProcesses("{\"d\":{\"pkg\":{\"daemon\":\"/opt/d\",\"umask\":\"077\",\"nice\":3}}}", false),
					BACKEND, Layout.privileged()).files());
		files.writeTo(dir);
		List<String> proxies = files.files().keySet().stream().filter(p -> p.endsWith("-foregroundproxy.sh")).toList();
		assertThat(proxies).containsExactly("nix-process-d-foregroundproxy.sh", "nix-process-nginx-foregroundproxy.sh");
		proxies.forEach(p -> {
			assertThat(Files.isExecutable(dir.resolve(p))).isTrue();
			Tools.shellcheck(dir.resolve(p));
		});
	}

	@Test
	void overridesMergeAndNullRemoves() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"w": {"pkg": {"process": "/bin/w", "environment": {"A": "1", "B": "2"}, "overrides": {"cygrunsrv": {
				  "type": "manual", "terminateSignal": "INT", "terminateOnShutdown": true, "stderr": "/var/log/w.log",
				  "environment": {"B": null, "C": "3"}}}}}}""", false);
		assertThat(text(ProfileBuilder.build(model, BACKEND, Layout.privileged()).files(), "nix-process-w-cygrunsrvparams")).isEqualTo("""
				--path
				/bin/w
				--disp
				nix-process-w
				--type
				manual
				--env
				A=1
				--env
				C=3
				--stderr
				/var/log/w.log
				--termsig
				INT
				--shutdown
				""");
	}

	@Test
	void aValueWithALineBreakIsRefusedWithItsPointer() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"environment\":{\"MULTI\":\"a\\nb\"}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/environment/MULTI"));
	}

}
