package nixproc.agent.command;

import java.util.List;
import java.util.OptionalInt;

import nixproc.events.Mapping;
import nixproc.events.MappingResult;

/**
 * Makes mappings run, or stop, with the machine's process manager: generate with the backend, materialise a local
 * generation, create credentials when privileged, start or stop, wait for readiness.
 */
public interface Activator {

	/**
	 * Starts the mappings in ascending {@link Mapping#order()}. On the first failure, stops what this call started
	 * and reports every mapping it got to.
	 *
	 * @param parallelism at most this many start at once (the command's; empty: the activator's own bound)
	 * @return one result per mapping attempted, in the order attempted
	 */
	BatchResult activate(long generation, List<Mapping> mappings, OptionalInt parallelism);

	/**
	 * Stops the mappings in descending {@link Mapping#order()} (dependents first).
	 *
	 * @param parallelism at most this many stop at once (the command's; empty: the activator's own bound)
	 */
	BatchResult deactivate(long generation, List<Mapping> mappings, OptionalInt parallelism);

	/**
	 * Brings the machine back to the last batch that completed, undoing a step the agent died in the middle of
	 * (what that step started is stopped, what it stopped runs again), and starts every instance of it that does
	 * not run. Idempotent: when everything runs as it should, nothing changes.
	 *
	 * @return one result per instance that had to be started again
	 */
	BatchResult reconcile();

	/**
	 * Stops everything the current generation runs, dependents first, and the process manager the profile runs of
	 * its own, without changing the generation ({@link #reconcile} starts it again).
	 *
	 * @return what could not be stopped, with why
	 */
	List<String> stopCurrent();

	/**
	 * The results of a batch.
	 *
	 * @param failure why the batch failed, when it did; results say which mapping
	 */
	record BatchResult(List<MappingResult> results, java.util.Optional<String> failure) {

		public boolean succeeded() {
			return failure.isEmpty();
		}

	}

}
