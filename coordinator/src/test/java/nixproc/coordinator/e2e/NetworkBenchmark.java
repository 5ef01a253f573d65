package nixproc.coordinator.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.coordinator.keys.CoordinatorKeys;
import nixproc.deploy.BuiltProfile;
import nixproc.deploy.ProfileBuilder;
import nixproc.generation.Generation;
import nixproc.generation.GenerationStore;
import nixproc.generation.Manifest;
import nixproc.model.BackendKind;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.testsupport.SpringIntegrationServices;
import nixproc.testsupport.TestKafka;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a timed test: issue 9's measurement, run on demand with
 * {@code mvn -pl coordinator -am test -Dtest=NetworkBenchmark -Dsurefire.failIfNoSpecifiedTests=false} (its name
 * matches none of surefire's default patterns). In one run: {@value #DAEMONS} trivial daemons over {@value #AGENTS}
 * real agents (sysvinit, in this JVM, real Kafka and PostgreSQL) from {@code POST /deployments} to committed, beside
 * the seed-style baseline — the same generated sysvinit scripts started one after another by a shell loop — and
 * the command round trip (lock and unlock steps: no work on the agent). Figures go to stdout and
 * {@code target/network-benchmark.txt}; by hand to the README.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "nixproc.security.bootstrap-admin-token=e2e-admin", "nixproc.coordinator.tick=200ms" })
class NetworkBenchmark {

	static final int DAEMONS = 200;

	static final int AGENTS = 4;

	static final long RUN = 100_000 + ThreadLocalRandom.current().nextInt(800_000);

	static final JsonMapper JSON = JsonMapper.builder().build();

	static TestKafka kafka;

	@TempDir
	static Path dirs;

	static InProcessAgents agents;

	@LocalServerPort
	int port;

