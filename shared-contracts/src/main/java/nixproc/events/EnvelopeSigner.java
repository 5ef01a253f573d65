package nixproc.events;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/** Signs envelopes with one Ed25519 private key: the coordinator's, or an agent's own. Thread-safe. */
public final class EnvelopeSigner {

	private final PrivateKey key;

	public EnvelopeSigner(PrivateKey key) {
		if (!Ed25519Keys.ALGORITHM.equalsIgnoreCase(key.getAlgorithm())
				&& !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
			throw new IllegalArgumentException("not an Ed25519 key: " + key.getAlgorithm());
		}
		this.key = key;
	}

	/** The envelope with its {@code signature} set (replacing any present). */
	public Envelope sign(Envelope envelope) {
		try {
			// Signature objects are not thread-safe; Ed25519 signing is cheap enough to make one per call.
			Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
			signature.initSign(key);
			signature.update(envelope.signedBytes());
			return envelope.withSignature(Base64.getEncoder().encodeToString(signature.sign()));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Ed25519 signing failed", e);
		}
	}

}
