package nixproc.events;

/** The Kafka topic names of api.md. Tests prefix them with a namespace of their own. */
public final class Topics {

	/** Coordinator → agents, keyed by target name. */
	public static final String COMMANDS = "nixproc.commands";

	/** Agents → coordinator, keyed by target name. */
	public static final String AGENT_EVENTS = "nixproc.agent-events";

	/** The coordinator's domain events, keyed by deployment id. */
	public static final String DEPLOYMENTS = "nixproc.deployments";

	public static final String MODELS = "nixproc.models";

	public static final String IDS = "nixproc.ids";

	private Topics() {
	}

	/** The dead-letter topic of a consumer of {@code topic}: records that could not be parsed or verified. */
	public static String dlq(String topic) {
		return topic + ".dlq";
	}

}
