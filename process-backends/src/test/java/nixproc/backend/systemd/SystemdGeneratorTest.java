package nixproc.backend.systemd;

import java.nio.file.Path;

import nixproc.backend.GeneratedFiles;
import nixproc.backend.Golden;
import nixproc.backend.Tools;
import nixproc.model.ModelException;
import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.profile.ProfileBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static nixproc.backend.systemd.SystemdFixtures.example;
import static nixproc.backend.systemd.SystemdFixtures.exampleWithStubs;
import static nixproc.backend.systemd.SystemdFixtures.unit;
import static nixproc.backend.systemd.SystemdFixtures.unprivileged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SystemdGeneratorTest {

	private static final SystemdBackend BACKEND = new SystemdBackend();

	private static final String DAEMON_ONLY = """
			{"webapp": {"pkg": {"daemon": "%s", "daemonArgs": ["-D"], "pidFile": "${tmpDir}/webapp.pid",
			  "environment": {"PORT": "5000", "PID_FILE": "${tmpDir}/webapp.pid"},
			  "initialize": "mkdir -p \\"$HOME/x\\" # 100%% sure", "user": "webapp",
			  "restart": {"condition": "on-failure", "delay": 3, "maxRestarts": 5}, "stopTimeout": 20}}}""";

	@Test
	void webappsBehindNginxPrivileged() {
		Golden.assertMatches(ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files(), getClass(),
				"webappsBehindNginxPrivileged");
	}

	@Test
	void foregroundOnlyWebappUnprivileged() {
		Golden.assertMatches(ProfileBuilder.build(example("webapps-foreground.json"), BACKEND, unprivileged()).files(), getClass(),
				"foregroundOnlyWebappUnprivileged");
	}

	@Test
	void daemonOnlyWebappIsForkingWithItsPidFile() {
		ProcessesModel model = ModelReader.readProcesses(DAEMON_ONLY.formatted("/opt/webapp/bin/webapp"), false);
		Golden.assertMatches(ProfileBuilder.build(model, BACKEND, Layout.privileged()).files(), getClass(), "daemonOnlyWebappIsForkingWithItsPidFile");
	}

	@Test
	void systemdAnalyzeAcceptsTheSystemUnits(@TempDir Path dir) {
		GeneratedFiles files = ProfileBuilder.build(exampleWithStubs("webapps.json", dir), BACKEND, Layout.privileged()).files();
		assertAccepted(SystemdFixtures.verify(files, dir, false, false));
	}

	@Test
	void systemdAnalyzeAcceptsTheUserUnits(@TempDir Path dir) {
		GeneratedFiles files = ProfileBuilder.build(exampleWithStubs("webapps.json", dir), BACKEND, unprivileged()).files();
		assertThat(unit(files, "nginx")).contains("WantedBy=default.target").doesNotContain("User=");
		assertAccepted(SystemdFixtures.verify(files, dir, true, false));
	}

	@Test
	void systemdAnalyzeAcceptsTheForkingUnit(@TempDir Path dir) {
		Path stub = dir.resolve("webapp");
		ProcessesModel model = ModelReader.readProcesses(DAEMON_ONLY.formatted(stub), false);
		Tools.run(java.util.List.of("sh", "-c", "printf '#!/bin/sh\\n' > '" + stub + "' && chmod +x '" + stub + "'"));
		assertAccepted(SystemdFixtures.verify(ProfileBuilder.build(model, BACKEND, Layout.privileged()).files(), dir, false, false));
	}

	@Test // #3: the seed wrote Environment=K=V unquoted
	void environmentValuesAreQuotedAndSpecifiersEscaped() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"environment\":{\"GREETING\":\"hello world 100% \\\"ok\\\"\"}}}}", false);
		assertThat(unit(ProfileBuilder.build(model, BACKEND, Layout.privileged()).files(), "w"))
			.contains("Environment=\"GREETING=hello world 100%% \\\"ok\\\"\"\n");
	}

	@Test
	void overridesMergeIntoTheSectionsAndNullRemoves() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"w": {"pkg": {"process": "/bin/w", "stopTimeout": 5, "overrides": {"systemd": {
				  "Service": {"Restart": "always", "TimeoutStopSec": null, "LimitNOFILE": 4096},
				  "Install": {"WantedBy": ["graphical.target", "multi-user.target"]}}}}}}""", false);
		assertThat(unit(ProfileBuilder.build(model, BACKEND, Layout.privileged()).files(), "w")).isEqualTo("""
				[Unit]
				Description=w

				[Service]
				Type=simple
				ExecStart=/bin/w
				Restart=always
				LimitNOFILE=4096

				[Install]
				WantedBy=graphical.target
				WantedBy=multi-user.target
				""");
	}

	@Test
	void anUnknownSectionIsNamedByPointer() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"overrides\":{\"systemd\":{\"Timer\":{\"OnCalendar\":\"daily\"}}}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/overrides/systemd/Timer"));
	}

	@Test
	void anOverrideValueSpanningLinesIsRefused() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"overrides\":{\"systemd\":{\"Service\":{\"ExecStop\":\"/bin/a\\nExecStart=/bin/evil\"}}}}}}",
				false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/overrides/systemd/Service/ExecStop"));
	}

	private static void assertAccepted(Tools.Result result) {
		assertThat(result.exitCode()).as("systemd-analyze verify exit status; output:\n" + result.output()).isZero();
		assertThat(result.output()).as("systemd-analyze verify prints nothing for a clean unit").isEmpty();
	}

}
