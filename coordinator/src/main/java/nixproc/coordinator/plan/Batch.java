package nixproc.coordinator.plan;

import java.util.List;

import nixproc.events.Mapping;

/** What one target does in one wave: one {@code Activate} or {@code Deactivate} command. */
public record Batch(String target, List<Mapping> mappings) {

	public Batch {
		mappings = List.copyOf(mappings);
	}

}
