package nixproc.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the coordinator commands need to reach the network {@code nixproc up} runs: the coordinator's URL and the
 * file holding the admin token. {@code up} writes it into its state directory and as the current network of this
 * user ({@link #CURRENT}), where {@code nixproc deploy|status|targets|…} in another shell find it when neither
 * {@code --coordinator} nor {@code NIXPROC_COORDINATOR_URL} is given.
 *
 * @param coordinatorUrl the coordinator's base URL
 * @param tokenFile a file holding a token (0600)
 */
public record ClientSettings(String coordinatorUrl, Path tokenFile) {

	static final String FILE = "client.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** {@code ${XDG_STATE_HOME:-~/.local/state}/nixproc/client.json}. */
	public static Path current() {
		return defaultStateDir().resolve(FILE);
	}

	/** {@code ${XDG_STATE_HOME:-~/.local/state}/nixproc}: {@code up}'s state directory unless told otherwise. */
	public static Path defaultStateDir() {
		String xdg = System.getenv("XDG_STATE_HOME");
		Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
				: Path.of(System.getProperty("user.home"), ".local", "state");
		return base.resolve("nixproc");
	}

	/** The settings of the current network, if an {@code up} wrote some. */
	public static Optional<ClientSettings> readCurrent() {
		return read(current());
	}

	static Optional<ClientSettings> read(Path file) {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			JsonNode node = JSON.readTree(Files.readString(file));
			return Optional.of(new ClientSettings(node.get("coordinatorUrl").asString(),
					Path.of(node.get("tokenFile").asString())));
		}
		catch (IOException | JacksonException | NullPointerException e) {
			// a damaged file is ignored: the commands then fall back to their defaults and say where they went
			return Optional.empty();
		}
	}

	/** Writes the settings atomically into {@code file}. */
	void write(Path file) {
		try {
			Files.createDirectories(file.getParent());
			Path tmp = Files.createTempFile(file.getParent(), ".client-", ".json");
			Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
					Map.of("coordinatorUrl", coordinatorUrl, "tokenFile", tokenFile.toString())) + "\n");
			Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot write " + file, e);
		}
	}

}
