package nixproc.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Compact-constructor checks. Readers bind JSON to these records, so a missing field arrives as {@code null}; the
 * message names the field so that the rejection tells the sender what to fix.
 */
final class Checks {

	private Checks() {
	}

	static void notNull(Object value, String field) {
		if (value == null) {
			throw new IllegalArgumentException(field + ": required");
		}
	}

	static void notBlank(String value, String field) {
		notNull(value, field);
		if (value.isBlank()) {
			throw new IllegalArgumentException(field + ": must not be blank");
		}
	}

	/** Absent (also an explicit {@code null}) is empty: the agent's own bound. */
	static OptionalInt parallelism(OptionalInt parallelism) {
		if (parallelism == null) {
			return OptionalInt.empty();
		}
		if (parallelism.isPresent() && parallelism.getAsInt() < 1) {
			throw new IllegalArgumentException("parallelism: must be at least 1 (or absent for the agent's own bound), "
					+ "not " + parallelism.getAsInt());
		}
		return parallelism;
	}

	static List<Mapping> mappings(List<Mapping> mappings) {
		notNull(mappings, "mappings");
		Set<String> services = new HashSet<>();
		List<Mapping> copy = new ArrayList<>();
		for (Mapping mapping : mappings) {
			notNull(mapping, "mappings[]");
			if (!services.add(mapping.service())) {
				throw new IllegalArgumentException("mappings: service " + mapping.service() + " appears twice");
			}
			copy.add(mapping);
		}
		return List.copyOf(copy);
	}

}
