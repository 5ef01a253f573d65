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
	OTHER_TARGET;

	/**
	 * Whether a refusal for this reason may be the answer to the command it names: the agent verified the record as
	 * the coordinator's command for itself and then refused it. A refusal of an unsigned or forged record, of another
	 * target's command, or of a copy of a command answered before never is: whoever wrote such a record chose its
	 * command id (issue 17 item 3). {@code MALFORMED} counts only with a command id, which an agent sets for verified
	 * records alone.
	 */
	public boolean answersTheCommand() {
		return this == MALFORMED || this == UNKNOWN_TYPE || this == UNKNOWN_SCHEMA_VERSION || this == EXPIRED;
	}

}
