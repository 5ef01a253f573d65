package nixproc.problem;

import java.util.List;
import java.util.Optional;

import nixproc.model.Problem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDocumentTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aServicesProblemIsReadWithEveryMember() {
		Optional<ProblemDocument> read = ProblemDocument.read(409, """
				{"detail":"Pool 'ports' is depleted","instance":"/api/v1/assignments","status":409,"title":"Conflict","errors":[{"pointer":"/services/0/pools/1","message":"depleted"}]}""");

		assertThat(read).contains(new ProblemDocument("about:blank", "Conflict", 409, Optional.of("Pool 'ports' is depleted"),
				Optional.of("/api/v1/assignments"), List.of(new Problem("/services/0/pools/1", "depleted"))));
	}

	@Test
	void itIsWrittenInTheMembersOrderWithoutAnAbsentInstance() {
		ProblemDocument problem = ProblemDocument.of(413, "Content Too Large", "too large", List.of(new Problem("", "too large")));

		assertThat(JSON.writeValueAsString(problem)).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Content Too Large\","
				+ "\"status\":413,\"detail\":\"too large\",\"errors\":[{\"pointer\":\"\",\"message\":\"too large\"}]}");
		assertThat(JSON.writeValueAsString(problem.at("/deploy"))).isEqualTo("{\"type\":\"about:blank\","
				+ "\"title\":\"Content Too Large\",\"status\":413,\"detail\":\"too large\",\"instance\":\"/deploy\","
				+ "\"errors\":[{\"pointer\":\"\",\"message\":\"too large\"}]}");
		assertThat(ProblemDocument.read(413, JSON.writeValueAsString(problem.at("/deploy")))).contains(problem.at("/deploy"));
	}

	@Test
	void whatAProxyAnswersIsReadLeniently() {
		assertThat(ProblemDocument.read(502, "<html>Bad gateway</html>")).isEmpty();
		assertThat(ProblemDocument.read(502, "")).isEmpty();
		assertThat(ProblemDocument.read(502, "[\"busy\"]")).isEmpty();
		assertThat(ProblemDocument.read(503, "{\"title\":\"Busy\",\"detail\":null,\"errors\":[{\"message\":\"later\"}]}"))
			.contains(new ProblemDocument("about:blank", "Busy", 503, Optional.empty(), Optional.empty(),
					List.of(new Problem("", "later"))));
		assertThat(ProblemDocument.read(400, "{\"detail\":42,\"instance\":{\"not\":\"text\"}}").orElseThrow())
			.extracting(ProblemDocument::detail, ProblemDocument::instance)
			.containsExactly(Optional.of("42"), Optional.empty());
	}

}
