package nixproc.agent.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code <stateDir>/state.json}: read at start, replaced atomically on every change. */
public final class StateStore {

	static final String FILE = "state.json";

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.enable(SerializationFeature.INDENT_OUTPUT)
		.build();

	private final Path file;

	public StateStore(Path stateDir) {
		this.file = stateDir.resolve(FILE);
	}

	/** The stored state, or the initial one when the agent never ran here. */
	public AgentState load() {
		if (!Files.exists(file)) {
			return AgentState.initial();
		}
		try {
			JsonNode tree = JSON.readTree(Files.readString(file));
			int version = tree.path("formatVersion").asInt(-1);
			if (version != AgentState.FORMAT_VERSION) {
				throw new IllegalStateException(file + " has formatVersion " + version + "; this agent reads "
						+ AgentState.FORMAT_VERSION + " — start the agent version that wrote it, or move the file away");
			}
			return JSON.treeToValue(tree, AgentState.class);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + file, e);
		}
		catch (JacksonException e) {
			throw new IllegalStateException(file + " is not a valid agent state: " + e.getOriginalMessage(), e);
		}
	}

	public void save(AgentState state) {
		AtomicFiles.write(file, JSON.writeValueAsBytes(state), false);
	}

	public Path file() {
		return file;
	}

}
