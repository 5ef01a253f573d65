package nixproc.agent;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nixproc.events.Activate;
import nixproc.events.Command;
import nixproc.events.Ed25519Keys;
import nixproc.events.Envelope;
import nixproc.events.EnvelopeSigner;
import nixproc.events.EventCodec;
import nixproc.events.Lock;
import nixproc.events.Mapping;
import nixproc.events.Unlock;
import tools.jackson.databind.json.JsonMapper;

/** Makes commands and signs them the way the coordinator will: RFC 8785 envelope, Ed25519, coordinator key. */
public final class TestCommands {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KeyPair coordinator = Ed25519Keys.generate();

	private final EnvelopeSigner signer = new EnvelopeSigner(coordinator.getPrivate());

	public String publicKey() {
		return Ed25519Keys.encode(coordinator.getPublic());
	}

	public KeyPair keys() {
		return coordinator;
	}

	public static String id() {
		return "c-" + UUID.randomUUID();
	}

	public static Lock lock(String target, String deployment, Instant expiry) {
		return new Lock(id(), deployment, "lock-" + target, 1, target, expiry, 300);
	}

	public static Unlock unlock(String target, String deployment, Instant expiry) {
		return new Unlock(id(), deployment, "unlock-" + target, 1, target, expiry);
	}

	public static Activate activate(String target, String deployment, Instant expiry) {
		return new Activate(id(), deployment, "activate-" + target, 1, target, expiry,
				List.of(new Mapping("webapp1", 0, JSON.readTree("{\"process\":\"/bin/true\"}"),
						JSON.readTree("{\"port\":5000}"))));
	}

	public Envelope signed(Command command, Instant time) {
		return signer.sign(EventCodec.envelope(command, time));
	}

	public String signedText(Command command, Instant time) {
		return signed(command, time).toJsonText();
	}

}
