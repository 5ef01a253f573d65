package nixproc.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A copy of the checkout as a user's fresh clone holds it: the files git tracks (and new ones it does not ignore),
 * no build output. Commands run in it through a shell with an environment of their own: a {@code HOME} and
 * {@code XDG_STATE_HOME} of the test's, and none of the {@code NIXPROC_*} variables CI sets for the tests.
 */
final class FreshCopy {

	private final Path root;

	private final Path home;

	private FreshCopy(Path root, Path home) {
		this.root = root;
		this.home = home;
	}

	/** Copies the checkout this test runs in into {@code dir}/nixproc; {@code dir}/home becomes its user's home. */
	static FreshCopy of(Path dir) {
		Path checkout = checkout();
		Path root = dir.resolve("nixproc");
		try {
			Process git = new ProcessBuilder("git", "-C", checkout.toString(), "ls-files", "-z", "--cached", "--others",
					"--exclude-standard").redirectError(ProcessBuilder.Redirect.DISCARD).start();
			String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
				throw new IllegalStateException("git ls-files failed in " + checkout);
			}
			for (String file : listing.split("\0")) {
				Path from = checkout.resolve(file);
				if (file.isEmpty() || !Files.exists(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
					continue;
				}
				Path to = root.resolve(file);
				Files.createDirectories(to.getParent());
				Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
			}
			Path home = Files.createDirectories(dir.resolve("home"));
			return new FreshCopy(root, home);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** The checkout Surefire runs in (its working directory is the module's). */
	static Path checkout() {
		for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
			if (Files.isRegularFile(d.resolve("nixproc")) && Files.isDirectory(d.resolve("e2e-tests"))) {
				return d;
			}
		}
		throw new IllegalStateException("no checkout above " + Path.of("").toAbsolutePath());
	}

	Path root() {
		return root;
	}

	Path home() {
		return home;
	}

	/** Where {@code nixproc up} keeps the network by default: {@code $XDG_STATE_HOME/nixproc}. */
	Path stateDir() {
		return home.resolve(".local/state/nixproc");
	}

	/** The environment of a user's shell on a machine with a JDK: no variable of the test run's. */
	Map<String, String> environment() {
		Map<String, String> env = new LinkedHashMap<>();
		for (String name : List.of("PATH", "JAVA_HOME", "LANG", "LC_ALL", "USER", "LOGNAME", "TERM")) {
			String value = System.getenv(name);
			if (value != null) {
				env.put(name, value);
			}
		}
		env.put("HOME", home.toString());
		// the Maven wrapper's download of Maven, which the user's first command made once (not the project's build)
		env.put("MAVEN_USER_HOME", Optional.ofNullable(System.getenv("MAVEN_USER_HOME"))
			.orElse(Path.of(System.getProperty("user.home"), ".m2").toString()));
		env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
		return env;
	}

	/** A command line run by bash in the copy, as a user types it; returns its exit code and output. */
	Run run(String command, Duration timeout) {
		Path log = home.resolve("command-" + System.nanoTime() + ".log");
		Process process = start(command, log);
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new AssertionError(command + " did not finish within " + timeout + "; its output:\n"
						+ Files.readString(log));
			}
			return new Run(command, process.exitValue(), Files.readString(log));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Starts a command line in the background; its output goes to {@code log}. */
	Process start(String command, Path log) {
		List<String> argv = new ArrayList<>(List.of("bash", "-c", command));
		ProcessBuilder builder = new ProcessBuilder(argv).directory(root.toFile()).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().clear();
		builder.environment().putAll(environment());
		try {
			return builder.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot run " + command, e);
		}
	}

	/** A finished command: its exit code and output. */
	record Run(String command, int exitCode, String output) {

		@Override
		public String toString() {
			return "$ " + command + "\n(exit " + exitCode + ")\n" + output;
		}

	}

}
