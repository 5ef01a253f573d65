package nixproc.coordinator.deployment;

import java.util.Optional;

import nixproc.service.problem.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/revisions/{id}} of model-service: a revision's canonical model set, which model-service answers
 * inside the revision ({@code id, parent, author, message, createdAt, canonical}).
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

	JsonNode revision(String id) {
		RestClient http = client.orElseThrow(() -> ProblemException.badRequest("/revisionId",
				"no model-service is configured (NIXPROC_MODEL_SERVICE_URL); give the models inline"));
		try {
			JsonNode revision = http.get().uri("/api/v1/revisions/{id}", id).retrieve().body(JsonNode.class);
			if (revision == null || !revision.path("canonical").isObject()) {
				throw new ProblemException(HttpStatus.BAD_GATEWAY, "model-service answered revision " + id
						+ " without its canonical model set", java.util.List.of());
			}
			return revision.get("canonical");
		}
		catch (HttpClientErrorException.NotFound e) {
			throw new ProblemException(HttpStatus.valueOf(422), "Unknown revision",
					java.util.List.of(new nixproc.service.problem.FieldProblem("/revisionId", "no revision " + id)));
		}
		catch (RestClientException e) {
			throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "model-service unavailable: " + e.getMessage(),
					java.util.List.of());
		}
	}

}
