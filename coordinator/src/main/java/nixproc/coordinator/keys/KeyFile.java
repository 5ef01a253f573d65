package nixproc.coordinator.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import nixproc.events.Ed25519Keys;
import nixproc.events.Envelope;
import nixproc.events.EnvelopeSigner;
import nixproc.events.EnvelopeVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The coordinator's key pair in a file only its owner reads: a PEM {@code PRIVATE KEY} block (PKCS#8) and a PEM
 * {@code PUBLIC KEY} block, i.e. what {@code openssl genpkey -algorithm ed25519 -out F && openssl pkey -in F -pubout
 * >> F} writes. Made 0600 (in a 0700 directory it creates) when absent; two coordinators making it at once end up
 * with one key (the file is linked into place, never replaced).
 */
final class KeyFile {

	private static final Logger log = LoggerFactory.getLogger(KeyFile.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private KeyFile() {
	}

	/** The pair in {@code file}; when there is no file, {@code initial} (or a new pair) written there first. */
	static KeyPair loadOrCreate(Path file, Optional<KeyPair> initial) {
		if (!Files.exists(file)) {
			create(file, initial.orElseGet(Ed25519Keys::generate));
		}
		return read(file);
	}

	static KeyPair read(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read the coordinator's key file " + file, e);
		}
		List<String> privates = Ed25519Keys.pemBlocks(text, "PRIVATE KEY");
		List<String> publics = Ed25519Keys.pemBlocks(text, "PUBLIC KEY");
		if (privates.size() != 1 || publics.size() != 1) {
			throw new IllegalStateException("the coordinator's key file " + file + " must hold one PEM PRIVATE KEY "
					+ "block and one PEM PUBLIC KEY block of an Ed25519 key (openssl genpkey -algorithm ed25519 -out F "
					+ "&& openssl pkey -in F -pubout >> F); it holds " + privates.size() + " and " + publics.size());
		}
		KeyPair pair;
		try {
			pair = new KeyPair(Ed25519Keys.publicKey(publics.get(0)), Ed25519Keys.privateKey(privates.get(0)));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("the coordinator's key file " + file + ": " + e.getMessage(), e);
		}
		if (!matches(pair)) {
			throw new IllegalStateException("the coordinator's key file " + file + ": its public key is not the "
					+ "private key's (openssl pkey -in F -pubout prints the right one)");
		}
		warnWhenOthersMayRead(file);
		return pair;
	}

	private static boolean matches(KeyPair pair) {
		Envelope probe = new Envelope("key-check", "KeyCheck", 1, Instant.EPOCH, "coordinator", "coordinator",
				JsonNodeFactory.instance.objectNode(), Optional.empty());
		PublicKey key = pair.getPublic();
		return new EnvelopeVerifier(key).verify(new EnvelopeSigner(pair.getPrivate()).sign(probe))
				== EnvelopeVerifier.Verdict.VALID;
	}

	private static void warnWhenOthersMayRead(Path file) {
		try {
			Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
			mode.retainAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
			if (!mode.isEmpty()) {
				log.warn("the coordinator's key file {} is readable by others ({}); whoever reads it can sign commands "
						+ "every agent carries out: chmod 600 it", file, Files.getPosixFilePermissions(file));
			}
		}
		catch (IOException | UnsupportedOperationException e) {
			// a mounted secret without POSIX modes: nothing to check
		}
	}

	private static void create(Path file, KeyPair pair) {
		Path dir = file.toAbsolutePath().getParent();
		try {
			if (!Files.isDirectory(dir)) {
				Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
						"rwx------")));
			}
			Path tmp = Files.createTempFile(dir, ".coordinator-key-", "", PosixFilePermissions.asFileAttribute(
					OWNER_ONLY));
			try {
				try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
					channel.write(ByteBuffer.wrap((Ed25519Keys.pem(pair.getPrivate()) + Ed25519Keys.pem(pair.getPublic()))
						.getBytes(StandardCharsets.US_ASCII)));
					channel.force(true);
				}
				// a link never replaces: of two coordinators making the key at once, the second reads the first's
				Files.createLink(file, tmp);
				log.info("made the coordinator's key file {}", file);
			}
			catch (FileAlreadyExistsException e) {
				log.info("another coordinator made the key file {} first; using its key", file);
			}
			finally {
				Files.deleteIfExists(tmp);
			}
			try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
				directory.force(true);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot write the coordinator's key file " + file
					+ " (NIXPROC_COORDINATOR_KEY_FILE names it)", e);
		}
	}

}
