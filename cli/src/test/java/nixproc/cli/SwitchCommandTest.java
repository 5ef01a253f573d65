package nixproc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code nixproc switch} in process, unprivileged, with sysvinit scripts starting real (trivial) daemons. */
class SwitchCommandTest {

	/** The sleepers' durations, unique to this run: another build on the machine may run this test at the same time. */
	private static final long RUN = 300_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(600_000);

	@TempDir
	Path dir;

	private Path state() {
		return dir.resolve("state");
	}

	@AfterEach
	void undeploy() {
		CliRun.of("switch", "-P", "sysvinit", "--state-dir", state().toString(), "--force-disable-user-change", "--undeploy");
	}

	@Test
	void switchesListsDryRunsRollsBackAndUndeploys() throws IOException {
		Path one = model("one.json", "{\"sleeper\": {\"pkg\": {\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"" + RUN + "\"]}}}");
		Path two = model("two.json", "{\"sleeper\": {\"pkg\": {\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"" + (RUN + 1) + "\"]}},"
				+ " \"other\": {\"pkg\": {\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"" + (RUN + 2) + "\"]}}}");

		CliRun first = switchTo(one.toString());
		assertThat(first.exitCode()).as(first.err()).isZero();
		assertThat(first.out()).contains("starting sleeper").contains("switched profile default to generation 1: started sleeper");

		CliRun dryRun = switchTo("--dry-run", two.toString());
		assertThat(dryRun.out()).contains("would stop:  sleeper").contains("would start: other sleeper");
		assertThat(switchTo("--list-generations").out()).contains("   1   ").doesNotContain("   2   ");

		assertThat(switchTo(two.toString()).exitCode()).isZero();
		CliRun rollback = switchTo("--rollback");
		assertThat(rollback.out()).contains("switched profile default to generation 1: started sleeper, stopped sleeper other");
		assertThat(switchTo("--list-generations").out()).containsPattern("   1 .*\\(current\\)");

		CliRun undeploy = switchTo("--undeploy");
		assertThat(undeploy.out()).contains("stopped sleeper");
		assertThat(sleepers()).isEmpty();
	}

	@Test
	void anInstanceThatExitsAtOnceRollsBackWithExitCode1() throws IOException {
		Path model = model("bad.json", "{\"quitter\": {\"pkg\": {\"foregroundProcess\": \"/bin/sh\", \"foregroundProcessArgs\": [\"-c\", \"echo no database >&2; exit 4\"]}}}");
		CliRun run = switchTo(model.toString());

		assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(run.err()).contains("instance quitter failed:").contains("| no database")
			.contains("rolled back: nothing of profile default runs, as before");
	}

	@Test
	void anInvalidModelExitsWith2AndWritesNothing() throws IOException {
		Path model = model("invalid.json", "{\"bad name\": {\"pkg\": {\"process\": \"/bin/true\"}}}");
		CliRun run = switchTo(model.toString());

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("/bad name");
		assertThat(state()).doesNotExist();
	}

	@Test
	void rollbackWithoutAnEarlierGenerationIsBadInput() {
		CliRun run = switchTo("--rollback");
		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("no generation before the current one");
	}

