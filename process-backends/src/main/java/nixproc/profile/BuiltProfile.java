package nixproc.profile;

import java.util.List;

import nixproc.backend.GeneratedFiles;
import nixproc.model.Credentials;

/**
 * A profile built for one backend, not yet on disk: all files, and one entry per instance in activation order.
 *
 * @param credentials the groups and users every instance asks for, merged
 */
public record BuiltProfile(String backend, GeneratedFiles files, List<InstanceEntry> instances, Credentials credentials) {

	public BuiltProfile {
		instances = List.copyOf(instances);
	}

}
