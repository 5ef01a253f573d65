package nixproc.backend.supervisord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import nixproc.backend.DriverContext;
import nixproc.backend.GeneratedFile;
import nixproc.backend.GeneratedFiles;
import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.BuiltProfile;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.run.ProcessCommandRunner;

/** The seed's examples, layouts under a temporary state directory, and generations written to disk. */
final class SupervisordFixtures {

	static final SupervisordBackend BACKEND = new SupervisordBackend();

	private SupervisordFixtures() {
	}

	static ProcessesModel example(String name) {
		return ModelReader.readProcesses(Path.of("src/test/resources/examples/" + name));
	}

	static Layout unprivileged(String stateDir) {
		return new Layout(StateDirs.derive(stateDir, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
				true);
	}

	static String text(GeneratedFiles files, String path) {
		GeneratedFile file = files.files().get(path);
		if (!(file instanceof GeneratedFile.Regular regular)) {
			throw new AssertionError(path + " was not generated; got " + files.files().keySet());
		}
		return new String(regular.content(), java.nio.charset.StandardCharsets.UTF_8);
	}

	/** Builds the model into generation {@code number} of the profile {@code <stateDir>/profiles/p}. */
	static ProfileGeneration generation(ProcessesModel model, Layout layout, Path stateDir, int number) {
		BuiltProfile built = ProfileBuilder.build(model, BACKEND, layout);
		Path dir = stateDir.resolve("profiles/p/" + number);
		built.files().writeTo(dir);
		return new ProfileGeneration(number, dir, new ProfileManifest(ProfileManifest.FORMAT_VERSION, number, "supervisord", Instant.EPOCH, "test",
				built.instances(), ProfileManifest.AccountNames.NONE));
	}

	static DriverContext context(Layout layout) {
		return new DriverContext(layout, new ProcessCommandRunner(), false);
	}

	static void delete(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
