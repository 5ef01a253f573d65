package nixproc.models;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import nixproc.network.CanonicalForm;
import nixproc.network.DeploymentDiff;
import nixproc.network.DeploymentModel;
import nixproc.network.DeploymentReader;
import nixproc.network.NixEvaluator;
import nixproc.service.ApiClient;
import nixproc.testsupport.SpringIntegrationServices;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark of the issue: parse + validate a model set of 10,000 services over 1,000 targets (target ≤ 1 s),
 * store it through the API, and diff two such revisions. It asserts only that the work was done right, never a
 * time: timings go to the console and {@code target/model-benchmark.txt}, and the figures in the README come from
 * there. Medians of several runs after a warm-up, because the first runs measure the JIT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"nixproc.security.tokens[0].sha256=ff516f1224b47332a2762242e346393ed67947cbc15afc8cf7d235089884f16d",
		"nixproc.security.tokens[0].role=deployer" })
class ModelSetBenchmark {

	static final int SERVICES = 10_000;

	static final int TARGETS = 1_000;

	static final int WARMUP = 3;

	static final int RUNS = 5;

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		SpringIntegrationServices.register(registry);
	}

	@Test
	void parseValidateStoreAndDiffTenThousandServices() throws Exception {
		ObjectNode first = generate(0);
		ObjectNode second = changed(generate(0));
		String text = first.toString();
		List<String> report = new ArrayList<>();
		report.add(String.format(Locale.ROOT, "model set: %,d services, %,d targets, %,d mappings, %,d bytes of JSON",
				SERVICES, TARGETS, first.get("distribution").size() * 2L, text.getBytes(StandardCharsets.UTF_8).length));

		DeploymentModel model = time(report, "parse + validate (JSON text -> checked records)",
				() -> DeploymentReader.readValid(text, NixEvaluator.unavailable()));
		String canonical = time(report, "canonical form + SHA-256", () -> {
			String c = CanonicalForm.text(model);
			CanonicalForm.sha256(c);
			return c;
		});
		String canonical2 = CanonicalForm.text(DeploymentReader.readValid(second.toString(), NixEvaluator.unavailable()));
		DeploymentDiff diff = time(report, "diff of two revisions (from canonical text)",
				() -> DeploymentDiff.between(JSON.readTree(canonical), JSON.readTree(canonical2)));

		ApiClient api = new ApiClient(port);
		long start = System.nanoTime();
		ApiClient.Response validated = api.post("/api/v1/validate", ApiClient.DEPLOYER, text);
		report.add(row("POST /validate (one run, cold: nothing stored)", System.nanoTime() - start));
		start = System.nanoTime();
		api.post("/api/v1/validate", ApiClient.DEPLOYER, text);
		report.add(row("POST /validate (second run)", System.nanoTime() - start));
		start = System.nanoTime();
		ApiClient.Response stored = api.post("/api/v1/revisions", ApiClient.DEPLOYER, text);
		report.add(row("POST /revisions, first store (one run, cold)", System.nanoTime() - start));
		start = System.nanoTime();
		ApiClient.Response stored2 = api.post("/api/v1/revisions", ApiClient.DEPLOYER, second.toString());
		report.add(row("POST /revisions, second revision", System.nanoTime() - start));
		start = System.nanoTime();
		ApiClient.Response again = api.post("/api/v1/revisions", ApiClient.DEPLOYER, text);
		report.add(row("POST /revisions, identical content (200)", System.nanoTime() - start));
		start = System.nanoTime();
		ApiClient.Response apiDiff = api.get("/api/v1/revisions/" + stored.json().get("id").asString() + "/diff/"
				+ stored2.json().get("id").asString(), ApiClient.DEPLOYER);
		report.add(row("GET /revisions/{a}/diff/{b}", System.nanoTime() - start));

		report.add(String.format(Locale.ROOT, "machine: %d cores, load average %.1f", Runtime.getRuntime().availableProcessors(),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
		String out = String.join("\n", report) + "\n";
		System.out.print(out);
		Files.writeString(Path.of("target/model-benchmark.txt"), out);
		assertThat(model.services()).hasSize(SERVICES);
		assertThat(model.infrastructure()).hasSize(TARGETS);
		assertThat(canonical).isNotEqualTo(canonical2);
		assertThat(diff.services().added()).hasSize(10);
		assertThat(diff.services().removed()).hasSize(10);
		// every 20th service, and the ten whose connectsTo peer was removed
		assertThat(diff.services().changed()).hasSize(SERVICES / 20 + 10);
		assertThat(diff.mappings().added()).hasSize(SERVICES / 100 + 10);
		assertThat(validated.status()).isEqualTo(200);
		assertThat(stored.status()).as(stored.body()).isEqualTo(201);
		assertThat(stored2.status()).as(stored2.body()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(200);
		assertThat(apiDiff.json().get("services").get("changed").size()).isEqualTo(SERVICES / 20 + 10);
	}

	/**
	 * Services {@code s<i>} in chains of ten ({@code dependsOn} the previous one), each also {@code connectsTo} a
	 * service far away, with a port from a pool and references to its target and its dependency; mapped to one or
	 * two of 1,000 targets running three process managers.
	 */
	static ObjectNode generate(int seed) {
		ObjectNode set = JSON.createObjectNode();
		ObjectNode infrastructure = set.putObject("infrastructure");
		List<String> managers = List.of("sysvinit", "supervisord", "systemd");
		for (int t = 0; t < TARGETS; t++) {
			ObjectNode target = infrastructure.putObject("t" + t);
			target.putObject("properties").put("hostname", "t" + t + ".example").put("zone", "z" + (t % 7));
			target.put("processManager", managers.get(t % 3)).put("system", "x86_64-linux").put("numOfCores", 1 + t % 4);
		}
		ObjectNode services = set.putObject("services");
		ObjectNode distribution = set.putObject("distribution");
		for (int i = 0; i < SERVICES; i++) {
			String name = "s" + i;
			ObjectNode service = services.putObject(name);
			service.put("name", name).put("port", 10_000 + i);
			service.putArray("requiresUniqueIdsFor").add("ports");
			ObjectNode pkg = service.putObject("pkg");
			pkg.put("process", "/opt/app/bin/app");
			pkg.putArray("args").add("--listen").add("${target.properties.hostname}:${ids.ports." + name + "}");
			ObjectNode env = pkg.putObject("environment").put("STATE", "${stateDir}/" + name).put("SEED", String.valueOf(seed));
			if (i % 10 != 0) {
				service.putObject("dependsOn").put("upstream", "s" + (i - 1));
				env.put("UPSTREAM", "${dependsOn.upstream.target.properties.hostname}:${dependsOn.upstream.properties.port}");
			}
			service.putObject("connectsTo").put("peer", "s" + ((i + SERVICES / 2) % SERVICES));
			ArrayNode targets = distribution.putArray(name);
			targets.add("t" + (i % TARGETS));
			targets.add("t" + ((i * 7 + 13) % TARGETS));
		}
		set.putObject("idResources").putObject("ports").put("min", 10_000).put("max", 60_000);
		return set;
	}

	/** 5% of services change their environment, 1% move a mapping, 10 are removed and 10 added. */
	static ObjectNode changed(ObjectNode set) {
		ObjectNode services = (ObjectNode) set.get("services");
		ObjectNode distribution = (ObjectNode) set.get("distribution");
		for (int i = 0; i < SERVICES; i += 20) {
			((ObjectNode) services.get("s" + i).get("pkg").get("environment")).put("SEED", "changed");
		}
		for (int i = 5; i < SERVICES; i += 100) {
			((ArrayNode) distribution.get("s" + i)).set(1, "t" + ((i * 7 + 14) % TARGETS));
		}
		for (int i = 0; i < 10; i++) {
			// the last of a chain of ten, so nothing dependsOn it
			String removed = "s" + (SERVICES - 1 - i * 10);
			services.remove(removed);
			distribution.remove(removed);
			String added = "n" + i;
			ObjectNode service = services.putObject(added).put("name", added);
			service.putObject("pkg").put("process", "/opt/new/bin/app");
			distribution.putArray(added).add("t" + i);
		}
		// connectsTo references to the removed services now point at the new ones
		for (int i = 0; i < SERVICES; i++) {
			JsonNode service = services.get("s" + i);
			if (service != null && !services.has(service.get("connectsTo").get("peer").asString())) {
				((ObjectNode) service.get("connectsTo")).put("peer", "n0");
			}
		}
		return set;
	}

	private static <T> T time(List<String> report, String what, Supplier<T> work) {
		T result = null;
		for (int i = 0; i < WARMUP; i++) {
			result = work.get();
		}
		// thread CPU time as well as wall time: on a shared, overloaded machine the wall time mostly measures
		// the queue for a core, the CPU time what the work costs
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long[] runs = new long[RUNS];
		long[] cpu = new long[RUNS];
		for (int i = 0; i < RUNS; i++) {
			long start = System.nanoTime();
			long startCpu = threads.getCurrentThreadCpuTime();
			result = work.get();
			runs[i] = System.nanoTime() - start;
			cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
		}
		Arrays.sort(runs);
		Arrays.sort(cpu);
		report.add(row(what + String.format(Locale.ROOT, " (median of %d; CPU %d ms)", RUNS, cpu[RUNS / 2] / 1_000_000),
				runs[RUNS / 2]));
		return result;
	}

	private static String row(String what, long nanos) {
		return String.format(Locale.ROOT, "%-70s %6d ms", what, nanos / 1_000_000);
	}

}
