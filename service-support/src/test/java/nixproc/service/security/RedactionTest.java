package nixproc.service.security;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test // #17
	void everyEnvironmentValueAndConfigFileContentIsReplacedWhereverItIsNamesAndPathsStay() {
		JsonNode model = JSON.readTree("""
				{ "entries": { "db@alpha": { "process": { "environment": { "PASSWORD": "hunter2", "PORT": "5432" },
				    "configFiles": [ { "path": "/etc/db.key", "content": "secret key", "mode": "0600" } ] } } },
				  "list": [ { "pkg": { "environment": { "TOKEN": "t0k3n" } } } ], "environment": "a plain word" }
				""");

		JsonNode redacted = Redaction.redacted(model);

		assertThat(redacted.toString()).doesNotContain("hunter2", "5432", "secret key", "t0k3n")
			.contains("/etc/db.key", "0600", "\"PASSWORD\":\"(redacted)\"", "\"TOKEN\":\"(redacted)\"",
					"\"environment\":\"a plain word\"");
		assertThat(model.toString()).as("the original is left alone").contains("hunter2");
	}

}
