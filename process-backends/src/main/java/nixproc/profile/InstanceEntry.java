package nixproc.profile;

import java.util.List;
import java.util.Optional;

import nixproc.model.Readiness;

/**
 * One instance of a generation, with what the switch needs to start, stop, compare and wait for it.
 *
 * @param name the instance name
 * @param hash SHA-256 (hex) of the instance's generated files: equal hashes mean nothing to restart
 * @param dependencies instances that must be ready before this one starts
 * @param files the profile paths generated for this instance
 * @param pidFile where the running instance's PID is kept, if the backend uses PID files
 * @param readiness the instance's readiness probe, if it has one
 * @param user the user the instance runs as, when it changes user
 * @param logFile where the instance's output goes when nixproc daemonises it, for failure messages
 */
public record InstanceEntry(String name, String hash, List<String> dependencies, List<String> files,
		Optional<String> pidFile, Optional<Readiness> readiness, Optional<String> user, Optional<String> logFile) {

	public InstanceEntry {
		dependencies = List.copyOf(dependencies);
		files = List.copyOf(files);
	}

}
