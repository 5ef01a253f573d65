package nixproc.agent.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import nixproc.events.Ed25519Keys;

/**
 * The agent's own Ed25519 key pair, made on first start and kept in the state dir: {@code agent.key} (PKCS#8,
 * base64, owner-only) and {@code agent.pub} (X.509, base64). Keeping it across restarts lets the coordinator pin the
 * key it first saw for a target.
 */
public final class AgentKeys {

	private AgentKeys() {
	}

	public static KeyPair loadOrCreate(Path stateDir) {
		Path privateFile = stateDir.resolve("agent.key");
		Path publicFile = stateDir.resolve("agent.pub");
		try {
			if (Files.exists(privateFile) && Files.exists(publicFile)) {
				return new KeyPair(Ed25519Keys.publicKey(Files.readString(publicFile, StandardCharsets.US_ASCII)),
						Ed25519Keys.privateKey(Files.readString(privateFile, StandardCharsets.US_ASCII)));
			}
			KeyPair pair = Ed25519Keys.generate();
			// private half first: a crash in between leaves no public key, and the pair is made again
			AtomicFiles.write(privateFile, ascii(Ed25519Keys.encode(pair.getPrivate())), true);
			AtomicFiles.write(publicFile, ascii(Ed25519Keys.encode(pair.getPublic())), false);
			return pair;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read the agent key pair in " + stateDir, e);
		}
	}

	private static byte[] ascii(String text) {
		return (text + "\n").getBytes(StandardCharsets.US_ASCII);
	}

}
