package nixproc.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import nixproc.network.NixEvaluator;
import nixproc.nix.NixModels;
import picocli.CommandLine.Option;

/**
 * {@code -I}: nix-instantiate's search path option, for {@code .nix} models that import {@code <nixpkgs>} and the
 * like. The entries come before those of {@code NIX_PATH}, as with nix-instantiate; evaluation may read only them,
 * the model's directory and nixproc's library.
 */
final class NixPathOptions {

	@Option(names = { "-I", "--nix-path" }, paramLabel = "[NAME=]PATH",
			description = "Add to the Nix search path of .nix models, as nix-instantiate -I (e.g. nixpkgs=/src/nixpkgs); "
					+ "searched before NIX_PATH. Repeatable.")
	List<String> includes = new ArrayList<>();

	/** The models reader with the checked {@code -I} entries and {@code NIX_PATH}. */
	NixModels models() {
		for (String entry : includes) {
			int equals = entry.indexOf('=');
			String name = equals < 0 ? "" : entry.substring(0, equals);
			String place = entry.substring(equals + 1);
			if (place.isEmpty() || (equals >= 0 && name.isEmpty())) {
				throw new UsageException("-I: expected PATH or NAME=PATH, got '" + entry + "'");
			}
			// Nix itself would only warn and ignore it, and the model would then fail with "not found"
			if (!NixEvaluator.isUrl(place) && !Files.exists(Path.of(place))) {
				throw new UsageException("-I " + entry + ": " + place + " does not exist");
			}
		}
		return NixModels.fromEnvironment(includes);
	}

}
