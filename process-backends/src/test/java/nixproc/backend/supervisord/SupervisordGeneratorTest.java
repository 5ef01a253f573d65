package nixproc.backend.supervisord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import nixproc.backend.GeneratedFiles;
import nixproc.backend.Golden;
import nixproc.backend.Tools;
import nixproc.model.ModelException;
import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.profile.ProfileBuilder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static nixproc.backend.supervisord.SupervisordFixtures.BACKEND;
import static nixproc.backend.supervisord.SupervisordFixtures.example;
import static nixproc.backend.supervisord.SupervisordFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupervisordGeneratorTest {

	@Test
	void webappsBehindNginxPrivileged(@TempDir Path out) {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		Golden.assertMatches(files, getClass(), "webappsBehindNginxPrivileged");
		shellcheckEveryProxy(files, out);
	}

	@Test
	void foregroundOnlyWebappUnprivileged(@TempDir Path out) {
		GeneratedFiles files = ProfileBuilder.build(example("webapps-foreground.json"), BACKEND,
				SupervisordFixtures.unprivileged("/home/unprivileged/var")).files();
		Golden.assertMatches(files, getClass(), "foregroundOnlyWebappUnprivileged");
		shellcheckEveryProxy(files, out);
	}

	@Test // #3: the seed drops directory and writes nice=, which supervisord does not have
	void directoryIsHonouredAndNiceRunsTheCommandUnderNice() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps-foreground.json"), BACKEND,
				SupervisordFixtures.unprivileged("/home/unprivileged/var")).files();
		String conf = text(files, "conf.d/webapp.conf");
		assertThat(conf).contains("\ndirectory=/home/unprivileged/var/webapp\n")
			.contains("\ncommand=nice -n 5 /nix/store/1v6b8hrh5lnhx1g1xw5w1w1ky2wg0qw4-webapp/bin/webapp\n")
			.doesNotContain("nice=");
	}

	@Test // a random hostile-values run found it: ConfigParser strips the trailing escaped space, shlex fails
	void aLastArgumentEndingInWhitespaceGoesThroughTheProxy() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"s": {"pkg": {"foregroundProcess": "/bin/sleep", "foregroundProcessArgs": ["1", " "]}}}
				""", false);
		GeneratedFiles files = ProfileBuilder.build(model, BACKEND, Layout.privileged()).files();
		assertThat(text(files, "conf.d/s.conf")).startsWith("[program:s]\ncommand=\"%(here)s/s-foregroundproxy.sh\"\n");
		assertThat(text(files, "conf.d/s-foregroundproxy.sh")).contains("/bin/sleep 1 ' '");
	}

	@Test
	void priorityIsOneMoreThanTheHighestDependency() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		assertThat(text(files, "conf.d/webapp1.conf")).contains("\npriority=1\n");
		assertThat(text(files, "conf.d/webapp2.conf")).contains("\npriority=1\n");
		assertThat(text(files, "conf.d/nginx.conf")).contains("\npriority=2\n");
	}

	@Test
	void theUserIsSetOnlyWhenPrivilegedAndNotChainLoaded() {
		GeneratedFiles privileged = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		// nginx has initialize: the proxy runs it as root and drops to nginx itself, so supervisord must not.
		assertThat(text(privileged, "conf.d/nginx.conf")).doesNotContain("user=");
		assertThat(text(privileged, "conf.d/nginx-foregroundproxy.sh")).contains("setpriv --reuid=nginx");
		GeneratedFiles unprivileged = ProfileBuilder.build(example("webapps.json"), BACKEND,
				SupervisordFixtures.unprivileged("/home/u/var")).files();
		assertThat(text(unprivileged, "conf.d/webapp1.conf")).doesNotContain("user=");
		assertThat(text(unprivileged, "conf.d/nginx-foregroundproxy.sh")).doesNotContain("setpriv");
		assertThat(unprivileged.files().keySet()).noneMatch(p -> p.startsWith("dysnomia-support/"));
	}

	// #17: the proxy is a file of the generation, which only root reads; supervisord's user= ran it as the user
	@Test
	void aProxiedProcessWithAUserIsStartedAsRootAndDropsToTheUserItself() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"db":{"pkg":{"foregroundProcess":"/bin/db","user":"db","environment":{"SECRET":"a\\nb"}}}}
				""", false);
		GeneratedFiles files = ProfileBuilder.build(model, BACKEND, Layout.privileged()).files();
		assertThat(text(files, "conf.d/db.conf")).doesNotContain("user=").contains("foregroundproxy.sh");
		assertThat(text(files, "conf.d/db-foregroundproxy.sh")).contains("export SECRET=")
			.contains("exec setpriv --reuid=db --regid=\"$(id -g db)\" --init-groups -- /bin/db");
	}

	@Test
	void overridesDeepMergeIntoTheSectionAndNullRemovesAKey() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"w":{"pkg":{"foregroundProcess":"/bin/w","user":"w","environment":{"A":"1"},
				 "overrides":{"supervisord":{"autorestart":true,"stopwaitsecs":30,"user":null,"environment":{"B":"2"}}}}}}
				""", false);
		GeneratedFiles files = ProfileBuilder.build(model, BACKEND, Layout.privileged()).files();
		assertThat(text(files, "conf.d/w.conf")).isEqualTo("""
				[program:w]
				command=/bin/w
				priority=1
				environment=A="1",B="2"
				autorestart=true
				stopwaitsecs=30
				""");
	}

	@Test // #3: supervisord silently ignores keys it does not know, as it ignored the seed's nice=
	void anOverrideSupervisordDoesNotKnowIsNamedByPointer() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"foregroundProcess\":\"/bin/w\",\"overrides\":{\"supervisord\":{\"nice\":5}}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/overrides/supervisord/nice"));
	}

	@Test
	void aDaemonOnlyProcessIsWrappedByAProxyThatWaitsForItsPidFile(@TempDir Path out) {
		ProcessesModel model = ModelReader.readProcesses("""
				{"d":{"pkg":{"daemon":"/bin/d","daemonArgs":["-D"],"pidFile":"/run/d.pid"}}}
				""", false);
		GeneratedFiles files = ProfileBuilder.build(model, BACKEND, Layout.privileged()).files();
		assertThat(text(files, "conf.d/d.conf")).startsWith("[program:d]\ncommand=\"%(here)s/d-foregroundproxy.sh\"\n");
		assertThat(text(files, "conf.d/d-foregroundproxy.sh")).contains("pidfile=/run/d.pid\n/bin/d -D\n");
		shellcheckEveryProxy(files, out);
	}

	@Test
	void valuesEnvironmentCannotCarryMoveIntoTheProxy() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"a":{"pkg":{"foregroundProcess":"/bin/a","environment":{"V":"it's \\"both\\""}}},
				 "b":{"pkg":{"foregroundProcess":"/bin/b","environment":{"V":"it's fine"}}}}
				""", false);
		GeneratedFiles files = ProfileBuilder.build(model, BACKEND, Layout.privileged()).files();
		assertThat(text(files, "conf.d/a.conf")).doesNotContain("environment=");
		assertThat(text(files, "conf.d/a-foregroundproxy.sh")).contains("export V='it'\\''s \"both\"'\n");
		assertThat(text(files, "conf.d/b.conf")).contains("\nenvironment=V=\"it's fine\"\n");
		assertThat(files.files()).doesNotContainKey("conf.d/b-foregroundproxy.sh");
	}

	@Test
	void theRealSupervisordReadsTheGeneratedProfile(@TempDir Path state) throws Exception {
		Tools.require("supervisord", "supervisor");
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND,
				SupervisordFixtures.unprivileged(state.toString())).files();
		Path profile = state.resolve("profile");
		files.writeTo(profile);
		Files.createDirectories(state.resolve("run"));
		Files.createDirectories(state.resolve("log/supervisord"));
		String conf = profile.resolve("supervisord.conf").toString();
		Tools.Result started = Tools.run(List.of("supervisord", "-c", conf));
		try {
			assertThat(started.exitCode()).as(started.output()).isZero();
			// supervisord returns once it has daemonised, before its socket answers
			Tools.Result avail = Awaitility.await("supervisorctl avail")
				.atMost(Duration.ofSeconds(10))
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> Tools.run(List.of("supervisorctl", "-c", conf, "avail")), result -> result.exitCode() == 0);
			assertThat(avail.output()).contains("nginx").contains("webapp1").contains("webapp2");
			assertThat(Files.exists(state.resolve("run/supervisord.sock"))).isTrue();
		}
		finally {
			Tools.run(List.of("supervisorctl", "-c", conf, "shutdown"));
		}
	}

	private static void shellcheckEveryProxy(GeneratedFiles files, Path out) {
		files.writeTo(out);
		files.files().keySet().stream().filter(p -> p.endsWith(".sh")).forEach(p -> Tools.shellcheck(out.resolve(p)));
	}

}
