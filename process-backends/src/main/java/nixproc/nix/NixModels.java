package nixproc.nix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import nixproc.deployment.NixEvaluator;
import nixproc.model.ModelException;
import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code processes.nix}: a wrapper expression in a temporary directory imports the model, calls it with the
 * intersection of its formal arguments and {@link NixModelArguments} ({@code builtins.functionArgs}, as the seed's
 * {@code build-*-env.nix}), and {@link NixEvaluator} evaluates it in restricted mode with the model's directory
 * and the library readable. The JSON goes through {@link ModelReader}, so a Nix model is checked exactly like its
 * YAML twin.
 */
public final class NixModels {

	/** Where {@code <nixproc>} points when set; otherwise the {@code nix/} directory of the installation. */
	public static final String LIBRARY_VARIABLE = "NIXPROC_NIX";

	private static final String WRAPPER = """
			let
			  model = import @MODEL@;
			  args = builtins.fromJSON (builtins.readFile ./arguments.json);
			  # only the declared arguments, so a model's own defaults (ids ? import ./ids.nix …) still apply
			  result = if builtins.isFunction model then model (builtins.intersectAttrs (builtins.functionArgs model) args) else model;
			in
			  if builtins.isAttrs result then result
			  else throw "a processes model evaluates to an attribute set of instances, not a ${builtins.typeOf result}"
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final NixEvaluator nix;

	private final Optional<Path> library;

	public NixModels(NixEvaluator nix, Optional<Path> library) {
		this.nix = nix;
		this.library = library;
	}

	/** Nix from the PATH, the library from {@value #LIBRARY_VARIABLE} or next to the installation. */
	public static NixModels fromEnvironment() {
		return new NixModels(NixEvaluator.fromPath(), locateLibrary());
	}

	public static boolean isNix(Path model) {
		return model.getFileName() != null && model.getFileName().toString().endsWith(".nix");
	}

	/** Evaluates and reads a processes model; every failure is a {@link ModelException} at {@code /}. */
	public ProcessesModel read(Path model, NixModelArguments arguments) {
		return ModelReader.readProcesses(evaluate(model, arguments), false);
	}

	/** The model's JSON, as {@code nix-instantiate --eval --strict --json} printed it. */
	public String evaluate(Path model, NixModelArguments arguments) {
		if (!nix.available()) {
			throw new ModelException("", NixEvaluator.UNAVAILABLE);
		}
		Path file = model.toAbsolutePath().normalize();
		if (!Files.isRegularFile(file)) {
			throw new ModelException("", "cannot read " + model + ": no such file");
		}
		Path dir = null;
		try {
			dir = Files.createTempDirectory("nixproc-processes-");
			Files.writeString(dir.resolve("arguments.json"), JSON.writeValueAsString(arguments.asMap()),
					StandardCharsets.UTF_8);
			Files.writeString(dir.resolve("evaluate.nix"), WRAPPER.replace("@MODEL@", nixPath(file)),
					StandardCharsets.UTF_8);
			List<String> searchPath = new ArrayList<>();
			searchPath.add(file.getParent().toString());
			library.ifPresent(lib -> searchPath.add("nixproc=" + lib));
			NixEvaluator.Result result = nix.evaluate(dir.resolve("evaluate.nix"), searchPath);
			if (result instanceof NixEvaluator.Failed failed) {
				throw new ModelException("", "Nix evaluation of " + model + " failed: " + failed.message());
			}
			return ((NixEvaluator.Json) result).text();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			delete(dir);
		}
	}

	/** A Nix path literal; paths with characters a literal cannot hold go through a string. */
	private static String nixPath(Path file) {
		String text = file.toString();
		if (text.matches("[A-Za-z0-9._+/-]+")) {
			return text;
		}
		return "(/. + \"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\")";
	}

	/**
	 * {@value #LIBRARY_VARIABLE}, else the first {@code nix/default.nix} above the code's own location (the
	 * repository in development, the installation directory once packaged).
	 */
	static Optional<Path> locateLibrary() {
		String variable = System.getenv(LIBRARY_VARIABLE);
		if (variable != null && !variable.isBlank()) {
			return Optional.of(Path.of(variable).toAbsolutePath());
		}
		java.security.CodeSource source = NixModels.class.getProtectionDomain().getCodeSource();
		if (source == null) {
			return Optional.empty();
		}
		try {
			Path here = Path.of(source.getLocation().toURI());
			for (Path dir = here; dir != null; dir = dir.getParent()) {
				if (Files.isRegularFile(dir.resolve("nix/default.nix"))) {
					return Optional.of(dir.resolve("nix"));
				}
			}
		}
		catch (URISyntaxException | IllegalArgumentException e) {
			// a code source that is not a file: models that import <nixproc> then get Nix's own "not found" message
		}
		return Optional.empty();
	}

	private static void delete(Path dir) {
		if (dir == null) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			// a leftover temporary directory is harmless; the evaluation's outcome matters more
		}
	}

}
