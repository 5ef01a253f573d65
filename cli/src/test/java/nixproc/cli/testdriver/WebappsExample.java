package nixproc.cli.testdriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;

/**
 * examples/webapps/processes.yaml as it is, except for what a shared test machine needs: free ports instead of
 * 5000/5001/8080, and the webapp launcher by its absolute path instead of from the PATH.
 */
final class WebappsExample {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	static final Path CHECKS = ROOT.resolve("examples/checks/webapps.yaml");

	private WebappsExample() {
	}

	/** The model's text with fresh ports. */
	static String yaml() {
		try {
			String text = Files.readString(ROOT.resolve("examples/webapps/processes.yaml"));
			Path launcher = ROOT.resolve("examples/webapp/webapp");
			if (!Files.isRegularFile(ROOT.resolve("examples/webapp/target/webapp.jar"))) {
				throw new AssertionError("examples/webapp/target/webapp.jar is missing: run ./mvnw -pl examples/webapp package");
			}
			return text.replace("5000", String.valueOf(freePort()))
				.replace("5001", String.valueOf(freePort()))
				.replace("8080", String.valueOf(freePort()))
				.replace("daemon: ../webapp/webapp", "daemon: " + launcher)
				.replace("foregroundProcess: ../webapp/webapp", "foregroundProcess: " + launcher);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static TestDriver.ModelSource source() {
		String yaml = yaml();
		return (layout, manager) -> read(yaml);
	}

	static ProcessesModel read(String yaml) {
		return ModelReader.readProcesses(yaml, true);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
