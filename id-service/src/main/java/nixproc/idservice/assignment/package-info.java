/**
 * Assignments: {@code POST /api/v1/assignments} runs the pure dydisnix algorithm ({@link nixproc.idassign.IdAssigner})
 * in one transaction with the pools locked, stores who holds what, answers the same deployment id with the same
 * answer, and raises {@link nixproc.idservice.assignment.IdsAssigned} / {@link nixproc.idservice.assignment.IdsReleased}
 * through Spring Modulith's event publication registry (the outbox), externalised to Kafka by one listener.
 */
@NullMarked
package nixproc.idservice.assignment;

import org.jspecify.annotations.NullMarked;
