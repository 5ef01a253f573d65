package nixproc.cli.coordinator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nixproc.cli.ExitCodes;
import nixproc.problem.ProblemDocument;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coordinator's REST API over {@code java.net.http} with the operator's bearer token. Answers other than 2xx
 * become an {@link ExitCodes.Failure} saying the server's problem+json in one line, with the exit code the README
 * documents: 4xx bad input (2) except 409 (1: another deployment holds the targets), 5xx and no answer at all (4).
 */
final class CoordinatorClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

	private final URI base;

	private final Optional<String> token;

	private final HttpClient http;

	CoordinatorClient(URI base, Optional<String> token) {
		this.base = base;
		this.token = token;
		// HTTP/1.1: no h2c upgrade attempt on every plain-http connection (the services speak HTTP/1.1)
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
	}

	URI base() {
		return base;
	}

	JsonNode get(String path) {
		return send(request(path).GET());
	}

	JsonNode post(String path, JsonNode body) {
		// a String body goes with a Content-Length; the services refuse chunked bodies
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)));
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "application/json, " + ProblemDocument.MEDIA_TYPE);
		token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
		return builder;
	}

	private JsonNode send(HttpRequest.Builder builder) {
		HttpRequest request = builder.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpConnectTimeoutException e) {
			throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
		}
		catch (HttpTimeoutException e) {
			throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
		}
		catch (ConnectException e) {
			throw unreachable("connection refused");
		}
		catch (IOException e) {
			throw unreachable(e.getClass().getSimpleName() + Optional.ofNullable(e.getMessage()).map(m -> ": " + m)
				.orElse(""));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ExitCodes.Failure(ExitCodes.FAILED, "interrupted while waiting for the coordinator");
		}
		int status = response.statusCode();
		if (status / 100 == 2) {
			return parse(response.body()).orElseThrow(() -> new ExitCodes.Failure(ExitCodes.UNREACHABLE, "the answer of "
					+ base + " to " + request.method() + " " + request.uri().getPath() + " is not JSON: is it a nixproc "
					+ "coordinator?"));
		}
		throw refused(status, ProblemDocument.read(status, response.body()), response.body());
	}

	private ExitCodes.Failure unreachable(String why) {
		return new ExitCodes.Failure(ExitCodes.UNREACHABLE, "cannot reach the coordinator at " + base + " (" + why
				+ ")");
	}

	/** One line: the problem's detail, every field error with its pointer, and the status. */
	private ExitCodes.Failure refused(int status, Optional<ProblemDocument> problem, String text) {
		String detail = problem.map(p -> p.detail().orElse(p.title()))
			.filter(d -> !d.isBlank())
			.orElse(text.isBlank() ? "no details" : abbreviate(text.strip()));
		List<String> errors = new ArrayList<>();
		problem.ifPresent(p -> p.errors().forEach(e -> errors.add(e.pointer() + ": " + e.message())));
		// a 400 for one field says it in its detail already
		errors.removeIf(detail::contains);
		String line = detail + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)) + " (HTTP " + status + ")";
		if (status == 401) {
			return new ExitCodes.Failure(ExitCodes.USAGE, "the coordinator wants a valid token (set NIXPROC_TOKEN or "
					+ "--token-file): " + line);
		}
		if (status == 409) {
			return new ExitCodes.Failure(ExitCodes.FAILED, line);
		}
		return new ExitCodes.Failure(status >= 500 ? ExitCodes.UNREACHABLE : ExitCodes.USAGE, line);
	}

	private static Optional<JsonNode> parse(String text) {
		try {
			return text.isBlank() ? Optional.empty() : Optional.of(JSON.readTree(text));
		}
		catch (JacksonException e) {
			return Optional.empty();
		}
	}

	private static String abbreviate(String text) {
		String oneLine = text.replaceAll("\\s+", " ");
		return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
	}

}
