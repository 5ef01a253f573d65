package nixproc.events;

/** An event that cannot be read: the kind says which rejection reason it becomes, the message says why. */
public final class EventFormatException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** Why an event could not be read. */
	public enum Kind {

		/** Not JSON, not an envelope, or a payload field missing or of the wrong type. */
		MALFORMED,

		/** The envelope's {@code type} is not one this reader knows. */
		UNKNOWN_TYPE,

		/** The type is known but its {@code schemaVersion} is not. */
		UNKNOWN_SCHEMA_VERSION

	}

	private final Kind kind;

	public EventFormatException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}

}
