package nixproc.coordinator.deployment;

import java.util.List;
import java.util.Optional;

import nixproc.model.Problem;
import nixproc.problem.ProblemDocument;
import nixproc.service.problem.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * model-service's revisions: {@code GET /api/v1/revisions/{id}} (a revision's canonical model set, which
 * model-service answers inside the revision: {@code id, parent, author, message, createdAt, canonical}) and
 * {@code POST /api/v1/revisions} (inline models are stored there before they are deployed).
 */
@Component
class ModelServiceClient {

	private final Optional<RestClient> client;

	ModelServiceClient(@Value("${nixproc.coordinator.model-service-url:}") String url,
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

	/**
	 * Stores a model set as a revision (201, or 200 when that content is stored already) and returns its id. The
	 * set was validated here with model-service's rules; a 422 all the same is passed on, its pointers under
	 * {@code /models}.
	 */
	String store(ObjectNode canonical) {
		RestClient http = client.orElseThrow();
		try {
			JsonNode created = http.post()
				.uri("/api/v1/revisions")
				.contentType(MediaType.APPLICATION_JSON)
				// a String body goes with a Content-Length; service-support refuses chunked bodies
				.body(canonical.toString())
				.retrieve()
				.body(JsonNode.class);
			if (created == null || !created.path("id").isString()) {
				throw new ProblemException(HttpStatus.BAD_GATEWAY, "model-service stored the models without "
						+ "answering a revision id", List.of());
			}
			return created.get("id").asString();
		}
		catch (HttpClientErrorException e) {
			throw refused(e);
		}
		catch (RestClientException e) {
			throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "model-service unavailable: " + e.getMessage(),
					List.of());
		}
	}

	/**
	 * The canonical form of a model set that holds Nix models, as model-service's {@code POST /api/v1/validate}
	 * evaluates and checks it; a 422 is passed on, its pointers under {@code /models}.
	 */
	JsonNode validate(JsonNode modelSet) {
		RestClient http = client.orElseThrow();
		try {
			JsonNode validated = http.post()
				.uri("/api/v1/validate")
				.contentType(MediaType.APPLICATION_JSON)
				.body(modelSet.toString())
				.retrieve()
				.body(JsonNode.class);
			if (validated == null || !validated.path("canonical").isObject()) {
				throw new ProblemException(HttpStatus.BAD_GATEWAY, "model-service validated the models without "
						+ "answering their canonical form", List.of());
			}
			return validated.get("canonical");
		}
		catch (HttpClientErrorException e) {
			throw refused(e);
		}
		catch (RestClientException e) {
			throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "model-service unavailable: " + e.getMessage(),
					List.of());
		}
	}

	private static ProblemException refused(HttpClientErrorException e) {
		List<Problem> problems = ProblemDocument.read(e.getStatusCode().value(), e.getResponseBodyAsString())
			.map(ProblemDocument::errors)
			.orElse(List.of())
			.stream()
			.map(error -> new Problem("/models" + error.pointer(), error.message()))
			.toList();
		HttpStatus status = e.getStatusCode().is4xxClientError() && e.getStatusCode().value() != 401
				&& e.getStatusCode().value() != 403 ? HttpStatus.valueOf(e.getStatusCode().value())
						: HttpStatus.BAD_GATEWAY;
		return new ProblemException(status, "model-service refused the models: " + e.getStatusText(), problems);
	}

	JsonNode revision(String id) {
		RestClient http = client.orElseThrow(() -> ProblemException.badRequest("/revisionId",
				"no model-service is configured (NIXPROC_MODEL_SERVICE_URL); give the models inline"));
		try {
			JsonNode revision = http.get().uri("/api/v1/revisions/{id}", id).retrieve().body(JsonNode.class);
			if (revision == null || !revision.path("canonical").isObject()) {
				throw new ProblemException(HttpStatus.BAD_GATEWAY, "model-service answered revision " + id
						+ " without its canonical model set", List.of());
			}
			return revision.get("canonical");
		}
		catch (HttpClientErrorException.NotFound e) {
			throw new ProblemException(HttpStatus.valueOf(422), "Unknown revision",
					List.of(new Problem("/revisionId", "no revision " + id)));
		}
		catch (RestClientException e) {
			throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "model-service unavailable: " + e.getMessage(),
					List.of());
		}
	}

}
