package nixproc.coordinator.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import nixproc.events.Mapping;

/**
 * Diffs two manifests and lays the transition out in waves (reference §3.4, architecture §6 step 5). A wave holds
 * at most one batch per target; a mapping goes into the earliest wave after every cross-target dependency's wave,
 * and into the same wave as a same-target dependency but at a higher {@link Mapping#order()}, which the agent
 * switches level by level. Deactivation mirrors this with dependents first. Linear in mappings plus edges: the
 * manifest lists mappings in dependency order, so one pass forwards (activation) and one backwards (deactivation)
 * sees every dependency before its dependents.
 */
public final class Planner {

	private Planner() {
	}

	public static Plan plan(Manifest previous, Manifest next) {
		List<String> obsolete = new ArrayList<>();
		List<String> untouched = new ArrayList<>();
		previous.entries().forEach((key, entry) -> {
			ManifestEntry now = next.entries().get(key);
			if (now != null && now.hash().equals(entry.hash())) {
				untouched.add(key);
			}
			else {
				obsolete.add(key);
			}
		});
		List<String> added = next.entries()
			.keySet()
			.stream()
			.filter(key -> !isUntouched(previous, next, key))
			.toList();
		return new Plan(previous, next, obsolete, added, untouched, deactivation(previous, Set.copyOf(obsolete)),
				activation(next, Set.copyOf(added)));
	}

	private static boolean isUntouched(Manifest previous, Manifest next, String key) {
		ManifestEntry before = previous.entries().get(key);
		return before != null && before.hash().equals(next.entries().get(key).hash());
	}

	private record Slot(int wave, int order) {
	}

	private static List<List<Batch>> activation(Manifest next, Set<String> added) {
		Map<String, Slot> slots = new HashMap<>();
		for (ManifestEntry entry : next.entries().values()) {
			if (added.contains(entry.key())) {
				slots.put(entry.key(), place(entry, entry.dependsOn(), slots, next.entries()::get));
			}
		}
		return waves(next, slots, false);
	}

	private static List<List<Batch>> deactivation(Manifest previous, Set<String> obsolete) {
		Map<String, List<String>> dependents = new HashMap<>();
		previous.entries().values().forEach(e -> e.dependsOn().forEach(d -> {
			if (obsolete.contains(d) && obsolete.contains(e.key())) {
				dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(e.key());
			}
		}));
		Map<String, Slot> slots = new HashMap<>();
		List<ManifestEntry> entries = new ArrayList<>(previous.entries().values());
		for (ListIterator<ManifestEntry> it = entries.listIterator(entries.size()); it.hasPrevious();) {
			ManifestEntry entry = it.previous();
			if (obsolete.contains(entry.key())) {
				slots.put(entry.key(), place(entry, dependents.getOrDefault(entry.key(), List.of()), slots,
						previous.entries()::get));
			}
		}
		return waves(previous, slots, true);
	}

	/** The slot of {@code entry} after {@code before}, those of which are placed already (others are running). */
	private static Slot place(ManifestEntry entry, List<String> before, Map<String, Slot> slots,
			Function<String, ManifestEntry> lookup) {
		int wave = 0;
		for (String key : before) {
			Slot slot = slots.get(key);
			if (slot != null) {
				wave = Math.max(wave, lookup.apply(key).target().equals(entry.target()) ? slot.wave() : slot.wave() + 1);
			}
		}
		int order = 0;
		for (String key : before) {
			Slot slot = slots.get(key);
			if (slot != null && slot.wave() == wave && lookup.apply(key).target().equals(entry.target())) {
				order = Math.max(order, slot.order() + 1);
			}
		}
		return new Slot(wave, order);
	}

	/**
	 * Groups slots into waves of per-target batches. For deactivation the agent stops the highest order first, so
	 * orders are mirrored: a dependent (placed earlier, lower) must get the higher order.
	 */
	private static List<List<Batch>> waves(Manifest manifest, Map<String, Slot> slots, boolean mirror) {
		TreeMap<Integer, TreeMap<String, List<Mapping>>> byWave = new TreeMap<>();
		Map<String, Integer> maxOrder = new HashMap<>();
		if (mirror) {
			for (ManifestEntry entry : manifest.entries().values()) {
				Slot slot = slots.get(entry.key());
				if (slot != null) {
					maxOrder.merge(slot.wave() + "/" + entry.target(), slot.order(), Math::max);
				}
			}
		}
		for (ManifestEntry entry : manifest.entries().values()) {
			Slot slot = slots.get(entry.key());
			if (slot != null) {
				int order = mirror ? maxOrder.get(slot.wave() + "/" + entry.target()) - slot.order() : slot.order();
				byWave.computeIfAbsent(slot.wave(), w -> new TreeMap<>())
					.computeIfAbsent(entry.target(), t -> new ArrayList<>())
					.add(new Mapping(entry.service(), order, entry.process(), entry.properties()));
			}
		}
		List<List<Batch>> waves = new ArrayList<>();
		byWave.values().forEach(targets -> {
			List<Batch> wave = new ArrayList<>();
			targets.forEach((target, mappings) -> wave.add(new Batch(target, mappings)));
			waves.add(wave);
		});
		return waves;
	}

}