	@Autowired
	CoordinatorKeys keys;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		kafka = SpringIntegrationServices.register(registry).kafka();
		DeploymentEndToEndTest.createTopics(kafka);
	}

	@AfterAll
	static void stopEverything() {
		if (agents != null) {
			agents.close();
		}
		ProcessHandle.allProcesses()
			.filter(p -> p.info().commandLine().orElse("").contains("sleep " + RUN))
			.forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	void deploy200DaemonsOverFourAgentsAgainstTheSeedsShellLoop() throws Exception {
		List<String> lines = new ArrayList<>();
		Duration seed = seedLoop(dirs.resolve("seed"));
		lines.add("seed loop (" + DAEMONS + " sysvinit scripts, one after another): " + seed.toMillis() + " ms");

		agents = new InProcessAgents(kafka.bootstrapServers(), kafka.namespace(), keys.publicKey(), dirs);
		for (int a = 0; a < AGENTS; a++) {
			agents.start("t" + a);
		}
		Api api = new Api(port);
		Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
			JsonNode targets = api.get("/api/v1/targets");
			int online = 0;
			for (JsonNode target : targets) {
				online += target.get("online").asBoolean() ? 1 : 0;
			}
			return online == AGENTS;
		});
		// a warm-up deployment of one daemon per agent: the consumer groups' first joins are not the figure
		require(api.finished(api.deploy(model(AGENTS, "0"))), "COMMITTED");

		long t0 = System.nanoTime();
		JsonNode deployment = api.finished(api.deploy(model(DAEMONS, "1")));
		Duration ours = Duration.ofNanos(System.nanoTime() - t0);
		require(deployment, "COMMITTED");
		lines.add(String.format("ours (POST to COMMITTED, %d daemons over %d agents): %d ms, ratio %.2f", DAEMONS,
				AGENTS, ours.toMillis(), (double) ours.toNanos() / seed.toNanos()));
		lines.add(roundTrips(api));

		lines.add("uptime: " + new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).strip());
		lines.forEach(line -> System.out.println("NetworkBenchmark " + line));
		Files.write(Path.of("target/network-benchmark.txt"), lines);
	}

	/** The seed's way: the same scripts, written once, started by {@code for s in rc3.d/S*}, timed; stopped untimed. */
	static Duration seedLoop(Path state) throws Exception {
		Backend sysvinit = Backends.byKind(BackendKind.SYSVINIT).orElseThrow();
		Layout layout = new Layout(StateDirs.derive(state.toString(), Optional.empty(), Optional.empty(),
				Optional.empty(), Optional.empty()), true);
		Map<String, Object> model = new LinkedHashMap<>();
		for (int i = 0; i < DAEMONS; i++) {
			model.put("d" + i, Map.of("pkg", process("2", i)));
		}
		BuiltProfile profile = ProfileBuilder.build(ModelReader.readProcesses(JSON.writeValueAsString(model), false),
				sysvinit, layout);
		Generation generation = new GenerationStore(GenerationStore.profileDir(state, "seed")).write(profile.files(),
				new Manifest(Manifest.FORMAT_VERSION, 0, "sysvinit", Instant.now(), "", profile.instances(),
						Manifest.Credentials.NONE));
		Path rc3 = generation.directory().resolve("etc/rc.d/rc3.d");
		long t0 = System.nanoTime();
		Process loop = new ProcessBuilder("/bin/sh", "-c",
				"for s in \"$1\"/S*; do \"$s\" start >/dev/null || echo \"$s failed\"; done", "sh", rc3.toString())
			.inheritIO()
			.start();
		if (loop.waitFor() != 0) {
			throw new IllegalStateException("the seed's loop failed");
		}
		Duration took = Duration.ofNanos(System.nanoTime() - t0);
		new ProcessBuilder("/bin/sh", "-c", "for s in \"$1\"/S*; do \"$s\" stop >/dev/null; done", "sh", rc3.toString())
			.inheritIO()
			.start()
			.waitFor();
		return took;
	}

	static Map<String, Object> process(String marker, int i) {
		return Map.of("foregroundProcess", "/bin/sleep", "foregroundProcessArgs", List.of(RUN + marker + i));
	}

	/** {@code count} independent sleeps, spread round-robin over the agents. */
	static JsonNode model(int count, String marker) {
		Map<String, Object> services = new LinkedHashMap<>();
		Map<String, Object> distribution = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			services.put("d" + i, Map.of("name", "d" + i, "pkg", process(marker, i)));
			distribution.put("d" + i, List.of("t" + i % AGENTS));
		}
		Map<String, Object> infrastructure = new LinkedHashMap<>();
		for (int a = 0; a < AGENTS; a++) {
			infrastructure.put("t" + a, Map.of("properties", Map.of("hostname", "t" + a + ".local"), "processManager",
					"sysvinit"));
		}
		return JSON.valueToTree(Map.of("models", Map.of("services", services, "infrastructure", infrastructure,
				"distribution", distribution), "options", Map.of("stepTimeoutSeconds", 120, "healthWindowSeconds", 0)));
	}

	/** Lock and unlock do no work on the agent: their step durations are the command round trip. */
	static String roundTrips(Api api) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (JsonNode d : api.get("/api/v1/deployments")) {
				for (JsonNode s : d.get("steps")) {
					if (s.get("status").asString().equals("RUNNING")) {
						return false;
					}
				}
			}
			return true;
		});
		List<Long> millis = new ArrayList<>();
		for (JsonNode d : api.get("/api/v1/deployments")) {
			for (JsonNode s : d.get("steps")) {
				String kind = s.get("kind").asString();
				if ((kind.equals("LOCK") || kind.equals("UNLOCK")) && s.get("status").asString().equals("SUCCEEDED")) {
					millis.add(Duration.between(Instant.parse(s.get("startedAt").asString()),
							Instant.parse(s.get("finishedAt").asString())).toMillis());
				}
			}
		}
		Collections.sort(millis);
		return String.format("command round trip (lock/unlock) n=%d p50=%d ms p99=%d ms", millis.size(),
				millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.99) - 1));
	}

	static void require(JsonNode deployment, String status) {
		if (!deployment.get("status").asString().equals(status)) {
			throw new IllegalStateException("expected " + status + ": " + deployment);
		}
	}

}
