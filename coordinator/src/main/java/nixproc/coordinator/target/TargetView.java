package nixproc.coordinator.target;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.events.ProcessManagerInfo;

/**
 * A target as {@code GET /api/v1/targets} shows it.
 *
 * @param publicKey the key its events must be signed with (base64 X.509): enrolled by an admin or pinned at its
 *        first registration
 */
public record TargetView(String name, boolean online, Instant lastHeartbeat, List<ProcessManagerInfo> processManagers,
		String processManager, Map<String, String> properties, boolean nix, long generation, Optional<String> lockedBy,
		String publicKey) {

	/** Whether the target's agent uses, or at least has, the given process manager. */
	public boolean runs(String manager) {
		return processManager.equals(manager) || processManagers.stream().anyMatch(p -> p.name().equals(manager));
	}

}
