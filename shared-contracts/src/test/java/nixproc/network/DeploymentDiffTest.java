package nixproc.network;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static nixproc.network.Fixtures.modelSet;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentDiffTest {

	private static JsonNode canonical(ObjectNode set) {
		return CanonicalForm.toJson(DeploymentReader.readValid(set, NixEvaluator.unavailable()));
	}

	@Test
	void servicesTargetsAndMappingsAddedRemovedChanged() {
		ObjectNode before = modelSet();
		ObjectNode after = modelSet();
		((ObjectNode) after.get("services")).remove("monitor");
		((ObjectNode) after.get("services").get("webapp2").get("pkg").get("environment")).put("PORT", "6001");
		((ObjectNode) after.get("services").get("webapp2")).put("port", 6001);
		((ObjectNode) after.get("services")).set("webapp3", after.get("services").get("webapp2").deepCopy());
		((ObjectNode) after.get("services").get("webapp3")).put("name", "webapp3");
		((ObjectNode) after.get("infrastructure").get("test1").get("properties")).put("hostname", "t1.example");
		((ObjectNode) after.get("infrastructure")).set("test3", after.get("infrastructure").get("test1").deepCopy());
		((ObjectNode) after.get("distribution")).putArray("webapp1").add("test3");
		((ObjectNode) after.get("distribution")).putArray("webapp3").add("test3");

		DeploymentDiff diff = DeploymentDiff.between(canonical(before), canonical(after));

		assertThat(diff.services()).isEqualTo(new DeploymentDiff.Changes(List.of("webapp3"), List.of("monitor"),
				List.of(new DeploymentDiff.Changed("webapp2", List.of("pkg.environment", "port")))));
		assertThat(diff.targets()).isEqualTo(new DeploymentDiff.Changes(List.of("test3"), List.of(),
				List.of(new DeploymentDiff.Changed("test1", List.of("properties.hostname")))));
		assertThat(diff.mappings().added()).containsExactly(new DeploymentDiff.MappingRef("webapp1", "test3", ""),
				new DeploymentDiff.MappingRef("webapp3", "test3", ""));
		assertThat(diff.mappings().removed()).containsExactly(new DeploymentDiff.MappingRef("webapp1", "test1", ""));
	}

	@Test
	void aModelDiffedWithItselfIsEmpty() {
		JsonNode model = canonical(modelSet());

		DeploymentDiff diff = DeploymentDiff.between(model, model);

		assertThat(diff.services().added()).isEmpty();
		assertThat(diff.services().changed()).isEmpty();
		assertThat(diff.targets().changed()).isEmpty();
		assertThat(diff.mappings().added()).isEmpty();
		assertThat(diff.mappings().removed()).isEmpty();
	}

}
