/** Kafka connectivity of a service: the readiness contribution that reports an unreachable broker. */
@NullMarked
package nixproc.service.kafka;

import org.jspecify.annotations.NullMarked;
