package nixproc.idassign;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One service's needs.
 *
 * @param service the service (or instance) name, the key models use in {@code ids.<pool>.<service>}
 * @param targets the machines the service is mapped to; needed by machine-scoped pools, ignored by global ones
 * @param pools the pools it requires IDs from ({@code requiresUniqueIdsFor})
 */
public record IdRequest(String service, SortedSet<String> targets, SortedSet<String> pools) {

	public IdRequest {
		Objects.requireNonNull(service, "service");
		if (service.isEmpty()) {
			throw new IllegalArgumentException("service: must not be empty");
		}
		targets = Collections.unmodifiableSortedSet(new TreeSet<>(targets));
		pools = Collections.unmodifiableSortedSet(new TreeSet<>(pools));
	}

	public static IdRequest of(String service, Collection<String> targets, Collection<String> pools) {
		return new IdRequest(service, new TreeSet<>(targets), new TreeSet<>(pools));
	}

	/** A request without targets: enough when every pool it names is global. */
	public static IdRequest of(String service, String... pools) {
		return of(service, java.util.List.of(), java.util.List.of(pools));
	}

}
