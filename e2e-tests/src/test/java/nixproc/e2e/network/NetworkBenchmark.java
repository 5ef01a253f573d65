package nixproc.e2e.network;

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
import nixproc.model.BackendKind;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.BuiltProfile;
import nixproc.profile.ProfileBuilder;
import nixproc.switching.bench.SeedLoop;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static nixproc.e2e.network.DeploymentEndToEndTest.RUN;

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

	static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	static final int ROUND_TRIPS = Integer.getInteger("bench.roundTrips", 40);

	/** The switch's own bound ({@code Switcher.MAX_PARALLEL}). */
	static final int PER_TARGET = Integer.getInteger("bench.perTarget", 128);

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void deploy200DaemonsOverFourAgentsAgainstTheSeedsShellLoop() throws Exception {
		List<String> lines = new ArrayList<>();
		startAgents(java.util.stream.IntStream.range(0, AGENTS).mapToObj(a -> "t" + a).toArray(String[]::new));
		Api api = api();
		// a warm-up deployment of one daemon per agent: the consumer groups' first joins are not the figure
		require(api.finished(api.deploy(model(0, 0))), "COMMITTED");
		List<Double> ratios = new ArrayList<>();
		for (int round = 1; round <= ROUNDS; round++) {
			// interleaved, so that both sides see the same machine
			Duration seed = seedLoop(dirs.resolve("seed-" + round), "7" + round);
			// each round adds its own daemons and keeps the earlier ones as they are: it only starts (stopping would
			// time this container's PID 1 reaping, a second or two)
			JsonNode deployment = api.finished(api.deploy(model(round, 0)));
			require(deployment, "COMMITTED");
			// the server's clock: the client's polling would add up to its interval
			Duration ours = Duration.between(Instant.parse(deployment.get("createdAt").asString()),
					Instant.parse(deployment.get("finishedAt").asString()));
			ratios.add((double) ours.toNanos() / seed.toNanos());
			lines.add(String.format("round %d: seed (its generation written, then %d sysvinit scripts started one after "
					+ "another) %d ms; ours (POST to COMMITTED, %d daemons over %d agents) %d ms; ratio %.2f; %s", round,
					DAEMONS, seed.toMillis(), DAEMONS, AGENTS, ours.toMillis(), ratios.get(ratios.size() - 1),
					phases(deployment)));
		}
		java.util.Collections.sort(ratios);
		lines.add(String.format("median ratio %.2f", ratios.get(ratios.size() / 2)));
		lines.add("during the rounds (4 locks at once, unlocks while 200 daemons start): " + api.lockRoundTrips(id -> true));
		// the steady state of a coordinator that runs for weeks: a warm JVM and one command at a time. Each deployment
		// adds one daemon on one target, so its lock and its unlock are single commands with no work on the agent
		java.util.Set<String> single = new java.util.HashSet<>();
		for (int k = 1; k <= ROUND_TRIPS; k++) {
			JsonNode deployment = api.finished(api.deploy(model(ROUNDS, k)));
			require(deployment, "COMMITTED");
			single.add(deployment.get("id").asString());
		}
		lines.add(ROUND_TRIPS + " one-target deployments after the rounds: " + api.lockRoundTrips(single::contains));
		lines.add("uptime: " + new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).strip());
		lines.forEach(line -> System.out.println("NetworkBenchmark " + line));
		Files.write(Path.of("target/network-benchmark.txt"), lines);
	}

	/** The seed's way ({@link SeedLoop}): the same scripts, written once and started one after another. */
	static Duration seedLoop(Path state, String marker) throws Exception {
		Backend sysvinit = Backends.byKind(BackendKind.SYSVINIT).orElseThrow();
		Layout layout = new Layout(StateDirs.derive(state.toString(), Optional.empty(), Optional.empty(),
				Optional.empty(), Optional.empty()), true);
		Map<String, Object> model = new LinkedHashMap<>();
		for (int i = 0; i < DAEMONS; i++) {
			model.put("d" + i, Map.of("pkg", process(marker, i)));
		}
		BuiltProfile profile = ProfileBuilder.build(ModelReader.readProcesses(JSON.writeValueAsString(model), false),
				sysvinit, layout);
		return SeedLoop.run(state, profile).total();
	}

	static Map<String, Object> process(String marker, int i) {
		return Map.of("foregroundProcess", "/bin/sleep", "foregroundProcessArgs", List.of(RUN + marker + i));
	}

	/**
	 * A warm-up sleep on each agent; for each round up to {@code rounds}, its own sleeps spread round-robin; and
	 * {@code extra} sleeps more, one per target in turn.
	 */
	static JsonNode model(int rounds, int extra) {
		Map<String, Object> services = new LinkedHashMap<>();
		Map<String, Object> distribution = new LinkedHashMap<>();
		for (int a = 0; a < AGENTS; a++) {
			services.put("w" + a, Map.of("name", "w" + a, "pkg", process("60", a)));
			distribution.put("w" + a, List.of("t" + a));
		}
		for (int round = 1; round <= rounds; round++) {
			for (int i = 0; i < DAEMONS; i++) {
				String name = "r" + round + "d" + i;
				services.put(name, Map.of("name", name, "pkg", process("6" + round, i)));
				distribution.put(name, List.of("t" + i % AGENTS));
			}
		}
		for (int k = 1; k <= extra; k++) {
			services.put("x" + k, Map.of("name", "x" + k, "pkg", process("59", k)));
			distribution.put("x" + k, List.of("t" + k % AGENTS));
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

	/** Where the time went: each kind of step, from the first one's start to the last one's end. */
	static String phases(JsonNode deployment) {
		Map<String, Instant[]> spans = new LinkedHashMap<>();
		Instant created = Instant.parse(deployment.get("createdAt").asString());
		for (JsonNode step : deployment.get("steps")) {
			if (!step.hasNonNull("startedAt") || !step.hasNonNull("finishedAt")) {
				continue;
			}
			Instant started = Instant.parse(step.get("startedAt").asString());
			Instant finished = Instant.parse(step.get("finishedAt").asString());
			spans.merge(step.get("kind").asString(), new Instant[] { started, finished }, (a, b) -> new Instant[] {
					a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1] });
		}
		StringBuilder text = new StringBuilder("phases after POST:");
		spans.forEach((kind, span) -> text.append(String.format(" %s %d-%d ms;", kind,
				Duration.between(created, span[0]).toMillis(), Duration.between(created, span[1]).toMillis())));
		return text.toString();
	}

	static void require(JsonNode deployment, String status) {
		if (!deployment.get("status").asString().equals(status)) {
			throw new IllegalStateException("expected " + status + ": " + deployment);
		}
	}

}
