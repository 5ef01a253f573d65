/**
 * The one error document of nixproc's REST APIs: RFC 9457 {@code application/problem+json} with an {@code errors}
 * array naming each offending field by JSON pointer. The services write it (service-support), the coordinator and
 * the command line read it, all through {@link nixproc.problem.ProblemDocument}.
 */
@NullMarked
package nixproc.problem;

import org.jspecify.annotations.NullMarked;
