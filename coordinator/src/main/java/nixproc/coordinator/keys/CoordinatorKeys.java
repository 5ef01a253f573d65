package nixproc.coordinator.keys;

import java.security.KeyPair;
import java.time.Instant;

import nixproc.events.Command;
import nixproc.events.Ed25519Keys;
import nixproc.events.Envelope;
import nixproc.events.EnvelopeSigner;
import nixproc.events.EventCodec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The coordinator's Ed25519 key pair, kept in the database so that every coordinator instance and every restart
 * signs with the key the agents were given. The first instance to start makes it; a racing second one loses the
 * insert and reads the winner's.
 */
@Component
public class CoordinatorKeys {

	private final KeyPair keys;

	private final EnvelopeSigner signer;

	CoordinatorKeys(JdbcClient jdbc) {
		KeyPair fresh = Ed25519Keys.generate();
		jdbc.sql("INSERT INTO coordinator_key (id, private_key, public_key) VALUES (1, ?, ?) ON CONFLICT DO NOTHING")
			.params(Ed25519Keys.encode(fresh.getPrivate()), Ed25519Keys.encode(fresh.getPublic()))
			.update();
		this.keys = jdbc.sql("SELECT private_key, public_key FROM coordinator_key WHERE id = 1")
			.query((rs, n) -> new KeyPair(Ed25519Keys.publicKey(rs.getString(2)), Ed25519Keys.privateKey(rs.getString(1))))
			.single();
		this.signer = new EnvelopeSigner(keys.getPrivate());
	}

	/** Base64 X.509 SubjectPublicKeyInfo: the {@code coordinatorPublicKey} of every agent. */
	public String publicKey() {
		return Ed25519Keys.encode(keys.getPublic());
	}

	/** The command in its envelope, signed; key = target. */
	public Envelope sign(Command command, Instant time) {
		return signer.sign(EventCodec.envelope(command, time));
	}

}
