package nixproc.backend;

import nixproc.process.Layout;
import nixproc.run.CommandRunner;

/**
 * What a driver needs from its surroundings.
 *
 * @param layout the state directories of the deployment (where a profile-private manager keeps its socket)
 * @param runner every external command goes through it
 * @param privileged whether nixproc runs as root and may change users ({@code false} under
 * {@code --force-disable-user-change})
 */
public record DriverContext(Layout layout, CommandRunner runner, boolean privileged) {
}
