package nixproc.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import nixproc.backend.GeneratedFiles;

/** Writes generated files to {@code --out}, or to a new directory whose path is printed (the seed prints its store path). */
final class OutputDirectory {

	private OutputDirectory() {
	}

	/** Called only once generation succeeded, so bad input never leaves a directory behind. */
	static Path write(GeneratedFiles files, Optional<Path> out, String prefix) {
		try {
			Path dir = out.isPresent() ? Files.createDirectories(out.get()) : Files.createTempDirectory(prefix);
			files.writeTo(dir);
			return dir;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
