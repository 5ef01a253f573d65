package nixproc.coordinator.deployment;

import java.util.Optional;

import nixproc.network.CanonicalForm;
import nixproc.network.DeploymentReader;
import nixproc.network.NixEvaluator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deployment's source as stored in its {@code request} column: {@code {"models": <canonical model set>}} or
 * {@code {"rollbackTo": n}}. The canonical form is stored, not the user's text, so a resumed deployment reads the
 * same model without Nix or model-service.
 */
@Component
class Sources {

	private final JsonMapper json;

	Sources(JsonMapper json) {
		this.json = json;
	}

	Source of(DeploymentRow row) {
		JsonNode request = json.readTree(row.request());
		if (request.has("rollbackTo")) {
			return new Source.FromGeneration(request.get("rollbackTo").asLong());
		}
		return new Source.FromModel(DeploymentReader.readValid(request.get("models"), NixEvaluator.unavailable()),
				row.revisionId());
	}

	static ObjectNode request(Source source) {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		if (source instanceof Source.FromModel m) {
			node.set("models", CanonicalForm.toJson(m.model()));
		}
		else {
			node.put("rollbackTo", ((Source.FromGeneration) source).generation());
		}
		return node;
	}

	static Optional<String> revision(Source source) {
		return source instanceof Source.FromModel m ? m.revisionId() : Optional.empty();
	}

}
