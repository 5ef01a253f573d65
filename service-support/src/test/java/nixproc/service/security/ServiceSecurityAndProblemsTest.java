package nixproc.service.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import nixproc.model.Pointers;
import nixproc.model.Problem;
import nixproc.problem.ProblemDocument;
import nixproc.service.problem.ProblemException;
import nixproc.testsupport.SpringIntegrationServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared security and error behaviour, on a small service started against real PostgreSQL and Kafka. */
@SpringBootTest(classes = ServiceSecurityAndProblemsTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "nixproc.db.schema=t", "spring.flyway.enabled=false", "spring.jpa.hibernate.ddl-auto=none",
				"nixproc.security.bootstrap-admin-token=" + ServiceSecurityAndProblemsTest.BOOTSTRAP,
				"nixproc.security.tokens[0].sha256=" + ServiceSecurityAndProblemsTest.VIEWER_SHA,
				"nixproc.security.tokens[0].role=viewer",
				"nixproc.security.tokens[1].sha256=" + ServiceSecurityAndProblemsTest.DEPLOYER_SHA,
				"nixproc.security.tokens[1].role=DEPLOYER", "nixproc.http.max-request-bytes=2000",
				"spring.config.import=classpath:nixproc-service.yml" })
@ExtendWith(OutputCaptureExtension.class)
class ServiceSecurityAndProblemsTest {

	static final String BOOTSTRAP = "bootstrap-secret-4f1c-0123456789abcdef";

	/** sha256("viewer-token") */
	static final String VIEWER_SHA = "d036bd6d01a1cae081d39a2f8dab751dc042de814fd60df31fcb553170950f29";

