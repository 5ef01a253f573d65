package nixproc.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The ensemble's secrets (the admin token, database and broker passwords): random hex, each kept in a file of its
 * own that only the user running {@code up} reads (0600, written to a temporary file and renamed into place), made
 * at the first start and read at every later one.
 */
final class Secrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	/** The secret in {@code file}; {@code bytes} random bytes, hex, when there is none yet. */
	static String readOrCreate(Path file, int bytes) {
		try {
			if (Files.isRegularFile(file)) {
				return Files.readString(file).strip();
			}
			byte[] secret = new byte[bytes];
			RANDOM.nextBytes(secret);
			String made = HexFormat.of().formatHex(secret);
			Files.createDirectories(file.getParent());
			Path tmp = Files.createTempFile(file.getParent(), ".secret-", "",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(tmp, made + "\n");
			Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
			return made;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot keep a secret in " + file, e);
		}
	}

}
