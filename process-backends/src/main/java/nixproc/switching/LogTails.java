package nixproc.switching;

import nixproc.backend.Driver;
import nixproc.backend.LogSource;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;

/** The last lines an instance wrote, for the message that says why it did not start; empty when its driver cannot tell. */
final class LogTails {

	private static final int LINES = 15;

	private LogTails() {
	}

	static String of(Driver driver, ProfileGeneration generation, InstanceEntry instance) {
		return driver instanceof LogSource logs ? logs.logTail(generation, instance, LINES).orElse("") : "";
	}

}
