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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What to deploy or plan: Disnix's three models as files ({@code -s -i -d}, as {@code disnix-env}), or a
 * model-service revision. The files are read and checked here, so bad input fails before the network is asked,
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

	@Option(names = "--revision", paramLabel = "ID",
			description = "A model-service revision to deploy instead of files (the coordinator fetches it).")
	Optional<String> revision = Optional.empty();

	/** The request body's source: {@code {"revisionId": …}} or {@code {"models": …}}. */
	ObjectNode body() {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
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

	private JsonNode models(Path s, Path i, Path d) {
		ObjectNode set = DeploymentReader.modelSetOfFiles(s, i, d, idResources);
		NixEvaluator nix = NixEvaluator.fromPath();
		boolean needsNix = Stream.concat(Stream.of(s, i, d), idResources.stream())
			.anyMatch(f -> Format.of(f) == Format.NIX);
		if (needsNix && !nix.available()) {
			return set;
		}
		return CanonicalForm.toJson(DeploymentReader.readValid(set, nix));
	}

}
