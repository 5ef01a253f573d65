package nixproc.backend.bsdrc;

import java.util.ArrayList;
import java.util.List;

import nixproc.backend.ActivityRunner;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.run.Command;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandResult;

/**
 * Runs the generated rc.d scripts from the generation with rc.subr's {@code one*} commands, which bypass
 * {@code <name>_enabled}, as the seed's deploy tool does ({@code <script> onestart}). {@link #load} runs
 * {@code rcorder} over the generation's scripts, so a PROVIDE/REQUIRE graph rcorder rejects fails before anything
 * stops. Status is rc.subr's {@code onestatus}: 0 running, 1 not running.
 */
final class BsdrcDriver implements Driver, ActivityRunner {

	static final String RC_D = "etc/rc.d/";

	private final DriverContext context;

	BsdrcDriver(DriverContext context) {
		this.context = context;
	}

	@Override
	public void load(ProfileGeneration generation) {
		List<String> argv = new ArrayList<>(List.of("rcorder"));
		generation.manifest()
			.instances()
			.stream()
			.map(instance -> script(generation, instance))
			.sorted()
			.forEach(argv::add);
		if (argv.size() > 1) {
			CommandFailedException.check(context.runner(), Command.of(argv));
		}
	}

	@Override
	public void start(ProfileGeneration generation, InstanceEntry instance) {
		CommandFailedException.check(context.runner(), Command.of(script(generation, instance), "onestart"));
	}

	@Override
	public void stop(ProfileGeneration generation, InstanceEntry instance) {
		Command onestop = Command.of(script(generation, instance), "onestop");
		CommandResult stopped = context.runner().run(onestop);
		// rc.subr refuses to stop what does not run ("<name> not running? (check <pidfile>)." and exit 1); for a
		// driver, stopping an instance that does not run is no error (#15)
		if (!stopped.succeeded() && !(stopped.exitCode() == 1 && stopped.output().contains("not running"))) {
			throw new CommandFailedException(onestop, stopped);
		}
	}

	@Override
	public InstanceStatus status(ProfileGeneration generation, InstanceEntry instance) {
		CommandResult result = context.runner().run(Command.of(script(generation, instance), "onestatus"));
		return switch (result.exitCode()) {
			case 0 -> InstanceStatus.RUNNING;
			case 1 -> InstanceStatus.STOPPED;
			default -> InstanceStatus.UNKNOWN;
		};
	}

	/**
	 * rc.subr's {@code one<activity>}, which runs without {@code <name>_enabled} in rc.conf, as the profile's scripts
	 * are not enabled there ({@code status} runs as {@code onestatus}; {@code onestatus} as it is).
	 */
	@Override
	public Command activity(ProfileGeneration generation, InstanceEntry instance, String activity) {
		return Command.of(script(generation, instance), activity.startsWith("one") ? activity : "one" + activity);
	}

	private static String script(ProfileGeneration generation, InstanceEntry instance) {
		String path = instance.files()
			.stream()
			.filter(f -> f.startsWith(RC_D) && f.indexOf('/', RC_D.length()) < 0)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("generation " + generation.number() + " has no rc.d script for "
					+ instance.name()));
		return generation.directory().resolve(path).toString();
	}

}
