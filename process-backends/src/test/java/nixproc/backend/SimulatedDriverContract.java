package nixproc.backend;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import nixproc.run.CommandRunner;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link DriverContract} for a manager that cannot run here: the driver runs its exact commands against the
 * manager its test plays ({@link #simulatedManager()}); a killed process is the manager's word for it. The values
 * a process would receive are checked where they are written, by the backend's golden files and escaping
 * properties.
 */
public abstract class SimulatedDriverContract extends DriverContract {

	/** A fresh manager in its initial state, knowing no instance. */
	protected abstract SimulatedManager simulatedManager();

	@Override
	final Harness harness(Path directory) {
		return new Simulated(simulatedManager(), new Recorder(directory));
	}

	/** The manager of this test, to assert the commands it was sent. */
	protected final SimulatedManager manager() {
		return ((Simulated) session().harness).manager;
	}

	private static final class Simulated extends Harness {

		private final SimulatedManager manager;

		Simulated(SimulatedManager manager, Recorder recorder) {
			super(recorder);
			this.manager = manager;
		}

		@Override
		CommandRunner runner() {
			return manager;
		}

		@Override
		ObjectNode exitingAtOnce(String instance) {
			manager.exitsAtOnce(instance);
			return super.exitingAtOnce(instance);
		}

		@Override
		OptionalLong pid(String instance) {
			return manager.pid(instance);
		}

		@Override
		void crash(String instance) {
			manager.crash(instance);
		}

		@Override
		List<String> events() {
			return manager.events();
		}

	}

}
