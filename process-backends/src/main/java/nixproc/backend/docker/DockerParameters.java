package nixproc.backend.docker;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code overrides.docker} can change, under the seed's {@code createDockerContainer} names where it has one
 * (reference §3.8), plus the parameters nixproc adds from the model. Absent optional parameters are not written.
 *
 * @param dockerImageTag the image to create the container from (the seed: always {@code <name>:latest})
 * @param dockerImage an image tarball to {@code docker load} before creating the container
 * @param dockerCreateParameters extra {@code docker create} options, written first, as the seed's
 * @param useHostNixStore bind-mount the host's {@code /nix/store} (default: when the executable lives in it)
 * @param useHostNetwork {@code --network host}, so a container behaves like a plain process on its ports
 * @param mapStateDirVolumes host directories bind-mounted at the same path ({@code <dir>:<dir>:z})
 * @param environment {@code --env} variables, PATH included
 * @param workingDir {@code --workdir}
 * @param user {@code --user}; absent when the proxy drops to the user after initialize
 * @param restart {@code --restart} policy in docker's syntax
 * @param stopTimeout seconds between SIGTERM and SIGKILL: {@code --stop-timeout}, and {@code docker stop -t}
 * @param cmd the container's command, after the image
 */
record DockerParameters(String dockerImageTag, Optional<String> dockerImage, List<CreateParameter> dockerCreateParameters,
		boolean useHostNixStore, boolean useHostNetwork, List<String> mapStateDirVolumes, Map<String, String> environment,
		Optional<String> workingDir, Optional<String> user, Optional<String> restart, Optional<Integer> stopTimeout,
		List<String> cmd) {

	DockerParameters {
		dockerImageTag = dockerImageTag == null ? "" : dockerImageTag;
		dockerImage = orEmpty(dockerImage);
		dockerCreateParameters = dockerCreateParameters == null ? List.of() : List.copyOf(dockerCreateParameters);
		mapStateDirVolumes = mapStateDirVolumes == null ? List.of() : List.copyOf(mapStateDirVolumes);
		// name order: the same model always gives the same file
		environment = environment == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(environment));
		workingDir = orEmpty(workingDir);
		user = orEmpty(user);
		restart = orEmpty(restart);
		stopTimeout = orEmpty(stopTimeout);
		cmd = cmd == null ? List.of() : List.copyOf(cmd);
	}

	/**
	 * One {@code docker create} option as the seed writes it: {@code --name} for names longer than one character,
	 * {@code -n} otherwise, followed by the value when there is one (a bare flag otherwise).
	 */
	record CreateParameter(String name, Optional<String> value) {

		CreateParameter {
			name = name == null ? "" : name;
			value = orEmpty(value);
		}

		String flag() {
			return (name.length() == 1 ? "-" : "--") + name;
		}

	}

	@SuppressWarnings("NullAway")
	private static <T> Optional<T> orEmpty(Optional<T> value) {
		// Jackson hands null for an absent key (and for a key an override set to null)
		return value == null ? Optional.empty() : value;
	}

}
