package nixproc.switching;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;

import nixproc.backend.Driver;
import nixproc.profile.InstanceEntry;
import nixproc.switching.SwitchOutcome.StartFailure;

/**
 * A port someone else listens on would pass the TCP probe, and a manager that keeps retrying (supervisord) would
 * report the instance STARTING all along: the switch would commit an instance that never ran. Checked before
 * {@link Driver#load}, which may already start programs, and after the obsolete instances have stopped.
 */
final class PortProbe {

	private PortProbe() {
	}

	/** The first instance whose TCP readiness port already answers. */
	static Optional<StartFailure> portTaken(List<InstanceEntry> instances) {
		for (InstanceEntry instance : instances) {
			Optional<Integer> port = instance.readiness().flatMap(r -> r.tcpPort());
			if (port.isPresent() && listening(port.get())) {
				return Optional.of(new StartFailure(instance.name(), "tcp port " + port.get()
						+ " is already in use by another process (before the instance started)", ""));
			}
		}
		return Optional.empty();
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
