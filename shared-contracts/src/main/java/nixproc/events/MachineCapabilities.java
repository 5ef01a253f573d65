package nixproc.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static nixproc.events.Checks.notNull;

/**
 * What a machine offers, as data (style G3), reported in {@link Registered}. Not what one process manager can do:
 * that is {@code nixproc.backend.Capabilities}.
 *
 * @param processManagers every process manager found on the machine, with the version it reported
 * @param processManager the one this agent activates with
 * @param nixVersion the output of {@code nix --version}; absent when Nix is not installed
 * @param properties the free properties of the agent configuration ({@code hostname}, {@code zone}, …)
 */
public record MachineCapabilities(String hostname, String os, String arch, List<ProcessManagerInfo> processManagers,
		String processManager, boolean privileged, Optional<String> nixVersion, Map<String, String> properties) {

	public MachineCapabilities {
		notNull(hostname, "hostname");
		notNull(os, "os");
		notNull(arch, "arch");
		notNull(processManager, "processManager");
		processManagers = List.copyOf(processManagers == null ? List.of() : processManagers);
		nixVersion = nixVersion == null ? Optional.empty() : nixVersion;
		properties = Map.copyOf(properties == null ? Map.of() : properties);
	}

	/** Whether Nix is installed (api.md's {@code nix} flag of a target). */
	public boolean nix() {
		return nixVersion.isPresent();
	}

}
