package nixproc.backend;

import java.util.Optional;

import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;

/**
 * Optional ability of a {@link Driver} (checked with {@code instanceof}): the last lines an instance wrote, for
 * the message that says why a start failed.
 */
public interface LogSource {

	Optional<String> logTail(ProfileGeneration generation, InstanceEntry instance, int lines);

}
