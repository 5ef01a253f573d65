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

import nixproc.model.ModelException;
import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.network.NixEvaluator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code processes.nix}: a wrapper expression in a temporary directory imports the model, calls it with the
 * intersection of its formal arguments and {@link NixModelArguments} ({@code builtins.functionArgs}, as the seed's
 * {@code build-*-env.nix}), and {@link NixEvaluator} evaluates it in restricted mode with the model's directory,
 * the library ({@code <nixproc>}) and the user's search path ({@code -I}, {@code NIX_PATH}: {@code <nixpkgs>})
 * readable. The JSON goes through {@link ModelReader}, so a Nix model is checked exactly like its
 * YAML twin.
 */
public final class NixModels {

	/** Where {@code <nixproc>} points when set; otherwise the {@code nix/} directory of the installation. */
	public static final String LIBRARY_VARIABLE = "NIXPROC_NIX";

	private static final String WRAPPER = """
			let
			  imported = import @MODEL@;
			  args = builtins.fromJSON (builtins.readFile ./arguments.json);
			  # only the declared arguments, so a model's own defaults (ids ? import ./ids.nix …) still apply
			  result = if builtins.isFunction imported then imported (builtins.intersectAttrs (builtins.functionArgs imported) args) else imported;
			  model = if builtins.isAttrs result then result
			    else throw "a processes model evaluates to an attribute set of instances, not a ${builtins.typeOf result}";
			  # the store paths the model's strings refer to (toJSON keeps string context): derivation outputs as
			  # drv!output, other store paths as they are
			  context = builtins.getContext (builtins.toJSON model);
			  storePaths = builtins.concatLists (map (path: let c = context.${path}; in
			    (if c.path or false then [ path ] else [ ]) ++ map (output: "${path}!${output}") (c.outputs or [ ]))
			    (builtins.attrNames context));
			in
			  { inherit model storePaths; }
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final NixEvaluator nix;

	private final Optional<Path> library;

	private final List<String> searchPath;

	/**
	 * @param searchPath {@code -I} entries ({@code nixpkgs=/dir}, {@code /dir} or a URL) with absolute directories,
	 * searched after the model's directory and the library
	 */
	public NixModels(NixEvaluator nix, Optional<Path> library, List<String> searchPath) {
		this.nix = nix;
		this.library = library;
		this.searchPath = List.copyOf(searchPath);
	}

	public NixModels(NixEvaluator nix, Optional<Path> library) {
		this(nix, library, List.of());
	}

	/**
	 * Nix from the PATH, the library from {@value #LIBRARY_VARIABLE} or next to the installation, and the search
	 * path nix-instantiate would use: {@code includes} (the command's {@code -I}) before the entries of
	 * {@code NIX_PATH}, relative directories taken from the working directory.
	 */
	public static NixModels fromEnvironment(List<String> includes) {
		List<String> entries = new ArrayList<>(includes);
		entries.addAll(NixEvaluator.parseNixPath(Optional.ofNullable(System.getenv("NIX_PATH")).orElse("")));
		return new NixModels(NixEvaluator.fromPath(), locateLibrary(), entries.stream().map(NixEvaluator::absolute).toList());
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
		return evaluate(model, arguments, false).json();
	}

	/**
	 * An evaluated model: its JSON and the store paths it refers to ({@code /nix/store/…drv!out} for derivation
	 * outputs), which {@link StorePaths#realise} builds before a switch.
	 */
	public record Evaluated(String json, List<String> storePaths) {

		public Evaluated {
			storePaths = List.copyOf(storePaths);
		}

	}

	/** With {@code writeDerivations}, the derivations are written to the store so that they can be realised. */
	public Evaluated evaluate(Path model, NixModelArguments arguments, boolean writeDerivations) {
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
			Files.writeString(dir.resolve("evaluate.nix"), WRAPPER.replace("@MODEL@", NixEvaluator.pathLiteral(file)),
					StandardCharsets.UTF_8);
			List<String> entries = new ArrayList<>();
			entries.add(file.getParent().toString());
			library.ifPresent(lib -> entries.add("nixproc=" + lib));
			entries.addAll(searchPath);
			NixEvaluator.Result result = nix.evaluate(dir.resolve("evaluate.nix"), entries, writeDerivations);
			if (result instanceof NixEvaluator.Failed failed) {
				throw new ModelException("", "Nix evaluation of " + model + " failed: " + failed.message());
			}
			JsonNode both = JSON.readTree(((NixEvaluator.Json) result).text());
			List<String> storePaths = new ArrayList<>();
			both.get("storePaths").forEach(path -> storePaths.add(path.asString()));
			return new Evaluated(JSON.writeValueAsString(both.get("model")), storePaths);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			delete(dir);
		}
	}

	/**
	 * {@value #LIBRARY_VARIABLE}; else {@code $NIXPROC_HOME/nix} (the {@code nixproc} launcher sets
	 * {@code NIXPROC_HOME} to its installation); else the first {@code nix/default.nix} above the code's own
	 * location (the repository in development, the installation directory once packaged; inside a Boot jar, the
	 * jar's).
	 */
	public static Optional<Path> locateLibrary() {
		String variable = System.getenv(LIBRARY_VARIABLE);
		if (variable != null && !variable.isBlank()) {
			return Optional.of(Path.of(variable).toAbsolutePath());
		}
		String home = System.getenv("NIXPROC_HOME");
		if (home != null && !home.isBlank() && Files.isRegularFile(Path.of(home, "nix", "default.nix"))) {
			return Optional.of(Path.of(home, "nix").toAbsolutePath());
		}
		return codeLocation().flatMap(here -> {
			for (Path dir = here; dir != null; dir = dir.getParent()) {
				if (Files.isRegularFile(dir.resolve("nix/default.nix"))) {
					return Optional.of(dir.resolve("nix"));
				}
			}
			return Optional.empty();
		});
	}

	/**
	 * The file this class was loaded from: a directory or jar, or the outer jar of a Boot jar's nested one
	 * ({@code jar:nested:/x/nixproc-exec.jar/!BOOT-INF/lib/…}); empty when it is not a file.
	 */
	static Optional<Path> codeLocation() {
		java.security.CodeSource source = NixModels.class.getProtectionDomain().getCodeSource();
		if (source == null) {
			return Optional.empty();
		}
		String location = source.getLocation().toString();
		try {
			if (location.startsWith("jar:")) {
				location = location.substring("jar:".length());
			}
			if (location.startsWith("nested:")) {
				String outer = location.substring("nested:".length());
				int end = outer.indexOf("/!");
				return Optional.of(Path.of(java.net.URLDecoder.decode(end < 0 ? outer : outer.substring(0, end),
						StandardCharsets.UTF_8)));
			}
			return Optional.of(Path.of(new java.net.URI(location.endsWith("!/")
					? location.substring(0, location.length() - 2) : location)));
		}
		catch (URISyntaxException | IllegalArgumentException e) {
			// a code source that is not a file: models that import <nixproc> then get Nix's own "not found" message
			return Optional.empty();
		}
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
