package nixproc.coordinator.deployment;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;

/** How a refusal of id-service reads in a deployment's error. */
class IdServiceClientTest {

	@Test
	void aProblemReadsAsStatusDetailAndFields() {
		assertThat(IdServiceClient.problem(refusal(HttpStatus.CONFLICT, """
				{"detail":"The amount of IDs is depleted","instance":"/api/v1/assignments","status":409,"title":"Conflict","errors":[{"pointer":"/services/0/pools/1","message":"depleted"},{"pointer":"","message":"whole body"}]}""")))
			.isEqualTo("409 The amount of IDs is depleted (/services/0/pools/1: depleted; whole body)");
		assertThat(IdServiceClient.problem(refusal(HttpStatus.BAD_REQUEST, "{\"detail\":\"bad\",\"errors\":[]}")))
			.isEqualTo("400 bad");
	}

	@Test
	void anythingElseIsQuotedAsItCame() {
		assertThat(IdServiceClient.problem(refusal(HttpStatus.NOT_FOUND, "<html>no</html>"))).isEqualTo("404 <html>no</html>");
		assertThat(IdServiceClient.problem(refusal(HttpStatus.CONFLICT, "{\"title\":\"Conflict\"}")))
			.isEqualTo("409 {\"title\":\"Conflict\"}");
	}

	@Test
	void aWeakTokenSaysWhichRoleItNeeds() {
		assertThat(IdServiceClient.problem(refusal(HttpStatus.FORBIDDEN, "{\"detail\":\"no\"}")))
			.startsWith("403: the coordinator's token (NIXPROC_SERVICE_TOKEN) lacks the id-service role");
	}

	private static HttpClientErrorException refusal(HttpStatus status, String body) {
		return HttpClientErrorException.create(status, status.getReasonPhrase(), new HttpHeaders(),
				body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
	}

}
