package nixproc.backend;

import java.util.Optional;

/**
 * Optional ability of a {@link Driver} (checked with {@code instanceof}) whose process manager is a server the
 * driver talks to and that may be down (a Docker engine): asked before a switch changes anything, so that an
 * unreachable manager is one refusal instead of a start that fails and a rollback that fails the same way.
 */
public interface Reachable {

	/** Why the manager cannot be reached now, in its own words; empty when it answers. */
	Optional<String> unreachable();

}
