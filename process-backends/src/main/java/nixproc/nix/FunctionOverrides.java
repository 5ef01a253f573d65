package nixproc.nix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.backend.OverridableGenerator;
import nixproc.model.BackendKind;
import nixproc.model.ModelException;
import nixproc.model.ModelReader;
import nixproc.model.Pointers;
import nixproc.model.Problem;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.NormalisedProcess;
import nixproc.process.Normaliser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's function overrides ({@code overrides.sysvinit = args: args // { … }}): a function of the parameters
 * the backend generates, whose result replaces them. The Nix library cannot generate those; on a first evaluation
 * it marks each process whose override for the chosen process manager is a function
 * ({@value #MARKER}). This class generates those processes' parameters ({@link OverridableGenerator}) from the
 * first evaluation's model, with the marks taken out, so that a second evaluation hands each function its own
 * parameters, by the process's {@code instanceName} (else {@code name}) as the library knows it, and gets back the
 * overrides that turn them into the function's result.
 */
final class FunctionOverrides {

	static final String MARKER = "__nixprocFunctionOverride";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FunctionOverrides() {
	}

	/** The parameters the marked processes' functions need, as JSON; empty when no process is marked. */
	static Optional<String> parameters(String modelJson, String processManager, Layout layout) {
		if (!modelJson.contains(MARKER)) {
			return Optional.empty();
		}
		JsonNode model = JSON.readTree(modelJson);
		if (!model.isObject()) {
			return Optional.empty();
		}
		ObjectNode unmarked = (ObjectNode) model.deepCopy();
		Map<String, String> marked = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> instance : unmarked.properties()) {
			JsonNode pkg = instance.getValue().path("pkg");
			JsonNode overrides = pkg.path("overrides");
			if (overrides.path(processManager).path(MARKER).asBoolean(false)) {
				((ObjectNode) overrides).putObject(processManager);
				String name = pkg.path("instanceName").isString() ? pkg.get("instanceName").asString()
						: pkg.path("name").isString() ? pkg.get("name").asString() : instance.getKey();
				marked.put(instance.getKey(), name);
			}
		}
		if (marked.isEmpty()) {
			return Optional.empty();
		}
		Backend backend = BackendKind.byId(processManager).flatMap(Backends::byKind)
			.orElseThrow(() -> new ModelException("", "unknown process manager " + processManager));
		ProcessesModel processes = ModelReader.readProcesses(JSON.writeValueAsString(unmarked), false);
		Map<String, NormalisedProcess> normalised = Normaliser.normaliseAll(processes, backend.kind(),
				backend.capabilities().preferredMode(), layout);
		ObjectNode parameters = JsonNodeFactory.instance.objectNode();
		List<String> refused = new ArrayList<>();
		marked.forEach((key, name) -> {
			if (backend.generator() instanceof OverridableGenerator generator) {
				parameters.set(name, generator.parameters(normalised.get(key), layout));
			}
			else {
				refused.add(key);
			}
		});
		if (!refused.isEmpty()) {
			throw new ModelException(refused.stream()
				.map(key -> new Problem(Pointers.child("", key) + "/pkg/overrides/" + processManager,
						processManager + " has no parameters to override"))
				.toList());
		}
		return Optional.of(JSON.writeValueAsString(parameters));
	}

}
