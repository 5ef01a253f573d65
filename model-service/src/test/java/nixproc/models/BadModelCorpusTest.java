package nixproc.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import nixproc.network.Limits;
import nixproc.service.ApiClient;
import nixproc.testsupport.SpringIntegrationServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every model of the checked-in bad-model corpus gets a 4xx problem that says what is wrong and where, within the
 * documented limits, and stores nothing. The corpus is what {@link BadModels} generates; regenerate it with
 * {@code -Dnixproc.corpus.update=true} and review the diff of {@code src/test/resources/bad-models/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"nixproc.security.tokens[0].sha256=ff516f1224b47332a2762242e346393ed67947cbc15afc8cf7d235089884f16d",
		"nixproc.security.tokens[0].role=deployer" })
class BadModelCorpusTest {

	static final Path DIR = Path.of("src/test/resources/bad-models");

	static final Path EXPECTED = DIR.resolve("expected.tsv");

	/** The slowest bad model waits for the Nix timeout; anything past it plus a margin counts as a hang. */
	static final Duration WITHIN = Limits.NIX_TIMEOUT.plusSeconds(5);

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		SpringIntegrationServices.register(registry);
	}

	@BeforeEach
	void empty() {
		jdbc.update("DELETE FROM revision");
	}

	@Test
	void theCorpusOnDiskIsWhatTheGeneratorMakes() throws IOException {
		List<BadModels.Case> cases = BadModels.all();
		if (Boolean.getBoolean("nixproc.corpus.update")) {
			write(cases);
		}
		Map<String, String[]> expected = expectations();
		assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
		assertThat(expected.keySet()).containsExactlyElementsOf(cases.stream().map(BadModels.Case::name).toList());
		for (BadModels.Case c : cases) {
			assertThat(Files.readString(DIR.resolve(c.name() + ".json"), StandardCharsets.UTF_8)).as(c.name()
					+ " differs from the generator; regenerate with -Dnixproc.corpus.update=true").isEqualTo(c.body());
			assertThat(expected.get(c.name())).containsExactly(String.valueOf(c.status()), c.pointer(), c.fragment());
		}
		try (Stream<Path> files = Files.list(DIR)) {
			assertThat(files.filter(f -> f.toString().endsWith(".json")).count()).isEqualTo(cases.size());
		}
	}

	static Stream<String> corpus() throws IOException {
		return expectations().keySet().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void aBadModelIsA4xxProblemAndStoresNothing(String name) throws IOException {
		String[] expected = expectations().get(name);
		String body = Files.readString(DIR.resolve(name + ".json"), StandardCharsets.UTF_8);
		int outboxBefore = outbox();
		long start = System.nanoTime();

		ApiClient.Response response = new ApiClient(port).post("/api/v1/revisions", ApiClient.DEPLOYER, body);

		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).as("time to answer").isLessThan(WITHIN);
		assertThat(response.status()).as(response.body()).isEqualTo(Integer.parseInt(expected[0]));
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("detail").asString()).isNotBlank();
		List<JsonNode> errors = new ArrayList<>();
		problem.get("errors").forEach(errors::add);
		assertThat(errors).as(response.body()).isNotEmpty()
			.allSatisfy(e -> assertThat(e.get("message").asString()).isNotBlank());
		if (!expected[1].equals("*")) {
			assertThat(errors).as(response.body())
				.anySatisfy(e -> assertThat(e.get("pointer").asString()).startsWith(expected[1]));
		}
		assertThat(errors).as(response.body())
			.anySatisfy(e -> assertThat(e.get("message").asString()).containsIgnoringCase(expected[2]));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM revision", Integer.class)).isZero();
		assertThat(outbox()).isEqualTo(outboxBefore);
	}

	private int outbox() {
		return jdbc.queryForObject("SELECT count(*) FROM event_publication", Integer.class);
	}

	private static Map<String, String[]> expectations() throws IOException {
		Map<String, String[]> out = new LinkedHashMap<>();
		for (String line : Files.readAllLines(EXPECTED, StandardCharsets.UTF_8)) {
			if (line.startsWith("#") || line.isBlank()) {
				continue;
			}
			String[] fields = line.split("\t", -1);
			out.put(fields[0], new String[] { fields[1], fields[2], fields[3] });
		}
		return out;
	}

	private static void write(List<BadModels.Case> cases) throws IOException {
		Files.createDirectories(DIR);
		try (Stream<Path> old = Files.list(DIR)) {
			for (Path file : old.toList()) {
				Files.delete(file);
			}
		}
		StringBuilder tsv = new StringBuilder("# name\tstatus\tpointer prefix (* = any)\tmessage fragment\n");
		for (BadModels.Case c : cases) {
			Files.writeString(DIR.resolve(c.name() + ".json"), c.body(), StandardCharsets.UTF_8);
			tsv.append(c.name()).append('\t').append(c.status()).append('\t').append(c.pointer()).append('\t')
				.append(c.fragment()).append('\n');
		}
		Files.writeString(EXPECTED, tsv.toString(), StandardCharsets.UTF_8);
	}

}
