package nixproc.switching;

import java.time.Duration;

import nixproc.profile.InstanceEntry;

/** Progress of a switch, for the command line (one line per event). */
public interface SwitchListener {

	SwitchListener SILENT = new SwitchListener() {
	};

	default void stopping(InstanceEntry instance) {
	}

	default void starting(InstanceEntry instance) {
	}

	default void ready(InstanceEntry instance, Duration took) {
	}

	default void rollingBack(String why) {
	}

	default void note(String message) {
	}

}
