package nixproc.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The last lines of a log file, read from its end: at most {@link #MAX_BYTES} whatever the file's size, so a log of
 * gigabytes costs what one of kilobytes does (issue 17), and never through a symbolic link.
 */
public final class LogTail {

	/** How much of a log's end is read. */
	public static final int MAX_BYTES = 64 * 1024;

	private LogTail() {
	}

	/** The last {@code lines} lines of {@code file}, or a note saying why it cannot be read. */
	public static String of(Path file, int lines) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
			long size = channel.size();
			// of a longer log, one byte more than is kept: whether it ends a line says if the first kept line is whole
			int length = (int) Math.min(size, MAX_BYTES + 1L);
			ByteBuffer buffer = ByteBuffer.allocate(length);
			channel.position(size - length);
			while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
				// read on
			}
			String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
			if (size > MAX_BYTES) {
				// only lines wholly within the last MAX_BYTES are shown, or the last one cut when none is
				int newline = text.indexOf('\n');
				text = newline >= 0 && newline < text.length() - 1 ? text.substring(newline + 1) : text;
			}
			List<String> all = text.lines().toList();
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException e) {
			return "(cannot read " + file + ": " + e.getMessage() + ")";
		}
	}

}
