package nixproc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.nix.NixModelArguments;
import nixproc.nix.NixModels;
import nixproc.nix.StorePaths;
import nixproc.process.Layout;
import nixproc.run.ProcessCommandRunner;

/**
 * A processes model file in any of its formats: JSON, YAML, or Nix (evaluated with the command's directories and
 * process manager, as {@code nixproc-build} calls {@code processes.nix}).
 */
final class NixModelFiles {

	/**
	 * The model, the bytes it was read from (for Nix, the evaluated JSON), which {@code switch} hashes, and the Nix
	 * store paths it refers to.
	 */
	record Read(ProcessesModel model, byte[] bytes, List<String> storePaths) {

		/**
		 * Builds the store paths and roots them in {@code rootDir}; the error text when that failed. Nothing to do
		 * for JSON, YAML and Nix models that refer to no store path.
		 */
		Optional<String> realise(Path rootDir) {
			try {
				StorePaths.realise(new ProcessCommandRunner(), storePaths, rootDir);
				return Optional.empty();
			}
			catch (IllegalStateException | java.io.UncheckedIOException e) {
				return Optional.of(e.getMessage());
			}
		}

	}

	private NixModelFiles() {
	}

	/** The variable the seed's tools read the model from when none is given. */
	static final String PROCESSES_VARIABLE = "NIXPROC_PROCESSES";

	/** The model given, else {@code NIXPROC_PROCESSES}, as the seed's tools take it; else a usage error. */
	static Path model(Optional<Path> given) {
		return model(given, "");
	}

	/** As {@link #model(Optional)}; {@code otherwise} names what the command takes instead, for the message. */
	static Path model(Optional<Path> given, String otherwise) {
		return given.or(() -> Optional.ofNullable(System.getenv(PROCESSES_VARIABLE)).filter(v -> !v.isBlank()).map(Path::of))
			.orElseThrow(() -> new UsageException("MODEL: give a processes model (or " + otherwise + "set " + PROCESSES_VARIABLE + ")"));
	}

	static ProcessesModel readProcesses(Path file, Layout layout, String processManager, NixModels nix) {
		return read(file, layout, processManager, false, nix).model();
	}

	/** With {@code forSwitch}, a Nix model that refers to store paths is evaluated again writing its derivations. */
	static Read read(Path file, Layout layout, String processManager, boolean forSwitch, NixModels nix) {
		if (NixModels.isNix(file)) {
			NixModelArguments arguments = NixModelArguments.of(layout, processManager);
			NixModels.Evaluated evaluated = nix.evaluate(file, arguments, false);
			// read-only first: only a model with store paths needs a writable store, and only to switch
			if (forSwitch && !evaluated.storePaths().isEmpty()) {
				evaluated = nix.evaluate(file, arguments, true);
			}
			return new Read(ModelReader.readProcesses(evaluated.json(), false), evaluated.json().getBytes(StandardCharsets.UTF_8),
					evaluated.storePaths());
		}
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException e) {
			throw new UsageException("MODEL: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
		}
		// parse the bytes we hash, so a file edited while we run cannot give a profile that disagrees with its hash
		Path absolute = file.toAbsolutePath();
		return new Read(ModelReader.readProcesses(new String(bytes, StandardCharsets.UTF_8), !file.toString().endsWith(".json"),
				absolute.getParent() == null ? absolute : absolute.getParent()), bytes, List.of());
	}

}