	/** sha256("deployer-token"), upper case: both spellings of hex are accepted */
	static final String DEPLOYER_SHA = "FF516F1224B47332A2762242E346393ED67947CBC15AFC8CF7D235089884F16D";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		SpringIntegrationServices.register(registry);
	}

	@Test
	void withoutATokenItIs401AsProblemJson() throws Exception {
		HttpResponse<String> response = send("GET", "/read", null, null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(problem(response).get("detail").asString()).contains("bearer token is required");
		assertThat(problem(response).get("errors").isArray()).isTrue();
	}

	@Test
	void anUnknownTokenOrAnotherSchemeIs401() throws Exception {
		assertThat(send("GET", "/read", "Bearer nobody", null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/read", "Basic dXNlcjpwdw==", null).statusCode()).isEqualTo(401);
	}

	@Test
	void rolesIncludeTheWeakerOnes() throws Exception {
		assertThat(send("GET", "/read", bearer("viewer-token"), null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/read", bearer("deployer-token"), null).statusCode()).isEqualTo(200);
		assertThat(send("POST", "/deploy", bearer("deployer-token"), "{}").statusCode()).isEqualTo(200);
		assertThat(send("POST", "/deploy", bearer(BOOTSTRAP), "{}").statusCode()).isEqualTo(200);
		assertThat(send("GET", "/admin", bearer(BOOTSTRAP), null).statusCode()).isEqualTo(200);
	}

	@Test
	void aWeakRoleIs403AsProblemJson() throws Exception {
		HttpResponse<String> viewer = send("POST", "/deploy", bearer("viewer-token"), "{}");
		HttpResponse<String> deployer = send("GET", "/admin", bearer("deployer-token"), null);

		assertThat(viewer.statusCode()).isEqualTo(403);
		assertThat(viewer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(deployer.statusCode()).isEqualTo(403);
	}

	@Test
	void healthAndTheOpenApiDocumentNeedNoToken() throws Exception {
		assertThat(send("GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/v3/api-docs", null, null).statusCode()).isEqualTo(200);
	}

	@Test
	void theOpenApiDocumentDeclaresTheBearerSchemeAndEachOperationsRole() throws Exception {
		JsonNode document = JSON.readTree(send("GET", "/v3/api-docs", null, null).body());

		JsonNode scheme = document.get("components").get("securitySchemes").get("bearer");
		assertThat(scheme.get("type").asString()).isEqualTo("http");
		assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
		assertThat(document.get("security").get(0).has("bearer")).isTrue();
		assertThat(document.get("paths").get("/read").get("get").get("x-nixproc-role").asString()).isEqualTo("viewer");
		assertThat(document.get("paths").get("/deploy").get("post").get("x-nixproc-role").asString()).isEqualTo("deployer");
		assertThat(document.get("paths").get("/admin").get("get").get("x-nixproc-role").asString()).isEqualTo("admin");
		assertThat(document.get("paths").get("/admin").get("get").get("description").asString()).isEqualTo("Role: admin.");
	}

	@Test
	void malformedJsonIs400NamingThePlace() throws Exception {
		HttpResponse<String> response = send("POST", "/deploy", bearer(BOOTSTRAP), "{\"count\": 3,");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(problem(response).get("detail").asString()).startsWith("Malformed JSON at line 1");
	}

	@Test
	void aValueOfTheWrongTypeIs400WithItsPointer() throws Exception {
		JsonNode problem = problem(send("POST", "/deploy", bearer(BOOTSTRAP), "{\"items\": [{\"count\": 1.5}]}"));

		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/items/0/count");
	}

	@Test
	void aRecordInvariantIs400WithItsMessage() throws Exception {
		JsonNode problem = problem(send("POST", "/deploy", bearer(BOOTSTRAP), "{\"items\": [{\"count\": -1}]}"));

		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/items/0");
		assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("count: must not be negative");
	}

	@Test
	void aProblemExceptionKeepsItsStatusAndFields() throws Exception {
		JsonNode problem = problem(send("GET", "/conflict", bearer("viewer-token"), null));

		assertThat(problem.get("status").asInt()).isEqualTo(409);
		assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/services/0/pools/1");
	}

	@Test
	void unknownPathsAndUnexpectedFailuresAreProblemsToo() throws Exception {
		HttpResponse<String> missing = send("GET", "/nothing-here", bearer("viewer-token"), null);
		HttpResponse<String> failing = send("GET", "/fail", bearer("viewer-token"), null);

		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(problem(missing).has("errors")).as(missing.body()).isTrue();
		assertThat(failing.statusCode()).isEqualTo(500);
		assertThat(failing.body()).doesNotContain("secret internal state");
	}

	@Test
	void anOversizedBodyIs413BeforeItIsRead() throws Exception {
		HttpResponse<String> response = send("POST", "/deploy", bearer(BOOTSTRAP), "{\"pad\": \"" + "x".repeat(3000) + "\"}");

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(problem(response).get("detail").asString()).contains("the limit is 2000");
	}

	/**
	 * The bytes of the problem documents, pinned: the servlet filters write the members in RFC order with the type,
	 * Spring MVC (handlers) sorts them and leaves out {@code about:blank}; clients read both the same.
	 */
	@Test // #15
	void problemDocumentsKeepTheirBytes() throws Exception {
		assertThat(send("GET", "/read", null, null).body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\","
				+ "\"status\":401,\"detail\":\"A bearer token is required (Authorization: Bearer <token>)\",\"instance\":\"/read\","
				+ "\"errors\":[]}");
		assertThat(send("POST", "/deploy", bearer(BOOTSTRAP), "{\"pad\": \"" + "x".repeat(3000) + "\"}").body())
			.isEqualTo("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,\"detail\":\"The request "
					+ "body has 3011 bytes; the limit is 2000\",\"instance\":\"/deploy\",\"errors\":[{\"pointer\":\"\",\"message\":"
					+ "\"The request body has 3011 bytes; the limit is 2000\"}]}");
		assertThat(send("GET", "/admin", bearer("viewer-token"), null).body()).isEqualTo("{\"detail\":\"The token's role "
				+ "does not allow this request\",\"instance\":\"/admin\",\"status\":403,\"title\":\"Forbidden\",\"errors\":[]}");
		assertThat(send("GET", "/conflict", bearer("viewer-token"), null).body()).isEqualTo("{\"detail\":\"Pool 'ports' is "
				+ "depleted\",\"instance\":\"/conflict\",\"status\":409,\"title\":\"Conflict\",\"errors\":[{\"pointer\":"
				+ "\"/services/0/pools/1\",\"message\":\"depleted\"}]}");
		assertThat(send("POST", "/deploy", bearer(BOOTSTRAP), "{\"items\": [{\"count\": -1}]}").body())
			.isEqualTo("{\"detail\":\"/items/0: count: must not be negative\",\"instance\":\"/deploy\",\"status\":400,"
					+ "\"title\":\"Bad Request\",\"errors\":[{\"pointer\":\"/items/0\",\"message\":\"count: must not be negative\"}]}");
		assertThat(send("DELETE", "/read", bearer("viewer-token"), null).body()).isEqualTo("{\"detail\":\"Method 'DELETE' "
				+ "is not supported.\",\"instance\":\"/read\",\"status\":405,\"title\":\"Method Not Allowed\",\"errors\":[]}");
		assertThat(send("GET", "/fail", bearer("viewer-token"), null).body()).isEqualTo("{\"detail\":\"Internal error; the "
				+ "service log has the details\",\"instance\":\"/fail\",\"status\":500,\"title\":\"Internal Server Error\","
				+ "\"errors\":[]}");
	}

	@Test
	void everyProblemReadsBackAsTheDocumentClientsParse() throws Exception {
		HttpResponse<String> response = send("GET", "/conflict", bearer("viewer-token"), null);

		assertThat(ProblemDocument.read(response.statusCode(), response.body())).contains(new ProblemDocument("about:blank",
				"Conflict", 409, Optional.of("Pool 'ports' is depleted"), Optional.of("/conflict"),
				List.of(new Problem("/services/0/pools/1", "depleted"))));
	}

	@Test
	void theBootstrapTokenIsNeverLogged(CapturedOutput output) throws Exception {
		send("GET", "/read", bearer(BOOTSTRAP), null);

		assertThat(output.getAll()).doesNotContain(BOOTSTRAP);
	}

	private HttpResponse<String> send(String method, String path, String authorization, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	private static JsonNode problem(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class App {

	}

	record Item(long count) {
		Item {
			if (count < 0) {
				throw new IllegalArgumentException("count: must not be negative");
			}
		}
	}

	record Body(List<Item> items) {
	}

	@RestController
	static class Endpoints {

		@GetMapping("/read")
		String read() {
			return "ok";
		}

		@PostMapping("/deploy")
		@PreAuthorize("hasRole('DEPLOYER')")
		String deploy(@RequestBody Body body) {
			return "ok";
		}

		@GetMapping("/admin")
		@PreAuthorize("hasRole('ADMIN')")
		String admin() {
			return "ok";
		}

		@GetMapping("/conflict")
		String conflict() {
			throw ProblemException.conflict("Pool 'ports' is depleted",
					List.of(new Problem(Pointers.to("services", 0, "pools", 1), "depleted")));
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("secret internal state");
		}

	}

}
