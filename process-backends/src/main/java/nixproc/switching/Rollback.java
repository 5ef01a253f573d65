package nixproc.switching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import nixproc.backend.Driver;
import nixproc.profile.ConfigFiles;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;

/**
 * Undoes a switch whose start failed: stops what it started, then starts again what it stopped, from the previous
 * generation. Collects what went wrong instead of throwing, so that as much as possible is put back.
 */
final class Rollback {

	private final Driver driver;

	private final Activation activation;

	Rollback(Driver driver, Activation activation) {
		this.driver = driver;
		this.activation = activation;
	}

	/** @return what could not be undone; empty when the previous generation runs again */
	List<String> undo(Optional<ProfileGeneration> from, ProfileGeneration to, List<InstanceEntry> started,
			List<InstanceEntry> stopped, int parallelism) {
		List<String> errors = new ArrayList<>();
		List<InstanceEntry> toStop = new ArrayList<>(to.manifest().instances());
		toStop.retainAll(started);
		Collections.reverse(toStop);
		activation.stopAll(to, toStop, Collections.synchronizedList(new ArrayList<>()), parallelism)
			.ifPresent(f -> errors.add(f.instance() + ": " + f.reason()));
		if (from.isPresent()) {
			List<InstanceEntry> restart = new ArrayList<>(from.get().manifest().instances());
			restart.retainAll(stopped);
			// the failed generation may have overwritten them
			safely(errors, () -> ConfigFiles.materialise(from.get(), restart));
			safely(errors, () -> driver.load(from.get()));
			activation.startAll(from.get(), restart, Collections.synchronizedList(new ArrayList<>()), parallelism)
				.ifPresent(f -> errors.add(f.instance() + " did not come back: " + f.reason()));
		}
		return errors;
	}

	/** Runs {@code action}; its failure becomes one more entry of {@code errors}. */
	static void safely(List<String> errors, Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			errors.add(String.valueOf(ex.getMessage()));
		}
	}

}
