package nixproc.backend.sysvinit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import nixproc.backend.ActivityRunner;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.backend.LogSource;
import nixproc.backend.LogTail;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.run.Command;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandResult;

/**
 * Runs the generated init.d scripts directly, as {@code /etc/init.d/<name> start} would: no init system is needed.
 * The scripts' LSB status codes give the status (0 running, 1 dead with a PID file, 3 not running).
 */
final class SysvinitDriver implements Driver, LogSource, ActivityRunner {

	private static final String INIT_D = "etc/rc.d/init.d/";

	/**
	 * A start script forks a few short processes and returns once the daemon is in the background: CPU work, not
	 * waiting. Many more at once than CPUs only queue for them (100 starts on 2 CPUs: 16 at a time took about a fifth
	 * less than 128, the switch's bound, which is set for managers that wait).
	 */
	private static final Semaphore STARTING = new Semaphore(8 * Runtime.getRuntime().availableProcessors());

	private final DriverContext context;

	SysvinitDriver(DriverContext context) {
		this.context = context;
	}

	@Override
	public void load(ProfileGeneration generation) {
		// the scripts are run from the generation itself: nothing to register
	}

	@Override
	public void start(ProfileGeneration generation, InstanceEntry instance) {
		STARTING.acquireUninterruptibly();
		try {
			CommandFailedException.check(context.runner(), script(generation, instance, "start"));
		}
		finally {
			STARTING.release();
		}
	}

	@Override
	public void stop(ProfileGeneration generation, InstanceEntry instance) {
		CommandFailedException.check(context.runner(), script(generation, instance, "stop"));
	}

	@Override
	public InstanceStatus status(ProfileGeneration generation, InstanceEntry instance) {
		CommandResult result = context.runner().run(script(generation, instance, "status"));
		return switch (result.exitCode()) {
			case 0 -> InstanceStatus.RUNNING;
			case 1 -> InstanceStatus.FAILED;
			case 3 -> InstanceStatus.STOPPED;
			default -> InstanceStatus.UNKNOWN;
		};
	}

	@Override
	public Command activity(ProfileGeneration generation, InstanceEntry instance, String activity) {
		return script(generation, instance, activity);
	}

	@Override
	public Optional<String> logTail(ProfileGeneration generation, InstanceEntry instance, int lines) {
		return instance.logFile().map(Path::of).filter(Files::isRegularFile).map(file -> LogTail.of(file, lines));
	}

	private static Command script(ProfileGeneration generation, InstanceEntry instance, String action) {
		String path = instance.files().stream()
			.filter(f -> f.startsWith(INIT_D))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("generation " + generation.number() + " has no init.d script for "
					+ instance.name()));
		return Command.of(generation.directory().resolve(path).toString(), action);
	}

}
