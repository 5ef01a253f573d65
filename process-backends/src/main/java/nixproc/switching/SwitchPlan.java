package nixproc.switching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileManifest;

/**
 * What a switch from one generation to another does: instances to stop (in the old generation, dependents first),
 * to start (in the new one, dependencies first) and to leave alone (same name, same content hash).
 */
public record SwitchPlan(List<InstanceEntry> stop, List<InstanceEntry> start, List<InstanceEntry> keep) {

	public SwitchPlan {
		stop = List.copyOf(stop);
		start = List.copyOf(start);
		keep = List.copyOf(keep);
	}

	/** Both manifests list instances in activation order, which the plan keeps (reversed for stopping). */
	public static SwitchPlan between(Optional<ProfileManifest> from, ProfileManifest to) {
		Map<String, InstanceEntry> old = from.map(ProfileManifest::byName).orElse(Map.of());
		Map<String, InstanceEntry> next = to.byName();
		List<InstanceEntry> stop = new ArrayList<>();
		for (InstanceEntry entry : from.map(ProfileManifest::instances).orElse(List.of())) {
			InstanceEntry successor = next.get(entry.name());
			if (successor == null || !successor.hash().equals(entry.hash())) {
				stop.add(0, entry);
			}
		}
		List<InstanceEntry> start = new ArrayList<>();
		List<InstanceEntry> keep = new ArrayList<>();
		for (InstanceEntry entry : to.instances()) {
			InstanceEntry predecessor = old.get(entry.name());
			(predecessor != null && predecessor.hash().equals(entry.hash()) ? keep : start).add(entry);
		}
		return new SwitchPlan(stop, start, keep);
	}

	public boolean changesNothing() {
		return stop.isEmpty() && start.isEmpty();
	}

}
