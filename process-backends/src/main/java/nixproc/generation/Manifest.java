package nixproc.generation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code generation.json}: what a generation holds. {@code formatVersion} lets a later nixproc read an older
 * generation (style G9).
 *
 * @param modelHash SHA-256 of the model file the generation was built from, to detect a model that changed
 * between build and switch
 * @param credentials users and groups this generation created (privileged deployments only), so that a later
 * switch deletes what is no longer used
 */
public record Manifest(int formatVersion, int generation, String backend, Instant createdAt, String modelHash,
		List<InstanceEntry> instances, Credentials credentials) {

	public static final int FORMAT_VERSION = 1;

	public Manifest {
		instances = List.copyOf(instances);
	}

	public Map<String, InstanceEntry> byName() {
		return instances.stream().collect(Collectors.toUnmodifiableMap(InstanceEntry::name, Function.identity()));
	}

	public Optional<InstanceEntry> instance(String name) {
		return instances.stream().filter(i -> i.name().equals(name)).findFirst();
	}

	public Manifest numbered(int number) {
		return new Manifest(formatVersion, number, backend, createdAt, modelHash, instances, credentials);
	}

	/** Users and groups by name. */
	public record Credentials(List<String> users, List<String> groups) {

		public static final Credentials NONE = new Credentials(List.of(), List.of());

		public Credentials {
			users = List.copyOf(users);
			groups = List.copyOf(groups);
		}

	}

}
