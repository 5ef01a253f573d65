package nixproc.cli.testdriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test-side file helpers for the extension. */
final class TestDriverAccess {

	private TestDriverAccess() {
	}

	static void delete(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			// a leftover directory of a passed test costs disk space, not correctness
		}
	}

}
