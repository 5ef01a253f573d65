package nixproc.agent.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kernel's boot id when the agent last reconciled ({@code <stateDir>/boot-id}). It tells a machine that restarted
 * since — every process is gone, as expected — from an agent that was restarted on a running machine, where a
 * process of the generation that no longer runs has failed.
 */
public final class LastBoot {

	static final String FILE = "boot-id";

	/** Linux: a random id chosen at every boot. */
	private static final Path KERNEL = Path.of("/proc/sys/kernel/random/boot_id");

	private final Path file;

	private final Path kernel;

	public LastBoot(Path stateDir) {
		this(stateDir, KERNEL);
	}

	LastBoot(Path stateDir, Path kernel) {
		this.file = stateDir.resolve(FILE);
		this.kernel = kernel;
	}

	/** Whether the machine booted since the boot last {@linkplain #record recorded}; false when either is unknown. */
	public boolean rebootedSince() {
		Optional<String> now = read(kernel);
		Optional<String> then = read(file);
		return now.isPresent() && then.isPresent() && !now.equals(then);
	}

	/** Records the current boot (nothing where the kernel does not tell it). */
	public void record() {
		read(kernel).ifPresent(id -> AtomicFiles.write(file, (id + "\n").getBytes(StandardCharsets.UTF_8), false));
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
