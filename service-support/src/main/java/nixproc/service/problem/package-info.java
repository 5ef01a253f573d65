/**
 * One error format for every nixproc service: RFC 9457 {@code application/problem+json} with an {@code errors}
 * array of {@code { "pointer": "/services/0/name", "message": "…" }} naming each offending field, the
 * {@link nixproc.problem.ProblemDocument} of shared-contracts that clients read. Bad input is a 4xx that says what is
 * wrong, never a 500.
 */
@NullMarked
package nixproc.service.problem;

import org.jspecify.annotations.NullMarked;
