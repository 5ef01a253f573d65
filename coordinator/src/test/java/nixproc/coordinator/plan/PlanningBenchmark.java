package nixproc.coordinator.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import nixproc.network.DeploymentModel;
import nixproc.network.DeploymentReader;
import nixproc.network.NixEvaluator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Planning time for 10,000 services over 1,000 targets (architecture §8: ≤ 1 s). Not a unit test (surefire runs
 * {@code *Test} only): {@code mvn -pl coordinator test -Dtest=PlanningBenchmark}. Service i runs on target
 * i mod 1000 and depends on i−1 (another target) and i−1000 (the same target), so every wave crosses machines
 * and the dependency chain is 10,000 long. Prints the median of 7 runs after 3 warm-ups (and a warm-up round of everything first: the JIT).
 */
class PlanningBenchmark {

	static final int SERVICES = 10_000;

	static final int TARGETS = 1_000;

	@Test
	void plan10000ServicesOver1000Targets() {
		DeploymentModel model = model("v1", -1);
		DeploymentModel changed = model("v1", SERVICES / 2);
		Manifest first = Manifests.build(model, Map.of());
		Manifest second = Manifests.build(changed, Map.of());
		Plan initial = Planner.plan(Manifest.EMPTY, first);
		Plan update = Planner.plan(first, second);
		assertThat(initial.added()).hasSize(SERVICES);
		assertThat(update.added()).hasSize(SERVICES / 2);
		median(() -> Planner.plan(first, Manifests.build(changed, Map.of())));
		long manifest = median(() -> Manifests.build(model, Map.of()));
		long fromEmpty = median(() -> Planner.plan(Manifest.EMPTY, first));
		long diff = median(() -> Planner.plan(first, second));
		long endToEnd = median(() -> Planner.plan(first, Manifests.build(changed, Map.of())));
		System.out.printf("PLANNING %d services x %d targets: manifest %d ms, plan from empty %d ms (%d waves), "
				+ "plan after a change in the middle %d ms (%d deactivation + %d activation waves), "
				+ "manifest + plan %d ms%n", SERVICES, TARGETS, manifest, fromEmpty, initial.activation().size(), diff,
				update.deactivation().size(), update.activation().size(), endToEnd);
	}

	private static long median(Supplier<?> work) {
		for (int i = 0; i < 3; i++) {
			work.get();
		}
		long[] runs = new long[7];
		for (int i = 0; i < runs.length; i++) {
			long start = System.nanoTime();
			work.get();
			runs[i] = (System.nanoTime() - start) / 1_000_000;
		}
		Arrays.sort(runs);
		return runs[runs.length / 2];
	}

	/** The model; service {@code changedFrom} and above get another argument when non-negative. */
	static DeploymentModel model(String version, int changed) {
		JsonNodeFactory f = JsonNodeFactory.instance;
		ObjectNode set = f.objectNode();
		ObjectNode services = set.putObject("services");
		ObjectNode infrastructure = set.putObject("infrastructure");
		ObjectNode distribution = set.putObject("distribution");
		for (int t = 0; t < TARGETS; t++) {
			ObjectNode target = infrastructure.putObject("t" + t);
			target.putObject("properties").put("hostname", "t" + t + ".local");
			target.put("processManager", "sysvinit");
		}
		for (int i = 0; i < SERVICES; i++) {
			ObjectNode service = services.putObject("s" + i);
			service.put("name", "s" + i);
			service.put("port", 10_000 + i);
			ObjectNode pkg = service.putObject("pkg");
			pkg.put("process", "/bin/daemon");
			List<String> args = new ArrayList<>(List.of("--id", "s" + i, i == changed ? "v2" : version));
			ObjectNode dependsOn = f.objectNode();
			if (i >= 1) {
				dependsOn.put("prev", "s" + (i - 1));
				args.add("${dependsOn.prev.target.properties.hostname}:${dependsOn.prev.properties.port}");
			}
			if (i >= TARGETS) {
				dependsOn.put("sibling", "s" + (i - TARGETS));
			}
			args.forEach(pkg.putArray("args")::add);
			if (!dependsOn.isEmpty()) {
				service.set("dependsOn", dependsOn);
			}
			distribution.putArray("s" + i).add("t" + (i % TARGETS));
		}
		return DeploymentReader.read(set, NixEvaluator.unavailable());
	}

}
