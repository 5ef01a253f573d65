package nixproc.network;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import nixproc.model.ModelException;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever text arrives, reading it (and writing the canonical form of what was read) ends in a model or a {@link ModelException} with at least one problem — never
 * another exception, which the service would turn into a 500.
 */
class DeploymentParserFuzzTest {

	private static final String JSON = Fixtures.resource("model-set.json");

	private static final String YAML = Documents.YAML.writeValueAsString(Fixtures.modelSet().get("services"));

	@Property(tries = 400)
	void mutatedModelSetsGiveAModelOrProblems(@ForAll("mutations") String text) {
		assertReadsOrExplains(() -> CanonicalForm.text(DeploymentReader.readValid(text, NixEvaluator.unavailable())));
	}

	@Property(tries = 400)
	void mutatedYamlServicesGiveAModelOrProblems(@ForAll("yamlMutations") String text) {
		ObjectNode set = Fixtures.modelSet();
		set.putObject("services").put("format", "yaml").put("text", text);
		assertReadsOrExplains(() -> CanonicalForm.text(DeploymentReader.readValid(set, NixEvaluator.unavailable())));
	}

	@Property(tries = 300)
	void arbitraryValuesInEveryFieldGiveAModelOrProblems(@ForAll @IntRange(min = 0, max = 40) int field,
			@ForAll("values") String value) {
		ObjectNode set = Fixtures.modelSet();
		List<ObjectNode> places = List.of((ObjectNode) set.get("services").get("webapp1"),
				(ObjectNode) set.get("services").get("webapp1").get("pkg"), (ObjectNode) set.get("infrastructure").get("test1"),
				(ObjectNode) set.get("idResources").get("uids"), (ObjectNode) set.get("distribution"), set);
		List<String> names = List.of("name", "type", "pkg", "dependsOn", "connectsTo", "activatesAfter",
				"requiresUniqueIdsFor", "process", "args", "environment", "nice", "umask", "user", "readiness", "restart",
				"configFiles", "credentials", "overrides", "dependencies", "stopTimeout", "properties", "processManager",
				"numOfCores", "containers", "system", "min", "max", "step", "scope", "webapp1", "services",
				"infrastructure", "distribution", "idResources", "message", "daemonArgs", "foregroundProcess", "pidFile",
				"instanceName", "initialize", "path");
		ObjectNode place = places.get(field % places.size());
		place.set(names.get(field), Fixtures.JSON.readTree(value));
		assertReadsOrExplains(() -> CanonicalForm.text(DeploymentReader.readValid(set, NixEvaluator.unavailable())));
	}

	@Provide
	Arbitrary<String> mutations() {
		return mutate(JSON);
	}

	@Provide
	Arbitrary<String> yamlMutations() {
		return mutate(YAML);
	}

	@Provide
	Arbitrary<String> values() {
		return Arbitraries.of("null", "true", "0", "-1", "1.5", "1e400", "99999999999999999999", "\"\"", "\"x\"",
				"\"${\"", "\"${ids.a.b}\"", "[]", "[1]", "[null]", "[\"a\",\"a\"]", "{}", "{\"a\":1}", "{\"a\":null}",
				"{\"tcpPort\":\"x\"}", "{\"condition\":\"sometimes\"}", "{\"target\":1}", "[{\"target\":\"test1\"}]",
				"\"-20\"", "\"0777\"", "\"a/b\"", "{\"format\":\"yaml\",\"text\":\"- 1\"}");
	}

	private static Arbitrary<String> mutate(String base) {
		Arbitrary<Integer> position = Arbitraries.integers().between(0, base.length() - 1);
		Arbitrary<String> junk = Arbitraries.strings().withChars("{}[]\":,&*!|>-#\\\n\t ax1").ofMaxLength(6);
		return Arbitraries.oneOf(
				position.map(p -> base.substring(0, p)),
				position.flatMap(p -> junk.map(j -> base.substring(0, p) + j + base.substring(p))),
				position.flatMap(p -> Arbitraries.integers().between(1, 20)
					.map(n -> base.substring(0, p) + base.substring(Math.min(base.length(), p + n)))),
				Arbitraries.strings().ofMaxLength(200));
	}

	private static void assertReadsOrExplains(Runnable read) {
		try {
			read.run();
		}
		catch (ModelException e) {
			assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
				assertThat(p.message()).isNotBlank();
				assertThat(p.pointer()).matches("(/[^/]*)*");
			});
		}
	}

}
