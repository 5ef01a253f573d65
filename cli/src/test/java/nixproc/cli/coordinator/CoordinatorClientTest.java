package nixproc.cli.coordinator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.sun.net.httpserver.HttpServer;
import nixproc.cli.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the command line says about a refusal, from the problem document the coordinator answers with. */
class CoordinatorClientTest {

	private HttpServer server;

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void aProblemIsOneLineWithItsDetailEveryFieldAndTheStatus() throws IOException {
		ExitCodes.Failure failure = refusal(422, "application/problem+json", """
				{"detail":"The models cannot be planned","instance":"/api/v1/deployments","status":422,"title":"Unprocessable Content","errors":[{"pointer":"/models/services/web/pkg","message":"missing"},{"pointer":"","message":"and this"}]}""");

		assertThat(failure.getMessage())
			.isEqualTo("The models cannot be planned: /models/services/web/pkg: missing; : and this (HTTP 422)");
		assertThat(failure.exitCode()).isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void aFieldTheDetailNamesAlreadyIsNotRepeated() throws IOException {
		ExitCodes.Failure failure = refusal(400, "application/problem+json", """
				{"detail":"/generation: no generation 7","status":400,"title":"Bad Request","errors":[{"pointer":"/generation","message":"no generation 7"}]}""");

		assertThat(failure.getMessage()).isEqualTo("/generation: no generation 7 (HTTP 400)");
	}

	@Test
	void withoutADetailTheTitleSpeaks() throws IOException {
		ExitCodes.Failure failure = refusal(409, "application/problem+json", "{\"title\":\"Conflict\",\"status\":409}");

		assertThat(failure.getMessage()).isEqualTo("Conflict (HTTP 409)");
		assertThat(failure.exitCode()).isEqualTo(ExitCodes.FAILED);
	}

	@Test
	void aBodyThatIsNoProblemIsQuotedOnOneLine() throws IOException {
		assertThat(refusal(502, "text/html", "<html>\n  <body>Bad   gateway</body>\n</html>\n").getMessage())
			.isEqualTo("<html> <body>Bad gateway</body> </html> (HTTP 502)");
		assertThat(refusal(503, "application/json", "[\"busy\"]").getMessage()).isEqualTo("[\"busy\"] (HTTP 503)");
		assertThat(refusal(500, "text/plain", "").getMessage()).isEqualTo("no details (HTTP 500)");
		assertThat(refusal(500, "text/plain", "").exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
	}

	private ExitCodes.Failure refusal(int status, String contentType, String body) throws IOException {
		if (server != null) {
			server.stop(0);
		}
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", contentType);
			exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		server.start();
		CoordinatorClient client = new CoordinatorClient(
				URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), Optional.of("token"));
		return catchThrowableOfType(ExitCodes.Failure.class, () -> client.get("api/v1/deployments/d-1"));
	}

}
