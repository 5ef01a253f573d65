package nixproc.e2e.network;

import java.util.List;

import nixproc.switching.StartOverlap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static nixproc.e2e.network.DeploymentEndToEndTest.JSON;
import static nixproc.e2e.network.DeploymentEndToEndTest.RUN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-target parallelism end to end (coordinator, Kafka, a real sysvinit agent): the Activate carries min(the
 * deployment's {@code maxParallelPerTarget}, the target's {@code numOfCores}) and the agent's switch starts no more
 * of the batch at once. Each service's start script marks itself active in a shared directory, appends how many
 * starts are active, holds the start for a second and unmarks itself. Unbounded (the agent's own default) all four
 * would overlap.
 */
class ParallelismEndToEndTest extends CoordinatorWithAgents {

	@Test
	void aTargetsActivationsAreBoundedByMaxParallelPerTargetAndItsNumOfCores() throws Exception {
		startAgents("alpha");
		StartOverlap overlaps = new StartOverlap(dirs.resolve("overlaps"));

		JsonNode twoCores = api().finished(api().deploy(model(overlaps, 1, 2, 4)));
		assertThat(twoCores.get("status").asString()).as(twoCores.toString()).isEqualTo("COMMITTED");
		List<Integer> first = overlaps.counts("run-1");
		assertThat(first).as("active starts seen by each start, numOfCores 2").hasSize(4).allMatch(n -> n <= 2);

		// every service changes (its marker), so all four start again, now bounded by the option
		JsonNode oneAtATime = api().finished(api().deploy(model(overlaps, 2, 2, 1)));
		assertThat(oneAtATime.get("status").asString()).as(oneAtATime.toString()).isEqualTo("COMMITTED");
		assertThat(overlaps.counts("run-2")).as("maxParallelPerTarget 1").containsExactly(1, 1, 1, 1);
	}

	/** Four independent sleepers on alpha whose starts append to the counts file {@code run-<run>}. */
	static JsonNode model(StartOverlap overlaps, int run, int numOfCores, int maxParallelPerTarget) {
		ObjectNode body = JSON.createObjectNode();
		ObjectNode models = body.putObject("models");
		ObjectNode services = models.putObject("services");
		ObjectNode distribution = models.putObject("distribution");
		for (int i = 1; i <= 4; i++) {
			String name = "s" + i;
			ObjectNode pkg = services.putObject(name).put("name", name).putObject("pkg");
			pkg.put("foregroundProcess", "/bin/sleep").putArray("foregroundProcessArgs").add(RUN + "" + run + i);
			pkg.put("initialize", overlaps.initialize(name, "run-" + run));
			distribution.putArray(name).add("alpha");
		}
		models.putObject("infrastructure").putObject("alpha").put("processManager", "sysvinit")
			.put("numOfCores", numOfCores).putObject("properties").put("hostname", "alpha.local");
		body.putObject("options").put("stepTimeoutSeconds", 60).put("maxParallelPerTarget", maxParallelPerTarget);
		return body;
	}

}
