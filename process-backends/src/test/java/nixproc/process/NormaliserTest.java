package nixproc.process;

import java.util.List;
import java.util.Optional;

import nixproc.model.BackendKind;
import nixproc.model.ManagedProcess;
import nixproc.model.ModelReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NormaliserTest {

	private static ManagedProcess read(String json) {
		return ModelReader.readManagedProcess(json, false);
	}

	private static NormalisedProcess normalise(String json, Mode preferred, Layout layout) {
		return Normaliser.normalise("key", read(json), BackendKind.SYSVINIT, preferred, layout, List.of(), 0);
	}

	@Test
	void processRunsAsDaemonOnADaemonPreferringBackendWithDaemonArgs() {
		NormalisedProcess p = normalise("{\"instanceName\":\"webapp\",\"process\":\"/bin/webapp\",\"args\":[\"-a\"],"
				+ "\"daemonExtraArgs\":[\"-D\"],\"foregroundProcessExtraArgs\":[\"-f\"]}", Mode.DAEMON, Layout.privileged());
		assertThat(p.mode()).isEqualTo(Mode.DAEMON);
		assertThat(p.mustDaemonise()).isFalse();
		assertThat(p.args()).containsExactly("-a", "-D");
	}

	@Test
	void processRunsInTheForegroundOnAForegroundPreferringBackend() {
		NormalisedProcess p = normalise("{\"instanceName\":\"webapp\",\"process\":\"/bin/webapp\",\"args\":[\"-a\"],"
				+ "\"daemonExtraArgs\":[\"-D\"],\"foregroundProcessExtraArgs\":[\"-f\"]}", Mode.FOREGROUND, Layout.privileged());
		assertThat(p.mode()).isEqualTo(Mode.FOREGROUND);
		assertThat(p.args()).containsExactly("-a", "-f");
	}

	@Test
	void explicitArgumentListsWinOverArgsAndExtraArgs() {
		NormalisedProcess p = normalise("{\"process\":\"/bin/x\",\"args\":[\"-a\"],\"daemonArgs\":[]}", Mode.DAEMON,
				Layout.privileged());
		assertThat(p.args()).isEmpty();
	}

	@Test
	void eachModeFallsBackToTheOther() {
		NormalisedProcess fg = normalise("{\"foregroundProcess\":\"/bin/fg\"}", Mode.DAEMON, Layout.privileged());
		assertThat(fg.mode()).isEqualTo(Mode.FOREGROUND);
		assertThat(fg.mustDaemonise()).isTrue();
		NormalisedProcess daemon = normalise("{\"daemon\":\"/bin/d\"}", Mode.FOREGROUND, Layout.privileged());
		assertThat(daemon.mode()).isEqualTo(Mode.DAEMON);
		assertThat(daemon.mustWrapDaemon()).isTrue();
	}

	@Test
	void stateDirectoriesFollowTheSeedsDerivation() {
		assertThat(StateDirs.defaults()).isEqualTo(new StateDirs("/var", "/var/run", "/var/log", "/tmp", "/var/cache",
				"/var/spool", "/var/lock", "/var/lib"));
		StateDirs home = StateDirs.derive("/home/u/var/", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
		assertThat(home.tmpDir()).isEqualTo("/home/u/var/tmp");
		assertThat(home.runtimeDir()).isEqualTo("/home/u/var/run");
	}

	@Test
	void aDaemonsPidFileGoesToTmpDirWhenAUserIsDeclaredEvenIfUserChangeIsDisabled() {
		Layout unprivileged = new Layout(StateDirs.derive("/home/u/var", Optional.empty(), Optional.empty(),
				Optional.empty(), Optional.empty()), true);
		NormalisedProcess p = normalise("{\"instanceName\":\"w\",\"daemon\":\"/bin/w\",\"user\":\"w\"}",
				Mode.DAEMON, unprivileged);
		assertThat(p.user()).isEmpty();
		assertThat(p.declaredUser()).contains("w");
		assertThat(p.pidFile()).isEqualTo("/home/u/var/tmp/w.pid");
	}

	@Test
	void withoutAUserThePidFileIsInTheRuntimeDir() {
		NormalisedProcess p = normalise("{\"instanceName\":\"w\",\"process\":\"/bin/w\"}", Mode.DAEMON, Layout.privileged());
		assertThat(p.pidFile()).isEqualTo("/var/run/w.pid");
		assertThat(p.pidFileExplicit()).isFalse();
	}

	@Test // #17
	void aProcessNixprocDaemonisesHasItsPidFileAndLogWhereOnlyRootWritesNeverInTmpDir() {
		NormalisedProcess p = normalise("{\"instanceName\":\"w\",\"foregroundProcess\":\"/bin/w\",\"user\":\"w\"}",
				Mode.DAEMON, Layout.privileged());
		assertThat(p.user()).contains("w");
		assertThat(p.mustDaemonise()).isTrue();
		assertThat(p.pidFile()).isEqualTo("/var/run/w.pid");
		assertThat(p.daemonLogFile()).isEqualTo("/var/log/nixproc-w.log");
	}

	@Test
	void placeholdersAreSubstitutedAndOtherDollarsKept() {
		NormalisedProcess p = normalise("{\"instanceName\":\"w\",\"process\":\"${stateDir}/bin/w\",\"args\":[\"${HOME}\",\"$${tmpDir}\"],"
				+ "\"environment\":{\"PID_FILE\":\"${tmpDir}/${instanceName}.pid\"},\"path\":[\"/opt/x\"]}", Mode.DAEMON,
				Layout.privileged());
		assertThat(p.executable()).isEqualTo("/var/bin/w");
		assertThat(p.args()).containsExactly("${HOME}", "$/tmp");
		assertThat(p.environment()).containsEntry("PID_FILE", "/tmp/w.pid");
		assertThat(p.binPath()).containsExactly("/opt/x/bin");
	}

	@Test
	void nameDefaultsToInstanceNameAndDescriptionToName() {
		NormalisedProcess p = normalise("{\"instanceName\":\"w1\",\"process\":\"/bin/w\"}", Mode.DAEMON, Layout.privileged());
		assertThat(p.name()).isEqualTo("w1");
		assertThat(p.description()).isEqualTo("w1");
	}

}
