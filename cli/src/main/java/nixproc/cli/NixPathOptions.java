package nixproc.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nixproc.network.NixEvaluator;
import nixproc.nix.NixModels;
import picocli.CommandLine.Option;

/**
 * {@code -I}: nix-instantiate's search path option, for {@code .nix} models that import {@code <nixpkgs>} and the
 * like. The entries come before those of {@code NIX_PATH}, as with nix-instantiate; evaluation may read only them,
 * the model's root ({@code --model-root}) and nixproc's library.
 */
public final class NixPathOptions {

	@Option(names = { "-I", "--nix-path" }, paramLabel = "[NAME=]PATH",
			description = "Add to the Nix search path of .nix models, as nix-instantiate -I (e.g. nixpkgs=/src/nixpkgs); "
					+ "searched before NIX_PATH. Repeatable.")
	List<String> includes = new ArrayList<>();

	@Option(names = "--model-root", paramLabel = "DIR",
			description = "Let .nix models read files below DIR, e.g. constructors in parent directories (default: the "
					+ "nearest enclosing version-control root, else the model's directory).")
	Optional<Path> modelRoot = Optional.empty();

	@Option(names = "--extra-params", paramLabel = "ATTRS",
			description = "Extra arguments for the model, as a JSON object or a Nix attribute set (e.g. '{ webappMode = \"foreground\"; }'); "
					+ "the model receives those it declares.")
	Optional<String> extraParams = Optional.empty();

	@Option(names = "--show-trace", description = "On a Nix evaluation error, show Nix's whole message and trace.")
	boolean showTrace;

	/** The models reader with the checked {@code -I} entries and {@code NIX_PATH}. */
	NixModels models() {
		checkIncludes();
		return NixModels.fromEnvironment(includes).withModelRoot(modelRoot).withShowTrace(showTrace).withExtraParams(extraParams);
	}

	/** The checked {@code -I} entries, then {@code NIX_PATH}'s, directories absolute: a network model's search path. */
	public List<String> searchPath() {
		checkIncludes();
		return NixModels.searchPath(includes);
	}

	/** {@code --extra-params}, if given. */
	public Optional<String> extraParams() {
		return extraParams;
	}

	/** {@code --show-trace}. */
	public boolean showTrace() {
		return showTrace;
	}

	/** {@code --model-root}, if given. */
	public Optional<Path> modelRoot() {
		return modelRoot;
	}

	private void checkIncludes() {
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
	}

}
