package nixproc.switching;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import nixproc.profile.InstanceEntry;
import nixproc.switching.SwitchOutcome.StartFailure;

/**
 * Runs one action per instance, each as soon as its prerequisites ({@link Order}) have finished, independent ones in
 * parallel, at most {@code parallelism} at once (the pool's size: an action holds its thread from beginning to end).
 * After the first failure nothing new begins; what runs is allowed to finish.
 */
final class Scheduler {

	/** Which instances of a list must have finished before another one begins. */
	enum Order {
		/** its dependencies (starting) */
		DEPENDENCIES_FIRST,
		/** the instances that depend on it (stopping) */
		DEPENDENTS_FIRST,
		/** none (checking) */
		ANY
	}

	private Scheduler() {
	}

	/** @param instances in an order where prerequisites come first */
	static Optional<StartFailure> inOrder(List<InstanceEntry> instances, Order order, int parallelism,
			Function<InstanceEntry, Optional<StartFailure>> action) {
		if (instances.isEmpty()) {
			return Optional.empty();
		}
		Map<String, List<String>> prerequisites = new LinkedHashMap<>();
		instances.forEach(instance -> prerequisites.put(instance.name(), new ArrayList<>()));
		for (InstanceEntry instance : order == Order.ANY ? List.<InstanceEntry>of() : instances) {
			for (String dependency : instance.dependencies()) {
				if (prerequisites.containsKey(dependency)) {
					if (order == Order.DEPENDENTS_FIRST) {
						prerequisites.get(dependency).add(instance.name());
					}
					else {
						prerequisites.get(instance.name()).add(dependency);
					}
				}
			}
		}
		AtomicReference<StartFailure> failure = new AtomicReference<>();
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, instances.size()));
		try {
			Map<String, CompletableFuture<Void>> futures = new LinkedHashMap<>();
			for (InstanceEntry instance : instances) {
				CompletableFuture<?>[] before = prerequisites.get(instance.name()).stream()
					.map(futures::get)
					.filter(Objects::nonNull)
					.toArray(CompletableFuture<?>[]::new);
				futures.put(instance.name(), CompletableFuture.allOf(before).thenRunAsync(() -> {
					if (failure.get() == null) {
						action.apply(instance).ifPresent(f -> failure.compareAndSet(null, f));
					}
				}, pool));
			}
			try {
				CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).get();
			}
			catch (java.util.concurrent.ExecutionException ex) {
				failure.compareAndSet(null, new StartFailure("(switch)", String.valueOf(ex.getCause()), ""));
			}
			catch (InterruptedException ex) {
				// the caller is being stopped: what runs is interrupted below, and nothing new begins
				Thread.currentThread().interrupt();
				failure.compareAndSet(null, new StartFailure("(switch)", "interrupted", ""));
			}
		}
		finally {
			pool.shutdownNow();
		}
		return Optional.ofNullable(failure.get());
	}

}
