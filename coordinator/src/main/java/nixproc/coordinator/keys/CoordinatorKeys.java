package nixproc.coordinator.keys;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Optional;

import nixproc.events.Command;
import nixproc.events.Ed25519Keys;
import nixproc.events.Envelope;
import nixproc.events.EnvelopeSigner;
import nixproc.events.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The coordinator's Ed25519 key pair, kept in a file only the coordinator reads ({@code NIXPROC_COORDINATOR_KEY_FILE},
 * a mounted secret or a 0600 file; see {@link KeyFile}), never in the database the services share (issue 17): whoever
 * holds it signs commands every agent carries out, as root on privileged targets. Every coordinator instance of a
 * network must be given the same file. The first start makes it when absent. A key an earlier version kept in the
 * database is moved into the file once, and its row deleted.
 */
@Component
public class CoordinatorKeys {

	private static final Logger log = LoggerFactory.getLogger(CoordinatorKeys.class);

	private final KeyPair keys;

	private final EnvelopeSigner signer;

	@Autowired
	CoordinatorKeys(JdbcClient jdbc, @Value("${nixproc.coordinator.key-file:}") String keyFile) {
		this(jdbc, keyFile.isBlank() ? defaultFile() : Path.of(keyFile));
	}

	CoordinatorKeys(JdbcClient jdbc, Path file) {
		Optional<KeyPair> stored = jdbc.sql("SELECT private_key, public_key FROM coordinator_key WHERE id = 1")
			.query((rs, n) -> new KeyPair(Ed25519Keys.publicKey(rs.getString(2)), Ed25519Keys.privateKey(rs.getString(1))))
			.optional();
		this.keys = KeyFile.loadOrCreate(file, stored);
		if (stored.isPresent()) {
			if (!stored.get().getPublic().equals(keys.getPublic())) {
				log.warn("the database held a coordinator key other than the one in {}; agents that trust the "
						+ "database's key ({}) refuse this coordinator's commands until given the file's", file,
						Ed25519Keys.encode(stored.get().getPublic()));
			}
			jdbc.sql("DELETE FROM coordinator_key").update();
			log.info("moved the coordinator's private key out of the database into {}", file);
		}
		this.signer = new EnvelopeSigner(keys.getPrivate());
	}

	/** {@code ${XDG_STATE_HOME:-~/.local/state}/nixproc/coordinator/coordinator.key}, as {@code nixproc up} keeps it. */
	static Path defaultFile() {
		String xdg = System.getenv("XDG_STATE_HOME");
		Path state = xdg != null && !xdg.isBlank() ? Path.of(xdg)
				: Path.of(System.getProperty("user.home"), ".local", "state");
		return state.resolve("nixproc").resolve("coordinator").resolve("coordinator.key");
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
