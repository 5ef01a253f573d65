package nixproc.coordinator.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.deploy.BuiltProfile;
import nixproc.deploy.ProfileBuilder;
import nixproc.generation.Generation;
import nixproc.generation.GenerationStore;
import nixproc.generation.Manifest;
import nixproc.model.BackendKind;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static nixproc.coordinator.e2e.DeploymentEndToEndTest.RUN;

/**
 * Not a timed test: issue 9's measurement, run on demand with
 * {@code mvn -pl coordinator -am test -Dtest=NetworkBenchmark -Dsurefire.failIfNoSpecifiedTests=false} (its name
 * matches none of surefire's default patterns). In one run: {@value #DAEMONS} trivial daemons over {@value #AGENTS}
 * real agents (sysvinit, in this JVM, real Kafka and PostgreSQL) from {@code POST /deployments} to committed, beside
 * the seed-style baseline — the same generated sysvinit scripts started one after another by a shell loop — and
 * the command round trip (lock and unlock steps: no work on the agent). Figures go to stdout and
 * {@code target/network-benchmark.txt}; by hand to the README.
 */
class NetworkBenchmark extends CoordinatorWithAgents {

	static final int DAEMONS = 200;

	static final int AGENTS = 4;

	/** The switch's own bound ({@code Switcher.MAX_PARALLEL}). */
	static final int PER_TARGET = 128;

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void deploy200DaemonsOverFourAgentsAgainstTheSeedsShellLoop() throws Exception {
		List<String> lines = new ArrayList<>();
		Duration seed = seedLoop(dirs.resolve("seed"));
		lines.add("seed loop (" + DAEMONS + " sysvinit scripts, one after another): " + seed.toMillis() + " ms");

		startAgents(java.util.stream.IntStream.range(0, AGENTS).mapToObj(a -> "t" + a).toArray(String[]::new));
		Api api = api();
		// a warm-up deployment of one daemon per agent: the consumer groups' first joins are not the figure
		require(api.finished(api.deploy(model(AGENTS, "60"))), "COMMITTED");

		long t0 = System.nanoTime();
		JsonNode deployment = api.finished(api.deploy(model(DAEMONS, "61")));
		Duration ours = Duration.ofNanos(System.nanoTime() - t0);
		require(deployment, "COMMITTED");
		lines.add(String.format("ours (POST to COMMITTED, %d daemons over %d agents): %d ms, ratio %.2f", DAEMONS,
				AGENTS, ours.toMillis(), (double) ours.toNanos() / seed.toNanos()));
		lines.add(api.lockRoundTrips());

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
			model.put("d" + i, Map.of("pkg", process("62", i)));
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
			// a target's activations run min(maxParallelPerTarget, numOfCores) at once; Disnix's default of one core
			// would start the daemons one by one, as the baseline does: the benchmark lets the agent's switch decide
			infrastructure.put("t" + a, Map.of("properties", Map.of("hostname", "t" + a + ".local"), "processManager",
					"sysvinit", "numOfCores", PER_TARGET));
		}
		return JSON.valueToTree(Map.of("models", Map.of("services", services, "infrastructure", infrastructure,
				"distribution", distribution), "options", Map.of("stepTimeoutSeconds", 120, "healthWindowSeconds", 0,
						"maxParallelPerTarget", PER_TARGET)));
	}

	static void require(JsonNode deployment, String status) {
		if (!deployment.get("status").asString().equals(status)) {
			throw new IllegalStateException("expected " + status + ": " + deployment);
		}
	}

}
