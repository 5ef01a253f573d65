package nixproc.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A service test's HTTP client, with the three roles' tokens (shared through this module's test-jar). */
public record ApiClient(int port) {

	public static final String ADMIN = "admin-test-token-of-at-least-32-characters";

	/** sha256 of "viewer-token" and "deployer-token", configured by the tests' properties. */
	public static final String VIEWER = "viewer-token";

	public static final String DEPLOYER = "deployer-token";

	public static final String[] PROPERTIES = { "nixproc.security.bootstrap-admin-token=" + ADMIN,
			"nixproc.security.tokens[0].sha256=d036bd6d01a1cae081d39a2f8dab751dc042de814fd60df31fcb553170950f29",
			"nixproc.security.tokens[0].role=viewer",
			"nixproc.security.tokens[1].sha256=ff516f1224b47332a2762242e346393ed67947cbc15afc8cf7d235089884f16d",
			"nixproc.security.tokens[1].role=deployer" };

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public record Response(int status, String body, String contentType) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String pointer() {
			return json().get("errors").get(0).get("pointer").asString();
		}

	}

	public Response get(String path, String token) {
		return send("GET", path, token, null);
	}

	public Response post(String path, String token, String body) {
		return send("POST", path, token, body);
	}

	public Response put(String path, String token, String body) {
		return send("PUT", path, token, body);
	}

	public Response delete(String path, String token) {
		return send("DELETE", path, token, null);
	}

	public Response send(String method, String path, @Nullable String token, @Nullable String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
