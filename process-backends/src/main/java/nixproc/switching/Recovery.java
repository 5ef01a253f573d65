package nixproc.switching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.backend.Driver;
import nixproc.backend.InstanceStatus;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;

/**
 * A journal ({@link Journal}) left behind means a switch died half-way: the generation it came from is put back, so
 * that two generations' processes never run side by side, and the one it was creating is forgotten. Every switch
 * does this first, under the profile's lock.
 */
final class Recovery {

	private final GenerationStore store;

	private final Driver driver;

	private final Activation activation;

	private final SwitchListener listener;

	Recovery(GenerationStore store, Driver driver, Activation activation, SwitchListener listener) {
		this.store = store;
		this.driver = driver;
		this.activation = activation;
		this.listener = listener;
	}

	void finishInterruptedSwitch() {
		Optional<Journal> journal = Journal.read(store.directory());
		if (journal.isEmpty()) {
			return;
		}
		Optional<ProfileGeneration> from = journal.get().from() == 0 ? Optional.empty() : store.get(journal.get().from());
		Optional<ProfileGeneration> to = store.get(journal.get().to());
		listener.note("finishing an interrupted switch: restoring generation " + journal.get().from());
		Map<String, InstanceEntry> keep = from.map(g -> g.manifest().byName()).orElse(Map.of());
		if (to.isPresent()) {
			List<InstanceEntry> reverse = new ArrayList<>(to.get().manifest().instances());
			Collections.reverse(reverse);
			for (InstanceEntry instance : reverse) {
				InstanceEntry previous = keep.get(instance.name());
				boolean sameAsBefore = previous != null && previous.hash().equals(instance.hash());
				if (!sameAsBefore && driver.status(to.get(), instance) != InstanceStatus.UNKNOWN) {
					listener.stopping(instance);
					driver.stop(to.get(), instance);
				}
			}
		}
		if (from.isPresent()) {
			activation.startNotRunning(from.get(), Collections.synchronizedList(new ArrayList<>())).ifPresent(f -> {
				throw new IllegalStateException("cannot restore generation " + from.get().number()
						+ " after an interrupted switch: " + f.instance() + ": " + f.reason());
			});
			store.makeCurrent(from.get().number());
		}
		if (journal.get().created() && to.isPresent()) {
			store.delete(new GenerationStore.Deletion.Numbers(List.of(to.get().number())));
		}
		Journal.remove(store.directory());
	}

}
