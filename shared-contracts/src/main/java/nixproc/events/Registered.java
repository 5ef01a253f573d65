package nixproc.events;

import java.time.Instant;

import static nixproc.events.Checks.notBlank;
import static nixproc.events.Checks.notNull;

/**
 * An agent (re)started. The coordinator pins {@code publicKey} for the target and verifies later events with it.
 *
 * @param publicKey the agent's Ed25519 key, base64 X.509 SubjectPublicKeyInfo
 * @param generation the generation the agent runs, from its local state
 */
public record Registered(String target, MachineCapabilities capabilities, String publicKey, String agentVersion,
		Instant startedAt, long generation) implements AgentEvent {

	public Registered {
		notBlank(target, "target");
		notNull(capabilities, "capabilities");
		notBlank(publicKey, "publicKey");
		notNull(agentVersion, "agentVersion");
		notNull(startedAt, "startedAt");
	}

}
