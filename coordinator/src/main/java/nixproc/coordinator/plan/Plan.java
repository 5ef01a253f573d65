package nixproc.coordinator.plan;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The transition from one manifest to the next (architecture §6 steps 3 and 5).
 *
 * @param obsolete keys of mappings to deactivate: gone from the next manifest, or with another hash there
 * @param added keys of mappings to activate: new, or with another hash
 * @param untouched keys present in both with the same hash; they keep running
 * @param deactivation waves of deactivations, dependents first; a wave starts when the one before has finished
 * @param activation waves of activations, dependencies first
 */
public record Plan(Manifest previous, Manifest next, List<String> obsolete, List<String> added,
		List<String> untouched, List<List<Batch>> deactivation, List<List<Batch>> activation) {

	public Plan {
		obsolete = List.copyOf(obsolete);
		added = List.copyOf(added);
		untouched = List.copyOf(untouched);
		deactivation = deactivation.stream().map(List::copyOf).toList();
		activation = activation.stream().map(List::copyOf).toList();
	}

	/** Targets that change: these are locked. */
	public SortedSet<String> involvedTargets() {
		SortedSet<String> targets = new TreeSet<>();
		deactivation.forEach(wave -> wave.forEach(b -> targets.add(b.target())));
		activation.forEach(wave -> wave.forEach(b -> targets.add(b.target())));
		return targets;
	}

	public boolean changesNothing() {
		return obsolete.isEmpty() && added.isEmpty();
	}

	/**
	 * How many (de)activations each involved target runs at once: min({@code maxParallelPerTarget}, its
	 * {@code numOfCores}), the next manifest's (Disnix uses the new infrastructure for the whole transition), else the
	 * previous one's for a target that leaves the network, else Disnix's default of 1. Undo steps use the same bound.
	 */
	public SortedMap<String, Integer> parallelism(int maxParallelPerTarget) {
		SortedMap<String, Integer> bound = new TreeMap<>();
		for (String target : involvedTargets()) {
			int cores = next.numOfCores().getOrDefault(target,
					previous.numOfCores().getOrDefault(target, Manifest.DEFAULT_CORES));
			bound.put(target, Math.min(maxParallelPerTarget, cores));
		}
		return bound;
	}

	public Set<String> allTargets() {
		Set<String> targets = new TreeSet<>(previous.targets());
		targets.addAll(next.targets());
		return targets;
	}

}
