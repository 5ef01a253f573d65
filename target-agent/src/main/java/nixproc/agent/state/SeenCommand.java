package nixproc.agent.state;

import java.time.Instant;

/**
 * A command the agent carried out, kept so that a replay is refused and a redelivery gets the same answer.
 *
 * @param record where it was read, {@code topic-partition@offset}: a second delivery of that record is a redelivery
 *        (the agent crashed before committing the offset), any other record with this id is a replay
 * @param expiry the command's; once it is past, a replay would be refused as expired anyway and the entry can go
 * @param answer the signed answer envelope as sent, re-sent byte for byte on redelivery
 */
public record SeenCommand(String commandId, String record, Instant expiry, String answer) {
}
