package nixproc.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code generation.json}: what one generation of a local profile holds (the coordinator's manifest of a whole
 * network is another thing, {@code nixproc.coordinator.plan.Manifest}). {@code formatVersion} lets a later nixproc
 * read an older generation (style G9).
 *
 * @param modelHash SHA-256 of the model file the generation was built from, to detect a model that changed
 * between build and switch
 * @param credentials users and groups this generation created (privileged deployments only), so that a later
 * switch deletes what is no longer used
 */
public record ProfileManifest(int formatVersion, int generation, String backend, Instant createdAt, String modelHash,
		List<InstanceEntry> instances, AccountNames credentials) {

	public static final int FORMAT_VERSION = 1;

	public ProfileManifest {
		instances = List.copyOf(instances);
	}

	public Map<String, InstanceEntry> byName() {
		return instances.stream().collect(Collectors.toUnmodifiableMap(InstanceEntry::name, Function.identity()));
	}

	public Optional<InstanceEntry> instance(String name) {
		return instances.stream().filter(i -> i.name().equals(name)).findFirst();
	}

	public ProfileManifest numbered(int number) {
		return new ProfileManifest(formatVersion, number, backend, createdAt, modelHash, instances, credentials);
	}

	/**
	 * Users and groups by name only (the model's {@link nixproc.model.Credentials} define them); kept under the JSON
	 * name {@code credentials}, which generations already on disk use.
	 */
	public record AccountNames(List<String> users, List<String> groups) {

		public static final AccountNames NONE = new AccountNames(List.of(), List.of());

		public AccountNames {
			users = List.copyOf(users);
			groups = List.copyOf(groups);
		}

	}

}
