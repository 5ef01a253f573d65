package nixproc.agent.command;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import nixproc.events.Mapping;

/**
 * The activator of a build without process-manager drivers: it changes nothing and says so, so that the coordinator
 * fails the step (and rolls back) instead of believing something runs.
 */
public final class UnavailableActivator implements Activator {

	public static final String REASON = "activation not available in this build";

	private final String detail;

	/** @param detail why, e.g. which process manager was asked for */
	public UnavailableActivator(String detail) {
		this.detail = detail;
	}

	@Override
	public BatchResult activate(long generation, List<Mapping> mappings, OptionalInt parallelism) {
		return new BatchResult(List.of(), Optional.of(REASON + " (" + detail + ")"));
	}

	@Override
	public BatchResult deactivate(long generation, List<Mapping> mappings, OptionalInt parallelism) {
		return new BatchResult(List.of(), Optional.of(REASON + " (" + detail + ")"));
	}

	/** Nothing was ever started, so there is nothing to undo. */
	@Override
	public BatchResult reconcile() {
		return new BatchResult(List.of(), Optional.empty());
	}

	/** Nothing was ever started, so there is nothing to stop. */
	@Override
	public List<String> stopCurrent() {
		return List.of();
	}

}
