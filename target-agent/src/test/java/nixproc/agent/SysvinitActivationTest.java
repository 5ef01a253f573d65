package nixproc.agent;

import java.time.Instant;
import java.util.List;

import nixproc.events.Activate;
import nixproc.events.ProcessFailed;
import nixproc.events.StepSucceeded;
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

}
