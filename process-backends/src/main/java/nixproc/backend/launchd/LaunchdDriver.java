package nixproc.backend.launchd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.UUID;

import nixproc.backend.Driver;
import nixproc.backend.InstanceStatus;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.run.Command;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandResult;
import nixproc.run.CommandRunner;

/**
 * Drives launchd as the seed's deploy tool does (reference §4.4): the plist is <em>copied</em> into the target
 * directory (launchd wants daemon plists there, owned by root, to load them at boot), then {@code launchctl load -w}
 * and {@code launchctl start}; stopping is {@code stop}, {@code unload -w} and removing the copy. The target is
 * {@code /Library/LaunchDaemons} for privileged profiles and {@code ~/Library/LaunchAgents} (the user's own launchd
 * domain) otherwise.
 */
final class LaunchdDriver implements Driver {

	private final CommandRunner runner;

	private final Path targetDir;

	LaunchdDriver(CommandRunner runner, Path targetDir) {
		this.runner = runner;
		this.targetDir = targetDir;
	}

	/**
	 * launchd has no configuration to reload: each plist is loaded on its own. What is kept in step is the installed
	 * copy of every instance of the generation that is installed already: a copy holds no path into the generation,
	 * so deleting an old generation cannot break it, but it is what launchd reads at the next boot, and an instance
	 * kept across a switch is never copied again. An equal copy (the normal case: unchanged instance, same bytes) is
	 * left untouched, so this is idempotent and never unloads or restarts a job.
	 */
	@Override
	public void load(ProfileGeneration generation) {
		for (InstanceEntry instance : generation.manifest().instances()) {
			String plist = plistFile(instance);
			Path installed = targetDir.resolve(fileName(plist));
			try {
				if (!Files.isRegularFile(installed)) {
					continue;
				}
				byte[] wanted = Files.readAllBytes(generation.directory().resolve(plist));
				if (!Arrays.equals(Files.readAllBytes(installed), wanted)) {
					// renamed over the old copy: launchd never reads half a plist
					Path tmp = targetDir.resolve("." + fileName(plist) + "-" + UUID.randomUUID());
					Files.write(tmp, wanted);
					Files.move(tmp, installed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException("cannot refresh " + installed + ": " + e.getMessage(), e);
			}
		}
	}

	@Override
	public void start(ProfileGeneration generation, InstanceEntry instance) {
		String plist = plistFile(instance);
		Path installed = targetDir.resolve(fileName(plist));
		try {
			Files.createDirectories(targetDir);
			Files.copy(generation.directory().resolve(plist), installed, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot install " + installed + ": " + e.getMessage(), e);
		}
		CommandFailedException.check(runner, Command.of("launchctl", "load", "-w", installed.toString()));
		CommandFailedException.check(runner, Command.of("launchctl", "start", label(plist)));
	}

	@Override
	public void stop(ProfileGeneration generation, InstanceEntry instance) {
		String plist = plistFile(instance);
		Path installed = targetDir.resolve(fileName(plist));
		if (runner.run(Command.of("launchctl", "list", label(plist))).succeeded()) {
			CommandFailedException.check(runner, Command.of("launchctl", "stop", label(plist)));
			CommandFailedException.check(runner, Command.of("launchctl", "unload", "-w", installed.toString()));
		}
		try {
			Files.deleteIfExists(installed);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot remove " + installed + ": " + e.getMessage(), e);
		}
	}

	/**
	 * From {@code launchctl list <label>}: unknown when launchd does not list it; running while it reports a
	 * {@code "PID"}; otherwise stopped after a clean exit (or none yet) and failed after an unclean one.
	 */
	@Override
	public InstanceStatus status(ProfileGeneration generation, InstanceEntry instance) {
		CommandResult listed = runner.run(Command.of("launchctl", "list", label(plistFile(instance))));
		if (!listed.succeeded()) {
			return InstanceStatus.UNKNOWN;
		}
		if (listed.output().lines().anyMatch(line -> line.strip().startsWith("\"PID\" ="))) {
			return InstanceStatus.RUNNING;
		}
		boolean failed = listed.output()
			.lines()
			.map(String::strip)
			.filter(line -> line.startsWith("\"LastExitStatus\" ="))
			.anyMatch(line -> !line.equals("\"LastExitStatus\" = 0;"));
		return failed ? InstanceStatus.FAILED : InstanceStatus.STOPPED;
	}

	private static String plistFile(InstanceEntry instance) {
		return instance.files()
			.stream()
			.filter(file -> file.startsWith(LaunchdGenerator.PLIST_DIR) && file.endsWith(".plist"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no plist among the files of " + instance.name() + ": " + instance.files()));
	}

	private static String fileName(String plist) {
		return plist.substring(plist.lastIndexOf('/') + 1);
	}

	/** The generator names the plist after its Label. */
	private static String label(String plist) {
		String name = fileName(plist);
		return name.substring(0, name.length() - ".plist".length());
	}

}
