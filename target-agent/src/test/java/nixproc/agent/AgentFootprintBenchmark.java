package nixproc.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import nixproc.events.Activate;
import nixproc.events.AgentEvent;
import nixproc.events.Deactivate;
import nixproc.events.Lock;
import nixproc.events.Mapping;
import nixproc.events.Registered;
import nixproc.events.StepFailed;
import nixproc.events.StepSucceeded;
import nixproc.testsupport.IntegrationServicesExtension;
import nixproc.testsupport.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the agent against the budgets of architecture §8 and prints the figures; it asserts nothing about them
 * (timed assertions make flaky builds). Not picked up by a normal test run (the name does not end in Test); run it
 * with {@code mvn -o -pl target-agent test -Dtest=AgentFootprintBenchmark} and copy the table into the README.
 */
@ExtendWith(IntegrationServicesExtension.class)
class AgentFootprintBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The repository, whose {@code nixproc} script is the launcher users run (surefire runs in the module dir). */
	private static final Path REPO = Path.of("").toAbsolutePath().getParent();

	/**
	 * How the agent is started: the fat jar with the JDK's defaults (what {@code nixproc agent} did before it had
	 * options of its own), and the {@code nixproc} launcher without and with its AppCDS archive.
	 */
	private static final List<Launch> LAUNCHES = List.of(
			new Launch("java -jar cli/target/nixproc-exec.jar (JDK defaults)",
					List.of("java", "-jar", REPO.resolve("cli/target/nixproc-exec.jar").toString()), Map.of()),
			new Launch("nixproc agent, NIXPROC_AGENT_CDS=off", List.of(REPO.resolve("nixproc").toString()),
					Map.of("NIXPROC_AGENT_CDS", "off")),
			new Launch("nixproc agent (its defaults: JVM options and AppCDS)", List.of(REPO.resolve("nixproc").toString()),
					Map.of()));

	private record Launch(String name, List<String> command, Map<String, String> environment) {
	}

	private static final int STARTS = 5;

	private static final Duration IDLE = Duration.ofSeconds(20);

	@TempDir
	Path dirs;

	/**
	 * Start to {@code Registered} is measured from the launcher's start to the coordinator's receipt. Each launch
	 * is started once before it is measured: the first start after a build unpacks the class path and writes the
	 * CDS archive when it stops. The launcher must be built (it rebuilds itself when older than the sources, which
	 * would be timed): {@code ./mvnw -pl cli -am install -DskipTests} first.
	 */
	@Test
	void footprintAndLatency(TestKafka kafka) throws Exception {
		List<String> report = new ArrayList<>();
		report.add("| launch | start to Registered (median of " + STARTS + ") | idle RSS | load average then |");
		try (TestCoordinator coordinator = new TestCoordinator(kafka.bootstrapServers(), kafka.namespace())) {
			TestAgents agents = new TestAgents(kafka.bootstrapServers(), kafka.namespace(),
					coordinator.commands.publicKey(), dirs);
			Instant after = Instant.EPOCH;
			for (Launch launch : LAUNCHES) {
				String name = "bench" + LAUNCHES.indexOf(launch);
				Path config = Files.writeString(dirs.resolve(name + ".yml"), agents.yaml(name));
				List<Long> startMillis = new ArrayList<>();
				long rssKb = 0;
				for (int i = -1; i < STARTS; i++) {
					long t0 = System.nanoTime();
					try (AgentProcess agent = AgentProcess.launch(launch.command(), launch.environment(), config, name)) {
						Instant since = after;
						Registered registered = coordinator.await(Registered.class,
								r -> r.target().equals(name) && r.startedAt().isAfter(since), Duration.ofSeconds(120));
						long millis = (System.nanoTime() - t0) / 1_000_000;
						after = registered.startedAt();
						if (i >= 0) {
							startMillis.add(millis);
						}
						if (i == STARTS - 1) {
							Thread.sleep(IDLE.toMillis());
							rssKb = agent.rssKb();
						}
						else {
							// let the first start finish what it does after registering before it is stopped
							Thread.sleep(3000);
						}
					}
				}
				Collections.sort(startMillis);
				report.add(String.format("| %s | %d ms (min %d, max %d) | %d MB after %d s idle | %s |", launch.name(),
						startMillis.get(STARTS / 2), startMillis.get(0), startMillis.get(STARTS - 1), rssKb / 1024,
						IDLE.toSeconds(), load()));
			}
			report.addAll(latencies(coordinator, agents));
		}
		System.err.println("\n=== agent benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
				+ System.getProperty("java.version") + ") ===");
		report.forEach(System.err::println);
	}

	/** The machine's load average (1, 5, 15 minutes): the figures mean little without it. */
	private static String load() throws java.io.IOException {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

	private static String verdict(AgentEvent answer) {
		return answer instanceof StepFailed failed ? "(FAILED: " + failed.reason() + ")" : "(succeeded)";
	}

	/** supervisord outlives the agent by design (it owns the processes); the benchmark leaves nothing behind. */
	private static void shutdownSupervisord(Path stateDir) throws Exception {
		Path conf = stateDir.resolve("var/nixproc/profiles/agent/supervisord/supervisord.conf");
		if (Files.exists(conf)) {
			new ProcessBuilder("supervisorctl", "-c", conf.toString(), "shutdown").inheritIO().start().waitFor();
		}
	}

	/** Command-to-result latency: a trivial Lock, and batches of 50 trivial daemons per backend. */
	private List<String> latencies(TestCoordinator coordinator, TestAgents agents) throws Exception {
		List<String> lines = new ArrayList<>();
		agents.withRealActivation();
		for (String backend : List.of("sysvinit", "supervisord")) {
			String target = "lat-" + backend;
			Path config = Files.writeString(dirs.resolve(target + ".yml"),
					agents.yaml(target, backend));
			try (AgentProcess agent = AgentProcess.start(config, target)) {
				coordinator.await(Registered.class, r -> r.target().equals(target), Duration.ofSeconds(60));
				List<Long> lockMillis = new ArrayList<>();
				for (int i = 0; i < 21; i++) {
					Lock lock = TestCommands.lock(target, "bench", Instant.now().plusSeconds(600));
					long t0 = System.nanoTime();
					coordinator.send(lock);
					coordinator.await(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()),
							Duration.ofSeconds(30));
					lockMillis.add((System.nanoTime() - t0) / 1_000_000);
				}
				Collections.sort(lockMillis);
				List<Mapping> daemons = IntStream.range(0, 50)
					.mapToObj(i -> new Mapping("sleeper" + i, 0,
							JSON.readTree("{\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"600\"]"
									// see SupervisordActivationTest#readiness: no PID file under supervisord
									+ (backend.equals("supervisord")
											? ", \"readiness\": {\"command\": [\"/bin/true\"], \"timeout\": 60}" : "")
									+ "}"),
							JSON.createObjectNode()))
					.toList();
				Activate activate = new Activate(TestCommands.id(), "bench", "up", 1, target,
						Instant.now().plusSeconds(600), daemons);
				long t0 = System.nanoTime();
				coordinator.send(activate);
				AgentEvent upAnswer = coordinator.awaitAnswer(activate.commandId(), Duration.ofSeconds(300));
				long up = (System.nanoTime() - t0) / 1_000_000;
				Deactivate deactivate = new Deactivate(TestCommands.id(), "bench", "down", 2, target,
						Instant.now().plusSeconds(600), daemons);
				t0 = System.nanoTime();
				coordinator.send(deactivate);
				AgentEvent downAnswer = coordinator.awaitAnswer(deactivate.commandId(), Duration.ofSeconds(300));
				long down = (System.nanoTime() - t0) / 1_000_000;
				lines.add(String.format("| %s | Lock round trip p50 %d ms (max %d, 21 runs) | activate 50 daemons %d ms"
						+ " %s | deactivate 50 daemons %d ms %s | load %s |", backend, lockMillis.get(10), lockMillis.get(20),
						up, verdict(upAnswer), down, verdict(downAnswer), load()));
			}
			finally {
				shutdownSupervisord(agents.stateDir(target));
			}
		}
		return lines;
	}

}
