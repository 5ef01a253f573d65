package nixproc.events;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

/**
 * Checks envelope signatures against the trusted Ed25519 public keys: one, or, while the coordinator's key is being
 * rotated, the old and the new one (an envelope is valid when one of them signed it). Thread-safe.
 */
public final class EnvelopeVerifier {

	/** The verdict on one envelope. */
	public enum Verdict {

		/** Signed by the trusted key, over exactly these contents. */
		VALID,

		/** No {@code signature} field. */
		UNSIGNED,

		/** A signature that is not base64, not 64 bytes, or not by the trusted key over these contents. */
		BAD_SIGNATURE

	}

	private final List<PublicKey> keys;

	public EnvelopeVerifier(PublicKey key) {
		this(List.of(key));
	}

	public EnvelopeVerifier(List<PublicKey> keys) {
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("keys: at least one trusted key");
		}
		this.keys = List.copyOf(keys);
	}

	public Verdict verify(Envelope envelope) {
		if (envelope.signature().isEmpty()) {
			return Verdict.UNSIGNED;
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(envelope.signature().get());
			byte[] signed = envelope.signedBytes();
			for (PublicKey key : keys) {
				Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
				signature.initVerify(key);
				signature.update(signed);
				if (signature.verify(bytes)) {
					return Verdict.VALID;
				}
			}
			return Verdict.BAD_SIGNATURE;
		}
		catch (IllegalArgumentException | GeneralSecurityException e) {
			// a garbled signature is a forgery attempt as far as the receiver is concerned
			return Verdict.BAD_SIGNATURE;
		}
	}

}
