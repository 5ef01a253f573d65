/**
 * Assignments: {@code POST /api/v1/assignments} runs the pure dydisnix algorithm ({@link nixproc.ids.IdAssigner})
 * in one transaction with the pools locked, stores who holds what, answers the same deployment id with the same
 * answer, and raises {@link nixproc.ids.assignment.IdsAssigned} / {@link nixproc.ids.assignment.IdsReleased}
 * through Spring Modulith's event publication registry (the outbox), externalised to Kafka by one listener.
 */
@NullMarked
package nixproc.ids.assignment;

import org.jspecify.annotations.NullMarked;
