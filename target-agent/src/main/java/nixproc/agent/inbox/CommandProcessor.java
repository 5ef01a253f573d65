package nixproc.agent.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import nixproc.agent.command.CommandHandler;
import nixproc.agent.command.Handlers;
import nixproc.agent.state.AgentState;
import nixproc.agent.state.SeenCommand;
import nixproc.events.Command;
import nixproc.events.CommandRejected;
import nixproc.events.Envelope;
import nixproc.events.EnvelopeVerifier;
import nixproc.events.EventCodec;
import nixproc.events.EventFormatException;
import nixproc.events.RejectionReason;

/**
 * Decides what one record of the command partition means, in this order: not our key → ignore; not an envelope,
 * unsigned or not signed by the coordinator, unknown type or version, or for another target → reject; seen before →
 * the stored answer (same record) or a replay refusal (new record); expired → reject; otherwise → its handler (which
 * also answers a step the agent died in, see {@code BatchSteps.interrupted}). The signature is checked before anything in the
 * payload is believed, and ids are recorded only for verified commands, so forged records cannot poison the replay
 * memory. A refusal carries a command id only when the record is a command the coordinator signed for this target:
 * the refusal of a forged record, or of another target's command, must not pass for the answer to a real one.
 */
final class CommandProcessor {

	private final String target;

	private final EnvelopeVerifier verifier;

	private final Handlers handlers;

	private final Clock clock;

	CommandProcessor(String target, EnvelopeVerifier verifier, Handlers handlers, Clock clock) {
		this.target = target;
		this.verifier = verifier;
		this.handlers = handlers;
		this.clock = clock;
	}

	/** @param key the record key, absent for unkeyed records; @param record {@code topic-partition@offset} */
	Decision process(Optional<String> key, String value, String record, AgentState state,
			CommandHandler.StatePersister persist) {
		if (!key.equals(Optional.of(target))) {
			return new Decision.Ignore();
		}
		Envelope envelope;
		try {
			envelope = Envelope.parse(value);
		}
		catch (EventFormatException e) {
			return reject(Optional.empty(), RejectionReason.MALFORMED, e.getMessage(), record);
		}
		EnvelopeVerifier.Verdict verdict = verifier.verify(envelope);
		if (verdict != EnvelopeVerifier.Verdict.VALID) {
			RejectionReason reason = verdict == EnvelopeVerifier.Verdict.UNSIGNED ? RejectionReason.UNSIGNED
					: RejectionReason.BAD_SIGNATURE;
			// no command id: whoever wrote the record chose it, and a refusal carrying it would read as the answer to
			// the coordinator's command of that id (issue 17 item 3)
			return reject(Optional.empty(), reason, "not signed by the coordinator's key", record);
		}
		Command command;
		try {
			command = EventCodec.command(envelope);
		}
		catch (EventFormatException e) {
			return reject(Optional.of(envelope.id()), RejectionReason.valueOf(e.kind().name()), e.getMessage(), record);
		}
		if (!command.target().equals(target)) {
			// another target's command copied into our partition: not ours to answer
			return reject(Optional.empty(), RejectionReason.OTHER_TARGET,
					"command for target " + command.target() + " delivered to " + target, record);
		}
		SeenCommand seen = state.seen().get(command.commandId());
		if (seen != null) {
			if (seen.record().equals(record)) {
				return new Decision.Resend(seen.answer());
			}
			return reject(Optional.of(command.commandId()), RejectionReason.REPLAYED,
					"command " + command.commandId() + " was carried out before, from " + seen.record(), record);
		}
		Instant now = clock.instant();
		if (!now.isBefore(command.expiry())) {
			return reject(Optional.of(command.commandId()), RejectionReason.EXPIRED,
					"expired at " + command.expiry() + ", received at " + now, record);
		}
		return new Decision.Answer(command, handlers.handle(command, state, now, persist));
	}

	private Decision reject(Optional<String> commandId, RejectionReason reason, String detail, String record) {
		// refusals of a verified command that is merely late or repeated are not dead letters: nothing is wrong
		// with the record itself
		boolean deadLetter = reason != RejectionReason.EXPIRED && reason != RejectionReason.REPLAYED;
		return new Decision.Reject(new CommandRejected(target, commandId, reason, detail, record), deadLetter);
	}

}
