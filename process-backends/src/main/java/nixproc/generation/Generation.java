package nixproc.generation;

import java.nio.file.Path;

/** A generation on disk: its number, its directory (the built profile) and its manifest. */
public record Generation(int number, Path directory, Manifest manifest) {
}
