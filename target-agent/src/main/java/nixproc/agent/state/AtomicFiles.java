package nixproc.agent.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Replaces a file so that a crash leaves either its old or its new content, never a mix or nothing. */
public final class AtomicFiles {

	private AtomicFiles() {
	}

	/** @param ownerOnly create the file readable by its owner only (private keys) */
	public static void write(Path file, byte[] content, boolean ownerOnly) {
		Path dir = file.toAbsolutePath().getParent();
		Path temp = dir.resolve("." + file.getFileName() + ".tmp");
		try {
			Files.deleteIfExists(temp);
			Files.createFile(temp, PosixFilePermissions
				.asFileAttribute(PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--")));
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			// the rename itself is only durable once the directory entry is on disk
			try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
				directory.force(true);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot write " + file, e);
		}
	}

}
