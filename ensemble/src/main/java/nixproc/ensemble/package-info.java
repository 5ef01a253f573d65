/**
 * {@code nixproc up}: every part of a nixproc network as a child process of one parent on this machine, in the
 * order each needs the others (PostgreSQL and Kafka, then id-service, model-service and the coordinator, then one
 * agent per target), each waited for until ready, and stopped in reverse order.
 *
 * <pre>
 *   start:  lock state dir ─▶ ports free? ─▶ PostgreSQL ∥ Kafka ─▶ id-service ∥ model-service ∥ coordinator
 *           ─▶ agents (coordinator's key) ─▶ all registered ─▶ client settings written ─▶ READY
 *   stop:   agents (and what they started) ─▶ coordinator, model-service, id-service ─▶ Kafka ─▶ PostgreSQL
 * </pre>
 *
 * A part that does not come up in time is named with the tail of its log, and everything started before it is
 * stopped again. The services are known only as jars, {@code NIXPROC_*} variables and health URLs.
 */
@NullMarked
package nixproc.ensemble;

import org.jspecify.annotations.NullMarked;
