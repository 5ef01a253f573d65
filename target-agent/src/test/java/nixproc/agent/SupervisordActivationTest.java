package nixproc.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import nixproc.events.Activate;
import nixproc.events.StepSucceeded;
import org.junit.jupiter.api.Test;

import static nixproc.agent.TestAgents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

class SupervisordActivationTest extends ActivationContract {

	@Override
	String processManager() {
		return "supervisord";
	}

	/**
	 * process-backends' switch (ProfileBuilder at b2cb5db) waits for a PID file when an instance has no probe, but
	 * supervisord runs programs in the foreground and writes none: a probe-less mapping times out. Until that is
	 * fixed there, the sleepers here carry a command probe.
	 */
	@Override
	String readiness() {
		return ", \"readiness\": {\"command\": [\"/bin/true\"], \"timeout\": 20}";
	}

	@Override
	void stopManager(Path profileDir) throws Exception {
		for (Path conf : List.of(profileDir.resolve("supervisord/supervisord.conf"))) {
			if (Files.exists(conf)) {
				new ProcessBuilder("supervisorctl", "-c", conf.toString(), "shutdown").inheritIO()
					.start()
					.waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	/** Several agents in one JVM, each with its own state dir and its own process manager. */
	@Test
	void twoAgentsWithDifferentBackendsActivateSideBySide() throws Exception {
		agents.start("alpha", "supervisord");
		agents.start("beta", "sysvinit");
		lock("alpha");
		lock("beta");
		Activate onAlpha = new Activate(TestCommands.id(), "d1", "a", 1, "alpha", inAMinute(), List.of(sleeper("a1", 0)));
		Activate onBeta = new Activate(TestCommands.id(), "d1", "b", 1, "beta", inAMinute(), List.of(sleeper("b1", 0)));
		coordinator.send(onAlpha);
		coordinator.send(onBeta);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(onAlpha.commandId()), WAIT);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(onBeta.commandId()), WAIT);
		assertThat(process("a1")).isPresent();
		assertThat(process("b1")).isPresent();
		// beta's processes are cleaned up here; alpha's by the contract's tear-down
		var down = new nixproc.events.Deactivate(TestCommands.id(), "d1", "b-down", 2, "beta", inAMinute(),
				List.of(sleeper("b1", 0)));
		coordinator.send(down);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(down.commandId()), WAIT);
	}

}
