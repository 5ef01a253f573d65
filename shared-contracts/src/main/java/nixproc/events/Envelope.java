package nixproc.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The envelope every nixproc event travels in (api.md): {@code {id, type, schemaVersion, time, source, key, payload,
 * signature?}}. The signature is Ed25519 over {@link #signedBytes()}, the RFC 8785 form of the envelope without
 * {@code signature}; fields added later are therefore covered by the signature as soon as the sender sets them.
 *
 * @param id unique per event; for commands the same as the command id
 * @param type the payload's type name, e.g. {@code Lock} or {@code StepSucceeded}
 * @param schemaVersion version of that type's payload; readers refuse versions they do not know
 * @param time when the sender created the event
 * @param source who sent it: {@code coordinator} or {@code agent:<target>}
 * @param key the Kafka record key: the target name for commands and agent events
 * @param payload the event itself, a JSON object
 * @param signature base64 Ed25519 signature, absent on unsigned events
 */
public record Envelope(String id, String type, int schemaVersion, Instant time, String source, String key,
		JsonNode payload, Optional<String> signature) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public Envelope {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(payload, "payload");
		Objects.requireNonNull(signature, "signature");
	}

	public Envelope withSignature(String base64) {
		return new Envelope(id, type, schemaVersion, time, source, key, payload, Optional.of(base64));
	}

	public Envelope withoutSignature() {
		return new Envelope(id, type, schemaVersion, time, source, key, payload, Optional.empty());
	}

	/** The envelope as a JSON object, with {@code signature} when present. */
	public ObjectNode toJson() {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		node.put("id", id);
		node.put("type", type);
		node.put("schemaVersion", schemaVersion);
		node.put("time", time.toString());
		node.put("source", source);
		node.put("key", key);
		node.set("payload", payload);
		signature.ifPresent(s -> node.put("signature", s));
		return node;
	}

	/** Compact JSON text, as written to Kafka. */
	public String toJsonText() {
		return JSON.writeValueAsString(toJson());
	}

	/** The bytes the signature covers: the canonical form of the envelope without {@code signature}. */
	public byte[] signedBytes() {
		return Jcs.canonicalBytes(withoutSignature().toJson());
	}

	/**
	 * Parses an envelope. Unknown top-level fields are ignored by the parser but stay covered by the signature
	 * only if the sender put them into the payload; that is where new data goes.
	 *
	 * @throws EventFormatException ({@link EventFormatException.Kind#MALFORMED}) when the text is not JSON or a
	 *         field is missing or of the wrong type
	 */
	public static Envelope parse(String text) {
		JsonNode node;
		try {
			node = JSON.readTree(text);
		}
		catch (JacksonException e) {
			throw new EventFormatException(EventFormatException.Kind.MALFORMED, "not JSON: " + e.getOriginalMessage());
		}
		return fromJson(node);
	}

	public static Envelope fromJson(JsonNode node) {
		if (!node.isObject()) {
			throw malformed("an envelope is a JSON object");
		}
		JsonNode payload = node.get("payload");
		if (payload == null || !payload.isObject()) {
			throw malformed("payload: must be an object");
		}
		JsonNode version = node.get("schemaVersion");
		if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
			throw malformed("schemaVersion: must be an integer");
		}
		Instant time;
		try {
			time = Instant.parse(text(node, "time"));
		}
		catch (DateTimeParseException e) {
			throw malformed("time: not an ISO-8601 instant");
		}
		JsonNode signature = node.get("signature");
		if (signature != null && !signature.isString()) {
			throw malformed("signature: must be a base64 string");
		}
		return new Envelope(text(node, "id"), text(node, "type"), version.intValue(), time, text(node, "source"),
				text(node, "key"), payload, Optional.ofNullable(signature).map(JsonNode::stringValue));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isString()) {
			throw malformed(field + ": must be a string");
		}
		return value.stringValue();
	}

	private static EventFormatException malformed(String message) {
		return new EventFormatException(EventFormatException.Kind.MALFORMED, message);
	}

}
