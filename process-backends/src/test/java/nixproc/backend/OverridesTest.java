package nixproc.backend;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.model.BackendKind;
import nixproc.model.ModelException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OverridesTest {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static ObjectNode json(String text) {
		return (ObjectNode) MAPPER.readTree(text);
	}

	record Params(String type, Map<String, String> service, List<Integer> runlevels) {
	}

	@Test
	void objectsMergeDeeplyScalarsAndListsReplaceNullRemoves() {
		ObjectNode merged = Overrides.merge(json("{\"a\":{\"x\":1,\"y\":2},\"l\":[1,2],\"k\":\"v\",\"gone\":true}"),
				json("{\"a\":{\"y\":3,\"z\":4},\"l\":[9],\"gone\":null,\"new\":{\"n\":1}}"));
		assertThat(merged).isEqualTo(json("{\"a\":{\"x\":1,\"y\":3,\"z\":4},\"l\":[9],\"k\":\"v\",\"new\":{\"n\":1}}"));
	}

	@Test
	void applyBindsTheMergedParametersBackToTheRecord() {
		Params base = new Params("simple", Map.of("Restart", "no", "Nice", "5"), List.of(3, 4, 5));
		Params result = Overrides.apply(base, Optional.of(json("{\"service\":{\"Restart\":\"always\",\"Nice\":null},\"runlevels\":[2]}")),
				BackendKind.SYSTEMD, Params.class);
		assertThat(result).isEqualTo(new Params("simple", Map.of("Restart", "always"), List.of(2)));
	}

	@Test
	void anUnknownParameterIsAModelProblemUnderTheBackendsOverrides() {
		assertThatThrownBy(() -> Overrides.apply(new Params("t", Map.of(), List.of()), Optional.of(json("{\"runlevel\":[3]}")),
				BackendKind.SYSVINIT, Params.class))
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/overrides/sysvinit/runlevel"));
	}

}
