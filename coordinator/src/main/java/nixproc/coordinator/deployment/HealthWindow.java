package nixproc.coordinator.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import nixproc.coordinator.generation.Generation;
import nixproc.coordinator.plan.ManifestEntry;
import nixproc.coordinator.target.ProcessFailedReported;

/**
 * Whether an agent's {@code ProcessFailed} rolls the network back (architecture §6 step 8, issue 17 item 7): only a
 * failure of a mapping that the latest deployment added or changed, reported for that generation, seen inside its
 * health window. Anything else (an untouched service, an older generation, an event from before the deployment
 * began or after its window, a deployment without a window) leaves the network as it is; a replayed event is caught
 * by its envelope id, which {@link Deployments} records once it acts.
 */
final class HealthWindow {

	private HealthWindow() {
	}

	/**
	 * Why {@code failed} does not roll the network back, or empty when it does.
	 *
	 * @param latest the committed generation the network runs
	 * @param previous the generation before it, which a rollback would deploy again
	 * @param committed the deployment that committed {@code latest}
	 */
	static Optional<String> ignored(ProcessFailedReported failed, Generation latest, Optional<Generation> previous,
			DeploymentRow committed, Instant now) {
		if (previous.isEmpty()) {
			return Optional.of("there is no generation before " + latest.number() + " to roll back to");
		}
		if (committed.finishedAt().isEmpty() || committed.options().healthWindowSeconds() <= 0) {
			return Optional.of("deployment " + committed.id() + " has no health window");
		}
		Instant closes = committed.finishedAt().get().plus(Duration.ofSeconds(committed.options().healthWindowSeconds()));
		if (now.isAfter(closes) || failed.time().isAfter(closes)) {
			return Optional.of("the health window of " + committed.id() + " closed at " + closes);
		}
		if (failed.time().isBefore(committed.createdAt())) {
			return Optional.of("reported at " + failed.time() + ", before deployment " + committed.id() + " began");
		}
		if (failed.generation() != latest.number()) {
			return Optional.of("about generation " + failed.generation() + ", not the committed " + latest.number());
		}
		String key = ManifestEntry.key(failed.service(), failed.target());
		ManifestEntry entry = latest.manifest().entries().get(key);
		if (entry == null) {
			return Optional.of(key + " is not a mapping of generation " + latest.number());
		}
		ManifestEntry before = previous.get().manifest().entries().get(key);
		if (before != null && before.hash().equals(entry.hash())) {
			return Optional.of(key + " was not changed by deployment " + committed.id());
		}
		return Optional.empty();
	}

}
