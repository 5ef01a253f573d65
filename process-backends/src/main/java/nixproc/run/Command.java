package nixproc.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One external command: its argument vector (never a shell string), extra environment, working directory and how
 * long it may take.
 */
public record Command(List<String> argv, Map<String, String> environment, Optional<Path> directory, Duration timeout) {

	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

	public Command {
		if (argv.isEmpty()) {
			throw new IllegalArgumentException("a command needs at least the program");
		}
		argv = List.copyOf(argv);
		environment = Map.copyOf(environment);
	}

	public static Command of(String... argv) {
		return new Command(List.of(argv), Map.of(), Optional.empty(), DEFAULT_TIMEOUT);
	}

	public static Command of(List<String> argv) {
		return new Command(argv, Map.of(), Optional.empty(), DEFAULT_TIMEOUT);
	}

	public Command withEnvironment(Map<String, String> extra) {
		return new Command(argv, extra, directory, timeout);
	}

	public Command withTimeout(Duration newTimeout) {
		return new Command(argv, environment, directory, newTimeout);
	}

	public Command in(Path newDirectory) {
		return new Command(argv, environment, Optional.of(newDirectory), timeout);
	}

	@Override
	public String toString() {
		return String.join(" ", argv);
	}

}
