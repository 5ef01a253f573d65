package nixproc.coordinator.deployment;

/**
 * A signed command decided in a saga transaction, handed to Kafka after commit through the outbox: a crash
 * between the two sends it at the next start, and the agent drops the duplicate by its command id.
 */
record CommandIssued(String target, String envelope) {
}
