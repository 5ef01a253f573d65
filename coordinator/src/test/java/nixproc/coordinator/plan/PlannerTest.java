package nixproc.coordinator.plan;

import java.util.List;
import java.util.Map;

import nixproc.events.Mapping;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTest {

	static final Map<String, Map<String, Long>> IDS = Map.of("ports", Map.of("db", 5000L));

	static Manifest manifest(String dbArg, String webArg) {
		return Manifests.build(Models.webAndDb(dbArg, webArg), IDS);
	}

	/** min(maxParallelPerTarget, numOfCores); numOfCores from the next manifest, the previous one, or Disnix's 1. */
	@Test
	void parallelismIsMaxParallelPerTargetBoundedByEachTargetsNumOfCores() {
		Manifest threeCoresOnA = Manifests.build(Models.webAndDb("1", "1", 3), IDS);
		assertThat(threeCoresOnA.numOfCores()).isEqualTo(Map.of("a", 3, "b", 1));
		Plan first = Planner.plan(Manifest.EMPTY, threeCoresOnA);
		assertThat(first.parallelism(4)).isEqualTo(Map.of("a", 3, "b", 1));
		assertThat(first.parallelism(2)).isEqualTo(Map.of("a", 2, "b", 1));
		// undeploying: the targets leave the network, so the generation they leave bounds them
		assertThat(Planner.plan(threeCoresOnA, Manifest.EMPTY).parallelism(8)).isEqualTo(Map.of("a", 3, "b", 1));
		// a manifest committed before numOfCores was recorded: the default
		Manifest recordedBefore = new Manifest(threeCoresOnA.entries());
		assertThat(Planner.plan(recordedBefore, Manifest.EMPTY).parallelism(8)).isEqualTo(Map.of("a", 1, "b", 1));
		// only what changes is bounded (and locked)
		Plan changeDb = Planner.plan(threeCoresOnA, Manifests.build(Models.webAndDb("2", "1", 3), IDS));
		assertThat(changeDb.parallelism(4)).isEqualTo(Map.of("a", 3, "b", 1));
	}

	@Test
	void rendersCrossTargetReferencesAndKeepsOnlySameTargetDependenciesForTheAgent() {
		ManifestEntry web = manifest("1", "1").entries().get("web@b");
		assertThat(web.process().get("args").toString()).isEqualTo("[\"1\",\"a.local:5000\",\"${stateDir}\"]");
		assertThat(web.process().get("dependencies").toString()).isEqualTo("[\"cache\"]");
		assertThat(web.dependsOn()).containsExactly("db@a", "cache@b");
		assertThat(manifest("1", "1").entries().get("db@a").properties().get("port").stringValue()).isEqualTo("5000");
	}

	@Test
	void aDependencysChangeChangesItsDependentsHashAsInDisnix() {
		Manifest before = manifest("1", "1");
		Manifest after = manifest("2", "1");
		assertThat(after.entries().get("db@a").hash()).isNotEqualTo(before.entries().get("db@a").hash());
		assertThat(after.entries().get("web@b").hash()).isNotEqualTo(before.entries().get("web@b").hash());
		assertThat(after.entries().get("cache@b").hash()).isEqualTo(before.entries().get("cache@b").hash());
	}

	@Test
	void firstDeploymentActivatesDependenciesFirstInWavesBatchedPerTarget() {
		// cache needs nothing, so it starts beside db; web waits a wave for db on the other target
		Plan plan = Planner.plan(Manifest.EMPTY, manifest("1", "1"));
		assertThat(plan.deactivation()).isEmpty();
		assertThat(describe(plan.activation())).containsExactly("a:db/0 b:cache/0", "b:web/0");
		assertThat(plan.involvedTargets()).containsExactly("a", "b");
	}

	@Test
	void changingADependencyRestartsItsDependentsDependentsStoppedFirst() {
		Plan plan = Planner.plan(manifest("1", "1"), manifest("2", "1"));
		assertThat(plan.obsolete()).containsExactlyInAnyOrder("db@a", "web@b");
		assertThat(plan.untouched()).containsExactly("cache@b");
		assertThat(describe(plan.deactivation())).containsExactly("b:web/0", "a:db/0");
		assertThat(describe(plan.activation())).containsExactly("a:db/0", "b:web/0");
	}

	@Test
	void changingALeafTouchesOnlyIt() {
		Plan plan = Planner.plan(manifest("1", "1"), manifest("1", "2"));
		assertThat(plan.obsolete()).containsExactly("web@b");
		assertThat(plan.added()).containsExactly("web@b");
		assertThat(plan.involvedTargets()).containsExactly("b");
	}

	@Test
	void sameTargetDependentsAreDeactivatedInTheSameBatchAtAHigherOrder() {
		Plan plan = Planner.plan(manifest("1", "1"), Manifest.EMPTY);
		// the agent stops the highest order first: web (a dependent of cache) must be above cache
		assertThat(describe(plan.deactivation())).containsExactly("b:cache/0,web/1", "a:db/0");
	}

	@Test
	void anUnassignedIdIsAPlanErrorNamingTheField() {
		assertThatThrownBy(() -> Manifests.build(Models.webAndDb("1", "1"), Map.of()))
			.isInstanceOf(PlanException.class)
			.hasMessageContaining("${ids.ports.db}")
			.extracting(e -> ((PlanException) e).pointer())
			.isEqualTo("/services/db/port");
	}

	@Test
	void identicalManifestsChangeNothing() {
		Plan plan = Planner.plan(manifest("1", "1"), manifest("1", "1"));
		assertThat(plan.changesNothing()).isTrue();
		assertThat(plan.involvedTargets()).isEmpty();
	}

	/** "target:service/order,…" per batch, batches of a wave separated by a space. */
	static List<String> describe(List<List<Batch>> waves) {
		return waves.stream()
			.map(wave -> String.join(" ", wave.stream()
				.map(b -> b.target() + ":" + String.join(",",
						b.mappings().stream().map(Mapping::service).sorted().map(s -> s + "/" + order(b, s)).toList()))
				.toList()))
			.toList();
	}

	private static int order(Batch batch, String service) {
		return batch.mappings().stream().filter(m -> m.service().equals(service)).findFirst().orElseThrow().order();
	}

}
