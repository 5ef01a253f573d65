package nixproc.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps {@link Command}s and {@link AgentEvent}s to {@link Envelope}s and back. The envelope {@code type} is the
 * record's simple name; every type is at {@link #SCHEMA_VERSION} 1. Unknown payload fields are ignored so that a
 * sender may add fields (api.md) without breaking older readers; a missing or ill-typed field is
 * {@link EventFormatException.Kind#MALFORMED}.
 */
public final class EventCodec {

	/** The schema version this build writes and the only one it reads. */
	public static final int SCHEMA_VERSION = 1;

	/** The {@code source} of coordinator-sent envelopes. */
	public static final String COORDINATOR = "coordinator";

	static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_ABSENT))
		.build();

	private static final Map<String, Class<? extends Command>> COMMANDS = byName(
			List.of(Lock.class, Unlock.class, Activate.class, Deactivate.class));

	private static final Map<String, Class<? extends AgentEvent>> AGENT_EVENTS = byName(List.of(Registered.class,
			Heartbeat.class, StepSucceeded.class, StepFailed.class, ProcessFailed.class, CommandRejected.class));

	private EventCodec() {
	}

	/** The type names of every {@link Command} subtype this build reads. */
	public static List<Class<? extends Command>> commandTypes() {
		return List.copyOf(COMMANDS.values());
	}

	/** An unsigned envelope for a command; its id is the command id, its key the target. */
	public static Envelope envelope(Command command, Instant time) {
		return new Envelope(command.commandId(), typeName(command), SCHEMA_VERSION, time, COORDINATOR,
				command.target(), JSON.valueToTree(command), java.util.Optional.empty());
	}

	/** An unsigned envelope for an agent event, with a fresh id; its source is {@code agent:<target>}. */
	public static Envelope envelope(AgentEvent event, Instant time) {
		return new Envelope(UUID.randomUUID().toString(), typeName(event), SCHEMA_VERSION, time,
				"agent:" + event.target(), event.target(), JSON.valueToTree(event), java.util.Optional.empty());
	}

	/** @throws EventFormatException when the type, version or payload is not a command this build knows */
	public static Command command(Envelope envelope) {
		Command command = read(envelope, COMMANDS);
		if (!command.commandId().equals(envelope.id())) {
			throw new EventFormatException(EventFormatException.Kind.MALFORMED,
					"commandId " + command.commandId() + " differs from the envelope id " + envelope.id());
		}
		return command;
	}

	/** @throws EventFormatException when the type, version or payload is not an agent event this build knows */
	public static AgentEvent agentEvent(Envelope envelope) {
		return read(envelope, AGENT_EVENTS);
	}

	/** The payload as JSON, e.g. to store an answer. */
	public static JsonNode toJson(Object event) {
		return JSON.valueToTree(event);
	}

	public static String typeName(Object event) {
		return event.getClass().getSimpleName();
	}

	private static <T> T read(Envelope envelope, Map<String, Class<? extends T>> types) {
		Class<? extends T> type = types.get(envelope.type());
		if (type == null) {
			throw new EventFormatException(EventFormatException.Kind.UNKNOWN_TYPE,
					"unknown type " + envelope.type() + "; known: " + types.keySet());
		}
		if (envelope.schemaVersion() != SCHEMA_VERSION) {
			throw new EventFormatException(EventFormatException.Kind.UNKNOWN_SCHEMA_VERSION, envelope.type()
					+ " schemaVersion " + envelope.schemaVersion() + " is not supported; this build reads "
					+ SCHEMA_VERSION);
		}
		try {
			return JSON.treeToValue(envelope.payload(), type);
		}
		catch (JacksonException e) {
			Throwable cause = e.getCause() instanceof IllegalArgumentException bad ? bad : e;
			String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
			throw new EventFormatException(EventFormatException.Kind.MALFORMED,
					envelope.type() + " payload: " + message);
		}
	}

	private static <T> Map<String, Class<? extends T>> byName(List<Class<? extends T>> types) {
		return types.stream().collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));
	}

}
