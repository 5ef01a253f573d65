package nixproc.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import nixproc.backend.Backends;
import nixproc.model.BackendKind;
import nixproc.model.Instance;
import nixproc.model.ProcessesModel;
import nixproc.network.DeploymentModel;
import nixproc.network.DeploymentReader;
import nixproc.network.NixEvaluator;
import nixproc.network.Placement;
import nixproc.nix.NixModels;
import nixproc.process.Layout;
import nixproc.profile.BuiltProfile;
import nixproc.profile.ProfileBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's Disnix vocabulary (#16): a services model whose process manager is not fixed, so that the seed's
 * {@code derive-dysnomia-process-type.nix} (in the drop-in library) makes every service of type
 * {@code managed-process}, with its constructors beside it and in the parent directory (the examples of
 * {@link SeedStyleModelsTest}, unedited): nixproc evaluates it where it lies, sends the coordinator the services
 * with their managed processes, and every process manager builds the services placed on its target.
 */
class SeedStyleNetworkModelTest {

	@TempDir
	Path tmp;

	Path checkout;

	Path services;

	Path distribution;

	@BeforeEach
	void copyTheExamplesBesideTheDropIn() throws IOException {
		checkout = tmp.resolve("checkout");
		SeedStyleModelsTest.copy(SeedStyleModelsTest.FIXTURES.resolve("examples"), checkout.resolve("examples"));
		SeedStyleModelsTest.copy(SeedStyleModelsTest.DROP_IN.resolve("nixproc"), checkout.resolve("nixproc"));
		services = checkout.resolve("examples/webapps-agnostic/services.nix");
		distribution = checkout.resolve("examples/webapps-agnostic/distribution.nix");
	}

	@Test
	void planSendsTheServicesOfTypeManagedProcessEvaluatedWithTheirConstructors() throws Exception {
		AtomicReference<String> body = new AtomicReference<>("");
		HttpServer coordinator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		coordinator.createContext("/", exchange -> {
			body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		coordinator.start();
		try {
			CliRun run = CliRun.of("plan", "--coordinator", "http://127.0.0.1:" + coordinator.getAddress().getPort(),
					"--model-root", checkout.toString(), "-I", "nixpkgs=" + SeedStyleModelsTest.NIXPKGS, "-s", services.toString(),
					"-i", infrastructure("sysvinit", "supervisord").toString(), "-d", distribution.toString());
			assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNREACHABLE);
		}
		finally {
			coordinator.stop(0);
		}
		JsonNode sent = JsonMapper.builder().build().readTree(body.get()).get("models").get("services");
		for (String name : List.of("webapp1", "webapp2", "nginx")) {
			assertThat(sent.get(name).get("type").asString()).as(name).isEqualTo("managed-process");
		}
		assertThat(sent.get("nginx").get("dependsOn").toString()).isEqualTo("{\"webapp1\":\"webapp1\",\"webapp2\":\"webapp2\"}");
		assertThat(sent.get("nginx").get("pkg").get("process").asString()).matches("/nix/store/[a-z0-9]{32}-nginx-stub-1.22/bin/nginx");
		assertThat(sent.get("webapp1").get("pkg").get("process").asString()).matches("/nix/store/[a-z0-9]{32}-webapp-stub/bin/webapp");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(BackendKind.class)
	void everyManagerBuildsTheServicesPlacedOnItsTarget(BackendKind manager) throws IOException {
		List<String> searchPath = List.of("nixproc=" + SeedStyleModelsTest.DROP_IN.getParent(), "nixpkgs=" + SeedStyleModelsTest.NIXPKGS,
				NixModels.dropIn(SeedStyleModelsTest.DROP_IN.getParent()));
		DeploymentModel model = DeploymentReader.readValidFiles(services, infrastructure(manager.id(), manager.id()), distribution,
				Optional.empty(), NixEvaluator.fromPath().withLibrary(searchPath), Optional.of(checkout));

		for (String target : List.of("test1", "test2")) {
			Map<String, Instance> placed = new LinkedHashMap<>();
			model.services().forEach((name, service) -> {
				if (model.placementsOf(name).stream().map(Placement::target).anyMatch(target::equals)) {
					placed.put(service.instanceName(), Instance.of(service.pkg()));
				}
			});
			BuiltProfile profile = ProfileBuilder.build(new ProcessesModel(placed), Backends.byKind(manager).orElseThrow(),
					Layout.privileged());
			assertThat(profile.instances()).extracting(i -> i.name())
				.containsExactlyInAnyOrderElementsOf(target.equals("test1") ? List.of("webapp1", "webapp2") : List.of("nginx"));
		}
	}

	private Path infrastructure(String first, String second) throws IOException {
		return Files.writeString(tmp.resolve("infrastructure.json"), """
				{ "test1": { "properties": { "hostname": "test1.local" }, "processManager": "%s" },
				  "test2": { "properties": { "hostname": "test2.local" }, "processManager": "%s" } }
				""".formatted(first, second));
	}

}
