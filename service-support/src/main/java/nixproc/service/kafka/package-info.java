/** Kafka for a service: the outbox's hand-off to the broker, and the readiness contribution that reports it unreachable. */
@NullMarked
package nixproc.service.kafka;

import org.jspecify.annotations.NullMarked;
