package nixproc.agent.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kernel's boot id when the agent last reconciled ({@code <stateDir>/boot-id}). It tells a machine that restarted
 * since — every process is gone, as expected — from an agent that was restarted on a running machine, where a
 * process of the generation that no longer runs has failed. An agent that stopped its processes itself on its way out
 * ({@code stopProcessesOnExit}) leaves {@code <stateDir>/stopped-on-exit}, which counts the same until the next
 * reconciliation.
 */
public final class LastBoot {

	static final String FILE = "boot-id";

	static final String STOPPED = "stopped-on-exit";

	/** Linux: a random id chosen at every boot. */
	private static final Path KERNEL = Path.of("/proc/sys/kernel/random/boot_id");

	private final Path file;

	private final Path stopped;

	private final Path kernel;

	public LastBoot(Path stateDir) {
		this(stateDir, KERNEL);
	}

	LastBoot(Path stateDir, Path kernel) {
		this.file = stateDir.resolve(FILE);
		this.stopped = stateDir.resolve(STOPPED);
		this.kernel = kernel;
	}

	/** Whether the machine booted since the boot last {@linkplain #record recorded}; false when either is unknown. */
	public boolean rebootedSince() {
		Optional<String> now = read(kernel);
		Optional<String> then = read(file);
		return now.isPresent() && then.isPresent() && !now.equals(then);
	}

	/** Whether the processes were down on purpose since the last reconciliation: a reboot, or a stop on exit. */
	public boolean downOnPurpose() {
		return rebootedSince() || Files.exists(stopped);
	}

	/** The agent stopped the generation's processes itself (see {@link #downOnPurpose}). */
	public void recordStoppedOnExit() {
		AtomicFiles.write(stopped, new byte[0], false);
	}

	/** Records the current boot (nothing where the kernel does not tell it); the processes run again. */
	public void record() {
		read(kernel).ifPresent(id -> AtomicFiles.write(file, (id + "\n").getBytes(StandardCharsets.UTF_8), false));
		try {
			Files.deleteIfExists(stopped);
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException("cannot remove " + stopped, e);
		}
	}

	private static Optional<String> read(Path path) {
		try {
			String id = Files.readString(path).strip();
			return id.isEmpty() ? Optional.empty() : Optional.of(id);
		}
		catch (IOException e) {
			return Optional.empty();
		}
	}

}
