package nixproc.model;

import java.util.List;
import java.util.Optional;

/**
 * How to tell that a started instance is ready (nixproc extension): exactly one of a TCP port accepting
 * connections, an HTTP URL answering 2xx, or a command exiting 0; given up after {@code timeout} seconds.
 */
public record Readiness(Optional<Integer> tcpPort, Optional<String> httpUrl, List<String> command, int timeout) {

	public static final int DEFAULT_TIMEOUT = 30;

	public Readiness {
		tcpPort = tcpPort == null ? Optional.empty() : tcpPort;
		httpUrl = httpUrl == null ? Optional.empty() : httpUrl;
		command = command == null ? List.of() : List.copyOf(command);
		timeout = timeout == 0 ? DEFAULT_TIMEOUT : timeout;
	}

}
