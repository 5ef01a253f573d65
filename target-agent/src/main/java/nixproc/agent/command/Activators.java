package nixproc.agent.command;

import java.time.Clock;
import java.util.Optional;

import nixproc.agent.config.AgentConfig;
import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.events.MachineCapabilities;
import nixproc.events.ProcessManagerInfo;
import nixproc.model.BackendKind;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.run.ProcessCommandRunner;

/**
 * Chooses the activator for a machine: the local switch over the configured backend when this build has one and
 * the machine has the process manager, otherwise an {@link UnavailableActivator} whose reason says which of the two
 * is missing, so that activations fail with that reason instead of at the first command.
 */
public final class Activators {

	private Activators() {
	}

	public static Activator forMachine(AgentConfig config, MachineCapabilities capabilities, Clock clock) {
		String name = capabilities.processManager();
		Optional<Backend> backend = BackendKind.byId(name).flatMap(Backends::byKind);
		if (backend.isEmpty()) {
			return new UnavailableActivator("this build has no generator and driver for " + name);
		}
		if (capabilities.processManagers().stream().map(ProcessManagerInfo::name).noneMatch(name::equals)) {
			return new UnavailableActivator("process manager " + name + " is not installed on this machine; found "
					+ capabilities.processManagers().stream().map(ProcessManagerInfo::name).toList());
		}
		return new SwitchingActivator(backend.get(), layout(config), config.stateDir(), new ProcessCommandRunner(),
				config.privileged(), clock);
	}

	/**
	 * Privileged agents deploy below {@code /var} as the seed does; unprivileged ones below {@code <stateDir>/var}
	 * with user changes disabled (the seed's {@code --force-disable-user-change}).
	 */
	static Layout layout(AgentConfig config) {
		if (config.privileged()) {
			return new Layout(StateDirs.defaults(), false);
		}
		return new Layout(StateDirs.derive(config.stateDir().toAbsolutePath().resolve("var").toString(), Optional.empty(),
				Optional.empty(), Optional.empty(), Optional.empty()), true);
	}

}
