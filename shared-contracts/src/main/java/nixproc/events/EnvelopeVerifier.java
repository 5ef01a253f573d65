package nixproc.events;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Checks envelope signatures against one trusted Ed25519 public key. Thread-safe. */
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

	private final PublicKey key;

	public EnvelopeVerifier(PublicKey key) {
		this.key = key;
	}

	public Verdict verify(Envelope envelope) {
		if (envelope.signature().isEmpty()) {
			return Verdict.UNSIGNED;
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(envelope.signature().get());
			Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
			signature.initVerify(key);
			signature.update(envelope.signedBytes());
			return signature.verify(bytes) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
		}
		catch (IllegalArgumentException | GeneralSecurityException e) {
			// a garbled signature is a forgery attempt as far as the receiver is concerned
			return Verdict.BAD_SIGNATURE;
		}
	}

}
