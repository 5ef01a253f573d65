package nixproc.events;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys with the JDK's own provider (JEP 339), encoded as api.md says: public keys as base64 X.509
 * SubjectPublicKeyInfo, private keys as base64 PKCS#8. Those encodings are what {@code openssl pkey} prints
 * between the PEM armour, so operators can make and inspect keys with standard tools.
 */
public final class Ed25519Keys {

	static final String ALGORITHM = "Ed25519";

	private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]*)-----END \\1-----");

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

	/** The key as a PEM block ({@code -----BEGIN PUBLIC KEY-----}), as {@code openssl pkey -pubout} writes it. */
	public static String pem(PublicKey key) {
		return pem("PUBLIC KEY", key.getEncoded());
	}

	/** The key as a PEM block ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8), as {@code openssl genpkey} writes it. */
	public static String pem(PrivateKey key) {
		return pem("PRIVATE KEY", key.getEncoded());
	}

	private static String pem(String label, byte[] der) {
		return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + label + "-----\n";
	}

	/**
	 * The PEM blocks of one label in a text, in order: {@code PUBLIC KEY} or {@code PRIVATE KEY}.
	 */
	public static List<String> pemBlocks(String text, String label) {
		List<String> blocks = new ArrayList<>();
		Matcher m = PEM.matcher(text);
		while (m.find()) {
			if (m.group(1).equals(label)) {
				blocks.add(m.group(2).strip());
			}
		}
		return blocks;
	}

	/**
	 * Every public key in a text: PEM {@code PUBLIC KEY} blocks when there are any, else one base64 key per
	 * non-blank line (what {@code coordinatorPublicKey} files held before they could hold several keys).
	 *
	 * @throws IllegalArgumentException when a block or line is not an Ed25519 public key, or there is none
	 */
	public static List<PublicKey> publicKeys(String text) {
		List<String> encoded = pemBlocks(text, "PUBLIC KEY");
		if (encoded.isEmpty()) {
			encoded = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
		}
		if (encoded.isEmpty()) {
			throw new IllegalArgumentException("no public key");
		}
		return encoded.stream().map(Ed25519Keys::publicKey).toList();
	}

}
