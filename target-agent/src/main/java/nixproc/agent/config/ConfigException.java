package nixproc.agent.config;

/** A configuration the agent cannot start with; the message names the key and where its value came from. */
public final class ConfigException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ConfigException(String message) {
		super(message);
	}

}
