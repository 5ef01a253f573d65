package nixproc.events;

/** Why a command was refused. The first three are also why a record goes to the dead-letter topic. */
public enum RejectionReason {

	/** Not JSON, not an envelope, or a payload that does not bind to its type. */
	MALFORMED,

	/** An envelope type the agent does not know. */
	UNKNOWN_TYPE,

	/** A known type in a schema version the agent does not know. */
	UNKNOWN_SCHEMA_VERSION,

	/** No signature. */
	UNSIGNED,

	/** A signature that is not the coordinator's over these contents. */
	BAD_SIGNATURE,

	/** Arrived after its expiry. */
	EXPIRED,

	/** A command id the agent has carried out before, arriving in a new record. */
	REPLAYED,

	/** Addressed to another target. */
	OTHER_TARGET

}
