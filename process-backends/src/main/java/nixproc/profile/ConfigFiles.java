package nixproc.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import nixproc.backend.GeneratedFile;
import nixproc.backend.GeneratedFiles;
import nixproc.model.ConfigFile;
import nixproc.model.ModelException;
import nixproc.model.Problem;
import nixproc.process.NormalisedProcess;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model's {@code configFiles} (nixproc's answer to the seed's config files in the Nix store): kept in the
 * generation under {@code nixproc-config/<instance>/}, so that they count in the instance's content hash (a changed
 * nginx.conf restarts nginx), and written to their target paths just before the instance starts, so that the
 * running instance always reads the configuration of the generation it belongs to, also after a rollback.
 */
public final class ConfigFiles {

	static final String DIRECTORY = "nixproc-config/";

	private static final String INDEX = "index.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One file: where it goes, its copy in the generation, its permissions as octal text. */
	record Target(String path, String source, String mode) {
	}

	record Index(List<Target> files) {
	}

	private ConfigFiles() {
	}

	/** The generation files for one instance's config files; none when it has none. */
	static GeneratedFiles generate(String instance, NormalisedProcess process) {
		if (process.configFiles().isEmpty()) {
			return GeneratedFiles.empty();
		}
		GeneratedFiles.Builder files = GeneratedFiles.builder();
		List<Target> targets = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		for (int i = 0; i < process.configFiles().size(); i++) {
			ConfigFile file = process.configFiles().get(i);
			// they hold passwords and keys: the instance's alone unless the model says otherwise (#17)
			String mode = file.mode().orElse("0600");
			if (!file.path().startsWith("/")) {
				problems.add(new Problem("/configFiles/" + i + "/path",
						"must be absolute after placeholders (use ${stateDir}/…), got '" + file.path() + "'"));
			}
			if (!mode.matches("0?[0-7]{3}")) {
				problems.add(new Problem("/configFiles/" + i + "/mode", "must be octal such as 0640, got '" + mode + "'"));
			}
			String source = DIRECTORY + instance + "/" + i;
			files.add(source, new GeneratedFile.Regular(file.content().getBytes(StandardCharsets.UTF_8), false));
			targets.add(new Target(file.path(), source, mode));
		}
		if (!problems.isEmpty()) {
			throw new ModelException(problems);
		}
		files.text(DIRECTORY + instance + "/" + INDEX, JSON.writeValueAsString(new Index(targets)), false);
		return files.build();
	}

	/**
	 * Writes the config files of {@code instances} to their targets, each atomically (a rename into place) and without
	 * following a symbolic link anywhere on its path ({@link NoFollowWrite}): a directory an instance's user owns may
	 * hold links, and root must not write through them (issue 17).
	 */
	public static void materialise(ProfileGeneration generation, List<InstanceEntry> instances) {
		for (InstanceEntry instance : instances) {
			String index = DIRECTORY + instance.name() + "/" + INDEX;
			if (!instance.files().contains(index)) {
				continue;
			}
			try {
				Index targets = JSON.readValue(Files.readString(generation.directory().resolve(index)), Index.class);
				for (Target target : targets.files()) {
					NoFollowWrite.write(Files.readAllBytes(generation.directory().resolve(target.source())),
							Path.of(target.path()), permissions(Integer.parseInt(target.mode(), 8)), instance.user());
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot write the config files of " + instance.name() + ": " + ex.getMessage(), ex);
			}
		}
	}

	private static Set<PosixFilePermission> permissions(int bits) {
		Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
		PosixFilePermission[] order = { PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
				PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.OWNER_READ };
		for (int i = 0; i < order.length; i++) {
			if ((bits & (1 << i)) != 0) {
				set.add(order[i]);
			}
		}
		return set;
	}

}
