package nixproc.switching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code switch.json}: written (and synced) before a switch changes anything, removed when it has finished either
 * way. If it is there when a switch begins, the previous one was killed half-way.
 *
 * @param from the generation that was current (0: none)
 * @param to the generation being activated
 * @param created whether {@code to} was written by that switch, and so is to be deleted when undone
 */
record Journal(int from, int to, boolean created) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String FILE = "switch.json";

	static Optional<Journal> read(Path profileDir) {
		Path file = profileDir.resolve(FILE);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(JSON.readValue(Files.readString(file), Journal.class));
		}
		catch (IOException | RuntimeException ex) {
			// a torn write: the switch died before it changed anything
			return Optional.empty();
		}
	}

	void write(Path profileDir) {
		Path tmp = profileDir.resolve(FILE + ".tmp");
		try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8)));
			channel.force(true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			Files.move(tmp, profileDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void remove(Path profileDir) {
		try {
			Files.deleteIfExists(profileDir.resolve(FILE));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
