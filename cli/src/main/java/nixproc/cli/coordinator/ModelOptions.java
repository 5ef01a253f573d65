package nixproc.cli.coordinator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import nixproc.network.CanonicalForm;
import nixproc.network.DeploymentReader;
import nixproc.network.Format;
import nixproc.network.NixEvaluator;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What to deploy or plan: Disnix's three models as files ({@code -s -i -d}, as {@code disnix-env}), a directory
 * holding them under their usual names, or a model-service revision. The files are read and checked here, so bad input fails before the network is asked,
 * and sent in their canonical form (Nix evaluated with this machine's {@code nix-instantiate} and search path); only
 * when a Nix model is given and this machine has no Nix do they go as text, for the coordinator to evaluate.
 */
final class ModelOptions {

	@Option(names = { "-s", "--services" }, paramLabel = "FILE", description = "The services model (.nix, .yaml, .json).")
	Optional<Path> services = Optional.empty();

	@Option(names = { "-i", "--infrastructure" }, paramLabel = "FILE", description = "The infrastructure model.")
	Optional<Path> infrastructure = Optional.empty();

	@Option(names = { "-d", "--distribution" }, paramLabel = "FILE", description = "The distribution model.")
	Optional<Path> distribution = Optional.empty();

	@Option(names = "--id-resources", paramLabel = "FILE", description = "The ID resources model, if services need IDs.")
	Optional<Path> idResources = Optional.empty();

	@Parameters(arity = "0..1", paramLabel = "DIR",
			description = "A directory holding services, infrastructure and distribution models (and idresources, if "
					+ "any), each once, as .nix, .yaml, .yml or .json (e.g. examples/network).")
	Optional<Path> directory = Optional.empty();

	/** The file names a model directory holds, by option. */
	static final java.util.Map<String, String> NAMES = java.util.Map.of("-s/--services", "services",
			"-i/--infrastructure", "infrastructure", "-d/--distribution", "distribution", "--id-resources",
			"idresources");

	@Option(names = "--revision", paramLabel = "ID",
			description = "A model-service revision to deploy instead of files (the coordinator fetches it).")
	Optional<String> revision = Optional.empty();

	/** The request body's source: {@code {"revisionId": …}} or {@code {"models": …}}. */
	ObjectNode body() {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		directory.ifPresent(this::fromDirectory);
		boolean anyFile = Stream.of(services, infrastructure, distribution, idResources).anyMatch(Optional::isPresent);
		if (revision.isPresent()) {
			if (anyFile) {
				throw CoordinatorOptions.usage("--revision: give a revision or model files, not both");
			}
			body.put("revisionId", revision.get());
			return body;
		}
		List<String> missing = new ArrayList<>();
		services.ifPresentOrElse(f -> { }, () -> missing.add("-s/--services"));
		infrastructure.ifPresentOrElse(f -> { }, () -> missing.add("-i/--infrastructure"));
		distribution.ifPresentOrElse(f -> { }, () -> missing.add("-d/--distribution"));
		if (!missing.isEmpty()) {
			throw CoordinatorOptions.usage("missing " + String.join(", ", missing)
					+ " (give the services, infrastructure and distribution models, or --revision)");
		}
		body.set("models", models(services.get(), infrastructure.get(), distribution.get()));
		return body;
	}

	/** Fills the models from {@code dir}; each must be there once, and not given as a file too. */
	private void fromDirectory(Path dir) {
		if (!java.nio.file.Files.isDirectory(dir)) {
			throw CoordinatorOptions.usage("DIR: " + dir + " is not a directory of models");
		}
		if (revision.isPresent()) {
			throw CoordinatorOptions.usage("--revision: give a revision or a directory of models, not both");
		}
		services = inDirectory(dir, "-s/--services", services, true);
		infrastructure = inDirectory(dir, "-i/--infrastructure", infrastructure, true);
		distribution = inDirectory(dir, "-d/--distribution", distribution, true);
		idResources = inDirectory(dir, "--id-resources", idResources, false);
	}

	private static Optional<Path> inDirectory(Path dir, String option, Optional<Path> given, boolean required) {
		String name = NAMES.get(option);
		List<Path> found = Stream.of(".nix", ".yaml", ".yml", ".json").map(extension -> dir.resolve(name + extension))
			.filter(java.nio.file.Files::isRegularFile)
			.toList();
		if (given.isPresent()) {
			if (!found.isEmpty()) {
				throw CoordinatorOptions.usage(option + ": " + dir + " holds " + found.get(0).getFileName()
						+ " already; give the directory or the file");
			}
			return given;
		}
		if (found.size() > 1) {
			throw CoordinatorOptions.usage("DIR: " + dir + " holds " + found.stream().map(f -> f.getFileName().toString())
				.toList() + "; keep one " + name + " model there, or choose with " + option);
		}
		if (found.isEmpty() && required) {
			throw CoordinatorOptions.usage("DIR: " + dir + " holds no " + name + " model (" + name
					+ ".nix, .yaml, .yml or .json)");
		}
		return found.stream().findFirst();
	}

	private JsonNode models(Path s, Path i, Path d) {
		ObjectNode set = DeploymentReader.modelSetOfFiles(s, i, d, idResources);
		// <nixproc>: network models may use nixproc's Nix library, as processes models do
		NixEvaluator nix = NixEvaluator.fromPath().withLibrary(nixproc.nix.NixModels.locateLibrary()
			.map(library -> List.of("nixproc=" + library)).orElse(List.of()));
		boolean needsNix = Stream.concat(Stream.of(s, i, d), idResources.stream())
			.anyMatch(f -> Format.of(f) == Format.NIX);
		if (needsNix && !nix.available()) {
			return set;
		}
		return CanonicalForm.toJson(DeploymentReader.readValidFiles(s, i, d, idResources, nix));
	}

}
