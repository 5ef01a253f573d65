package nixproc.backend.s6rc;

import java.nio.file.Path;
import java.util.Optional;

import nixproc.backend.GeneratedFile;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Golden;
import nixproc.model.ModelException;
import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.ProfileBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S6rcGeneratorTest {

	static final S6rcBackend BACKEND = new S6rcBackend();

	static ProcessesModel example(String name) {
		return ModelReader.readProcesses(Path.of("src/test/resources/examples/" + name));
	}

	static Layout unprivileged(String stateDir) {
		return new Layout(StateDirs.derive(stateDir, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
				true);
	}

	static String text(GeneratedFiles files, String path) {
		if (!(files.files().get(path) instanceof GeneratedFile.Regular regular)) {
			throw new AssertionError(path + " was not generated; got " + files.files().keySet());
		}
		return new String(regular.content(), java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void webappsBehindNginxPrivileged() {
		Golden.assertMatches(ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files(), getClass(),
				"webappsBehindNginxPrivileged");
	}

	@Test
	void foregroundOnlyWebappUnprivileged() {
		Golden.assertMatches(ProfileBuilder.build(example("webapps-foreground.json"), BACKEND, unprivileged("/home/unprivileged/var")).files(),
				getClass(), "foregroundOnlyWebappUnprivileged");
	}

	@Test
	void aLongrunIsPipedIntoItsLoggerAndDependsOnTheDependencysBundle() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		assertThat(text(files, "etc/s6/sv/nginx-srv/producer-for")).isEqualTo("nginx-log\n");
		assertThat(text(files, "etc/s6/sv/nginx-log/consumer-for")).isEqualTo("nginx-srv\n");
		assertThat(text(files, "etc/s6/sv/nginx-log/pipeline-name")).isEqualTo("nginx\n");
		assertThat(files.files().keySet()).contains("etc/s6/sv/nginx-srv/dependencies.d/webapp1",
				"etc/s6/sv/nginx-srv/dependencies.d/webapp2", "etc/s6/sv/default/contents.d/nginx",
				"etc/s6/sv/default/contents.d/webapp1");
		assertThat(text(files, "etc/s6/sv/default/type")).isEqualTo("bundle\n");
	}

	@Test // #3: the seed's down script reads only an explicit pidFile; a derived one is used here
	void aDaemonOnlyProcessIsAOneshotWhoseDownUsesTheDerivedPidFile() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"d":{"pkg":{"daemon":"/bin/d","daemonArgs":["-D"],"umask":"0077"}}}
				""", false);
		GeneratedFiles files = ProfileBuilder.build(model, BACKEND, Layout.privileged()).files();
		assertThat(text(files, "etc/s6/sv/d/type")).isEqualTo("oneshot\n");
		assertThat(text(files, "etc/s6/sv/d/up")).isEqualTo("fdmove -c 2 1\nexecline-umask \"0077\"\n\"/bin/d\" \"-D\"\n");
		assertThat(text(files, "etc/s6/sv/d/down")).startsWith("backtick -n PID { cat \"/var/run/d.pid\" }\n");
		assertThat(files.files().keySet()).noneMatch(p -> p.contains("d-log") || p.contains("d-srv"));
	}

	@Test
	void overridesBindToTheLongrunsFilesAndNullRestoresNothingUnexpected() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"w":{"pkg":{"foregroundProcess":"/bin/w","overrides":{"s6-rc":
				 {"logService":false,"flagEssential":true,"timeoutKill":5000,"downSignal":"SIGINT","execlineb":"/bin/execlineb"}}}}}
				""", false);
		GeneratedFiles files = ProfileBuilder.build(model, BACKEND, Layout.privileged()).files();
		assertThat(files.files().keySet()).containsExactly("etc/s6/sv/default/contents.d/w", "etc/s6/sv/default/type",
				"etc/s6/sv/w/down-signal", "etc/s6/sv/w/flag-essential", "etc/s6/sv/w/run", "etc/s6/sv/w/timeout-kill",
				"etc/s6/sv/w/type");
		assertThat(text(files, "etc/s6/sv/w/run")).isEqualTo("#!/bin/execlineb -P\nfdmove -c 2 1\n\"/bin/w\"\n");
		assertThat(text(files, "etc/s6/sv/w/timeout-kill")).isEqualTo("5000\n");
	}

	@Test
	void anOverrideTheBackendDoesNotHaveIsNamedByPointer() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"overrides\":{\"s6-rc\":{\"notificationFd\":3}}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/overrides/s6-rc/notificationFd"));
		ProcessesModel badSignal = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"overrides\":{\"s6-rc\":{\"downSignal\":\"KILL me\"}}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(badSignal, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/overrides/s6-rc/downSignal"));
	}

	@Test
	void unprivilegedProfilesNeitherSwitchUserNorCreateTheLoggerAccount() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, unprivileged("/home/u/var")).files();
		assertThat(text(files, "etc/s6/sv/webapp1-srv/run")).doesNotContain("s6-setuidgid");
		assertThat(text(files, "etc/s6/sv/webapp1-log/run")).doesNotContain("s6-setuidgid").doesNotContain("chown");
		assertThat(files.files().keySet()).noneMatch(p -> p.startsWith("dysnomia-support/"));
	}

}
