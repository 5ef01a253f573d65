package nixproc.profile;

import java.nio.file.Path;

/**
 * A generation of a local profile on disk: its number, its directory (the built profile) and its manifest. Not the
 * coordinator's committed network generation ({@code nixproc.coordinator.generation.Generation}).
 */
public record ProfileGeneration(int number, Path directory, ProfileManifest manifest) {
}
