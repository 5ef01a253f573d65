package nixproc.backend.bsdrc;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import nixproc.backend.ActivityRunner;
import nixproc.backend.Backend;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.backend.SimulatedDriverContract;
import nixproc.backend.SimulatedManager;
import nixproc.process.Layout;
import nixproc.profile.BuiltProfile;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.run.CommandResult;
import nixproc.run.RecordingCommandRunner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver contract against rc.subr played at the command line (no FreeBSD here), and the exact commands the
 * driver runs (style G8): rcorder, then the scripts' one* commands.
 */
class BsdrcDriverTest extends SimulatedDriverContract {

	@Override
	protected Backend backend() {
		return new BsdrcBackend();
	}

	@Override
	protected SimulatedManager simulatedManager() {
		return new RcSubr();
	}

	/**
	 * The scripts run from the generation: rc.subr knows every one, and says "not running" (exit 1) of a stopped
	 * one; {@code onestatus} only reads the PID file, so a process that died is "not running" too.
	 */
	@Override
	protected ManagerSays managerSays() {
		return new ManagerSays(InstanceStatus.STOPPED, InstanceStatus.STOPPED, InstanceStatus.STOPPED);
	}

	/** rc.subr's {@code run_rc_command} for the one* commands of a script {@code …/etc/rc.d/<name>}. */
	private static final class RcSubr extends SimulatedManager {

		@Override
		protected CommandResult answer(List<String> argv) {
			if (argv.size() != 2 || !argv.get(0).contains("/etc/rc.d/")) {
				return ok();
			}
			String name = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
			boolean running = state(name) == State.RUNNING;
			switch (argv.get(1)) {
				case "onestart":
					if (running) {
						return reply(1, name + " already running? (pid=4242).");
					}
					set(name, State.RUNNING);
					return reply(0, "Starting " + name + ".");
				case "onestop":
					if (!running) {
						return reply(1, name + " not running? (check /var/run/" + name + ".pid).");
					}
					set(name, State.KNOWN);
					return reply(0, "Stopping " + name + ".");
				case "onestatus":
					return running ? reply(0, name + " is running as pid 4242.") : reply(1, name + " is not running.");
				default:
					return reply(1, "/etc/rc.d/" + name + ": unknown directive '" + argv.get(1) + "'.");
			}
		}

	}

	private static final Path GENERATION = Path.of("/var/nixproc/profiles/processes/4");

	private final RecordingCommandRunner runner = new RecordingCommandRunner();

	private final Driver driver = new BsdrcBackend().driver(new DriverContext(Layout.privileged(), runner, true));

	private final ProfileGeneration generation = generation();

	private static ProfileGeneration generation() {
		BuiltProfile built = ProfileBuilder.build(BsdrcGeneratorTest.example("webapps.json"), new BsdrcBackend(),
				Layout.privileged());
		return new ProfileGeneration(4, GENERATION, new ProfileManifest(ProfileManifest.FORMAT_VERSION, 4, "bsdrc", Instant.EPOCH, "test",
				built.instances(), ProfileManifest.AccountNames.NONE));
	}

	private InstanceEntry instance(String name) {
		return generation.manifest().instance(name).orElseThrow();
	}

	private static String script(String name) {
		return GENERATION.resolve("etc/rc.d/" + name).toString();
	}

	@Test
	void loadOrdersTheGenerationsScriptsWithRcorderThenStartsAndStopsWithOneCommands() {
		driver.load(generation);
		driver.start(generation, instance("webapp1"));
		driver.start(generation, instance("nginx"));
		driver.stop(generation, instance("nginx"));
		assertThat(runner.calls()).containsExactly(
				List.of("rcorder", script("nginx"), script("webapp1"), script("webapp2")),
				List.of(script("webapp1"), "onestart"),
				List.of(script("nginx"), "onestart"),
				List.of(script("nginx"), "onestop"));
	}

	@Test
	void statusIsRcSubrsOnestatusExitCode() {
		runner.answer(List.of(script("webapp1"), "onestatus"), 0, "webapp1 is running as pid 42.");
		runner.answer(List.of(script("webapp2"), "onestatus"), 1, "webapp2 is not running.");
		runner.answer(List.of(script("nginx"), "onestatus"), 127, "not found");
		assertThat(driver.status(generation, instance("webapp1"))).isEqualTo(InstanceStatus.RUNNING);
		assertThat(driver.status(generation, instance("webapp2"))).isEqualTo(InstanceStatus.STOPPED);
		assertThat(driver.status(generation, instance("nginx"))).isEqualTo(InstanceStatus.UNKNOWN);
		assertThat(runner.calls()).containsExactly(List.of(script("webapp1"), "onestatus"),
				List.of(script("webapp2"), "onestatus"), List.of(script("nginx"), "onestatus"));
	}

	@Test // #15: rc.subr's refusal to stop what does not run failed the stop
	void onestopOfAServiceThatDoesNotRunIsNoErrorButAnotherFailureIs() {
		runner.answer(List.of(script("webapp1"), "onestop"), 1, "webapp1 not running? (check /var/run/webapp1.pid).");
		runner.answer(List.of(script("webapp2"), "onestop"), 1, "/etc/rc.d/webapp2: WARNING: failed to stop webapp2");
		driver.stop(generation, instance("webapp1"));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> driver.stop(generation, instance("webapp2")))
			.hasMessageContaining("onestop").hasMessageContaining("failed to stop webapp2");
	}

	@Test // #16: the seed's nixproc-bsdrc-runactivity
	void anActivityRunsAsRcSubrsOneCommand() {
		ActivityRunner activities = (ActivityRunner) driver;
		assertThat(activities.activity(generation, instance("nginx"), "status").argv()).containsExactly(script("nginx"), "onestatus");
		assertThat(activities.activity(generation, instance("nginx"), "onereload").argv()).containsExactly(script("nginx"), "onereload");
	}

	@Test
	void aFailingOnestartFailsTheStartWithRcSubrsWords() {
		runner.answer(List.of(script("webapp1"), "onestart"), 1, "/etc/rc.subr: cannot run /bin/webapp");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> driver.start(generation, instance("webapp1")))
			.hasMessageContaining("onestart").hasMessageContaining("cannot run /bin/webapp");
	}

}
