package nixproc.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One external command: its argument vector (never a shell string), extra environment, working directory, how
 * long it may take, and what it reads on standard input (nothing unless given: secrets go there, never into the
 * argument vector, which every local user sees in {@code ps}).
 */
public record Command(List<String> argv, Map<String, String> environment, Optional<Path> directory, Duration timeout,
		Optional<String> input) {

	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

	public Command {
		if (argv.isEmpty()) {
			throw new IllegalArgumentException("a command needs at least the program");
		}
		argv = List.copyOf(argv);
		environment = Map.copyOf(environment);
	}

	public Command(List<String> argv, Map<String, String> environment, Optional<Path> directory, Duration timeout) {
		this(argv, environment, directory, timeout, Optional.empty());
	}

	public static Command of(String... argv) {
		return new Command(List.of(argv), Map.of(), Optional.empty(), DEFAULT_TIMEOUT);
	}

	public static Command of(List<String> argv) {
		return new Command(argv, Map.of(), Optional.empty(), DEFAULT_TIMEOUT);
	}

	public Command withEnvironment(Map<String, String> extra) {
		return new Command(argv, extra, directory, timeout, input);
	}

	public Command withTimeout(Duration newTimeout) {
		return new Command(argv, environment, directory, newTimeout, input);
	}

	public Command in(Path newDirectory) {
		return new Command(argv, environment, Optional.of(newDirectory), timeout, input);
	}

	/** The same command reading {@code text} on its standard input (instead of nothing). */
	public Command withInput(String text) {
		return new Command(argv, environment, directory, timeout, Optional.of(text));
	}

	@Override
	public String toString() {
		return String.join(" ", argv);
	}

}
