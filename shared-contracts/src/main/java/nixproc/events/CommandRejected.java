package nixproc.events;

import java.util.Optional;

import static nixproc.events.Checks.notBlank;
import static nixproc.events.Checks.notNull;

/**
 * A record on the command topic that the agent refused without changing anything.
 *
 * @param commandId the command's id, present only when the record was verified as the coordinator's command for this
 *        target: a refusal of an unsigned or forged record, or of another target's command, names none
 * @param record where the record was: {@code topic-partition@offset}
 */
public record CommandRejected(String target, Optional<String> commandId, RejectionReason reason, String detail,
		String record) implements AgentEvent {

	public CommandRejected {
		notBlank(target, "target");
		notNull(reason, "reason");
		notNull(detail, "detail");
		notNull(record, "record");
		commandId = commandId == null ? Optional.empty() : commandId;
	}

}
