package nixproc.events;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys with the JDK's own provider (JEP 339), encoded as api.md says: public keys as base64 X.509
 * SubjectPublicKeyInfo, private keys as base64 PKCS#8. Those encodings are what {@code openssl pkey} prints
 * between the PEM armour, so operators can make and inspect keys with standard tools.
 */
public final class Ed25519Keys {

	static final String ALGORITHM = "Ed25519";

	private Ed25519Keys() {
	}

	public static KeyPair generate() {
		try {
			return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("this JDK has no Ed25519 provider", e);
		}
	}

	public static String encode(PublicKey key) {
		return Base64.getEncoder().encodeToString(key.getEncoded());
	}

	public static String encode(PrivateKey key) {
		return Base64.getEncoder().encodeToString(key.getEncoded());
	}

	/** @throws IllegalArgumentException when the text is not base64 of an Ed25519 SubjectPublicKeyInfo */
	public static PublicKey publicKey(String base64) {
		try {
			return KeyFactory.getInstance(ALGORITHM)
				.generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64.strip())));
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			throw new IllegalArgumentException("not a base64 Ed25519 public key (X.509 SubjectPublicKeyInfo): "
					+ e.getMessage(), e);
		}
	}

	/** @throws IllegalArgumentException when the text is not base64 of an Ed25519 PKCS#8 private key */
	public static PrivateKey privateKey(String base64) {
		try {
			return KeyFactory.getInstance(ALGORITHM)
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(base64.strip())));
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			throw new IllegalArgumentException("not a base64 Ed25519 private key (PKCS#8): " + e.getMessage(), e);
		}
	}

}
