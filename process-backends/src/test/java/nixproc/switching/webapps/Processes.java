package nixproc.switching.webapps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the tests look at from the outside, as an operator would with {@code ss -lp}, {@code pgrep} and
 * {@code curl}: which process listens on a port (from {@code /proc}, so it works for every backend, whether or
 * not it keeps PID files), which processes mention a directory, and an HTTP GET with a chosen {@code Host}.
 */
final class Processes {

	private Processes() {
	}

	/**
	 * The process that listens on {@code port}: of those holding the listening socket, the one whose parent does
	 * not (nginx's master, not its workers).
	 */
	static long listening(int port) {
		Set<String> inodes = new HashSet<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			try {
				List<String> lines = Files.readAllLines(Path.of(table));
				for (String line : lines.subList(1, lines.size())) {
					String[] f = line.trim().split("\\s+");
					String local = f[1];
					if (f[3].equals("0A") && Integer.parseInt(local.substring(local.indexOf(':') + 1), 16) == port) {
						inodes.add("socket:[" + f[9] + "]");
					}
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot read " + table, ex);
			}
		}
		Set<Long> holders = new HashSet<>();
		try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path proc : procs) {
				try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
					for (Path fd : fds) {
						if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
							holders.add(Long.parseLong(proc.getFileName().toString()));
							break;
						}
					}
				}
				catch (IOException ex) {
					// gone meanwhile, or not ours to look at
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return holders.stream()
			.filter(pid -> ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(p -> !holders.contains(p.pid())).orElse(true))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no process listens on port " + port));
	}

	/** Live processes whose command line, environment or working directory mention {@code dir}, and their children. */
	static List<ProcessHandle> mentioning(Path dir) {
		byte[] needle = dir.toString().getBytes(StandardCharsets.UTF_8);
		try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
			return all.filter(p -> p.pid() != ProcessHandle.current().pid())
				.filter(p -> contains(read(p, "cmdline"), needle) || contains(read(p, "environ"), needle))
				.toList();
		}
	}

	/** {@code curl -H 'Host: <host>' http://127.0.0.1:<port>/}: the body, or the connection error as text. */
	static String get(int port, String host) {
		// A socket rather than HttpClient: HttpClient refuses to set Host unless a JVM-wide property is set before
		// its first use, which other tests in the same JVM may already have made.
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: nixproc-test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no answer: " + ex + ")";
		}
	}

	private static byte[] read(ProcessHandle process, String file) {
		try {
			return Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), file));
		}
		catch (IOException ex) {
			return new byte[0];
		}
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
