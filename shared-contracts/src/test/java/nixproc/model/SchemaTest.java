package nixproc.model;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The published schemas and the records must describe the same fields. */
class SchemaTest {

	private static JsonNode schema(String name) throws Exception {
		try (InputStream in = SchemaTest.class.getResourceAsStream("/nixproc/schema/" + name)) {
			assertThat(in).as(name + " is published").isNotNull();
			return JsonMapper.builder().build().readTree(in);
		}
	}

	private static List<String> names(JsonNode properties) {
		List<String> names = new ArrayList<>();
		properties.propertyNames().forEach(names::add);
		return names;
	}

	private static List<String> components(Class<?> record) {
		return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
	}

	@Test
	void managedProcessSchemaHasExactlyTheRecordsFields() throws Exception {
		JsonNode schema = schema("managed-process.schema.json");
		assertThat(names(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(components(ManagedProcess.class));
		assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
	}

	@Test
	void nestedObjectsMatchTheirRecords() throws Exception {
		JsonNode properties = schema("managed-process.schema.json").get("properties");
		assertThat(names(properties.get("readiness").get("properties"))).containsExactlyInAnyOrderElementsOf(components(Readiness.class));
		assertThat(names(properties.get("restart").get("properties"))).containsExactlyInAnyOrderElementsOf(components(RestartPolicy.class));
		assertThat(names(properties.get("configFiles").get("items").get("properties"))).containsExactlyInAnyOrderElementsOf(components(ConfigFile.class));
		assertThat(names(properties.get("credentials").get("properties"))).containsExactlyInAnyOrderElementsOf(components(Credentials.class));
	}

	@Test
	void overrideKeysAreTheBackendNames() throws Exception {
		JsonNode keys = schema("managed-process.schema.json").get("properties").get("overrides").get("propertyNames").get("enum");
		List<String> names = new ArrayList<>();
		keys.forEach(k -> names.add(k.asString()));
		assertThat(names).containsExactlyElementsOf(Arrays.stream(BackendKind.values()).map(BackendKind::id).toList());
	}

	@Test
	void processesSchemaReferencesTheManagedProcessAndNamesItsOwnFields() throws Exception {
		JsonNode instance = schema("processes.schema.json").get("additionalProperties");
		assertThat(instance.get("properties").get("pkg").get("$ref").asString()).isEqualTo("managed-process.schema.json");
		assertThat(names(instance.get("properties"))).containsExactlyInAnyOrder("pkg", "requiresUniqueIdsFor");
		assertThat(schema("processes.schema.json").get("propertyNames").get("pattern").asString())
			.isEqualTo("^" + ModelValidator.NAME.pattern() + "$");
	}

}
