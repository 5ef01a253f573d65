package nixproc.switching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How many starts run at once, seen from the starts themselves: an instance's {@code initialize} (part of its start)
 * marks itself active in {@code <dir>/active}, appends how many are active to a counts file, holds the start for a
 * second and unmarks itself. The largest count is how many starts overlapped. Shared by the parallelism tests of the
 * switch, the agent and the coordinator (process-backends' test-jar).
 */
public record StartOverlap(Path dir) {

	public StartOverlap {
		try {
			Files.createDirectories(dir.resolve("active"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The {@code initialize} of instance {@code name}, appending its count to the counts file {@code run}. */
	public String initialize(String name, String run) {
		String active = dir.resolve("active").resolve(name).toString();
		return "mkdir '" + active + "'\nls '" + dir.resolve("active") + "' | wc -l | tr -d ' ' >> '" + dir.resolve(run)
				+ "'\nsleep 1\nrmdir '" + active + "'";
	}

	/** The counts the starts appended to {@code run}, in the order they were written. */
	public List<Integer> counts(String run) {
		try {
			return Files.readAllLines(dir.resolve(run)).stream().map(l -> Integer.parseInt(l.trim())).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
