package nixproc.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a file the way {@code openat(2)} with {@code O_NOFOLLOW} would: each directory of the path opened relative
 * to the one before it without following a link (Java's {@link SecureDirectoryStream}), the content written to a new
 * temporary name there, its mode set on that name, and renamed over the target in the same directory. A link on the
 * way is refused, naming it; a link at the target or temporary name is replaced, never written through. Missing
 * directories are made (0755), then opened the same way.
 */
final class NoFollowWrite {

	private NoFollowWrite() {
	}

	/** @param owner the user the file is given to (the instance's, which must read it), if any */
	static void write(byte[] content, Path target, Set<PosixFilePermission> mode, Optional<String> owner)
			throws IOException {
		Path absolute = target.toAbsolutePath().normalize();
		Path parent = absolute.getParent();
		Deque<SecureDirectoryStream<Path>> opened = new ArrayDeque<>();
		try {
			DirectoryStream<Path> root = Files.newDirectoryStream(absolute.getRoot());
			if (!(root instanceof SecureDirectoryStream<Path> secure)) {
				root.close();
				throw new IOException("this platform cannot write " + target + " without following links");
			}
			opened.push(secure);
			Path walked = absolute.getRoot();
			for (Path name : parent) {
				walked = walked.resolve(name);
				opened.push(open(opened.peek(), name, walked));
			}
			SecureDirectoryStream<Path> dir = opened.peek();
			Path file = absolute.getFileName();
			Path tmp = Path.of("." + file + ".nixproc-tmp");
			try {
				dir.deleteFile(tmp);
			}
			catch (NoSuchFileException e) {
				// none left over
			}
			try (SeekableByteChannel out = dir.newByteChannel(tmp, Set.of(StandardOpenOption.WRITE,
					StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS),
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					out.write(buffer);
				}
			}
			PosixFileAttributeView attributes = dir.getFileAttributeView(tmp, PosixFileAttributeView.class,
					LinkOption.NOFOLLOW_LINKS);
			if (owner.isPresent()) {
				attributes.setOwner(FileSystems.getDefault().getUserPrincipalLookupService()
					.lookupPrincipalByName(owner.get()));
			}
			attributes.setPermissions(mode);
			dir.move(tmp, dir, file);
		}
		finally {
			while (!opened.isEmpty()) {
				opened.pop().close();
			}
		}
	}

	private static SecureDirectoryStream<Path> open(SecureDirectoryStream<Path> parent, Path name, Path walked)
			throws IOException {
		try {
			return parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException e) {
			Files.createDirectory(walked);
			return parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
		}
		catch (FileSystemException e) {
			if (Files.isSymbolicLink(walked)) {
				throw new FileSystemException(walked.toString(), null,
						"a symbolic link; config files are not written through links");
			}
			throw e;
		}
	}

}
