package nixproc.agent;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import nixproc.events.Activate;
import nixproc.events.Mapping;
import nixproc.events.ProcessFailed;
import nixproc.events.StepSucceeded;
import nixproc.switching.StartOverlap;
import org.junit.jupiter.api.Test;

import static nixproc.agent.TestAgents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

class SysvinitActivationTest extends ActivationContract {

	@Override
	String processManager() {
		return "sysvinit";
	}

	@Test
	void aFailedStartReportsTheTailOfTheInstancesLog() {
		agents.start("alpha", processManager());
		lock("alpha");
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 5, "alpha", inAMinute(),
				List.of(quitter("bad", 0)));
		coordinator.send(activate);
		var failed = coordinator.await(nixproc.events.StepFailed.class, s -> s.commandId().equals(activate.commandId()),
				WAIT);
		assertThat(failed.results()).singleElement().satisfies(r -> assertThat(r.logTail()).contains("no frobnicator"));
	}

	/** sysvinit does not supervise, so a killed process stays dead: the health monitor's case. */
	@Test
	void aProcessThatDiesAfterActivationIsReportedOnceAsProcessFailed() {
		agents.start("alpha", processManager());
		lock("alpha");
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 3, "alpha", inAMinute(),
				List.of(sleeper("victim", 0)));
		coordinator.send(activate);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(activate.commandId()), WAIT);
		Instant killed = Instant.now();
		process("victim").orElseThrow().destroyForcibly();
		ProcessFailed failed = coordinator.await(ProcessFailed.class, f -> f.service().equals("victim"), WAIT);
		assertThat(failed.generation()).isEqualTo(3);
		assertThat(failed.reason()).contains("FAILED");
		// one event per incident, not one per health check
		coordinator.await(nixproc.events.Heartbeat.class,
				h -> h.target().equals("alpha") && h.uptimeSeconds() > 0 && Instant.now().isAfter(killed.plusSeconds(4)),
				WAIT);
		assertThat(coordinator.received()).filteredOn(e -> e.type().equals("ProcessFailed")).hasSize(1);
	}

	/**
	 * The command's parallelism reaches the switch: each start records in a shared file how many starts are active
	 * (its {@code initialize} holds the start for a while), and with parallelism 1 that is never more than one.
	 */
	@Test
	void anActivatesParallelismBoundsHowManyOfItsInstancesStartAtOnce() throws Exception {
		agents.start("alpha", processManager());
		lock("alpha");
		StartOverlap overlaps = new StartOverlap(agents.stateDir("alpha").resolve("overlaps"));
		List<Mapping> three = List.of(overlapping("o1", overlaps), overlapping("o2", overlaps),
				overlapping("o3", overlaps));
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 2, "alpha", inAMinute(), three,
				OptionalInt.of(1));
		coordinator.send(activate);
		succeeded(activate.commandId());
		assertThat(overlaps.counts("counts")).containsExactly(1, 1, 1);
	}

	private static Mapping overlapping(String name, StartOverlap overlaps) {
		String initialize = overlaps.initialize(name, "counts");
		return new Mapping(name, 0, JSON.readTree("{\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\""
				+ marker(name) + "\"], \"initialize\": " + JSON.writeValueAsString(initialize) + "}"), JSON.createObjectNode());
	}

}
