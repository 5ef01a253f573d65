package nixproc.coordinator.deployment;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import nixproc.network.CanonicalForm;
import nixproc.network.DeploymentModel;
import nixproc.network.Placement;
import nixproc.problem.ProblemDocument;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/pools:import} and {@code POST /api/v1/assignments} of id-service (api.md), with three tries and a
 * {@link CircuitBreaker}. A 4xx is the model's fault (a depleted pool, an unknown one, a shrink that would strand
 * holders) and is not retried.
 */
@Component
class IdServiceClient {

	/** id-service said no; retrying will not help. */
	static final class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}

	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Optional<RestClient> client;

	private final CircuitBreaker breaker = new CircuitBreaker("id-service", 5, Duration.ofSeconds(30),
			Clock.systemUTC());

	IdServiceClient(@Value("${nixproc.coordinator.id-service-url:}") String url,
			@Value("${nixproc.coordinator.service-token:}") String token) {
		this.client = url.isBlank() ? Optional.empty()
				: Optional.of(RestClient.builder()
					.baseUrl(url)
					.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
					.build());
	}

	boolean configured() {
		return client.isPresent();
	}

	static boolean needsIds(DeploymentModel model) {
		return model.services()
			.entrySet()
			.stream()
			.anyMatch(e -> !e.getValue().requiresUniqueIdsFor().isEmpty() && !model.placementsOf(e.getKey()).isEmpty());
	}

	/** Whether the deployment's IDs step has work: IDs to assign, or the model's pools to give id-service. */
	boolean hasWork(DeploymentModel model) {
		return needsIds(model) || (configured() && !model.idResources().isEmpty());
	}

	/**
	 * Creates or updates the model's {@code idResources} pools. id-service imports them in one transaction, so a
	 * refusal (a shrink that would leave holders outside a pool: 409 naming them) changes no pool.
	 */
	void importPools(DeploymentModel model) {
		if (model.idResources().isEmpty()) {
			return;
		}
		RestClient http = client.orElseThrow(() -> new Refused(
				"the model declares idResources and no id-service is configured (NIXPROC_ID_SERVICE_URL)"));
		String body = JSON.writeValueAsString(CanonicalForm.toJson(model).get("idResources"));
		call("the model's idResources", () -> http.post().uri("/api/v1/pools:import")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(JsonNode.class));
	}

	/**
	 * The pools of the model's {@code idResources} that importing them would create or change ({@code GET
	 * /api/v1/pools} compared field by field); empty when id-service has them all as they are.
	 */
	List<String> poolChanges(DeploymentModel model) {
		if (model.idResources().isEmpty()) {
			return List.of();
		}
		RestClient http = client.orElseThrow(() -> new Refused(
				"the model declares idResources and no id-service is configured (NIXPROC_ID_SERVICE_URL)"));
		JsonNode pools = call("the pools", () -> http.get().uri("/api/v1/pools").retrieve().body(JsonNode.class));
		Map<String, JsonNode> byName = new java.util.HashMap<>();
		pools.forEach(pool -> byName.put(pool.path("name").asString(""), pool));
		List<String> changes = new ArrayList<>();
		model.idResources().forEach((name, resource) -> {
			JsonNode held = byName.get(name);
			if (held == null || held.path("min").asLong() != resource.min() || held.path("max").asLong() != resource.max()
					|| held.path("step").asLong() != resource.step()
					|| !held.path("scope").asString("").equals(resource.scope().id())) {
				changes.add(name);
			}
		});
		return changes;
	}

	/** pool → service → ID for every distributed service that requires IDs. */
	Map<String, Map<String, Long>> assign(String deploymentId, DeploymentModel model) {
		RestClient http = client.orElseThrow(() -> new Refused(
				"the model requires unique IDs and no id-service is configured (NIXPROC_ID_SERVICE_URL)"));
		List<Map<String, Object>> services = new ArrayList<>();
		model.services().forEach((name, service) -> {
			if (!service.requiresUniqueIdsFor().isEmpty() && !model.placementsOf(name).isEmpty()) {
				services.add(Map.of("name", name, "targets",
						model.placementsOf(name).stream().map(Placement::target).distinct().toList(), "pools",
						service.requiresUniqueIdsFor()));
			}
		});
		// a String body goes with a Content-Length: service-support refuses chunked bodies (413)
		String body = JSON.writeValueAsString(Map.of("deploymentId", deploymentId, "prune", true, "services",
				services));
		return ids(call("the assignments", () -> http.post().uri("/api/v1/assignments")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(JsonNode.class)));
	}

	/** pool → service → ID of everything id-service holds now ({@code GET /api/v1/assignments}). */
	Map<String, Map<String, Long>> held() {
		RestClient http = client.orElseThrow(() -> new Refused("no id-service is configured (NIXPROC_ID_SERVICE_URL)"));
		return ids(call("the assignments held", () -> http.get().uri("/api/v1/assignments").retrieve()
			.body(JsonNode.class)));
	}

	/** Three tries through the breaker; a 4xx is {@link Refused} at once, with id-service's problem in words. */
	private JsonNode call(String what, Supplier<JsonNode> request) {
		RuntimeException last = new IllegalStateException("not tried");
		for (int attempt = 1; attempt <= 3; attempt++) {
			try {
				return breaker.call(request, e -> e instanceof HttpClientErrorException);
			}
			catch (HttpClientErrorException e) {
				throw new Refused("id-service refused " + what + ": " + problem(e));
			}
			catch (RestClientException | CircuitBreaker.OpenException e) {
				last = e;
				sleep(200L * attempt);
			}
		}
		throw last;
	}

	/** An RFC 9457 body as {@code <status> <detail> (<error>; …)}; any other body as it came. */
	static String problem(HttpClientErrorException e) {
		String status = Integer.toString(e.getStatusCode().value());
		if (e.getStatusCode().value() == 403) {
			return status + ": the coordinator's token (NIXPROC_SERVICE_TOKEN) lacks the id-service role this needs "
					+ "(writing pools needs admin, assigning deployer)";
		}
		Optional<ProblemDocument> problem = ProblemDocument.read(e.getStatusCode().value(), e.getResponseBodyAsString());
		if (problem.isPresent() && problem.get().detail().isPresent()) {
			List<String> errors = problem.get()
				.errors()
				.stream()
				.map(error -> (error.pointer().isEmpty() ? "" : error.pointer() + ": ") + error.message())
				.toList();
			return status + " " + problem.get().detail().get()
					+ (errors.isEmpty() ? "" : " (" + String.join("; ", errors) + ")");
		}
		return status + " " + e.getResponseBodyAsString();
	}

	private static Map<String, Map<String, Long>> ids(JsonNode answer) {
		Map<String, Map<String, Long>> ids = new LinkedHashMap<>();
		answer.path("ids").properties().forEach(pool -> {
			Map<String, Long> byService = new LinkedHashMap<>();
			pool.getValue().properties().forEach(s -> byService.put(s.getKey(), s.getValue().asLong()));
			ids.put(pool.getKey(), byService);
		});
		return ids;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