	@Test // #16
	void aProfileNixprocBuildWroteIsSwitchedAsItIs() throws IOException {
		Path model = model("built.json", "{\"sleeper\": {\"pkg\": {\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"" + (RUN + 7) + "\"]}},"
				+ " \"other\": {\"pkg\": {\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"" + (RUN + 8) + "\"], \"dependencies\": [\"sleeper\"]}}}");
		Path built = dir.resolve("built");
		CliRun build = CliRun.of("build", "-P", "sysvinit", "--state-dir", state().toString(), "--force-disable-user-change",
				"--out", built.toString(), model.toString());
		assertThat(build.exitCode()).as(build.err()).isZero();

		CliRun run = switchTo(built.toString());
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("switched profile default to generation 1: started sleeper other");
		// the same directory again: nothing to do; an edited script: that instance restarts
		assertThat(switchTo(built.toString()).out()).contains("unchanged sleeper other");
		Files.writeString(built.resolve("etc/rc.d/init.d/other"), Files.readString(built.resolve("etc/rc.d/init.d/other")) + "# edited\n");
		assertThat(switchTo(built.toString()).out()).contains("started other").contains("unchanged sleeper");

		CliRun wrongManager = CliRun.of("switch", "-P", "supervisord", "--state-dir", state().toString(), "--force-disable-user-change",
				built.toString());
		assertThat(wrongManager.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(wrongManager.err()).contains(built + " was built for sysvinit, not -P supervisord");
		CliRun notBuilt = switchTo(Files.createDirectories(dir.resolve("empty")).toString());
		assertThat(notBuilt.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(notBuilt.err()).contains("cannot read the built profile " + dir.resolve("empty"));
	}

	@Test // #16
	void deleteAllGenerationsOnceNothingRunsAndOldProfileIsRefusedSayingWhy() throws IOException {
		Path one = model("one.json", "{\"sleeper\": {\"pkg\": {\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"" + RUN + "\"]}}}");
		assertThat(switchTo(one.toString()).exitCode()).isZero();

		CliRun running = switchTo("--delete-all-generations");
		assertThat(running.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(running.err()).contains("--delete-all-generations: generation 1 is current and runs sleeper; switch --undeploy first");
		assertThat(switchTo("--list-generations").out().lines()).hasSize(1);

		assertThat(switchTo("--undeploy").exitCode()).isZero();
		CliRun deleted = switchTo("--delete-all-generations");
		assertThat(deleted.exitCode()).as(deleted.err()).isZero();
		assertThat(deleted.out()).contains("deleted generation(s) 1, 2");
		// as in the seed's test: no generation is left to list
		assertThat(switchTo("--list-generations").out()).isEmpty();
		assertThat(state().resolve("nixproc/profiles/default/current")).doesNotExist();

		CliRun old = switchTo("--old-profile", dir.toString(), one.toString());
		assertThat(old.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(old.err()).contains("--old-profile: nixproc always compares with what runs");
		assertThat(sleepers()).isEmpty();
	}

	@Test // #16
	void aRunlevelStartsWhatItLinksAndRunactivityRunsEachScript() throws IOException {
		Path model = model("levels.json", "{\"sleeper\": {\"pkg\": {\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"" + RUN
				+ "\"], \"overrides\": {\"sysvinit\": {\"runlevels\": [2, 3]}}}},"
				+ " \"other\": {\"pkg\": {\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"" + (RUN + 1) + "\"], \"dependencies\": [\"sleeper\"]}}}");
		CliRun run = switchTo("--runlevel", "2", model.toString());
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("switched profile default to generation 1: started sleeper,");
		assertThat(sleepers()).hasSize(1);

		assertThat(switchTo(model.toString()).out()).contains("started other").contains("unchanged sleeper");
		CliRun status = CliRun.of("runactivity", "-P", "sysvinit", "--state-dir", state().toString(), "status");
		assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
		assertThat(status.out()).containsPattern("(?s)sleeper: .*other: ");
		CliRun stop = CliRun.of("runactivity", "-P", "sysvinit", "--state-dir", state().toString(), "-r", "stop");
		assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();
		assertThat(sleepers()).isEmpty();
		CliRun stopped = CliRun.of("runactivity", "-P", "sysvinit", "--state-dir", state().toString(), "status");
		assertThat(stopped.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(stopped.err()).contains("nixproc: sleeper: status exited with 3");

		CliRun wrongManager = CliRun.of("switch", "-P", "supervisord", "--state-dir", state().toString(), "--runlevel", "2", model.toString());
		assertThat(wrongManager.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(wrongManager.err()).contains("--runlevel: chooses what a model starts with -P sysvinit; not with -P supervisord");
		assertThat(CliRun.of("runactivity", "-P", "supervisord", "--state-dir", state().toString(), "status").err())
			.contains("runactivity runs the scripts of sysvinit and bsdrc");
	}

	@Test
	void anUnwritableStateDirIsNamed() throws IOException {
		Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
		Path model = model("m.json", "{\"s\": {\"pkg\": {\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"1\"]}}}");
		CliRun run = CliRun.of("switch", "-P", "sysvinit", "--state-dir", file.resolve("state").toString(), "--force-disable-user-change",
				model.toString());
		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--state-dir: cannot create");
	}

	private CliRun switchTo(String... args) {
		List<String> argv = new java.util.ArrayList<>(List.of("switch", "-P", "sysvinit", "--state-dir", state().toString(),
				"--force-disable-user-change"));
		argv.addAll(List.of(args));
		return CliRun.of(argv.toArray(String[]::new));
	}

	private Path model(String name, String json) throws IOException {
		return Files.writeString(dir.resolve(name), json);
	}

	private List<ProcessHandle> sleepers() {
		try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
			return all.filter(p -> p.info().commandLine().orElse("").matches(".*sleep (" + RUN + "|" + (RUN + 1) + "|" + (RUN + 2) + ")$")).toList();
		}
	}

}
