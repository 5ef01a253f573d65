package nixproc.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The instances of one machine, keyed by instance name, in document order. Every {@code pkg} has its
 * {@code instanceName} set (defaulting to the key) and its {@code dependencies} are keys of this model once
 * {@link ModelValidator#validate} accepted it.
 */
public record ProcessesModel(Map<String, Instance> instances) {

	public ProcessesModel {
		instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
	}

	public Optional<Instance> instance(String instanceName) {
		return Optional.ofNullable(instances.get(instanceName));
	}

}
