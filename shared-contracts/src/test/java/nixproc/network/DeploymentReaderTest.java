package nixproc.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import nixproc.model.ModelException;
import nixproc.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import static nixproc.network.Fixtures.modelSet;
import static nixproc.network.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentReaderTest {

	@Test
	void readsTheExampleWithDisnixDefaults() {
		DeploymentModel model = DeploymentReader.readValid(modelSet(), NixEvaluator.unavailable());

		assertThat(model.services()).containsOnlyKeys("webapp1", "webapp2", "nginx", "monitor");
		assertThat(model.services().get("webapp1").type()).isEqualTo("process");
		assertThat(model.services().get("webapp1").properties()).containsOnlyKeys("port", "dnsName");
		assertThat(model.services().get("nginx").dependsOn()).containsEntry("webapp1", "webapp1");
		assertThat(model.infrastructure().get("test1").numOfCores()).isEqualTo(1);
		assertThat(model.distribution().get("webapp2")).containsExactly(Placement.to("test1"),
				new Placement("test2", java.util.Optional.of("process")));
		assertThat(model.idResources().get("uids").scope()).isEqualTo(IdResource.Scope.MACHINE);
	}

	@Test
	void filesAreReadByExtensionAndEveryUnreadableOneIsNamedAtItsPart(@TempDir Path dir) throws Exception {
		ObjectNode set = modelSet();
		Path services = Files.writeString(dir.resolve("services.yaml"), Documents.YAML.writeValueAsString(set.get("services")));
		Path infrastructure = Files.writeString(dir.resolve("infrastructure.json"), set.get("infrastructure").toString());
		Path distribution = Files.writeString(dir.resolve("distribution.yml"), Documents.YAML.writeValueAsString(set.get("distribution")));

		ObjectNode read = DeploymentReader.modelSetOfFiles(services, infrastructure, distribution, Optional.empty());
		// a YAML or JSON services model is parsed, so that its relative programs are resolved (RelativeProgramsTest)
		assertThat(read.get("services")).isEqualTo(set.get("services"));
		assertThat(read.get("infrastructure").get("format").asString()).isEqualTo("json");
		assertThat(read.get("distribution").get("format").asString()).isEqualTo("yaml");
		assertThat(read.has("idResources")).isFalse();

		assertThatThrownBy(() -> DeploymentReader.modelSetOfFiles(services, dir.resolve("none.nix"), dir,
				Optional.of(dir.resolve("ids.nix"))))
			.isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems()).containsExactly(
						new Problem("/infrastructure", "cannot read " + dir.resolve("none.nix") + " (no such file)"),
						new Problem("/distribution", "cannot read " + dir + " (a directory)"),
						new Problem("/idResources", "cannot read " + dir.resolve("ids.nix") + " (no such file)")));
	}

	@Test
	void yamlTextGivesTheSameCanonicalFormAsJson() {
		ObjectNode set = modelSet();
		ObjectNode asYaml = set.deepCopy();
		for (String part : List.of("services", "infrastructure", "distribution", "idResources")) {
			asYaml.putObject(part).put("format", "yaml").put("text", Documents.YAML.writeValueAsString(set.get(part)));
		}

		String json = CanonicalForm.text(DeploymentReader.readValid(set, NixEvaluator.unavailable()));
		String yaml = CanonicalForm.text(DeploymentReader.readValid(asYaml, NixEvaluator.unavailable()));

		assertThat(yaml).isEqualTo(json);
	}

	@Test
	void theCanonicalFormReadsBackToItself() {
		String once = CanonicalForm.text(DeploymentReader.readValid(modelSet(), NixEvaluator.unavailable()));
		String twice = CanonicalForm.text(DeploymentReader.readValid(once, NixEvaluator.unavailable()));

		assertThat(twice).isEqualTo(once);
		assertThat(CanonicalForm.sha256(once)).hasSize(64).isEqualTo(CanonicalForm.sha256(twice));
	}

	@Test
	void wrongShapesAreAllReportedWithPointers() {
		ObjectNode set = modelSet();
		((ObjectNode) set.get("services").get("webapp1")).put("pkg", "not an object");
		((ObjectNode) set.get("services").get("nginx").get("pkg")).put("nice", true).put("colour", "red");
		((ObjectNode) set.get("infrastructure").get("test1")).put("numOfCores", "two");
		((ObjectNode) set.get("idResources").get("uids")).put("scope", "galaxy");
		set.put("extra", 1);

		assertThat(problems(set)).extracting(Problem::pointer)
			.contains("/extra", "/services/webapp1/pkg", "/services/nginx/pkg/colour",
					"/infrastructure/test1/numOfCores", "/idResources/uids/scope");
	}

	@Test
	void numbersTheCanonicalFormCannotHoldAreRefused() {
		ObjectNode set = modelSet();
		((ObjectNode) set.get("services").get("webapp1")).set("port", Fixtures.JSON.readTree("1e400"));
		((ObjectNode) set.get("services").get("webapp2")).set("port", Fixtures.JSON.readTree("9007199254740993"));

		assertThat(problems(set)).extracting(Problem::pointer).containsExactly("/services/webapp1/port",
				"/services/webapp2/port");
	}

	@Test // #17
	void aLoneSurrogateInAValueOrANameIsRefusedForItCouldNotBeSigned() {
		ObjectNode set = modelSet();
		((ObjectNode) set.get("services").get("webapp1")).put("dnsName", "web\ud800app");
		((ObjectNode) set.get("services").get("webapp2")).put("x\udc00", "y");

		assertThat(problems(set)).extracting(Problem::pointer).containsExactly("/services/webapp1/dnsName",
				"/services/webapp2/x\udc00");
	}

	@Test
	void malformedTextNamesTheModelAndTheLine() {
		ObjectNode set = modelSet();
		set.putObject("infrastructure").put("format", "json").put("text", "{ \"test1\": { \"properties\": ");
		set.putObject("distribution").put("format", "yaml").put("text", "a: [b\nc: d: e");

		assertThat(problems(set)).extracting(Problem::pointer).containsExactly("/infrastructure", "/distribution");
		assertThat(problems(set).get(0).message()).startsWith("not valid JSON").contains("line 1");
	}

	@Test
	void duplicateKeysAreRefusedInJsonAndYaml() {
		assertThatThrownBy(() -> DeploymentReader.readValid("{\"services\": {}, \"services\": {}}", NixEvaluator.unavailable()))
			.isInstanceOf(ModelException.class).hasMessageContaining("Duplicate");
		ObjectNode set = modelSet();
		set.putObject("idResources").put("format", "yaml").put("text", "p: {min: 1, max: 2}\np: {min: 3, max: 4}\n");
		assertThat(problems(set)).singleElement().satisfies(p -> assertThat(p.message()).contains("Duplicate"));
	}

	@Test
	void yamlAliasesAndBombsAreRefusedQuickly() {
		StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
		for (char c = 'b'; c <= 'j'; c++) {
			char p = (char) (c - 1);
			bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
				.append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
				.append(p).append(",*").append(p).append(",*").append(p).append("]\n");
		}
		ObjectNode set = modelSet();
		set.putObject("infrastructure").put("format", "yaml").put("text", bomb.toString());

		assertThat(problems(set)).singleElement()
			.satisfies(p -> assertThat(p.message()).contains("anchors and aliases"));
	}

	@Test
	void deepNestingAndHugeStringsHitTheLimits() {
		String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
		ObjectNode set = modelSet();
		set.putObject("idResources").put("format", "json").put("text", deep);
		assertThat(problems(set)).singleElement().satisfies(p -> assertThat(p.message()).contains("nesting depth"));

		set.putObject("idResources").put("format", "yaml").put("text", "- ".repeat(200) + "x");
		assertThat(problems(set)).singleElement().satisfies(p -> assertThat(p.message()).containsIgnoringCase("depth"));

		set.putObject("idResources").put("format", "json").put("text",
				"{\"p\": \"" + "x".repeat(Limits.MAX_STRING_CHARS + 1) + "\"}");
		assertThat(problems(set)).singleElement().satisfies(p -> assertThat(p.message()).contains("String value length"));
	}

	@Test
	void nixWithoutNixInstantiateIsOneClearLine() {
		ObjectNode set = modelSet();
		set.putObject("services").put("format", "nix").put("text", "{ }");

		assertThatThrownBy(() -> DeploymentReader.readValid(set, NixEvaluator.unavailable()))
			.isInstanceOf(ModelException.class)
			.hasMessage("/services: " + NixEvaluator.UNAVAILABLE);
	}

}
