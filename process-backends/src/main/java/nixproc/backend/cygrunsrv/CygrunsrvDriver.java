package nixproc.backend.cygrunsrv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import nixproc.backend.Driver;
import nixproc.backend.InstanceStatus;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.run.Command;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandResult;
import nixproc.run.CommandRunner;

/**
 * Installs Windows services with cygrunsrv, for real: the seed's deploy tool prefixed its {@code cygrunsrv
 * --install} with {@code /bin/echo} and so only printed it (reference §8). Start is {@code --install <service>}
 * with the parameter file's lines as arguments (a relative {@code --path} resolved against the generation), then
 * {@code --start}; stop is {@code --stop} (when running) and {@code --remove}.
 */
final class CygrunsrvDriver implements Driver {

	private final CommandRunner runner;

	CygrunsrvDriver(CommandRunner runner) {
		this.runner = runner;
	}

	/** The service control manager has nothing to reload. */
	@Override
	public void load(ProfileGeneration generation) {
	}

	@Override
	public void start(ProfileGeneration generation, InstanceEntry instance) {
		// a service still installed (its program died, or a switch was killed between install and record) would make
		// --install fail with "already exists": it is removed first, as docker replaces a leftover container (#15)
		stop(generation, instance);
		String params = paramsFile(instance);
		List<String> argv = new ArrayList<>(List.of("cygrunsrv", "--install", serviceName(params)));
		argv.addAll(arguments(generation, params));
		CommandFailedException.check(runner, Command.of(argv));
		CommandFailedException.check(runner, Command.of("cygrunsrv", "--start", serviceName(params)));
	}

	@Override
	public void stop(ProfileGeneration generation, InstanceEntry instance) {
		String service = serviceName(paramsFile(instance));
		CommandResult query = runner.run(Command.of("cygrunsrv", "--query", service));
		if (!query.succeeded()) {
			return;
		}
		if (!state(query.output()).equals("Stopped")) {
			CommandFailedException.check(runner, Command.of("cygrunsrv", "--stop", service));
		}
		CommandFailedException.check(runner, Command.of("cygrunsrv", "--remove", service));
	}

	/** From {@code cygrunsrv --query}: not installed → unknown, else its {@code Current State}. */
	@Override
	public InstanceStatus status(ProfileGeneration generation, InstanceEntry instance) {
		CommandResult query = runner.run(Command.of("cygrunsrv", "--query", serviceName(paramsFile(instance))));
		if (!query.succeeded()) {
			return InstanceStatus.UNKNOWN;
		}
		return switch (state(query.output())) {
			case "Running" -> InstanceStatus.RUNNING;
			case "Start Pending" -> InstanceStatus.STARTING;
			case "Stopped", "Stop Pending" -> InstanceStatus.STOPPED;
			default -> InstanceStatus.UNKNOWN;
		};
	}

	private static String state(String query) {
		return query.lines()
			.filter(line -> line.startsWith("Current State"))
			.map(line -> line.substring(line.indexOf(':') + 1).strip())
			.findFirst()
			.orElse("");
	}

	private static List<String> arguments(ProfileGeneration generation, String params) {
		List<String> lines;
		try {
			lines = Files.readAllLines(generation.directory().resolve(params));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + generation.directory().resolve(params) + ": " + e.getMessage(), e);
		}
		List<String> arguments = new ArrayList<>(lines);
		for (int i = 0; i + 1 < arguments.size(); i++) {
			if (arguments.get(i).equals("--path") && !arguments.get(i + 1).startsWith("/")) {
				// a file generated into the profile, as the seed's store paths
				arguments.set(i + 1, generation.directory().resolve(arguments.get(i + 1)).toAbsolutePath().toString());
			}
		}
		return arguments;
	}

	private static String paramsFile(InstanceEntry instance) {
		return instance.files()
			.stream()
			.filter(file -> file.endsWith(CygrunsrvGenerator.PARAMS_SUFFIX))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no parameter file among the files of " + instance.name() + ": " + instance.files()));
	}

	/** The seed's rule: the parameter file's name without {@code -cygrunsrvparams}, i.e. {@code nix-process-<name>}. */
	private static String serviceName(String params) {
		return params.substring(params.lastIndexOf('/') + 1, params.length() - CygrunsrvGenerator.PARAMS_SUFFIX.length());
	}

}
