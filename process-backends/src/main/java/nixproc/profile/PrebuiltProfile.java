package nixproc.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import nixproc.backend.DysnomiaCredentials;
import nixproc.backend.GeneratedFile;
import nixproc.backend.GeneratedFiles;
import nixproc.model.ModelException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A profile on disk outside a profile's generations, as {@code nixproc build} writes it, that {@code nixproc switch}
 * activates (the seed's {@code nixproc-<pm>-deploy} of a built profile): the generated files plus
 * {@value #DESCRIPTION}, which names the backend and holds each instance's entry (dependencies, readiness, PID
 * file, …). Reading it back recomputes each instance's hash from its files as they are now, so a file edited since
 * the build restarts its instance.
 */
public final class PrebuiltProfile {

	/** The description's file name in the profile directory. */
	public static final String DESCRIPTION = "nixproc-profile.json";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/** What {@value #DESCRIPTION} holds. */
	record Description(int formatVersion, String backend, List<InstanceEntry> instances) {

		static final int FORMAT_VERSION = 1;

		Description {
			instances = List.copyOf(instances);
		}

	}

	private PrebuiltProfile() {
	}

	/** The profile's files and its description, to write to a directory. */
	public static GeneratedFiles files(BuiltProfile profile) {
		Description description = new Description(Description.FORMAT_VERSION, profile.backend(), profile.instances());
		return GeneratedFiles.builder().addAll(profile.files())
			.add(DESCRIPTION, GeneratedFile.text(JSON.writeValueAsString(description) + "\n", false))
			.build();
	}

	public static boolean isPrebuilt(Path directory) {
		return Files.isRegularFile(directory.resolve(DESCRIPTION));
	}

	/**
	 * Reads a directory {@link #files} wrote.
	 * @throws ModelException naming the directory when it holds no description, or one this nixproc cannot read
	 */
	public static BuiltProfile read(Path directory) {
		Path file = directory.resolve(DESCRIPTION);
		Description description;
		try {
			description = JSON.readValue(Files.readString(file), Description.class);
		}
		catch (IOException | JacksonException e) {
			throw new ModelException("", "cannot read the built profile " + directory + " (" + DESCRIPTION + ": " + e.getMessage()
					+ "); build it with nixproc build");
		}
		if (description.formatVersion() > Description.FORMAT_VERSION) {
			throw new ModelException("", file + " has format version " + description.formatVersion() + "; this nixproc reads up to "
					+ Description.FORMAT_VERSION);
		}
		GeneratedFiles.Builder builder = GeneratedFiles.builder();
		GeneratedFiles.readFrom(directory).files().forEach((path, generated) -> {
			if (!path.equals(DESCRIPTION)) {
				builder.add(path, generated);
			}
		});
		GeneratedFiles files = builder.build();
		List<InstanceEntry> instances = new ArrayList<>();
		for (InstanceEntry entry : description.instances()) {
			GeneratedFiles.Builder own = GeneratedFiles.builder();
			for (String path : entry.files()) {
				GeneratedFile generated = files.files().get(path);
				if (generated == null) {
					throw new ModelException("", "the built profile " + directory + " lacks " + path + " of instance " + entry.name());
				}
				own.add(path, generated);
			}
			instances.add(new InstanceEntry(entry.name(), ProfileBuilder.hash(own.build()), entry.dependencies(), entry.files(),
					entry.pidFile(), entry.readiness(), entry.user(), entry.logFile()));
		}
		return new BuiltProfile(description.backend(), files, instances, DysnomiaCredentials.read(files));
	}

}
