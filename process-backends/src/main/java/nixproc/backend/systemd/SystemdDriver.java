package nixproc.backend.systemd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.run.Command;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandResult;

/**
 * Drives the system manager, or with an unprivileged context the user manager ({@code systemctl --user}).
 *
 * <p>
 * Units are not copied: {@code systemctl enable --force <absolute path>} links the generation's unit file into the
 * manager's configuration ({@code /etc/systemd/system}, or {@code ~/.config/systemd/user} for {@code --user}, as
 * systemd decides) and creates the {@code WantedBy=} links, so the instance also comes back after a reboot, which
 * the seed's never-enabled units do not (reference §9.11). {@code --force} re-points a link left by an earlier
 * generation of the same unit. {@code disable} removes both links again.
 */
final class SystemdDriver implements Driver {

	/** {@code systemctl}'s documented exit status for "unit not loaded" (LSB: program is not installed). */
	private static final int NOT_LOADED = 5;

	private final DriverContext context;

	SystemdDriver(DriverContext context) {
		this.context = context;
	}

	/**
	 * Re-points the links of every instance of the generation that the manager already has enabled, then reloads.
	 * An instance kept unchanged across a switch is not restarted, so without this its unit would stay linked into
	 * the generation that first started it, which {@code --delete-generations} may delete. {@code enable --force}
	 * of the same content changes nothing the running service sees; {@code --no-reload} leaves the one reload to
	 * the end.
	 */
	@Override
	public void load(ProfileGeneration generation) {
		for (InstanceEntry instance : generation.manifest().instances()) {
			CommandResult enabled = context.runner().run(systemctl("is-enabled", unitName(instance)));
			String state = enabled.output().strip();
			if (state.equals("enabled") || state.equals("linked") || state.equals("enabled-runtime")
					|| state.equals("linked-runtime")) {
				check(systemctl("enable", "--force", "--no-reload", unitFile(generation, instance).toString()));
			}
		}
		check(systemctl("daemon-reload"));
	}

	@Override
	public void start(ProfileGeneration generation, InstanceEntry instance) {
		check(systemctl("enable", "--force", unitFile(generation, instance).toString()));
		check(systemctl("start", unitName(instance)));
	}

	@Override
	public void stop(ProfileGeneration generation, InstanceEntry instance) {
		String unit = unitName(instance);
		CommandResult stopped = context.runner().run(systemctl("stop", unit));
		if (!stopped.succeeded() && stopped.exitCode() != NOT_LOADED) {
			throw new CommandFailedException(systemctl("stop", unit), stopped);
		}
		CommandResult disabled = context.runner().run(systemctl("disable", unit));
		// An instance the manager never loaded has no links to remove either: not an error (Driver#stop).
		if (!disabled.succeeded() && stopped.exitCode() != NOT_LOADED) {
			throw new CommandFailedException(systemctl("disable", unit), disabled);
		}
	}

	@Override
	public InstanceStatus status(ProfileGeneration generation, InstanceEntry instance) {
		Command show = systemctl("show", "--property=LoadState,ActiveState", unitName(instance));
		CommandResult result = context.runner().run(show);
		if (!result.succeeded()) {
			throw new CommandFailedException(show, result);
		}
		String load = property(result.output(), "LoadState");
		String active = property(result.output(), "ActiveState");
		if (load.equals("not-found") || (load.isEmpty() && active.isEmpty())) {
			return InstanceStatus.UNKNOWN;
		}
		return switch (active) {
			case "active", "reloading" -> InstanceStatus.RUNNING;
			case "activating" -> InstanceStatus.STARTING;
			case "failed" -> InstanceStatus.FAILED;
			case "inactive", "deactivating" -> InstanceStatus.STOPPED;
			default -> InstanceStatus.UNKNOWN;
		};
	}

	/** The unit file among the instance's generated files (the credentials files are the others). */
	static Path unitFile(ProfileGeneration generation, InstanceEntry instance) {
		return instance.files()
			.stream()
			.filter(file -> file.startsWith(SystemdGenerator.UNIT_DIR) && file.endsWith(".service"))
			.findFirst()
			.map(file -> generation.directory().resolve(file).toAbsolutePath())
			.orElseThrow(() -> new IllegalStateException("generation " + generation.number() + " has no unit file for "
					+ instance.name() + " (files: " + instance.files() + ")"));
	}

	private static String unitName(InstanceEntry instance) {
		return instance.files()
			.stream()
			.filter(file -> file.startsWith(SystemdGenerator.UNIT_DIR) && file.endsWith(".service"))
			.findFirst()
			.map(file -> file.substring(file.lastIndexOf('/') + 1))
			.orElse(SystemdGenerator.unitName(instance.name()));
	}

	private Command systemctl(String... arguments) {
		List<String> argv = new ArrayList<>();
		argv.add("systemctl");
		if (!context.privileged()) {
			argv.add("--user");
		}
		argv.addAll(List.of(arguments));
		return Command.of(argv);
	}

	private void check(Command command) {
		CommandFailedException.check(context.runner(), command);
	}

	private static String property(String output, String name) {
		return output.lines()
			.filter(line -> line.startsWith(name + "="))
			.map(line -> line.substring(name.length() + 1).strip())
			.findFirst()
			.orElse("");
	}

}
