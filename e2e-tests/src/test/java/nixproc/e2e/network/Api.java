package nixproc.e2e.network;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.awaitility.Awaitility;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The coordinator's REST API as an operator (admin token) calls it. */
record Api(int port) {

	static final String TOKEN = "e2e-admin-token-of-at-least-32-characters";

	static final JsonMapper JSON = JsonMapper.builder().build();

	String deploy(JsonNode body) {
		JsonNode accepted = post("/api/v1/deployments", body).retrieve().body(JsonNode.class);
		assertThat(accepted.get("status").asString()).isEqualTo("REQUESTED");
		return accepted.get("id").asString();
	}

	RestClient.RequestBodySpec post(String path, JsonNode body) {
		return client().post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			// a String body goes with a Content-Length; service-support refuses chunked bodies
			.body(JSON.writeValueAsString(body));
	}

	JsonNode finished(String id) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get("/api/v1/deployments/" + id), d -> List.of("COMMITTED", "ROLLED_BACK", "ROLLBACK_FAILED",
					"FAILED").contains(d.get("status").asString()));
	}

	/**
	 * Lock and unlock steps do no work on the agent, so their durations are the command round trip: outbox, Kafka,
	 * agent (verify, persist), answer, consumer, saga. Waits until no step of any deployment is running.
	 */
	String lockRoundTrips() {
		return lockRoundTrips(id -> true);
	}

	/** As {@link #lockRoundTrips()}, over the deployments whose id passes {@code which}. */
	String lockRoundTrips(java.util.function.Predicate<String> which) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (JsonNode d : get("/api/v1/deployments")) {
				for (JsonNode s : d.get("steps")) {
					if (s.get("status").asString().equals("RUNNING")) {
						return false;
					}
				}
			}
			return true;
		});
		List<Long> millis = new ArrayList<>();
		for (JsonNode d : get("/api/v1/deployments")) {
			if (!which.test(d.get("id").asString())) {
				continue;
			}
			for (JsonNode s : d.get("steps")) {
				String kind = s.get("kind").asString();
				if ((kind.equals("LOCK") || kind.equals("UNLOCK")) && s.get("status").asString().equals("SUCCEEDED")) {
					millis.add(Duration.between(Instant.parse(s.get("startedAt").asString()),
							Instant.parse(s.get("finishedAt").asString())).toMillis());
				}
			}
		}
		if (millis.isEmpty()) {
			return "command round trip (lock/unlock): no such steps";
		}
		Collections.sort(millis);
		return String.format("command round trip (lock/unlock) n=%d p50=%d ms p99=%d ms max=%d ms", millis.size(),
				millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.99) - 1),
				millis.get(millis.size() - 1));
	}

	JsonNode get(String path) {
		return client().get().uri(path).retrieve().body(JsonNode.class);
	}

	RestClient client() {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.build();
	}

}
